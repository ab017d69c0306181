//! The grouped paths as properties: on any key and value columns, valid or
//! not, `ByCode` gives the breakdown that recording each row gives, and each
//! group's tally is the ungrouped batch path over that group's rows; a bad
//! row anywhere is the error of the first, with its index; with `rayon`, the
//! `par_` paths equal the sequential ones. Keys include one group, every row
//! its own group, and empty input.

use core::time::Duration;

use cxkpi::grouped::{ByCode, KeyCodes};
use cxkpi::{
    AhtTally, Breakdown, CesTally, CsatRule, CsatTally, Error, FcrTally, HandleTime, NpsRating,
    NpsTally, Resolution, Scale, ServiceLevelTally, ShortAbandons, Waited,
};
use proptest::prelude::*;

/// Groups and a code column: random codes below the group count (now and
/// then one above it), one group, or every row its own group.
fn keyed<V: Clone + core::fmt::Debug>(
    value: impl Strategy<Value = V> + Clone,
) -> impl Strategy<Value = (usize, Vec<u16>, Vec<V>)> {
    let rows = || prop_oneof![Just(0usize), 0usize..40, 0usize..3000];
    let (one, own) = (value.clone(), value.clone());
    prop_oneof![
        // Random codes, a few perhaps out of range.
        (1usize..300, rows()).prop_flat_map(move |(groups, n)| {
            let code = prop_oneof![
                30 => 0..u16::try_from(groups).unwrap(),
                1 => any::<u16>(),
            ];
            (
                Just(groups),
                prop::collection::vec(code, n),
                prop::collection::vec(value.clone(), n),
            )
        }),
        // One group.
        rows().prop_flat_map(move |n| {
            (
                Just(1),
                Just(vec![0; n]),
                prop::collection::vec(one.clone(), n),
            )
        }),
        // Every row its own group.
        rows().prop_flat_map(move |n| {
            let codes = (0..u16::try_from(n).unwrap()).collect();
            (Just(n), Just(codes), prop::collection::vec(own.clone(), n))
        }),
    ]
}

/// Mostly valid bytes in `lo..=hi`, now and then any byte.
fn byte(lo: u8, hi: u8) -> impl Strategy<Value = u8> + Clone {
    prop_oneof![40 => lo..=hi, 1 => any::<u8>()]
}

/// The message of a code out of range at row `i`.
fn bad_code(name: &str, code: u16, groups: usize, i: usize) -> String {
    format!(
        "{name} {code} at index {i} is out of range: it must be between 0 and {}",
        groups - 1
    )
}

/// The breakdown of recording each row `(code, observe(value))`, or the
/// message of the first bad row.
fn row_by_row<T: Clone + Extend<O>, V: Copy, O>(
    template: T,
    groups: usize,
    codes: &[u16],
    values: &[V],
    observe: impl Fn(V) -> Result<O, Error>,
) -> Result<Breakdown<usize, T>, String> {
    let mut by = Breakdown::new(template);
    for (i, (&c, &v)) in codes.iter().zip(values).enumerate() {
        if usize::from(c) >= groups {
            return Err(bad_code("group code", c, groups, i));
        }
        by.record(usize::from(c), observe(v).map_err(|e| e.at(i).to_string())?);
    }
    Ok(by)
}

/// Each group's rows of `values`.
fn rows_of<V: Copy>(groups: usize, codes: &[u16], values: &[V]) -> Vec<Vec<V>> {
    let mut out = vec![Vec::new(); groups];
    for (&c, &v) in codes.iter().zip(values) {
        out[usize::from(c)].push(v);
    }
    out
}

