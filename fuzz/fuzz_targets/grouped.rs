//! The columnar grouped paths against recording row by row: the same
//! tallies, or the same error at the same row.
#![no_main]

use cxkpi::grouped::ByCode;
use cxkpi::{CsatRule, CsatTally, NpsRating, NpsTally, Scale, Tally};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&groups, rows)) = data.split_first() else {
        return;
    };
    let groups = usize::from(groups % 8);
    // Rows are (code, score) byte pairs; codes and scores may be out of range.
    let codes: Vec<u8> = rows.iter().step_by(2).copied().map(|c| c % 10).collect();
    let scores: Vec<u8> = rows
        .iter()
        .skip(1)
        .step_by(2)
        .copied()
        .map(|s| s % 13)
        .collect();
    let len = codes.len().min(scores.len());
    let (codes, scores) = (&codes[..len], &scores[..len]);

    // Row by row: the first bad row, or one tally per code.
    let mut by_row = vec![NpsTally::new(); groups];
    let mut first_bad = None;
    for (i, (&c, &s)) in codes.iter().zip(scores).enumerate() {
        let code = usize::from(c);
        match (code < groups, NpsRating::new(s)) {
            (true, Ok(r)) => by_row[code].record(r),
            _ => {
                first_bad = Some(i);
                break;
            }
        }
    }
    match ByCode::<NpsTally>::from_scores(groups, codes, scores) {
        Ok(by) => {
            assert_eq!(first_bad, None);
            assert_eq!(by.tallies(), &by_row[..]);
        }
        Err(e) => assert_eq!(e.index(), first_bad, "{e}"),
    }

    let rule = CsatRule::TOP_2_BOX_5;
    let mut by_row = vec![CsatTally::new(rule); groups];
    let mut first_bad = None;
    for (i, (&c, &s)) in codes.iter().zip(scores).enumerate() {
        let code = usize::from(c);
        match (code < groups, Scale::ONE_TO_FIVE.score(s)) {
            (true, Ok(score)) => by_row[code].record(score),
            _ => {
                first_bad = Some(i);
                break;
            }
        }
    }
    match ByCode::<CsatTally>::from_scores(rule, groups, codes, scores) {
        Ok(by) => {
            assert_eq!(first_bad, None);
            assert_eq!(by.tallies(), &by_row[..]);
        }
        Err(e) => assert_eq!(e.index(), first_bad, "{e}"),
    }
});
