//! The survey and churn datasets (`tests/data/`, see each SOURCE.md): the
//! Sudzilla conference survey's NPS against the published answer, with its
//! interval (n = 39 is a small sample), food ratings as CSAT and CES-style
//! means, and the IBM telco sample's churn overall and by contract. Expected
//! values were computed independently with Python's `csv` and `statistics`.

use std::path::{Path, PathBuf};

use cxkpi::stats::{Confidence, NpsMethod};
use cxkpi::{Breakdown, CsatRule, CsatTally, CustomerStatus, NpsTally, RetentionTally, Scale};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} differs from {expected}"
    );
}

/// The survey's rows; answers keep embedded commas and quotes (RFC 4180).
fn sudzilla() -> Vec<csv::StringRecord> {
    csv::Reader::from_path(data("sudzilla-nps/input_02.csv"))
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

/// The challenge's label → score mapping for the food questions (1–5).
fn food_score(label: &str) -> Option<u8> {
    match label {
        "Horrendous" => Some(1),
        "Just about edible but I was hungry" => Some(2),
        "Some good, some not so good" => Some(3),
        "Yum!" => Some(4),
        "Give the team a Michelin star!!" => Some(5),
        // A blank is a skipped question, not a score of zero.
        "" => None,
        other => panic!("unknown food label {other:?}"),
    }
}

/// The published answer: NPS −35.9 from 39 respondents, 8 promoters and
/// 22 detractors; the standard error of 12.8 points that its source note
/// quotes; and intervals that show how little 39 answers pin down.
#[test]
fn sudzilla_nps_matches_the_published_answer() {
    let scores: Vec<u8> = sudzilla().iter().map(|r| r[1].parse().unwrap()).collect();
    let tally = NpsTally::from_scores(&scores).unwrap();
    assert_eq!(
        (
            tally.promoters().unwrap(),
            tally.passives().unwrap(),
            tally.detractors().unwrap()
        ),
        (8, 9, 22)
    );
    let nps = tally.nps().unwrap();
    assert_eq!(format!("{:.1}", nps.score()), "-35.9");
    close(nps.standard_error(), 12.813_936_511_888_013);
    let wald = nps.interval(Confidence::NINETY_FIVE, NpsMethod::Wald);
    close(wald.low(), -61.012_289_960_919_205);
    close(wald.high(), -10.782_581_833_952_591);
    let adjusted = nps.interval(Confidence::NINETY_FIVE, NpsMethod::AdjustedWald);
    close(adjusted.low(), -57.506_642_885_033_26);
    close(adjusted.high(), -9.160_023_781_633_395);
}

/// Food ratings on the challenge's 1–5 scale: breakfast has one blank,
/// skipped rather than scored; CSAT counts 4–5 as satisfied.
#[test]
fn sudzilla_food_csat_skips_the_blank() {
    let rows = sudzilla();
    let expected = [
        // column, responses, satisfied, mean
        (6, 38, 13, 2.947_368_421_052_631_4),
        (7, 39, 12, 2.769_230_769_230_769),
        (8, 39, 16, 3.153_846_153_846_153_7),
    ];
    for (column, responses, satisfied, mean) in expected {
        let scores: Vec<u8> = rows.iter().filter_map(|r| food_score(&r[column])).collect();
        let csat = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &scores)
            .unwrap()
            .csat()
            .unwrap();
        assert_eq!((csat.part(), csat.whole()), (satisfied, responses));
        let ces = cxkpi::CesTally::from_scores(Scale::ONE_TO_FIVE, &scores)
            .unwrap()
            .ces()
            .unwrap();
        close(ces.mean(), mean);
    }
}

/// Churn = 1 869 churners / 7 032 customers at the start = 26.58 %, the
/// figure most analyses quote; the 11 customers with zero tenure are new.
#[test]
fn telco_churn_overall_and_by_contract() {
    let mut reader = csv::Reader::from_path(data("telco-churn/Telco-Customer-Churn.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (tenure, contract, churn) = (col("tenure"), col("Contract"), col("Churn"));
    let mut by_contract = Breakdown::<String, RetentionTally>::default();
    for record in reader.records() {
        let record = record.unwrap();
        let status = match (&record[tenure], &record[churn]) {
            ("0", "No") => CustomerStatus::New,
            ("0", other) => panic!("a new customer churned: {other}"),
            (_, "Yes") => CustomerStatus::Churned,
            (_, "No") => CustomerStatus::Retained,
            (_, other) => panic!("unknown churn flag {other:?}"),
        };
        by_contract.record(record[contract].to_owned(), status);
    }
    let total = by_contract.total().unwrap();
    let churn = total.churn().unwrap();
    assert_eq!((churn.part(), churn.whole()), (1_869, 7_032));
    close(churn.percent(), 26.578_498_293_515_36);
    close(total.retention().unwrap().percent(), 73.421_501_706_484_64);
    let by: Vec<(&str, u64, u64)> = by_contract
        .iter()
        .map(|(k, t)| {
            let c = t.churn().unwrap();
            (k.as_str(), c.part(), c.whole())
        })
        .collect();
    assert_eq!(
        by,
        [
            ("Month-to-month", 1_655, 3_875),
            ("One year", 166, 1_472),
            ("Two year", 48, 1_685),
        ]
    );
}
