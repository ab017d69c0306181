//! The batch kernels against the per-observation paths, as properties: on
//! any input, valid or not, a batch gives the tally that recording each
//! observation gives, or the error of the first bad value with its index;
//! the column paths equal their `Duration` twins; exact percentiles of a
//! column equal those of a `DurationSample`; and (feature `rayon`) the
//! parallel paths equal the sequential ones.
//!
//! Inputs are built as a short pattern repeated to any length (so that
//! slices cross the kernels' steps, blocks and four streams cheaply) with a
//! few values overwritten anywhere, valid or not.

use core::time::Duration;

use cxkpi::DurationSample;
use cxkpi::time::{Quantile, WholeSeconds};
use cxkpi::{
    AhtTally, CesTally, CsatRule, CsatTally, Error, HandleTime, NpsTally, Scale, ServiceLevelTally,
    ShortAbandons, Waited,
};
use proptest::prelude::*;

/// A slice of `len` values: `pattern` repeated, then `patches` written over
/// it at their (wrapped) positions.
fn build<T: Copy>(pattern: &[T], len: usize, patches: &[(usize, T)]) -> Vec<T> {
    let mut values: Vec<T> = pattern.iter().copied().cycle().take(len).collect();
    if !values.is_empty() {
        let n = values.len();
        for &(at, v) in patches {
            values[at % n] = v;
        }
    }
    values
}

/// Byte slices of up to 70 000 values (past four blocks of 255 × 64 bytes),
/// mostly in `lo..=hi`, with patches of any byte.
fn bytes(lo: u8, hi: u8) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(lo..=hi, 1..97),
        prop_oneof![0usize..300, 0usize..70_000],
        prop::collection::vec((any::<usize>(), any::<u8>()), 0..3),
    )
        .prop_map(|(pattern, len, patches)| build(&pattern, len, &patches))
}

/// Word slices of up to 20 000 waits, mostly short, with patches of any `u32`.
fn words() -> impl Strategy<Value = Vec<u32>> {
    (
        prop::collection::vec(prop_oneof![0u32..100, 0u32..70_000, any::<u32>()], 1..61),
        prop_oneof![0usize..300, 0usize..20_000],
        prop::collection::vec((any::<usize>(), any::<u32>()), 0..3),
    )
        .prop_map(|(pattern, len, patches)| build(&pattern, len, &patches))
}

/// The tally that `try_record` builds one score at a time, or the first
/// error with its index.
fn one_by_one<T>(
    mut tally: T,
    scores: &[u8],
    mut try_record: impl FnMut(&mut T, u8) -> Result<(), Error>,
) -> Result<T, String> {
    for (i, &s) in scores.iter().enumerate() {
        try_record(&mut tally, s).map_err(|e| format!("{e} @ {i}"))?;
    }
    Ok(tally)
}

/// A batch result in the form of [`one_by_one`]'s: the error's message with
/// the index it names moved after it.
fn as_one_by_one<T>(batch: Result<T, Error>) -> Result<T, String> {
    batch.map_err(|e| match e.index() {
        Some(index) => {
            let unlocated = e.to_string().replacen(&format!(" at index {index}"), "", 1);
            format!("{unlocated} @ {index}")
        }
        None => format!("unexpected {e}"),
    })
}

