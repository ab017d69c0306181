//! The cross-language check of the states: `bindings/wasm/tests/fixtures/states.json`
//! holds observations and the state of the tally of each, as the core's
//! `serde_json` form. Here the core builds each tally from its observations
//! and must give that state, and the C functions must write the same JSON
//! text and read it back; the Node tests (`bindings/wasm/tests/state/`)
//! build the same tallies in JavaScript and compare with the same file.
//!
//! `CXKPI_BLESS_STATES=1 cargo test -p cxkpi-c states` rewrites the states
//! of the fixture from the core, for a deliberate change of the format.
#![allow(clippy::multiple_unsafe_ops_per_block)]
// The fixture's small numbers become scores, counts and contacts.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::float_cmp
)]

use core::ffi::{CStr, c_char};
use core::ptr;
use std::time::Duration;

use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, FcrTally, HandleTime,
    Money, NpsTally, RetentionTally, Scale, ServiceLevelTally, ShortAbandons, Tally, TicketVolume,
    WaitTally,
};
use serde_json::Value;

use crate::cxkpi_status::{
    CXKPI_BUFFER_TOO_SMALL, CXKPI_INCONSISTENT, CXKPI_INVALID_UTF8, CXKPI_OK, CXKPI_OUT_OF_RANGE,
};
use crate::tickets::CState;
use crate::values::CTally;
use crate::*;

const FIXTURE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../wasm/tests/fixtures/states.json"
);

