//! Hostile inputs, in the spirit of ordered-float's `evil.rs`: counts at
//! `u64::MAX`, NaN and infinite durations, money at `Decimal::MAX`, malformed
//! text, mismatched parameters, empty tallies and lying iterators. Nothing
//! may panic; every error names its input and value.

use core::time::Duration;

use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, Decimal, Error,
    ErrorKind, FcrTally, HandleTime, Merge, Money, NpsRating, NpsTally, RetentionTally, Scale,
    Tally, cost_per_minute, try_seconds,
};

const MAX: u64 = u64::MAX;

#[test]
fn counts_that_overflow_are_refused_at_construction() {
    let kind = |r: Result<NpsTally, Error>| r.unwrap_err().kind();
    assert_eq!(kind(NpsTally::from_counts(MAX, 1, 0)), ErrorKind::Overflow);
    assert_eq!(
        kind(NpsTally::from_counts(MAX, 0, MAX)),
        ErrorKind::Overflow
    );
    assert_eq!(
        RetentionTally::from_counts(MAX, MAX, 1).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    // At the limit itself, everything still works.
    let nps = NpsTally::from_counts(MAX, 0, 0).unwrap().nps().unwrap();
    assert_eq!(nps.score(), 100.0);
    assert_eq!(nps.responses(), MAX);
}

#[test]
fn try_merge_reports_overflow_and_leaves_the_tally_unchanged() {
    let big = NpsTally::from_counts(MAX - 1, 0, 0).unwrap();
    let two = NpsTally::from_counts(1, 1, 0).unwrap();
    let mut merged = big.clone();
    let err = merged.try_merge(&two).unwrap_err();
    assert_eq!(err, Error::overflow("NPS responses", "u64"));
    assert_eq!(err.to_string(), "NPS responses overflows u64");
    assert_eq!(merged, big);

    let mut abandonment = AbandonmentTally::from_counts(MAX, 0, 0).unwrap();
    let one = AbandonmentTally::from_counts(1, 1, 0).unwrap();
    assert_eq!(
        abandonment.try_merge(&one).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert_eq!(abandonment.offered().unwrap(), MAX);
}

#[test]
fn convenience_merges_keep_the_overflow_as_a_fault() {
    let big = FcrTally::from_counts(MAX, MAX).unwrap();
    let faulted = big.clone() + big.clone();
    assert_eq!(faulted.fcr().unwrap_err().kind(), ErrorKind::Overflow);
    // The fault survives further merges, on either side, and Sum.
    let small = FcrTally::from_counts(1, 2).unwrap();
    assert_eq!(
        (faulted.clone() + small.clone()).fcr().unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert_eq!(
        (small.clone() + faulted.clone()).fcr().unwrap_err().kind(),
        ErrorKind::Overflow
    );
    let summed: FcrTally = [small.clone(), big.clone(), big].into_iter().sum();
    assert_eq!(summed.fcr().unwrap_err().kind(), ErrorKind::Overflow);
    // try_merge with a faulted tally reports the fault.
    let mut clean = small;
    assert_eq!(
        clean.try_merge(&faulted).unwrap_err().kind(),
        ErrorKind::Overflow
    );
}

#[test]
fn recording_past_u64_max_is_a_fault_not_a_wrap() {
    let mut nps = NpsTally::from_counts(0, MAX, 0).unwrap();
    nps.record(NpsRating::MAX);
    assert_eq!(nps.nps().unwrap_err().kind(), ErrorKind::Overflow);

    let mut abandonment = AbandonmentTally::from_counts(MAX, 3, 0).unwrap();
    abandonment.record(cxkpi::Outcome::Answered);
    assert_eq!(
        abandonment.abandonment().unwrap_err().kind(),
        ErrorKind::Overflow
    );

    let mut retention = RetentionTally::from_counts(MAX, MAX, 0).unwrap();
    retention.record(cxkpi::CustomerStatus::New);
    assert_eq!(
        retention.retention().unwrap_err().kind(),
        ErrorKind::Overflow
    );

    let mut aht =
        AhtTally::from_counts(MAX, Duration::ZERO, Duration::ZERO, Duration::ZERO).unwrap();
    aht.record(HandleTime::default());
    assert_eq!(aht.aht().unwrap_err().kind(), ErrorKind::Overflow);
}

#[test]
fn non_finite_and_negative_seconds_are_out_of_range() {
    for bad in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        -1e-300,
        1e300,
    ] {
        let err = HandleTime::from_secs(1.0, bad, 1.0).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::OutOfRange, "{bad}");
        assert!(err.to_string().starts_with("hold time (s) "), "{err}");
        assert_eq!(try_seconds(bad).unwrap_err().kind(), ErrorKind::OutOfRange);
    }
    // Negative zero is zero.
    assert_eq!(try_seconds(-0.0).unwrap(), Duration::ZERO);
    assert_eq!(
        HandleTime::from_secs(-0.0, 0.0, 0.0).unwrap(),
        HandleTime::default()
    );
    let err = HandleTime::from_secs(f64::NAN, 0.0, 0.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "talk time (s) NaN is out of range: it must be a finite number of seconds, 0 or more"
    );
}

#[test]
fn money_overflow_is_an_error_not_a_panic() {
    let max = Money::new(Decimal::MAX).unwrap();
    assert_eq!(
        max.checked_add(max).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    let mut tally = CostTally::new();
    tally.record(max);
    tally.record(max);
    let err = tally.cost_per_unit().unwrap_err();
    assert_eq!(err.to_string(), "total cost overflows Decimal");
    // A huge total over one nanosecond does not fit either.
    let err = cost_per_minute(max, Duration::from_nanos(1)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
    // The longest Duration still divides.
    assert!(cost_per_minute(max, Duration::MAX).is_ok());
    assert_eq!(
        cost_per_minute(max, Duration::ZERO).unwrap_err().kind(),
        ErrorKind::Empty
    );
}

#[test]
fn malformed_and_negative_money_is_refused() {
    for text in [
        "", " ", "abc", "1e5", "12,50", "--1", "1.2.3", "0x10", "NaN", "inf",
    ] {
        let err = text.parse::<Money>().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::OutOfRange, "{text:?}");
    }
    let err = "-0.01".parse::<Money>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "amount -0.01 is out of range: it must be an amount of 0 or more"
    );
    // Negative zero is zero; surrounding blanks are tolerated.
    assert_eq!("-0".parse::<Money>().unwrap(), Money::ZERO);
    assert_eq!(" 15.56 ".parse::<Money>().unwrap().to_string(), "15.56");
    // More digits than a Decimal holds is an error, never a silent rounding.
    assert!("1.00000000000000000000000000001".parse::<Money>().is_err());
}

#[test]
fn tallies_with_different_parameters_do_not_merge() {
    let top2 = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[5, 4]).unwrap();
    let top1 = CsatTally::from_scores(CsatRule::new(Scale::ONE_TO_FIVE, 5).unwrap(), &[5]).unwrap();
    let mut merged = top2.clone();
    let err = merged.try_merge(&top1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert_eq!(
        err.to_string(),
        "cannot merge tallies with different CSAT satisfied-from scores: 4 and 5"
    );
    assert_eq!(merged, top2);
    assert_eq!(
        (top2 + top1).csat().unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );

    let five = CesTally::from_scores(Scale::ONE_TO_FIVE, &[1]).unwrap();
    let seven = CesTally::from_scores(Scale::ONE_TO_SEVEN, &[1]).unwrap();
    let err = (five + seven).ces().unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge tallies with different CES scales: 1..=5 and 1..=7"
    );

    // A score on another scale is refused by record, as a fault.
    let mut ces = CesTally::new(Scale::ONE_TO_SEVEN);
    ces.record(Scale::ONE_TO_FIVE.score(5).unwrap());
    assert_eq!(ces.ces().unwrap_err().kind(), ErrorKind::InvalidParameter);
}

