//! The grouped paths (feature `grouped`): one tally per group code, from a
//! `Uint32Array` of codes and the scores beside it, in one pass.
//!
//! Off by default: the counting kernel and its glue would take the `.wasm`
//! past its size budget (see the README's WebAssembly section).
//!
//! ```js
//! const { npsByCode } = require("cxkpi");
//! const [web, phone] = npsByCode(2, new Uint32Array([0, 1, 0]), new Uint8Array([10, 3, 9]));
//! web.nps().nps; // 100
//! ```

use cxkpi::grouped::ByCode;
use cxkpi::{NpsRating, Score};
use js_sys::Uint32Array;
use wasm_bindgen::prelude::*;

use crate::js::{Result, count};
use crate::survey::{CsatTally, NpsTally, csat_rule, rating, score, scores};

/// The number of groups, from any number (past `usize::MAX`, a table the
/// core refuses to make).
fn groups(value: f64) -> Result<usize> {
    let n = count("groups", value)?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// The NPS tallies of `groups` group codes: row `i` is the score
/// `scores[i]` (0–10) of group `codes[i]`; tally `c` of the array is code
/// `c`'s.
///
/// # Errors
///
/// `out_of_range` for the first row whose score is not in 0–10 or whose
/// code is `groups` or more (the message names its index).
#[wasm_bindgen(js_name = npsByCode)]
pub fn nps_by_code(
    #[wasm_bindgen(js_name = groups)] n: f64,
    codes: &Uint32Array,
    #[wasm_bindgen(js_name = scores, unchecked_param_type = "Scores")] values: JsValue,
) -> Result<Vec<NpsTally>> {
    let bytes = scores(&values, &|v| rating(v).map(NpsRating::get))?;
    let by = ByCode::<cxkpi::NpsTally>::from_scores(groups(n)?, &codes.to_vec(), &bytes)?;
    Ok(by.into_tallies().into_iter().map(NpsTally).collect())
}

/// The CSAT tallies under `rule` of `groups` group codes: row `i` is the
/// score `scores[i]` of group `codes[i]`; tally `c` of the array is code
/// `c`'s.
///
/// # Errors
///
/// As `CsatTally.fromScores`, and `out_of_range` for the first row whose
/// code is `groups` or more.
#[wasm_bindgen(js_name = csatByCode)]
pub fn csat_by_code(
    #[wasm_bindgen(unchecked_param_type = "CsatRule")] rule: JsValue,
    #[wasm_bindgen(js_name = groups)] n: f64,
    codes: &Uint32Array,
    #[wasm_bindgen(js_name = scores, unchecked_param_type = "Scores")] values: JsValue,
) -> Result<Vec<CsatTally>> {
    let rule = csat_rule(&rule)?;
    let bytes = scores(&values, &|v| score(rule.scale(), v).map(Score::get))?;
    let by = ByCode::<cxkpi::CsatTally>::from_scores(rule, groups(n)?, &codes.to_vec(), &bytes)?;
    Ok(by.into_tallies().into_iter().map(CsatTally).collect())
}