fn fixture() -> Value {
    let text = std::fs::read_to_string(FIXTURE_PATH).expect("the fixture of states");
    serde_json::from_str(&text).expect("the fixture is JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn bytes(v: &Value) -> Vec<u8> {
    numbers(v).into_iter().map(|x| x as u8).collect()
}

fn secs(v: &Value) -> Vec<Duration> {
    numbers(v)
        .into_iter()
        .map(Duration::from_secs_f64)
        .collect()
}

fn scale(v: &Value) -> Scale {
    Scale::new(v[0].as_u64().unwrap() as u8, v[1].as_u64().unwrap() as u8).unwrap()
}

/// The core's tallies of the fixture's observations, by name, as JSON.
fn core_states(fx: &Value) -> Vec<(&'static str, Value)> {
    let o = |name: &str| &fx[name]["observations"];
    let nps = NpsTally::from_scores(&bytes(&o("nps")["scores"])).unwrap();
    let csat_o = o("csat");
    let rule = CsatRule::new(
        scale(&csat_o["scale"]),
        csat_o["satisfied_from"].as_u64().unwrap() as u8,
    )
    .unwrap();
    let csat = CsatTally::from_scores(rule, &bytes(&csat_o["scores"])).unwrap();
    let ces =
        CesTally::from_scores(scale(&o("ces")["scale"]), &bytes(&o("ces")["scores"])).unwrap();
    let r = numbers(&o("retention")["counts"]);
    let retention = RetentionTally::from_counts(r[0] as u64, r[1] as u64, r[2] as u64).unwrap();
    let ab = o("abandonment");
    let abandonment = AbandonmentTally::from_abandon_waits(
        ShortAbandons::below_secs(ab["short_abandon_below_s"].as_f64().unwrap()).unwrap(),
        ab["answered"].as_u64().unwrap(),
        &secs(&ab["abandon_waits_s"]),
    )
    .unwrap();
    let contacts: Vec<u32> = numbers(&o("fcr")["contacts"])
        .iter()
        .map(|&c| c as u32)
        .collect();
    let fcr = FcrTally::from_contact_counts(&contacts).unwrap();
    let mut aht = AhtTally::new();
    for c in o("aht")["contacts"].as_array().unwrap() {
        let t = numbers(c);
        aht.try_record(HandleTime::from_secs(t[0], t[1], t[2]).unwrap())
            .unwrap();
    }
    let mut cost = CostTally::new();
    for c in o("cost")["costs"].as_array().unwrap() {
        cost.try_record(c.as_str().unwrap().parse::<Money>().unwrap())
            .unwrap();
    }
    let w = o("wait");
    let wait = WaitTally::from_float_secs(
        &numbers(&w["answer_waits_s"]),
        &numbers(&w["abandon_waits_s"]),
    )
    .unwrap();
    let sl = o("service_level");
    let empty = ServiceLevelTally::with_threshold_secs(
        sl["threshold_s"].as_f64().unwrap(),
        ShortAbandons::below_secs(sl["short_abandon_below_s"].as_f64().unwrap()).unwrap(),
    )
    .unwrap();
    let service_level = ServiceLevelTally::from_float_secs(
        empty.threshold(),
        empty.short_abandons(),
        &numbers(&sl["answer_waits_s"]),
        &numbers(&sl["abandon_waits_s"]),
    )
    .unwrap();
    let mut volume = TicketVolume::new();
    for id in o("ticket_volume")["customer_ids"].as_array().unwrap() {
        volume.try_record(id.as_str().unwrap().to_owned()).unwrap();
    }
    let v = |t: &dyn erased::ToValue| t.to_value();
    vec![
        ("nps", v(&nps)),
        ("csat", v(&csat)),
        ("ces", v(&ces)),
        ("retention", v(&retention)),
        ("abandonment", v(&abandonment)),
        ("fcr", v(&fcr)),
        ("aht", v(&aht)),
        ("cost", v(&cost)),
        ("wait", v(&wait)),
        ("service_level", v(&service_level)),
        ("ticket_volume", v(&volume)),
    ]
}

/// `serde_json::to_value` behind a trait object, for one list of tallies.
mod erased {
    pub(super) trait ToValue {
        fn to_value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> ToValue for T {
        fn to_value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

#[test]
fn states_of_the_fixture_are_the_cores_serde_json_form() {
    let mut fx = fixture();
    let states = core_states(&fx);
    if std::env::var_os("CXKPI_BLESS_STATES").is_some() {
        for (name, state) in &states {
            fx[*name]["state"] = state.clone();
        }
        let text = serde_json::to_string_pretty(&fx).unwrap() + "\n";
        std::fs::write(FIXTURE_PATH, text).unwrap();
    }
    for (name, state) in &states {
        assert_eq!(&fx[*name]["state"], state, "the state of {name}");
    }
}

fn last_error() -> String {
    // SAFETY: a NUL-terminated string owned by the thread.
    unsafe { CStr::from_ptr(cxkpi_last_error_message()) }
        .to_str()
        .unwrap()
        .to_owned()
}

/// The JSON text a `…_state_json` function writes, through a buffer first
/// too small, to check the length it asks for.
fn text_of(write: impl Fn(*mut c_char, usize, *mut usize) -> cxkpi_status) -> String {
    let mut len = 0;
    assert_eq!(
        write(ptr::null_mut(), 0, &raw mut len),
        CXKPI_BUFFER_TOO_SMALL
    );
    let mut buffer = vec![0 as c_char; len + 1];
    let mut written = usize::MAX;
    assert_eq!(
        write(buffer.as_mut_ptr(), buffer.len(), &raw mut written),
        CXKPI_OK
    );
    assert_eq!(written, len);
    // SAFETY: the function wrote a NUL-terminated string.
    unsafe { CStr::from_ptr(buffer.as_ptr()) }
        .to_str()
        .unwrap()
        .to_owned()
}

/// Checks that `text` is the fixture's state `name`, and the core's text.
fn assert_fixture(fx: &Value, name: &str, text: &str, core_text: &str) {
    assert_eq!(text, core_text, "the text of {name}");
    let value: Value = serde_json::from_str(text).unwrap();
    assert_eq!(value, fx[name]["state"], "the state of {name}");
}

/// The text Rust's `serde_json` writes for the core's tally of the
/// fixture's state `name`.
fn core_text<T: serde::Serialize + serde::de::DeserializeOwned>(fx: &Value, name: &str) -> String {
    let tally: T = serde_json::from_value(fx[name]["state"].clone()).unwrap();
    serde_json::to_string(&tally).unwrap()
}

/// `text` as a C argument: pointer and length.
fn arg(text: &str) -> (*const c_char, usize) {
    (text.as_ptr().cast(), text.len())
}

/// The `#[repr(C)]` tally of the fixture's state `name`, read by `read`,
/// written back by `write`: the same text as the core's.
fn round_trip_counts<C: CTally>(
    fx: &Value,
    name: &str,
    read: unsafe extern "C" fn(*const c_char, usize, *mut C) -> cxkpi_status,
    write: unsafe extern "C" fn(C, *mut c_char, usize, *mut usize) -> cxkpi_status,
) where
    C::Core: serde::Serialize + serde::de::DeserializeOwned,
{
    let state_text = serde_json::to_string(&fx[name]["state"]).unwrap();
    let core: C::Core = serde_json::from_str(&state_text).unwrap();
    let core_text = serde_json::to_string(&core).unwrap();
    let c = C::of_core(&core).unwrap();
    // SAFETY: valid buffers and lengths, as `text_of` passes them.
    let text = text_of(|b, cap, len| unsafe { write(c, b, cap, len) });
    assert_fixture(fx, name, &text, &core_text);
    let mut back = c;
    let (p, n) = arg(&state_text);
    // SAFETY: `p` holds `n` bytes; `back` is writable.
    assert_eq!(unsafe { read(p, n, &raw mut back) }, CXKPI_OK);
    assert_eq!(back.to_core().unwrap(), core, "{name} read back");
}

#[test]
fn the_c_functions_write_and_read_the_fixtures_states() {
    let fx = fixture();
    round_trip_counts(
        &fx,
        "nps",
        cxkpi_nps_tally_from_state_json,
        cxkpi_nps_tally_state_json,
    );
    round_trip_counts(
        &fx,
        "csat",
        cxkpi_csat_tally_from_state_json,
        cxkpi_csat_tally_state_json,
    );
    round_trip_counts(
        &fx,
        "ces",
        cxkpi_ces_tally_from_state_json,
        cxkpi_ces_tally_state_json,
    );
    round_trip_counts(
        &fx,
        "retention",
        cxkpi_retention_tally_from_state_json,
        cxkpi_retention_tally_state_json,
    );
    round_trip_counts(
        &fx,
        "abandonment",
        cxkpi_abandonment_tally_from_state_json,
        cxkpi_abandonment_tally_state_json,
    );
    round_trip_counts(
        &fx,
        "fcr",
        cxkpi_fcr_tally_from_state_json,
        cxkpi_fcr_tally_state_json,
    );
    round_trip_counts(
        &fx,
        "cost",
        cxkpi_cost_tally_from_state_json,
        cxkpi_cost_tally_state_json,
    );
}

#[test]
fn the_opaque_tallies_built_in_c_write_the_fixtures_states() {
    let fx = fixture();
    // SAFETY: every pointer below is a live handle, a valid array with its
    // length, or a valid out-parameter; each handle is freed once.
    unsafe {
        let mut aht = ptr::null_mut();
        assert_eq!(cxkpi_aht_tally_new(&raw mut aht), CXKPI_OK);
        for c in fx["aht"]["observations"]["contacts"].as_array().unwrap() {
            let t = numbers(c);
            assert_eq!(cxkpi_aht_tally_record(aht, t[0], t[1], t[2]), CXKPI_OK);
        }
        let text = text_of(|b, cap, len| cxkpi_aht_tally_state_json(aht, b, cap, len));
        assert_fixture(&fx, "aht", &text, &core_text::<AhtTally>(&fx, "aht"));
        let (p, n) = arg(&text);
        let mut back = ptr::null_mut();
        assert_eq!(
            cxkpi_aht_tally_from_state_json(p, n, &raw mut back),
            CXKPI_OK
        );
        assert_eq!((*back).0, (*aht).0);
        cxkpi_aht_tally_free(aht);
        cxkpi_aht_tally_free(back);

        let w = &fx["wait"]["observations"];
        let (ans, ab) = (
            numbers(&w["answer_waits_s"]),
            numbers(&w["abandon_waits_s"]),
        );
        let mut wait = ptr::null_mut();
        assert_eq!(
            cxkpi_wait_tally_from_waits(
                ans.as_ptr(),
                ans.len(),
                ab.as_ptr(),
                ab.len(),
                &raw mut wait
            ),
            CXKPI_OK
        );
        let text = text_of(|b, cap, len| cxkpi_wait_tally_state_json(wait, b, cap, len));
        assert_fixture(&fx, "wait", &text, &core_text::<WaitTally>(&fx, "wait"));
        let (p, n) = arg(&text);
        let mut back = ptr::null_mut();
        assert_eq!(
            cxkpi_wait_tally_from_state_json(p, n, &raw mut back),
            CXKPI_OK
        );
        assert_eq!((*back).0, (*wait).0);
        cxkpi_wait_tally_free(wait);
        cxkpi_wait_tally_free(back);

        let sl = &fx["service_level"]["observations"];
        let (ans, ab) = (
            numbers(&sl["answer_waits_s"]),
            numbers(&sl["abandon_waits_s"]),
        );
        let short = sl["short_abandon_below_s"].as_f64().unwrap();
        let mut tally = ptr::null_mut();
        assert_eq!(
            cxkpi_service_level_tally_from_waits(
                sl["threshold_s"].as_f64().unwrap(),
                &raw const short,
                ans.as_ptr(),
                ans.len(),
                ab.as_ptr(),
                ab.len(),
                &raw mut tally
            ),
            CXKPI_OK
        );
        let text = text_of(|b, cap, len| cxkpi_service_level_tally_state_json(tally, b, cap, len));
        assert_fixture(
            &fx,
            "service_level",
            &text,
            &core_text::<ServiceLevelTally>(&fx, "service_level"),
        );
        let (p, n) = arg(&text);
        let mut back = ptr::null_mut();
        assert_eq!(
            cxkpi_service_level_tally_from_state_json(p, n, &raw mut back),
            CXKPI_OK
        );
        assert_eq!((*back).0, (*tally).0);
        cxkpi_service_level_tally_free(tally);
        cxkpi_service_level_tally_free(back);
    }
}

#[test]
fn the_ticket_tallies_round_trip_through_their_json() {
    let mut deadline = cxkpi_deadline_tally::default();
    // SAFETY: a valid tally, deadlines from seconds.
    unsafe {
        assert_eq!(
            cxkpi_deadline_tally_record(&raw mut deadline, 60.0, 30.0, false),
            CXKPI_OK
        );
        assert_eq!(
            cxkpi_deadline_tally_record(&raw mut deadline, 60.0, 100.0, true),
            CXKPI_OK
        );
    }
    // SAFETY: valid buffers, as `text_of` passes them.
    let text =
        text_of(|b, cap, len| unsafe { cxkpi_deadline_tally_state_json(deadline, b, cap, len) });
    assert_eq!(
        text,
        serde_json::to_string(&deadline.to_core().unwrap()).unwrap()
    );
    let mut back = cxkpi_deadline_tally::default();
    let (p, n) = arg(&text);
    // SAFETY: `p` holds `n` bytes.
    let status = unsafe { cxkpi_deadline_tally_from_state_json(p, n, &raw mut back) };
    assert_eq!(status, CXKPI_OK);
    assert_eq!(back, deadline);

    let reopen = cxkpi_reopen_tally::default();
    // SAFETY: valid buffers.
    let text = text_of(|b, cap, len| unsafe { cxkpi_reopen_tally_state_json(reopen, b, cap, len) });
    let mut back = cxkpi_reopen_tally::default();
    let (p, n) = arg(&text);
    // SAFETY: `p` holds `n` bytes.
    let status = unsafe { cxkpi_reopen_tally_from_state_json(p, n, &raw mut back) };
    assert_eq!(status, CXKPI_OK);
    assert_eq!(back, reopen);

    let survey = cxkpi_survey_response_tally::default();
    // SAFETY: valid buffers.
    let text = text_of(|b, cap, len| unsafe {
        cxkpi_survey_response_tally_state_json(survey, b, cap, len)
    });
    let mut back = cxkpi_survey_response_tally::default();
    let (p, n) = arg(&text);
    // SAFETY: `p` holds `n` bytes.
    let status = unsafe { cxkpi_survey_response_tally_from_state_json(p, n, &raw mut back) };
    assert_eq!(status, CXKPI_OK);
    assert_eq!(back, survey);
}

/// The status and message of reading the CSAT state `text`; the tally
/// given as out-parameter is left as it was.
fn refused(text: &str) -> (cxkpi_status, String) {
    let before = cxkpi_csat_tally::default();
    let mut out = before;
    let (p, n) = arg(text);
    // SAFETY: `p` holds `n` bytes; `out` is writable.
    let status = unsafe { cxkpi_csat_tally_from_state_json(p, n, &raw mut out) };
    assert_eq!(out, before, "out untouched on failure");
    (status, last_error())
}

#[test]
fn bad_states_are_refused_with_the_cores_kind_and_message() {
    let rule = r#""rule":{"scale":{"min":1,"max":5},"satisfied_from":4}"#;
    assert_eq!(
        refused(&format!(r#"{{{rule},"satisfied":"5","responses":"4"}}"#)),
        (
            CXKPI_INCONSISTENT,
            "satisfied (5) exceeds responses (4)".to_owned()
        )
    );
    assert_eq!(
        refused(&format!(
            r#"{{{rule},"satisfied":"18446744073709551616","responses":"4"}}"#
        )),
        (
            CXKPI_OUT_OF_RANGE,
            "CSAT tally state is malformed: invalid value: string \"18446744073709551616\", \
             expected an unsigned 64-bit integer (a decimal string or a number) \
             at line 1 column 89"
                .to_owned()
        )
    );
    assert_eq!(
        refused(&format!(r#"{{{rule},"satisfied":true,"responses":"4"}}"#)),
        (
            CXKPI_OUT_OF_RANGE,
            "CSAT tally state is malformed: invalid type: boolean `true`, \
             expected an unsigned 64-bit integer (a decimal string or a number) \
             at line 1 column 71"
                .to_owned()
        )
    );
    assert_eq!(
        refused(&format!(
            r#"{{{rule},"satisfied":"1","responses":"4","extra":0}}"#
        ))
        .0,
        CXKPI_OUT_OF_RANGE
    );
    let invalid = [0xff_u8];
    let mut out = cxkpi_nps_tally::default();
    // SAFETY: one byte at `invalid`; `out` is writable.
    let status =
        unsafe { cxkpi_nps_tally_from_state_json(invalid.as_ptr().cast(), 1, &raw mut out) };
    assert_eq!(status, CXKPI_INVALID_UTF8);
}