#[test]
fn every_empty_tally_is_an_empty_error() {
    let kinds = [
        NpsTally::new().nps().map(|_| ()),
        CsatTally::new(CsatRule::TOP_2_BOX_5).csat().map(|_| ()),
        CesTally::new(Scale::ONE_TO_SEVEN).ces().map(|_| ()),
        RetentionTally::new().retention().map(|_| ()),
        RetentionTally::new().churn().map(|_| ()),
        AbandonmentTally::new().abandonment().map(|_| ()),
        AbandonmentTally::from_counts(3, 3, 3)
            .unwrap()
            .abandonment()
            .map(|_| ()),
        FcrTally::new().fcr().map(|_| ()),
        AhtTally::new().aht().map(|_| ()),
        CostTally::new().cost_per_unit().map(|_| ()),
    ];
    for result in kinds {
        assert_eq!(result.unwrap_err().kind(), ErrorKind::Empty);
    }
    assert_eq!(
        NpsTally::from_scores(&[])
            .unwrap()
            .nps()
            .unwrap_err()
            .to_string(),
        "NPS is undefined: no responses"
    );
}

/// An iterator whose size hint claims far more (or fewer) items than it yields.
struct Liar<I>(I);

impl<I: Iterator> Iterator for Liar<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::MAX, Some(0))
    }
}