/// The grouped result in the form of [`row_by_row`]'s.
fn as_rows<T: cxkpi::Merge + Clone>(
    by: &Result<ByCode<T>, Error>,
) -> Result<Breakdown<usize, T>, String> {
    by.clone()
        .map(ByCode::into_breakdown)
        .map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn nps_by_code_equals_rows_and_batches((groups, codes, scores) in keyed(byte(0, 10))) {
        let by = ByCode::<NpsTally>::from_scores(groups, &codes, &scores);
        prop_assert_eq!(as_rows(&by), row_by_row(NpsTally::new(), groups, &codes, &scores, NpsRating::new));
        if let Ok(by) = by {
            prop_assert_eq!(by.groups(), groups);
            for (g, rows) in rows_of(groups, &codes, &scores).iter().enumerate() {
                prop_assert_eq!(by.get(g), Some(&NpsTally::from_scores(rows).unwrap()));
                prop_assert_eq!(by.rows(g), rows.len() as u64);
            }
            prop_assert_eq!(by.total().unwrap(), NpsTally::from_scores(&scores).unwrap());
        }
    }

    #[test]
    fn csat_by_code_equals_rows_and_batches(
        (groups, codes, scores) in keyed(byte(1, 5)),
        from in 1u8..=5,
    ) {
        let rule = CsatRule::new(Scale::ONE_TO_FIVE, from).unwrap();
        let by = ByCode::<CsatTally>::from_scores(rule, groups, &codes, &scores);
        let observe = |s: u8| {
            Scale::ONE_TO_FIVE.score(s).map_err(|_| CsatTally::from_scores(rule, &[s]).unwrap_err())
        };
        prop_assert_eq!(as_rows(&by), row_by_row(CsatTally::new(rule), groups, &codes, &scores, observe));
        if let Ok(by) = by {
            for (g, rows) in rows_of(groups, &codes, &scores).iter().enumerate() {
                prop_assert_eq!(by.get(g), Some(&CsatTally::from_scores(rule, rows).unwrap()));
            }
        }
    }

    #[test]
    fn ces_by_code_equals_rows_and_batches(
        (groups, codes, scores) in keyed(byte(0, 12)),
        (min, span) in (0u8..4, 1u8..9),
    ) {
        let scale = Scale::new(min, min + span).unwrap();
        let by = ByCode::<CesTally>::from_scores(scale, groups, &codes, &scores);
        let observe = |s: u8| scale.score(s).map_err(|_| CesTally::from_scores(scale, &[s]).unwrap_err());
        prop_assert_eq!(as_rows(&by), row_by_row(CesTally::new(scale), groups, &codes, &scores, observe));
        if let Ok(by) = by {
            for (g, rows) in rows_of(groups, &codes, &scores).iter().enumerate() {
                prop_assert_eq!(by.get(g), Some(&CesTally::from_scores(scale, rows).unwrap()));
            }
        }
    }

    #[test]
    fn fcr_by_code_equals_rows_and_batches(
        (groups, codes, contacts) in keyed(prop_oneof![40 => 1u32..4, 1 => Just(0), 1 => any::<u32>()]),
    ) {
        let by = ByCode::<FcrTally>::from_contact_counts(groups, &codes, &contacts);
        let expected = row_by_row(FcrTally::new(), groups, &codes, &contacts, Resolution::from_contacts);
        prop_assert_eq!(as_rows(&by), expected);
        if let Ok(by) = by {
            for (g, rows) in rows_of(groups, &codes, &contacts).iter().enumerate() {
                prop_assert_eq!(by.get(g), Some(&FcrTally::from_contact_counts(rows).unwrap()));
            }
        }
    }

    #[test]
    fn aht_by_code_equals_rows_and_batches(
        (groups, codes, talk) in keyed(prop_oneof![0u32..1000, any::<u32>()]),
    ) {
        let hold: Vec<u32> = talk.iter().map(|t| t / 3).collect();
        let wrap: Vec<u32> = talk.iter().map(|t| t.rotate_left(7)).collect();
        let by = ByCode::<AhtTally>::from_whole_secs(groups, &codes, &talk, &hold, &wrap);
        let rows: Vec<usize> = (0..talk.len()).collect();
        let s = |v: u32| Duration::from_secs(u64::from(v));
        let observe = |i: usize| Ok(HandleTime { talk: s(talk[i]), hold: s(hold[i]), wrap: s(wrap[i]) });
        prop_assert_eq!(as_rows(&by), row_by_row(AhtTally::new(), groups, &codes, &rows, observe));
        if let Ok(by) = by {
            let per = |col: &[u32]| rows_of(groups, &codes, col);
            let (t, h, w) = (per(&talk), per(&hold), per(&wrap));
            for g in 0..groups {
                prop_assert_eq!(by.get(g), Some(&AhtTally::from_whole_secs(&t[g], &h[g], &w[g]).unwrap()));
            }
        }
    }

    #[test]
    fn service_level_by_code_equals_rows_and_batches(
        (groups, codes, waits) in keyed(prop_oneof![0u32..60, any::<u32>()]),
        split in any::<prop::sample::Index>(),
        (threshold, short) in (0u64..40, prop_oneof![Just(None), (0u64..10_000).prop_map(Some)]),
    ) {
        let threshold = Duration::from_secs(threshold);
        let short = short.map_or(ShortAbandons::None, |ms| ShortAbandons::Below(Duration::from_millis(ms)));
        let at = split.index(codes.len() + 1);
        let (answered_codes, abandoned_codes) = codes.split_at(at);
        let (answered, abandoned) = waits.split_at(at);
        let by = ByCode::<ServiceLevelTally>::from_whole_secs(
            threshold, short, groups, answered_codes, answered, abandoned_codes, abandoned,
        );
        let template = ServiceLevelTally::new(threshold, short);
        let mut expected = Ok(Breakdown::new(template.clone()));
        for (name, codes, waits, waited) in [
            ("answered group code", answered_codes, answered, Waited::Answered as fn(Duration) -> Waited),
            ("abandoned group code", abandoned_codes, abandoned, Waited::Abandoned),
        ] {
            if let Ok(by) = &mut expected {
                match codes.iter().position(|&c| usize::from(c) >= groups) {
                    Some(i) => expected = Err(bad_code(name, codes[i], groups, i)),
                    None => {
                        for (&c, &w) in codes.iter().zip(waits) {
                            by.record(usize::from(c), waited(Duration::from_secs(u64::from(w))));
                        }
                    }
                }
            }
        }
        prop_assert_eq!(as_rows(&by), expected);
        if let Ok(by) = by {
            let (ac, aw) = (rows_of(groups, answered_codes, answered), rows_of(groups, abandoned_codes, abandoned));
            for g in 0..groups {
                let batch = ServiceLevelTally::from_whole_secs(threshold, short, &ac[g], &aw[g]);
                prop_assert_eq!(by.get(g), Some(&batch));
            }
        }
    }

    #[test]
    fn any_keys_through_key_codes_equal_rows(
        rows in prop::collection::vec(("[a-d]{0,2}", 0u8..3, 0u8..=10), 0..500),
    ) {
        let keys = KeyCodes::new(rows.iter().map(|(s, n, _)| (s.as_str(), *n))).unwrap();
        let scores: Vec<u8> = rows.iter().map(|r| r.2).collect();
        let by = ByCode::<NpsTally>::from_scores(keys.groups(), keys.codes(), &scores)
            .and_then(|by| by.with_labels(keys.labels()))
            .unwrap();
        let mut expected = Breakdown::<(&str, u8), NpsTally>::default();
        for (s, n, score) in &rows {
            expected.record((s.as_str(), *n), NpsRating::new(*score).unwrap());
        }
        prop_assert_eq!(&by, &expected);
        let order: Vec<_> = by.iter().map(|(k, _)| *k).collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        prop_assert_eq!(order, sorted);
    }
}

