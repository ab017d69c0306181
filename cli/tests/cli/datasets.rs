//! The report's loaders and KPIs on the bundled real datasets, checked
//! against the counts their source notes give and the figures that public
//! analyses quote.

use std::io::Cursor;
use std::path::Path;
use std::time::Duration;

use cxkpi::{Breakdown, Merge, WaitTally, Waited};
use cxkpi_cli::calls::{Call, Ending, Quirks};
use cxkpi_cli::kpis::CallKpis;
use cxkpi_cli::table::Table;
use cxkpi_cli::{Format, Input, Mapping, TimeBasis, bank, mapped};
use serde_json::Value;

/// Every call of a bundled log, in order.
fn load(input: &Input) -> (Vec<Call>, Quirks) {
    let mut quirks = Quirks::default();
    let (delimiter, mapping) = match &input.format {
        Format::Bank => (b'\t', None),
        Format::Mapped { mapping, delimiter } => (*delimiter, Some(mapping)),
    };
    let bytes = input.bytes.expect("a bundled log");
    let table = Table::from_reader(
        &input.path,
        Box::new(Cursor::new(bytes)),
        delimiter,
        &mut quirks,
    )
    .unwrap();
    let mut calls = Vec::new();
    let basis = TimeBasis::default();
    match mapping {
        None => bank::load(table, &basis, &mut quirks, &mut |c| calls.push(c)).unwrap(),
        Some(m) => mapped::load(table, m, &basis, &mut quirks, &mut |c| calls.push(c)).unwrap(),
    }
    (calls, quirks)
}

fn bank() -> (Vec<Call>, Quirks) {
    load(&Input::bundled_bank())
}

fn pwc() -> (Vec<Call>, Quirks) {
    load(&Input::bundled_pwc())
}

fn quirk(quirks: &Quirks, name: &str) -> u64 {
    quirks.notes.get(name).map_or(0, |&(n, _)| n)
}

fn figures(calls: &[Call]) -> Value {
    let mut kpis = CallKpis::default();
    kpis.extend(calls);
    Value::Object(cxkpi_cli::figure::to_json(&kpis.figures()))
}

/// The Anonymous Bank log's counts, as its SOURCE.md gives them: AGENT
/// 27 162; HANG 5 904 (1 941 before the queue, 3 963 in it); PHANTOM 278;
/// and each quirk met as often as documented.
#[test]
fn bank_counts_match_the_source_note() {
    let (calls, quirks) = bank();
    assert_eq!(quirks.rows, 33_344);
    assert_eq!(quirk(&quirks, "PHANTOM rows"), 278);
    // 25 rows have a negative VRU time; 2 of them are PHANTOM rows, skipped first.
    assert_eq!(quirk(&quirks, "negative VRU time"), 23);
    assert_eq!(quirk(&quirks, "queue wait across midnight"), 2);
    assert_eq!(quirk(&quirks, "service across midnight"), 16);
    assert_eq!(quirk(&quirks, "served without an agent name"), 491);
    assert_eq!(quirk(&quirks, "served with 0 s service"), 85);
    assert_eq!(quirk(&quirks, "abandoned with a service time"), 97);
    assert_eq!(quirk(&quirks, "hung up in the VRU"), 1_941);
    let f = figures(&calls);
    assert_eq!(f["calls"]["answered"], 27_162);
    assert_eq!(f["calls"]["abandoned"], 5_904);
    assert_eq!(f["calls"]["abandoned_before_queue"], 1_941);
    assert_eq!(f["calls"]["queue_offered"], 27_162 + 3_963);
    // 5 904 of 33 066 callers hung up; 3 963 of the 31 125 offered to the queue.
    let pct = |v: &Value| v.as_f64().unwrap();
    assert!((pct(&f["abandonment_pct"]["all_callers"]) - 5_904.0 * 100.0 / 33_066.0).abs() < 1e-9);
    assert!(
        (pct(&f["abandonment_pct"]["queue_offered"]) - 3_963.0 * 100.0 / 31_125.0).abs() < 1e-9
    );
}

/// The PwC case's figures that public dashboards quote: 4 054 of 5 000
/// calls answered (81.08%), 3 646 resolved, an ASA of 67.52 s with blanks
/// kept missing (54.75 s when blanks are turned into zeros, the common
/// mistake), and a mean rating of 3.40.
#[test]
fn pwc_matches_published_figures() {
    let (calls, quirks) = pwc();
    assert_eq!(quirks.rows, 5_000);
    assert_eq!(quirk(&quirks, "blank wait"), 946);
    let f = figures(&calls);
    assert_eq!(f["calls"]["answered"], 4_054);
    assert_eq!(f["answered_pct"].as_f64().unwrap(), 81.08);
    assert_eq!(format!("{:.2}", f["asa_s"].as_f64().unwrap()), "67.52");
    assert_eq!(format!("{:.2}", f["mean_rating"].as_f64().unwrap()), "3.40");
    let resolved = calls.iter().filter(|c| c.resolved == Some(true)).count();
    assert_eq!(resolved, 3_646);
    assert_eq!(
        f["resolution_pct"].as_f64().unwrap(),
        3_646.0 * 100.0 / 4_054.0
    );
    // The blanks-as-zeros trap, reproduced on purpose.
    let zeros: WaitTally = calls
        .iter()
        .map(|c| Waited::Answered(c.wait.unwrap_or(Duration::ZERO)))
        .collect();
    assert_eq!(format!("{:.2}", zeros.asa().unwrap().secs()), "54.75");
    // Without abandon times, only the treatments that need none are given.
    assert!(f["service_level_pct"]["20s"]["count_against"].is_number());
    assert!(f["service_level_pct"]["20s"]["exclude_short"].is_null());
}