#[test]
fn iterators_that_lie_about_their_size_are_harmless() {
    let ratings = [9, 10, 3].map(|s| NpsRating::new(s).unwrap());
    let collected: NpsTally = Liar(ratings.into_iter()).collect();
    assert_eq!(collected, NpsTally::from_scores(&[9, 10, 3]).unwrap());
    let mut extended = NpsTally::new();
    extended.extend(Liar(ratings.iter()));
    assert_eq!(extended, collected);
}

#[test]
fn batch_errors_name_the_value_and_its_index() {
    let err = NpsTally::from_scores(&[1, 2, 255]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "NPS rating 255 at index 2 is out of range: it must be between 0 and 10"
    );
    let rule = CsatRule::new(Scale::new(1, 7).unwrap(), 6).unwrap();
    let err = CsatTally::from_scores(rule, &[7, 8, 0]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "CSAT score 8 at index 1 is out of range: it must be between 1 and 7"
    );
    let err = FcrTally::from_contact_counts(&[2, 1, 0, 0]).unwrap_err();
    assert!(err.to_string().contains("0 at index 2"), "{err}");
}

#[test]
fn every_error_kind_round_trips_its_name() {
    for kind in ErrorKind::ALL {
        assert_eq!(ErrorKind::from_name(kind.as_str()), Some(kind));
        assert_eq!(kind.to_string(), kind.as_str());
    }
    assert_eq!(
        ErrorKind::from_name("overloaded"),
        Some(ErrorKind::Overloaded)
    );
    assert_eq!(ErrorKind::from_name("exploded"), None);
    assert_eq!(ErrorKind::ALL.len(), 6);
}

#[test]
fn errors_implement_the_standard_error_trait() {
    fn takes(_: &dyn std::error::Error) {}
    takes(&NpsRating::new(11).unwrap_err());
}