fn scale() -> impl Strategy<Value = Scale> {
    (0u8..10, 1u8..11).prop_map(|(min, span)| Scale::new(min, min + span).expect("min < max"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn nps_batch_equals_records_on_any_bytes(scores in bytes(0, 10)) {
        let batch = as_one_by_one(NpsTally::from_scores(&scores));
        let recorded = one_by_one(NpsTally::new(), &scores, NpsTally::try_record_score);
        prop_assert_eq!(batch, recorded);
    }

    #[test]
    fn csat_batch_equals_records_on_any_bytes(
        s in scale(),
        from in any::<prop::sample::Index>(),
        scores in bytes(0, 20),
    ) {
        let from = s.min() + u8::try_from(from.index(usize::from(s.max() - s.min()) + 1)).unwrap();
        let rule = CsatRule::new(s, from).unwrap();
        let batch = as_one_by_one(CsatTally::from_scores(rule, &scores));
        let recorded = one_by_one(CsatTally::new(rule), &scores, CsatTally::try_record_score);
        prop_assert_eq!(batch, recorded);
    }

    #[test]
    fn ces_batch_equals_records_on_any_bytes(s in scale(), scores in bytes(0, 20)) {
        let batch = as_one_by_one(CesTally::from_scores(s, &scores));
        let recorded = one_by_one(CesTally::new(s), &scores, CesTally::try_record_score);
        prop_assert_eq!(batch, recorded);
    }

    #[test]
    fn wide_scales_take_the_unsigned_path(
        min in 0u8..100,
        max in 200u8..=255,
        scores in bytes(0, 255),
    ) {
        let s = Scale::new(min, max).unwrap();
        let rule = CsatRule::new(s, max - 1).unwrap();
        prop_assert_eq!(
            as_one_by_one(CsatTally::from_scores(rule, &scores)),
            one_by_one(CsatTally::new(rule), &scores, CsatTally::try_record_score)
        );
        prop_assert_eq!(
            as_one_by_one(CesTally::from_scores(s, &scores)),
            one_by_one(CesTally::new(s), &scores, CesTally::try_record_score)
        );
    }

    #[test]
    fn service_level_columns_equal_records(
        answered in words(),
        abandoned in words(),
        threshold_ns in prop_oneof![0u64..60_000_000_000, any::<u64>()],
        short_ns in prop::option::of(prop_oneof![0u64..10_000_000_000, any::<u64>()]),
    ) {
        let threshold = Duration::from_nanos(threshold_ns);
        let short = short_ns.map_or(ShortAbandons::None, |ns| ShortAbandons::Below(Duration::from_nanos(ns)));
        let batch = ServiceLevelTally::from_whole_secs(threshold, short, &answered, &abandoned);
        let mut recorded = ServiceLevelTally::new(threshold, short);
        let secs = |w: u32| Duration::from_secs(u64::from(w));
        recorded.extend(answered.iter().map(|&w| Waited::Answered(secs(w))));
        recorded.extend(abandoned.iter().map(|&w| Waited::Abandoned(secs(w))));
        prop_assert_eq!(batch, recorded);
    }

    #[test]
    fn aht_columns_equal_records(rows in words(), seed in any::<u32>()) {
        let hold: Vec<u32> = rows.iter().map(|&w| w.rotate_left(seed % 32)).collect();
        let wrap: Vec<u32> = rows.iter().map(|&w| w ^ seed).collect();
        let batch = AhtTally::from_whole_secs(&rows, &hold, &wrap).unwrap();
        let secs = |w: u32| Duration::from_secs(u64::from(w));
        let recorded: AhtTally = rows
            .iter()
            .zip(&hold)
            .zip(&wrap)
            .map(|((&t, &h), &w)| HandleTime { talk: secs(t), hold: secs(h), wrap: secs(w) })
            .collect();
        prop_assert_eq!(batch, recorded);
        if !rows.is_empty() {
            let err = AhtTally::from_whole_secs(&rows, &hold[1..], &wrap).unwrap_err();
            prop_assert_eq!(err.kind(), cxkpi::ErrorKind::Inconsistent);
        }
    }

    #[test]
    fn column_percentiles_equal_the_sample(
        secs in words(),
        qs in prop::collection::vec(0.0f64..=1.0, 1..6),
    ) {
        let sample = DurationSample::from_durations(
            &secs.iter().map(|&s| Duration::from_secs(u64::from(s))).collect::<Vec<_>>(),
        )
        .unwrap();
        let Ok(column) = WholeSeconds::new(&secs) else {
            prop_assert!(secs.is_empty());
            return Ok(());
        };
        let qs: Vec<Quantile> = qs.into_iter().map(|q| Quantile::new(q).unwrap()).collect();
        let expected: Vec<f64> = qs.iter().map(|&q| sample.quantile(q).unwrap()).collect();
        prop_assert_eq!(column.quantiles(&qs), expected);
        prop_assert_eq!(column.median(), sample.quantile(Quantile::MEDIAN).unwrap());
        prop_assert_eq!(column.summary(), sample.summary().unwrap());
    }
}

#[test]
fn column_percentiles_at_the_edges_of_the_range() {
    for secs in [
        vec![0_u32],
        vec![u32::MAX],
        vec![u32::MAX, 0],
        vec![65_535, 65_536],
        vec![7; 1000],
        (0..100_000).map(|i| i * 42_949).collect(),
    ] {
        let column = WholeSeconds::new(&secs).unwrap();
        let sample = DurationSample::from_durations(
            &secs
                .iter()
                .map(|&s| Duration::from_secs(u64::from(s)))
                .collect::<Vec<_>>(),
        )
        .unwrap();
        for q in [0.0, 0.001, 0.25, 0.5, 0.9, 0.99, 1.0] {
            let q = Quantile::new(q).unwrap();
            assert_eq!(
                column.quantile(q),
                sample.quantile(q).unwrap(),
                "{q} of {} values",
                secs.len()
            );
        }
        assert_eq!(column.summary(), sample.summary().unwrap());
    }
}

#[cfg(feature = "rayon")]
mod parallel {
    use super::*;

    /// Slices of up to 1.5 × 10⁶ values, so that they split into chunks.
    fn big<T: Copy + core::fmt::Debug>(
        value: impl Strategy<Value = T> + Clone,
    ) -> impl Strategy<Value = Vec<T>> {
        (
            prop::collection::vec(value.clone(), 1..50),
            0usize..1_500_000,
            prop::collection::vec((any::<usize>(), value), 0..3),
        )
            .prop_map(|(pattern, len, patches)| build(&pattern, len, &patches))
    }

    fn two_threads<R: Send>(f: impl FnOnce() -> R + Send) -> R {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool")
            .install(f)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        #[test]
        fn parallel_survey_paths_equal_sequential(
            scores in big(prop_oneof![8 => 0u8..=10, 1 => any::<u8>()]),
        ) {
            prop_assert_eq!(
                two_threads(|| NpsTally::par_from_scores(&scores)),
                NpsTally::from_scores(&scores)
            );
            let rule = CsatRule::TOP_2_BOX_5;
            prop_assert_eq!(
                two_threads(|| CsatTally::par_from_scores(rule, &scores)),
                CsatTally::from_scores(rule, &scores)
            );
            prop_assert_eq!(
                two_threads(|| CesTally::par_from_scores(Scale::new(0, 10).unwrap(), &scores)),
                CesTally::from_scores(Scale::new(0, 10).unwrap(), &scores)
            );
        }

        #[test]
        fn parallel_column_paths_equal_sequential(waits in big(prop_oneof![0u32..100, any::<u32>()])) {
            let threshold = Duration::from_secs(20);
            let short = ShortAbandons::Below(Duration::from_millis(4500));
            let (answered, abandoned) = waits.split_at(waits.len() / 3);
            prop_assert_eq!(
                two_threads(|| ServiceLevelTally::par_from_whole_secs(threshold, short, answered, abandoned)),
                ServiceLevelTally::from_whole_secs(threshold, short, answered, abandoned)
            );
            prop_assert_eq!(
                two_threads(|| AhtTally::par_from_whole_secs(&waits, &waits, &waits)),
                AhtTally::from_whole_secs(&waits, &waits, &waits)
            );
        }
    }
}
