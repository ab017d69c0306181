//! The WebAssembly package of cxkpi: customer-service KPI math for
//! JavaScript, in the browser and in Node.
//!
//! The API is made to feel native in JavaScript:
//!
//! - **camelCase names**; tallies are classes (`NpsTally`, `CsatTally`,
//!   `AhtTally`, `ServiceLevelTally`…) with static constructors
//!   (`fromScores`, `fromCounts`), `record` and `merge`, so that tallies
//!   computed per day, per queue or per worker add up exactly;
//! - **typed arrays in**: scores as a `Uint8Array` (or an array of numbers,
//!   each checked: a plain array of 256 never wraps to 0), seconds as a
//!   `Float64Array` or an array of numbers, contact counts as a
//!   `Uint32Array`;
//! - **plain objects out**: `{nps, promotersPct, …, responses}`, `{percent,
//!   part, whole}`, with TypeScript interfaces in the generated `.d.ts`;
//!   counts are numbers, exact up to 2⁵³ − 1; money is exact decimal text
//!   (`"15.56"`), never a float;
//! - **errors thrown as `Error`s**: a `CxkpiError` whose `kind` is the
//!   conformance vectors' error kind (`"empty"`, `"out_of_range"`,
//!   `"inconsistent"`, `"invalid_parameter"`, `"overflow"`, `"overloaded"`)
//!   and whose message is the core's ("NPS rating 11 at index 1 is out of
//!   range: it must be between 0 and 10"); a value of the wrong JavaScript
//!   type, or an options object with an unknown field, is a `TypeError`.
//!
//! ```js
//! const { NpsTally } = require("cxkpi");
//! const nps = NpsTally.fromScores(new Uint8Array([10, 9, 9, 8, 3])).nps();
//! // { nps: 40, promotersPct: 60, passivesPct: 20, detractorsPct: 20, responses: 5 }
//! ```
//!
//! Objects of the classes hold memory of the WebAssembly instance; the
//! generated glue frees it when JavaScript collects them, and `free()`
//! releases it at once.

mod contact;
mod cost;
#[cfg(feature = "grouped")]
mod grouped;
mod js;
mod operations;
mod staffing;
#[cfg(feature = "state")]
mod state;
mod stats;
mod survey;

pub use contact::{AbandonmentTally, AhtTally, FcrTally, RetentionTally};
pub use cost::{CostTally, cost_per_minute};
#[cfg(feature = "grouped")]
pub use grouped::{csat_by_code, nps_by_code};
pub use operations::{
    ServiceLevelTally, TicketVolume, WaitTally, duration_quantiles, duration_stats,
    service_level_from_counts,
};
pub use staffing::{agents_required, erlang_a, erlang_c, scheduled_agents};
pub use stats::{
    mean_interval, nps_difference, nps_sample_size, rate_interval, rate_sample_size, two_rates_test,
};
pub use survey::{CesTally, CsatTally, NpsTally};

use wasm_bindgen::prelude::wasm_bindgen;

/// The module's allocator: talc rather than the default dlmalloc, for size.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The version of this package, such as `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}