/// Values whose squared deviations pass `f64::MAX` are an overflow, not an
/// infinite variance that would turn a Welch test into a NaN.
#[test]
fn mean_tally_refuses_an_infinite_variance() {
    use cxkpi::MeanTally;
    use cxkpi::stats::welch_test;

    let err = MeanTally::from_values(&[-1.3e302, -5.4e303, 1.0]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
    assert_eq!(err.to_string(), "sum of squared deviations overflows f64");
    // Large but representable spreads still test.
    let a = MeanTally::from_values(&[1e150, -1e150]).unwrap();
    let b = MeanTally::from_values(&[2e-314, 8e-317]).unwrap();
    let test = welch_test(&a, &b).unwrap();
    assert!((0.0..=1.0).contains(&test.p_value()));
}

#[test]
fn the_error_is_one_pointer_wide_and_its_messages_are_unchanged() {
    // A `Result<T, Error>` costs one pointer more than a `T` at most.
    assert_eq!(size_of::<Error>(), size_of::<usize>());
    assert_eq!(size_of::<Result<(), Error>>(), size_of::<usize>());
    // Every constructor, with the message each variant wrote before.
    let cases = [
        (
            Error::empty("NPS", "no responses"),
            "NPS is undefined: no responses",
        ),
        (
            Error::out_of_range(
                "NPS rating",
                11_u8,
                cxkpi::Domain::Between { min: 0, max: 10 },
            )
            .at(2),
            "NPS rating 11 at index 2 is out of range: it must be between 0 and 10",
        ),
        (
            Error::malformed("amount", "a decimal number such as 1556.00"),
            "amount is malformed: it must be a decimal number such as 1556.00",
        ),
        (
            Error::inconsistent("abandoned", 3, "offered", 2),
            "abandoned (3) exceeds offered (2)",
        ),
        (
            Error::invalid_parameter("agents", 0_u32, cxkpi::Domain::AtLeast(1)),
            "agents 0 is invalid: it must be at least 1",
        ),
        (
            Error::missing_parameter(
                "a short-abandon threshold",
                "the exclude_short service level",
            ),
            "the exclude_short service level needs a short-abandon threshold",
        ),
        (
            Error::mismatch("CSAT scales", 5_u8, 7_u8),
            "cannot merge tallies with different CSAT scales: 5 and 7",
        ),
        (
            Error::overloaded(10.5, 10),
            "the queue is overloaded: 10.5 Erlangs of traffic need more than 10 agents",
        ),
        (
            Error::length_mismatch("talk times", 3, "hold times", 2),
            "talk times (3 values) and hold times (2 values) must have the same length",
        ),
        (
            Error::overflow("NPS responses", "u64"),
            "NPS responses overflows u64",
        ),
    ];
    let kinds: Vec<&str> = cases.iter().map(|(e, _)| e.kind().as_str()).collect();
    assert_eq!(
        kinds,
        [
            "empty",
            "out_of_range",
            "out_of_range",
            "inconsistent",
            "invalid_parameter",
            "invalid_parameter",
            "invalid_parameter",
            "overloaded",
            "inconsistent",
            "overflow"
        ]
    );
    for (error, message) in &cases {
        assert_eq!(error.to_string(), *message);
    }
    // Only an out-of-range value takes an index.
    assert_eq!(cases[1].0.index(), Some(2));
    assert_eq!(cases[3].0.clone().at(4).index(), None);
}

/// A tally's count of contacts is answered + abandoned: a state or a merge
/// whose sum passes u64 is refused, never reported saturated (a fuzz find).
#[test]
fn contacts_of_both_kinds_fit_u64() {
    use cxkpi::{ErrorKind, Merge, Tally, WaitState, WaitTally};

    let state = |answered, abandoned| WaitState {
        answered,
        answered_wait_ns: 0,
        abandoned,
        abandoned_wait_ns: 0,
    };
    let err = WaitTally::from_state(state(u64::MAX, 1)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
    assert!(
        err.to_string().contains("contacts (answered + abandoned)"),
        "{err}"
    );
    let mut half = WaitTally::from_state(state(u64::MAX / 2 + 1, 0)).unwrap();
    let other = WaitTally::from_state(state(0, u64::MAX / 2 + 1)).unwrap();
    assert_eq!(
        half.try_merge(&other).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert_eq!(half.len(), Ok(u64::MAX / 2 + 1));
}
