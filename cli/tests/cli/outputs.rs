//! The report's outputs on the bundled data: text, JSON, the tidy CSV.

use crate::common::{json, run, scratch, stdout};

#[test]
fn bank_json_has_the_known_figures() {
    let doc = json(&["report"]);
    assert_eq!(doc["calls"]["answered"], 27_162);
    assert_eq!(doc["calls"]["offered"], 33_066);
    assert_eq!(format!("{:.3}", doc["asa_s"].as_f64().unwrap()), "40.774");
    let sl = doc["service_level_pct"]["20s"].as_object().unwrap();
    assert_eq!(sl.len(), 6);
    assert_eq!(
        format!("{:.2}", sl["count_against"].as_f64().unwrap()),
        "52.08"
    );
    assert_eq!(
        format!(
            "{:.2}",
            doc["abandonment_pct"]["queue_offered"].as_f64().unwrap()
        ),
        "12.73"
    );
    assert_eq!(doc["rows"], 33_344);
    assert_eq!(
        doc["quirks"]["PHANTOM rows"]["rows"],
        doc["rows"].as_u64().unwrap() - 33_066
    );
    // 28 days of 24 hours, no zone given: times as recorded.
    assert_eq!(doc["by_day_hour"].as_object().unwrap().len(), 28 * 24);
}

#[test]
fn bank_text_report() {
    let out = run(&["report"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.starts_with("KPI report: Anonymous Bank call centre, February 1999\n"),
        "{text}"
    );
    assert!(
        text.contains("  ASA (answered calls)                      40.77 s\n"),
        "{text}"
    );
}

#[test]
fn pwc_keeps_blanks_missing() {
    let doc = json(&["report", "--dataset", "pwc"]);
    assert_eq!(format!("{:.2}", doc["asa_s"].as_f64().unwrap()), "67.52");
    assert_eq!(
        doc["service_level_pct"]["20s"]["exclude_short"],
        serde_json::Value::Null
    );
    assert_eq!(doc["quirks"]["blank wait"]["rows"], 946);
    let ci = doc["ci95"]["csat_pct"].as_array().unwrap();
    assert!(ci[0].as_f64().unwrap() < doc["csat_pct"].as_f64().unwrap());
    assert!(doc["by_week"].as_object().unwrap().len() >= 13);
}

#[test]
fn tidy_csv_holds_every_figure_of_the_json() {
    let dir = scratch("tidy");
    let path = dir.join("report.csv");
    let out = run(&[
        "report",
        "--dataset",
        "pwc",
        "--quiet",
        "--csv",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "--quiet prints nothing");
    let doc = json(&["report", "--dataset", "pwc"]);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "kpi", "group_by", "group", "period", "value", "unit", "n", "ci_low", "ci_high"
        ]
    );
    let mut checked = 0;
    for record in reader.records() {
        let r = record.unwrap();
        assert_eq!(r.len(), 9);
        // Every figure of a group is the JSON's at the same place.
        let segments: Vec<&str> = r[0].split('.').collect();
        let at = match &r[1] {
            "all" => Some(doc.pointer(&format!("/{}", segments.join("/")))),
            "type" | "agent" | "day" | "hour_of_day" | "day_hour" | "week" => {
                let group = match &r[1] {
                    "type" => "by_type",
                    "agent" => "by_agent",
                    "day" => "by_day",
                    "hour_of_day" => "by_hour",
                    "day_hour" => "by_day_hour",
                    _ => "by_week",
                };
                (segments[0] != "peak_hour")
                    .then(|| doc[group][&r[2]].pointer(&format!("/{}", segments.join("/"))))
            }
            _ => None,
        };
        if let Some(at) = at {
            let json = at.unwrap_or_else(|| panic!("no JSON figure for {r:?}"));
            match json.as_f64() {
                Some(x) => assert_eq!(r[4].parse::<f64>().unwrap(), x, "{r:?}"),
                None => assert_eq!(&r[4], "", "{r:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} figures checked");
    // Quoting: a group with a comma or quote round-trips (RFC 4180).
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("asa_s,all,all,2021-01-01/2021-03-31,67.52072027627035,s,4054,,\n"),
        "{}",
        &text[..500]
    );
}