/// On real data, a breakdown's groups merge back into the overall figures:
/// the KPIs of the whole month equal the merge of the KPIs of its days.
#[test]
fn days_merge_into_the_month() {
    let (calls, _) = bank();
    let mut by_day = Breakdown::<chrono::NaiveDate, CallKpis>::default();
    for call in &calls {
        by_day.record(call.arrival.day, call);
    }
    assert_eq!(by_day.group_count(), 28);
    let mut month = CallKpis::default();
    month.extend(&calls);
    assert_eq!(by_day.total().unwrap(), month);
    // And merging is order-independent: last day first.
    let mut reversed = CallKpis::default();
    for (_, day) in by_day.iter().rev() {
        reversed.try_merge(day).unwrap();
    }
    assert_eq!(reversed.figures(), month.figures());
    assert!(
        calls
            .iter()
            .all(|c| c.ending == Ending::Answered || c.agent.is_none())
    );
}

/// The column-mapped CSV reader, pointed at a file of the PwC log with its
/// column names, reads exactly the calls of the bundled PwC log.
#[test]
fn a_column_mapping_reads_a_file_like_the_bundled_log() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/pwc-call-centre/call_centre.csv");
    let mut quirks = Quirks::default();
    let table = Table::open(&path, b',', &mut quirks).unwrap();
    let mut from_file = Vec::new();
    mapped::load(
        table,
        &Mapping::pwc(),
        &TimeBasis::default(),
        &mut quirks,
        &mut |c| from_file.push(c),
    )
    .unwrap();
    assert_eq!(quirks.rows, 5_000);
    assert_eq!(quirk(&quirks, "blank wait"), 946);
    let (calls, _) = pwc();
    assert_eq!(from_file, calls);
    let mut mapping = Mapping::default();
    assert!(mapping.set("mood=Feeling").is_err());
}

/// The report's tally of a set of calls is a tally like the core's: its
/// state rebuilds it exactly, recording one call at a time through
/// `try_record` equals the report's own path, and a state whose service
/// levels are not the report's thresholds is refused.
#[test]
fn the_call_kpis_state_travels() {
    use cxkpi::Tally;
    let (calls, _) = bank();
    let mut month = CallKpis::default();
    month.extend(&calls);
    let state = month.state().unwrap();
    assert_eq!(CallKpis::from_state(state.clone()).unwrap(), month);
    assert_eq!(month.len().unwrap(), 33_066);
    let mut one_by_one = CallKpis::default();
    for call in calls.iter().take(500) {
        one_by_one.try_record(call.clone()).unwrap();
    }
    let mut first = CallKpis::default();
    first.extend(&calls[..500]);
    assert_eq!(one_by_one, first);
    let mut wrong = state;
    wrong.1.3.threshold = Duration::from_secs(30);
    let err = CallKpis::from_state(wrong).unwrap_err();
    assert!(err.to_string().contains("threshold"), "{err}");
}

/// Issue 18's figures, from the core's tally alone: on the bank log, the two
/// short-abandon treatments at 20 s are 52.781 % and 52.446 % with short
/// abandons strictly below 5 s, 52.957 % and 52.540 % with at most 5 s.
#[test]
fn short_abandon_rules_on_the_bank_log() {
    use cxkpi::{AbandonTreatment, ServiceLevelTally, ShortAbandons, Tally};
    let (calls, _) = bank();
    let five = Duration::from_secs(5);
    for (rule, expected) in [
        (ShortAbandons::below(five), ["52.781", "52.446"]),
        (ShortAbandons::at_most(five), ["52.957", "52.540"]),
    ] {
        let mut sl = ServiceLevelTally::new(Duration::from_secs(20), rule);
        for call in &calls {
            match (call.ending, call.wait) {
                (Ending::Answered, Some(w)) => sl.record(Waited::Answered(w)),
                (Ending::Abandoned, Some(w)) => sl.record(Waited::Abandoned(w)),
                _ => {}
            }
        }
        let pct = |t| format!("{:.3}", sl.service_level(t).unwrap().percent());
        let got = [
            pct(AbandonTreatment::ShortAsMet),
            pct(AbandonTreatment::ExcludeShort),
        ];
        assert_eq!(got, expected, "{rule:?}");
    }
}
