//! The ticket functions through the `extern "C"` surface alone, as a C
//! program calls them: records, merges, rates, hand-made tallies refused,
//! failures that leave the tally unchanged.
#![allow(clippy::multiple_unsafe_ops_per_block)]

use core::ffi::CStr;
use core::ptr;

use crate::cxkpi_deadline_kind::{CXKPI_DEADLINE_FIRST_RESPONSE, CXKPI_DEADLINE_RESOLUTION};
use crate::cxkpi_status::{
    CXKPI_EMPTY, CXKPI_INCONSISTENT, CXKPI_INVALID_PARAMETER, CXKPI_NULL_POINTER, CXKPI_OK,
    CXKPI_OUT_OF_RANGE, CXKPI_OVERFLOW,
};
use crate::*;

fn last_error() -> String {
    // SAFETY: the library's messages are NUL-terminated and live until the
    // thread's next failing call.
    unsafe { CStr::from_ptr(cxkpi_last_error_message()) }
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn deadlines_of_every_priority_in_one_tally() {
    let hour = 3600.0;
    let mut tally = cxkpi_deadline_tally::default();
    let mut share = cxkpi_rate::default();
    // SAFETY: live out-parameters and tallies.
    unsafe {
        assert_eq!(
            cxkpi_deadline_tally_new(CXKPI_DEADLINE_FIRST_RESPONSE as u32, &raw mut tally),
            CXKPI_OK
        );
        // Urgent: 1 h target, answered in 30 min and in 3 h; low: 24 h, in 20 h
        // and in 26 h; one low still unanswered after 2 h.
        for (target, elapsed, open) in [
            (hour, 0.5 * hour, false),
            (hour, 3.0 * hour, false),
            (24.0 * hour, 20.0 * hour, false),
            (24.0 * hour, 26.0 * hour, false),
            (24.0 * hour, 2.0 * hour, true),
        ] {
            assert_eq!(
                cxkpi_deadline_tally_record(&raw mut tally, target, elapsed, open),
                CXKPI_OK
            );
        }
        assert_eq!(cxkpi_deadline_share_met(tally, &raw mut share), CXKPI_OK);
    }
    assert_eq!((tally.met, tally.missed, tally.pending), (2, 2, 1));
    assert_eq!(
        (tally.late_up_to_10_percent, tally.late_over_100_percent),
        (1, 1)
    );
    assert_eq!((share.part, share.whole, share.percent), (2, 4, 50.0));
}

#[test]
fn deadline_columns_name_the_bad_row_and_leave_out_untouched() {
    let targets = [60.0, 0.0];
    let elapsed = [30.0, 10.0];
    let mut out = cxkpi_deadline_tally::default();
    // SAFETY: two live arrays of `len` doubles and a live out-parameter.
    let status = unsafe {
        cxkpi_deadline_tally_from_secs(
            CXKPI_DEADLINE_RESOLUTION as u32,
            targets.as_ptr(),
            elapsed.as_ptr(),
            2,
            &raw mut out,
        )
    };
    assert_eq!(status, CXKPI_OUT_OF_RANGE);
    assert_eq!(
        last_error(),
        "deadline target (s) 0 at index 1 is out of range: it must be a finite number above 0"
    );
    assert_eq!(out, cxkpi_deadline_tally::default());
    // SAFETY: as above, with one row.
    let status = unsafe {
        cxkpi_deadline_tally_from_secs(2, targets.as_ptr(), elapsed.as_ptr(), 1, &raw mut out)
    };
    assert_eq!(status, CXKPI_OK);
    assert_eq!((out.kind, out.met), (2, 1));
    // SAFETY: an unknown kind, a NaN and a null tally are what is tested.
    unsafe {
        assert_eq!(
            cxkpi_deadline_tally_new(3, &raw mut out),
            CXKPI_INVALID_PARAMETER
        );
        assert_eq!(
            cxkpi_deadline_tally_record(&raw mut out, f64::NAN, 1.0, false),
            CXKPI_OUT_OF_RANGE
        );
        assert_eq!(
            cxkpi_deadline_tally_record(ptr::null_mut(), 1.0, 1.0, false),
            CXKPI_NULL_POINTER
        );
    }
    assert_eq!((out.kind, out.met), (2, 1));
}

#[test]
fn deadline_tallies_merge_only_within_a_kind_and_refuse_hand_made_contradictions() {
    let mut first = cxkpi_deadline_tally {
        met: 3,
        ..Default::default()
    };
    let resolution = cxkpi_deadline_tally {
        kind: 2,
        met: 1,
        ..Default::default()
    };
    let lying = cxkpi_deadline_tally {
        missed: 2,
        late_up_to_10_percent: 1,
        ..Default::default()
    };
    let mut share = cxkpi_rate::default();
    // SAFETY: live tallies and out-parameters.
    unsafe {
        assert_eq!(
            cxkpi_deadline_tally_merge(&raw mut first, resolution),
            CXKPI_INVALID_PARAMETER
        );
        assert_eq!(
            cxkpi_deadline_tally_merge(&raw mut first, lying),
            CXKPI_INCONSISTENT
        );
        assert_eq!(
            cxkpi_deadline_share_met(lying, &raw mut share),
            CXKPI_INCONSISTENT
        );
        let more = cxkpi_deadline_tally {
            met: 1,
            ..Default::default()
        };
        assert_eq!(cxkpi_deadline_tally_merge(&raw mut first, more), CXKPI_OK);
        let empty = cxkpi_deadline_tally {
            pending: 4,
            ..Default::default()
        };
        assert_eq!(cxkpi_deadline_share_met(empty, &raw mut share), CXKPI_EMPTY);
    }
    assert_eq!(first.met, 4);
}

#[test]
fn reopens_count_tickets_once_and_every_reopening() {
    let mut tally = cxkpi_reopen_tally::default();
    let mut rate = cxkpi_rate::default();
    // SAFETY: live tallies and out-parameters.
    unsafe {
        for reopenings in [0, 3, 0, 1, 0] {
            assert_eq!(
                cxkpi_reopen_tally_record(&raw mut tally, reopenings),
                CXKPI_OK
            );
        }
        assert_eq!(cxkpi_reopen_rate(tally, &raw mut rate), CXKPI_OK);
    }
    assert_eq!(
        tally,
        cxkpi_reopen_tally {
            resolved: 5,
            reopened: 2,
            reopenings: 4
        }
    );
    assert_eq!(rate.percent, 40.0);
    let full = cxkpi_reopen_tally {
        resolved: u64::MAX,
        reopened: 0,
        reopenings: 0,
    };
    let mut merged = full;
    // SAFETY: live tallies and out-parameters.
    unsafe {
        assert_eq!(
            cxkpi_reopen_tally_merge(&raw mut merged, tally),
            CXKPI_OVERFLOW
        );
        let lying = cxkpi_reopen_tally {
            resolved: 1,
            reopened: 0,
            reopenings: 2,
        };
        assert_eq!(cxkpi_reopen_rate(lying, &raw mut rate), CXKPI_INCONSISTENT);
        assert_eq!(
            cxkpi_reopen_rate(cxkpi_reopen_tally::default(), &raw mut rate),
            CXKPI_EMPTY
        );
    }
    assert_eq!(merged, full);
}

#[test]
fn survey_response_next_to_the_answers() {
    let mut tally = cxkpi_survey_response_tally::default();
    let mut rate = cxkpi_rate::default();
    // SAFETY: live tallies and out-parameters.
    unsafe {
        for answered in [
            true, false, false, false, true, false, false, false, false, false,
        ] {
            assert_eq!(
                cxkpi_survey_response_tally_record(&raw mut tally, answered),
                CXKPI_OK
            );
        }
        let email = cxkpi_survey_response_tally {
            sent: 10,
            answered: 1,
        };
        assert_eq!(
            cxkpi_survey_response_tally_merge(&raw mut tally, email),
            CXKPI_OK
        );
        assert_eq!(cxkpi_survey_response_rate(tally, &raw mut rate), CXKPI_OK);
        let lying = cxkpi_survey_response_tally {
            sent: 1,
            answered: 2,
        };
        assert_eq!(
            cxkpi_survey_response_tally_merge(&raw mut tally, lying),
            CXKPI_INCONSISTENT
        );
    }
    assert_eq!(last_error(), "answered (2) exceeds sent (1)");
    assert_eq!(
        tally,
        cxkpi_survey_response_tally {
            sent: 20,
            answered: 3
        }
    );
    assert_eq!(rate.percent, 15.0);
}