#[test]
fn columns_of_different_lengths_are_refused() {
    let err = ByCode::<NpsTally>::from_scores(2, &[0_u8, 1], &[9]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "group codes (2 values) and scores (1 values) must have the same length"
    );
    let err = ByCode::<CsatTally>::with_labels(
        &ByCode::<CsatTally>::from_scores(CsatRule::TOP_2_BOX_5, 2, &[0_u8], &[5]).unwrap(),
        &["one"],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "group labels (1 values) and groups (2 values) must have the same length"
    );
}

#[test]
fn u32_codes_and_a_code_past_u16() {
    let codes = [70_000_u32, 3, 70_000];
    let nps = ByCode::<NpsTally>::from_scores(70_001, &codes, &[10, 0, 9]).unwrap();
    assert_eq!(nps.get(70_000).unwrap().promoters(), Ok(2));
    assert_eq!(nps.into_breakdown().group_count(), 2);
    let err = ByCode::<NpsTally>::from_scores(70_000, &codes, &[10, 0, 9]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "group code 70000 at index 0 is out of range: it must be between 0 and 69999"
    );
}

#[cfg(feature = "rayon")]
mod parallel {
    use super::*;

    fn two_threads<R: Send>(f: impl FnOnce() -> R + Send) -> R {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool")
            .install(f)
    }

