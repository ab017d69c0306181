//! The support-ticket export (`tests/data/support-tickets/`, synthetic, see
//! its SOURCE.md): CSAT by channel, channel mix, the unanswered share, and
//! the time from first response to resolution, with the export's negative
//! durations refused and counted rather than silently kept. Expected values
//! were computed independently with Python's `csv`, `datetime` and NumPy.

use std::path::Path;

use chrono::{NaiveDateTime, TimeZone, Utc};
use cxkpi::DurationSample;
use cxkpi::time::{Quantile, elapsed};
use cxkpi::{AbandonmentTally, Breakdown, CsatRule, CsatTally, Outcome, Scale, Tally};

struct Ticket {
    channel: String,
    first_response: Option<NaiveDateTime>,
    resolved: Option<NaiveDateTime>,
    rating: Option<u8>,
}

fn tickets() -> Vec<Ticket> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/support-tickets/customer_support_tickets.csv");
    // Descriptions span several lines inside quotes: a real CSV reader.
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (channel, first, resolved, rating) = (
        col("Ticket Channel"),
        col("First Response Time"),
        col("Time to Resolution"),
        col("Customer Satisfaction Rating"),
    );
    let time = |text: &str| {
        // A blank is a missing timestamp, not a zero.
        (!text.is_empty())
            .then(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap())
    };
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            Ticket {
                channel: record[channel].to_owned(),
                first_response: time(&record[first]),
                resolved: time(&record[resolved]),
                // Ratings are written `3.0`: whole numbers on 1–5.
                rating: (!record[rating].is_empty()).then(|| {
                    let whole = record[rating].strip_suffix(".0").unwrap();
                    whole.parse::<u8>().unwrap()
                }),
            }
        })
        .collect()
}

#[test]
fn csat_by_channel() {
    let mut csat = Breakdown::new(CsatTally::new(CsatRule::TOP_2_BOX_5));
    for t in tickets() {
        if let Some(r) = t.rating {
            csat.record(t.channel, Scale::ONE_TO_FIVE.score(r).unwrap());
        }
    }
    let counts: Vec<(String, u64, u64)> = csat
        .iter()
        .map(|(k, t)| {
            let rate = t.csat().unwrap();
            (k.clone(), rate.part(), rate.whole())
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("Chat".to_owned(), 280, 674),
            ("Email".to_owned(), 285, 720),
            ("Phone".to_owned(), 266, 691),
            ("Social media".to_owned(), 256, 684),
        ]
    );
    let total = csat.total().unwrap().csat().unwrap();
    assert_eq!((total.part(), total.whole()), (1087, 2769));
}

/// A ticket without a first response is unanswered: 2 819 of 8 469.
#[test]
fn channel_mix_and_unanswered_share() {
    let mut by_channel = Breakdown::<String, AbandonmentTally>::default();
    for t in tickets() {
        let outcome = if t.first_response.is_some() {
            Outcome::Answered
        } else {
            Outcome::Abandoned
        };
        by_channel.record(t.channel, outcome);
    }
    let mix = by_channel.mix(AbandonmentTally::offered).unwrap();
    let mix: Vec<(&str, u64)> = mix.iter().map(|(k, r)| (k.as_str(), r.part())).collect();
    assert_eq!(
        mix,
        [
            ("Chat", 2073),
            ("Email", 2143),
            ("Phone", 2132),
            ("Social media", 2121)
        ]
    );
    let unanswered = by_channel
        .total()
        .unwrap()
        .abandonment_including_short()
        .unwrap();
    assert_eq!((unanswered.part(), unanswered.whole()), (2819, 8469));
}

/// From first response to resolution: 1 365 closed tickets resolve before
/// their first response, an impossible order that `elapsed` refuses; the
/// other 1 404 have median 22 830 s, p90 57 600 s and mean 27 280.56 s.
#[test]
fn response_to_resolution_refuses_negative_durations() {
    let mut sample = DurationSample::new();
    let mut refused = 0;
    for t in tickets() {
        if let (Some(first), Some(resolved)) = (t.first_response, t.resolved) {
            match elapsed(
                &Utc.from_utc_datetime(&first),
                &Utc.from_utc_datetime(&resolved),
            ) {
                Ok(d) => sample.record(d),
                Err(_) => refused += 1,
            }
        }
    }
    assert_eq!((refused, sample.len().unwrap()), (1365, 1404));
    let sorted = sample.sorted().unwrap();
    assert_eq!(sorted.quantile_secs(Quantile::MEDIAN), 22_830.0);
    assert_eq!(sorted.quantile_secs(Quantile::P90), 57_600.0);
    assert!((sorted.mean_secs() - 27_280.555_555_555_555).abs() < 1e-9);
}