    /// Up to 600 000 rows (several chunks), with a bad row or code perhaps.
    fn big() -> impl Strategy<Value = (usize, Vec<u16>, Vec<u8>)> {
        (
            prop_oneof![Just(1usize), 1usize..200, Just(5000)],
            0usize..600_000,
            prop::collection::vec(
                (any::<prop::sample::Index>(), any::<u16>(), any::<u8>()),
                0..3,
            ),
        )
            .prop_map(|(groups, n, patches)| {
                let g = u16::try_from(groups).unwrap();
                let mut codes: Vec<u16> = (0..n)
                    .map(|i| u16::try_from(i * 7919 % 65_521).unwrap() % g)
                    .collect();
                let mut scores: Vec<u8> =
                    (0..n).map(|i| u8::try_from(i * 31 % 11).unwrap()).collect();
                for (at, code, score) in patches {
                    if n > 0 {
                        let i = at.index(n);
                        codes[i] = code % (g + 2);
                        scores[i] = score % 13;
                    }
                }
                (groups, codes, scores)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10))]

        #[test]
        fn parallel_grouped_paths_equal_sequential((groups, codes, scores) in big()) {
            prop_assert_eq!(
                two_threads(|| ByCode::<NpsTally>::par_from_scores(groups, &codes, &scores)),
                ByCode::<NpsTally>::from_scores(groups, &codes, &scores)
            );
            let rule = CsatRule::TOP_2_BOX_5;
            prop_assert_eq!(
                two_threads(|| ByCode::<CsatTally>::par_from_scores(rule, groups, &codes, &scores)),
                ByCode::<CsatTally>::from_scores(rule, groups, &codes, &scores)
            );
            let scale = Scale::ONE_TO_TEN;
            prop_assert_eq!(
                two_threads(|| ByCode::<CesTally>::par_from_scores(scale, groups, &codes, &scores)),
                ByCode::<CesTally>::from_scores(scale, groups, &codes, &scores)
            );
            let waits: Vec<u32> = scores.iter().map(|&s| u32::from(s) * 7).collect();
            prop_assert_eq!(
                two_threads(|| ByCode::<FcrTally>::par_from_contact_counts(groups, &codes, &waits)),
                ByCode::<FcrTally>::from_contact_counts(groups, &codes, &waits)
            );
            prop_assert_eq!(
                two_threads(|| ByCode::<AhtTally>::par_from_whole_secs(groups, &codes, &waits, &waits, &waits)),
                ByCode::<AhtTally>::from_whole_secs(groups, &codes, &waits, &waits, &waits)
            );
            let (t, s) = (Duration::from_secs(20), ShortAbandons::Below(Duration::from_secs(5)));
            let half = codes.len() / 2;
            prop_assert_eq!(
                two_threads(|| ByCode::<ServiceLevelTally>::par_from_whole_secs(
                    t, s, groups, &codes[..half], &waits[..half], &codes[half..], &waits[half..])),
                ByCode::<ServiceLevelTally>::from_whole_secs(
                    t, s, groups, &codes[..half], &waits[..half], &codes[half..], &waits[half..])
            );
        }
    }
}
