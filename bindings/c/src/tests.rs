//! Tests of the boundary itself: statuses, null and bad pointers, buffers,
//! merges and handles, through the `extern "C"` functions alone. The
//! conformance vectors run through the built library from Python
//! (`bindings/c/tests/conformance.py`).
//!
//! Each test calls the functions as a C program would, in one `unsafe`
//! block per scenario, whose `SAFETY` comment covers its calls.
#![allow(clippy::multiple_unsafe_ops_per_block)]

use core::ffi::{CStr, c_char};
use core::ptr;

use cxkpi::ErrorKind;

use crate::cxkpi_status::{
    CXKPI_BAD_POINTER, CXKPI_BUFFER_TOO_SMALL, CXKPI_EMPTY, CXKPI_INCONSISTENT,
    CXKPI_INVALID_PARAMETER, CXKPI_INVALID_UTF8, CXKPI_NULL_POINTER, CXKPI_OK, CXKPI_OUT_OF_RANGE,
    CXKPI_OVERFLOW,
};
use crate::*;

/// The static or thread-local C string at `ptr`.
fn text(ptr: *const c_char) -> String {
    // SAFETY: every string the library returns is NUL-terminated and lives
    // at least until the thread's next failing call.
    unsafe { CStr::from_ptr(ptr) }
        .to_str()
        .expect("UTF-8")
        .to_owned()
}

fn last_error() -> String {
    text(cxkpi_last_error_message())
}

#[test]
fn each_error_kind_has_its_own_code_named_as_in_the_vectors() {
    for (i, kind) in ErrorKind::ALL.into_iter().enumerate() {
        let status = cxkpi_status::of_kind(kind);
        assert_eq!(status as i32, i32::try_from(i).unwrap() + 1);
        assert_eq!(text(cxkpi_status_name(status as i32)), kind.as_str());
    }
    assert_eq!(text(cxkpi_status_name(0)), "ok");
    assert_eq!(text(cxkpi_status_name(42)), "unknown");
    assert_eq!(text(cxkpi_status_message(42)), "unknown status");
    assert!(text(cxkpi_status_message(CXKPI_EMPTY as i32)).starts_with("nothing to compute"));
    assert_eq!(text(cxkpi_version()), env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_failure_keeps_the_core_message_for_the_thread() {
    let scores = [9_u8, 11];
    let mut tally = cxkpi_nps_tally::default();
    // SAFETY: a live array of its length and a live out-parameter.
    let status = unsafe { cxkpi_nps_tally_from_scores(scores.as_ptr(), 2, &raw mut tally) };
    assert_eq!(status, CXKPI_OUT_OF_RANGE);
    assert_eq!(
        last_error(),
        "NPS rating 11 at index 1 is out of range: it must be between 0 and 10"
    );
    // The out-parameter is untouched, and another thread has its own message.
    assert_eq!(tally, cxkpi_nps_tally::default());
    let other = std::thread::spawn(last_error).join().unwrap();
    assert_eq!(other, "");
}

#[test]
fn null_pointers_are_a_status() {
    let scores = [9_u8];
    // SAFETY: null pointers are what is tested; the library checks them.
    unsafe {
        assert_eq!(
            cxkpi_nps_tally_from_scores(scores.as_ptr(), 1, ptr::null_mut()),
            CXKPI_NULL_POINTER
        );
        let mut tally = cxkpi_nps_tally::default();
        assert_eq!(
            cxkpi_nps_tally_from_scores(ptr::null(), 3, &raw mut tally),
            CXKPI_NULL_POINTER
        );
        assert_eq!(last_error(), "`scores` is a null pointer");
        // A null array of length 0 is the empty array.
        assert_eq!(
            cxkpi_nps_tally_from_scores(ptr::null(), 0, &raw mut tally),
            CXKPI_OK
        );
        assert_eq!(
            cxkpi_nps_tally_record(ptr::null_mut(), 9),
            CXKPI_NULL_POINTER
        );
        assert_eq!(
            cxkpi_money_parse(ptr::null(), ptr::null_mut()),
            CXKPI_NULL_POINTER
        );
        assert_eq!(cxkpi_aht(ptr::null(), ptr::null_mut()), CXKPI_NULL_POINTER);
        let mut volume = cxkpi_ticket_volume_result::default();
        let ids = [c"a".as_ptr(), ptr::null()];
        assert_eq!(
            cxkpi_ticket_volume(ids.as_ptr(), 2, &raw mut volume),
            CXKPI_NULL_POINTER
        );
        cxkpi_aht_tally_free(ptr::null_mut());
    }
}

#[test]
fn misaligned_pointers_and_impossible_lengths_are_a_status() {
    let words = [0_u64; 4];
    // Misaligned on purpose: the library must refuse it, never read it.
    #[allow(clippy::cast_ptr_alignment)]
    let misaligned = words.as_ptr().cast::<u8>().wrapping_add(1).cast::<f64>();
    let mut summary = cxkpi_duration_summary::default();
    // SAFETY: the library checks alignment and length before reading.
    unsafe {
        assert_eq!(
            cxkpi_duration_stats(misaligned, 2, &raw mut summary),
            CXKPI_BAD_POINTER
        );
        assert_eq!(
            cxkpi_duration_stats(words.as_ptr().cast(), usize::MAX / 4, &raw mut summary),
            CXKPI_BAD_POINTER
        );
    }
}

#[test]
fn enumeration_values_out_of_range_are_invalid_parameters() {
    let mut rate = cxkpi_rate::default();
    let counts = cxkpi_service_level_counts {
        answered: 10,
        answered_within: 8,
        ..Default::default()
    };
    let mut interval = cxkpi_interval::default();
    // SAFETY: live out-parameters.
    unsafe {
        assert_eq!(
            cxkpi_service_level_from_counts(counts, 3, &raw mut rate),
            CXKPI_OK
        );
        assert_eq!(rate.percent, 80.0);
        assert_eq!(
            cxkpi_service_level_from_counts(counts, 6, &raw mut rate),
            CXKPI_INVALID_PARAMETER
        );
        assert_eq!(
            last_error(),
            "abandon treatment 6 is invalid: it must be between 0 and 5"
        );
        assert_eq!(
            cxkpi_rate_interval(5, 10, 0.95, 99, &raw mut interval),
            CXKPI_INVALID_PARAMETER
        );
    }
}

#[test]
fn hand_made_tallies_are_validated() {
    let mut rate = cxkpi_rate::default();
    let contradictory = cxkpi_abandonment_tally {
        offered: 10,
        abandoned: 11,
        short_abandoned: 0,
    };
    let off_scale = cxkpi_csat_tally {
        rule: cxkpi_csat_rule {
            scale: cxkpi_scale { min: 1, max: 5 },
            satisfied_from: 6,
        },
        satisfied: 1,
        responses: 1,
    };
    // SAFETY: live out-parameters.
    unsafe {
        assert_eq!(
            cxkpi_abandonment(contradictory, &raw mut rate),
            CXKPI_INCONSISTENT
        );
        assert_eq!(
            cxkpi_csat(off_scale, &raw mut rate),
            CXKPI_INVALID_PARAMETER
        );
        let mut nps = cxkpi_nps_result::default();
        assert_eq!(
            cxkpi_nps(cxkpi_nps_tally::default(), &raw mut nps),
            CXKPI_EMPTY
        );
    }
}

#[test]
fn repr_c_tallies_merge_and_refuse_overflow_unchanged() {
    let mut tally = cxkpi_nps_tally::default();
    let scores = [10_u8, 9, 3];
    // SAFETY: live arrays and tallies.
    unsafe {
        assert_eq!(
            cxkpi_nps_tally_from_scores(scores.as_ptr(), 3, &raw mut tally),
            CXKPI_OK
        );
        assert_eq!(cxkpi_nps_tally_record(&raw mut tally, 8), CXKPI_OK);
        assert_eq!(
            cxkpi_nps_tally_record(&raw mut tally, -1),
            CXKPI_OUT_OF_RANGE
        );
        let other = cxkpi_nps_tally {
            promoters: 1,
            passives: 0,
            detractors: 1,
        };
        assert_eq!(cxkpi_nps_tally_merge(&raw mut tally, other), CXKPI_OK);
        assert_eq!(
            tally,
            cxkpi_nps_tally {
                promoters: 3,
                passives: 1,
                detractors: 2
            }
        );
        let huge = cxkpi_nps_tally {
            promoters: u64::MAX - 5,
            passives: 0,
            detractors: 0,
        };
        assert_eq!(cxkpi_nps_tally_merge(&raw mut tally, huge), CXKPI_OVERFLOW);
        assert_eq!(tally.promoters, 3);

        let rule = cxkpi_csat_rule {
            scale: cxkpi_scale { min: 1, max: 5 },
            satisfied_from: 4,
        };
        let mut csat = cxkpi_csat_tally {
            rule,
            ..Default::default()
        };
        assert_eq!(cxkpi_csat_tally_record(&raw mut csat, 5), CXKPI_OK);
        let seven = cxkpi_csat_tally {
            rule: cxkpi_csat_rule {
                scale: cxkpi_scale { min: 1, max: 7 },
                satisfied_from: 6,
            },
            satisfied: 1,
            responses: 1,
        };
        assert_eq!(
            cxkpi_csat_tally_merge(&raw mut csat, seven),
            CXKPI_INVALID_PARAMETER
        );
        assert_eq!(csat.responses, 1);

        let mut ces = cxkpi_ces_tally {
            scale: cxkpi_scale { min: 1, max: 7 },
            ..Default::default()
        };
        for score in [7, 6, 2] {
            assert_eq!(cxkpi_ces_tally_record(&raw mut ces, score), CXKPI_OK);
        }
        assert_eq!(u128::from(ces.sum), 15);
        let mut result = cxkpi_ces_result::default();
        assert_eq!(cxkpi_ces(ces, &raw mut result), CXKPI_OK);
        assert_eq!((result.mean, result.responses), (5.0, 3));
    }
}

#[test]
fn money_crosses_as_fixed_point_and_text() {
    let mut money = cxkpi_money::default();
    let mut buffer = [0 as c_char; CXKPI_MONEY_TEXT_CAPACITY];
    let mut len = 0_usize;
    let mut units = 0_i64;
    // SAFETY: live strings, buffers and out-parameters.
    unsafe {
        assert_eq!(
            cxkpi_money_parse(c"1556.00".as_ptr(), &raw mut money),
            CXKPI_OK
        );
        assert_eq!(
            money,
            cxkpi_money {
                units_lo: 155_600,
                units_hi: 0,
                scale: 2
            }
        );
        assert_eq!(
            cxkpi_money_parse(c"-5".as_ptr(), &raw mut money),
            CXKPI_OUT_OF_RANGE
        );
        assert_eq!(
            cxkpi_money_parse(c"ten".as_ptr(), &raw mut money),
            CXKPI_OUT_OF_RANGE
        );
        let latin1 = c"\xE9"; // "é" in Latin-1: not UTF-8
        assert_eq!(
            cxkpi_money_parse(latin1.as_ptr(), &raw mut money),
            CXKPI_INVALID_UTF8
        );

        let tally = cxkpi_cost_tally {
            total: cxkpi_money {
                units_lo: 100,
                units_hi: 0,
                scale: 0,
            },
            units: 3,
        };
        let mut per = cxkpi_money::default();
        assert_eq!(cxkpi_cost_per_unit(tally, &raw mut per), CXKPI_OK);
        assert!(
            per.units_hi > 0,
            "28 significant digits need more than 64 bits"
        );
        assert_eq!(
            cxkpi_money_format(per, buffer.as_mut_ptr(), buffer.len(), &raw mut len),
            CXKPI_OK
        );
        assert_eq!(text(buffer.as_ptr()), "33.333333333333333333333333333");
        assert_eq!(len, 30);
        assert_eq!(
            cxkpi_money_format(per, buffer.as_mut_ptr(), 30, &raw mut len),
            CXKPI_BUFFER_TOO_SMALL
        );
        assert_eq!(len, 30);
        assert_eq!(
            cxkpi_money_format(per, ptr::null_mut(), 0, &raw mut len),
            CXKPI_BUFFER_TOO_SMALL
        );

        assert_eq!(cxkpi_money_to_fixed(per, 2, &raw mut units), CXKPI_OK);
        assert_eq!(units, 3333);
        let half = cxkpi_money {
            units_lo: 125,
            units_hi: 0,
            scale: 3,
        };
        assert_eq!(cxkpi_money_to_fixed(half, 2, &raw mut units), CXKPI_OK);
        assert_eq!(units, 13, "half away from zero");
        assert_eq!(
            cxkpi_money_to_fixed(half, 29, &raw mut units),
            CXKPI_INVALID_PARAMETER
        );
        let bad_scale = cxkpi_money { scale: 29, ..half };
        assert_eq!(
            cxkpi_money_format(bad_scale, buffer.as_mut_ptr(), buffer.len(), &raw mut len),
            CXKPI_INVALID_PARAMETER
        );
        let big = cxkpi_money {
            units_lo: u64::MAX,
            units_hi: 1,
            scale: 0,
        };
        assert_eq!(cxkpi_money_to_fixed(big, 0, &raw mut units), CXKPI_OVERFLOW);
    }
}

#[test]
fn opaque_tallies_merge_even_into_themselves() {
    let mut aht: *mut cxkpi_aht_tally = ptr::null_mut();
    let mut result = cxkpi_aht_result::default();
    // SAFETY: the handle comes from `cxkpi_aht_tally_new` and is freed once.
    unsafe {
        assert_eq!(cxkpi_aht_tally_new(&raw mut aht), CXKPI_OK);
        assert_eq!(cxkpi_aht(aht, &raw mut result), CXKPI_EMPTY);
        assert_eq!(cxkpi_aht_tally_record(aht, 240.0, 30.0, 60.0), CXKPI_OK);
        assert_eq!(
            cxkpi_aht_tally_record(aht, -1.0, 0.0, 0.0),
            CXKPI_OUT_OF_RANGE
        );
        assert_eq!(cxkpi_aht_tally_merge(aht, aht), CXKPI_OK);
        assert_eq!(cxkpi_aht(aht, &raw mut result), CXKPI_OK);
        assert_eq!((result.aht_s, result.handled), (330.0, 2));
        cxkpi_aht_tally_free(aht);
    }
}

#[test]
fn service_level_tallies_refuse_to_merge_across_thresholds() {
    let mut twenty: *mut cxkpi_service_level_tally = ptr::null_mut();
    let mut thirty: *mut cxkpi_service_level_tally = ptr::null_mut();
    let short = 5.0_f64;
    let mut rate = cxkpi_rate::default();
    // SAFETY: the handles come from `…_new` and are freed once.
    unsafe {
        assert_eq!(
            cxkpi_service_level_tally_new(20.0, &raw const short, &raw mut twenty),
            CXKPI_OK
        );
        assert_eq!(
            cxkpi_service_level_tally_new(30.0, ptr::null(), &raw mut thirty),
            CXKPI_OK
        );
        for (wait, answered) in [(10.0, 1), (25.0, 1), (3.0, 0)] {
            assert_eq!(
                cxkpi_service_level_tally_record(twenty, wait, answered),
                CXKPI_OK
            );
        }
        assert_eq!(
            cxkpi_service_level(twenty, 5, &raw mut rate),
            CXKPI_OK,
            "exclude_short"
        );
        assert_eq!((rate.part, rate.whole), (1, 2));
        assert_eq!(
            cxkpi_service_level(thirty, 5, &raw mut rate),
            CXKPI_INVALID_PARAMETER,
            "exclude_short without a short-abandon threshold"
        );
        assert_eq!(
            cxkpi_service_level_tally_merge(twenty, thirty),
            CXKPI_INVALID_PARAMETER
        );
        let mut counts = cxkpi_service_level_counts::default();
        assert_eq!(
            cxkpi_service_level_tally_counts(twenty, &raw mut counts),
            CXKPI_OK
        );
        assert_eq!(
            (
                counts.answered,
                counts.short_abandoned,
                counts.short_abandoned_known
            ),
            (2, 1, 1)
        );
        cxkpi_service_level_tally_free(twenty);
        cxkpi_service_level_tally_free(thirty);
    }
}

#[test]
fn a_panic_becomes_a_status_instead_of_crossing_into_c() {
    // The core does not panic on any input, so a panic is staged here; the
    // panic hook prints it to stderr, as it would for a real bug.
    let status = crate::status::guard(|| panic!("a staged bug"));
    assert_eq!(status, cxkpi_status::CXKPI_INTERNAL);
    assert_eq!(
        last_error(),
        "internal error in cxkpi (please report it): a staged bug"
    );
    assert_eq!(text(cxkpi_status_name(status as i32)), "internal");
}

/// `n` whole seconds from a fixed linear congruential sequence: mostly
/// waits below a minute, one in a hundred past 18 hours (65 536 s), where
/// the histogram selection takes its wide path.
fn column(n: usize) -> Vec<u32> {
    let mut state = 0x2545_f491_u32;
    (0..n)
        .map(|i| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            if i % 100 == 7 {
                65_536 + state % 200_000
            } else {
                state % 60
            }
        })
        .collect()
}

#[test]
fn whole_seconds_columns_give_the_statistics_of_their_durations() {
    // Past 4 096 values the column is read by histogram selection, not sorted.
    for n in [1, 5, 4_097, 10_000] {
        let secs = column(n);
        let floats: Vec<f64> = secs.iter().map(|&s| f64::from(s)).collect();
        let qs = [0.0, 0.25, 0.5, 0.9, 0.99, 1.0];
        let (mut whole, mut sorted) = (
            cxkpi_duration_summary::default(),
            cxkpi_duration_summary::default(),
        );
        let (mut whole_qs, mut sorted_qs) = ([0.0; 6], [0.0; 6]);
        // SAFETY: live arrays of their lengths and live out-parameters.
        unsafe {
            assert_eq!(
                cxkpi_whole_secs_stats(secs.as_ptr(), n, &raw mut whole),
                CXKPI_OK
            );
            assert_eq!(
                cxkpi_duration_stats(floats.as_ptr(), n, &raw mut sorted),
                CXKPI_OK
            );
            assert_eq!(
                cxkpi_whole_secs_quantiles(secs.as_ptr(), n, qs.as_ptr(), 6, whole_qs.as_mut_ptr()),
                CXKPI_OK
            );
            assert_eq!(
                cxkpi_duration_quantiles(
                    floats.as_ptr(),
                    n,
                    qs.as_ptr(),
                    6,
                    sorted_qs.as_mut_ptr()
                ),
                CXKPI_OK
            );
        }
        assert_eq!(whole, sorted, "n = {n}");
        assert_eq!(whole_qs, sorted_qs, "n = {n}");
    }
}

#[test]
fn whole_seconds_refuse_what_has_no_statistics() {
    let secs = [30_u32, 10, 20];
    let mut summary = cxkpi_duration_summary::default();
    let mut out = [-1.0; 2];
    // SAFETY: live arrays and out-parameters; null ones are what is tested.
    unsafe {
        assert_eq!(
            cxkpi_whole_secs_stats(ptr::null(), 0, &raw mut summary),
            CXKPI_EMPTY
        );
        assert_eq!(
            cxkpi_whole_secs_stats(ptr::null(), 3, &raw mut summary),
            CXKPI_NULL_POINTER
        );
        assert_eq!(last_error(), "`durations_s` is a null pointer");
        let bad = [0.5, 1.5];
        assert_eq!(
            cxkpi_whole_secs_quantiles(secs.as_ptr(), 3, bad.as_ptr(), 2, out.as_mut_ptr()),
            CXKPI_INVALID_PARAMETER
        );
        assert_eq!(
            last_error(),
            "quantile 1.5 is invalid: it must be a number from 0 to 1"
        );
        assert_eq!(out, [-1.0; 2], "untouched on failure");
        assert_eq!(
            cxkpi_whole_secs_quantiles(secs.as_ptr(), 3, [0.5, 0.9].as_ptr(), 2, ptr::null_mut()),
            CXKPI_NULL_POINTER
        );
        // No quantiles asked: nothing is written, and the null array is the empty one.
        assert_eq!(
            cxkpi_whole_secs_quantiles(secs.as_ptr(), 3, ptr::null(), 0, ptr::null_mut()),
            CXKPI_OK
        );
        assert_eq!(
            cxkpi_whole_secs_quantiles(secs.as_ptr(), 3, [0.5, 0.9].as_ptr(), 2, out.as_mut_ptr()),
            CXKPI_OK
        );
    }
    assert_eq!(out, [20.0, 28.0]);
}

#[test]
fn service_level_from_whole_seconds_counts_as_from_waits() {
    let answered = column(5_000);
    let abandoned: Vec<u32> = column(1_200).into_iter().map(|s| s % 40).collect();
    let as_f64 = |secs: &[u32]| secs.iter().map(|&s| f64::from(s)).collect::<Vec<_>>();
    let (answered_f, abandoned_f) = (as_f64(&answered), as_f64(&abandoned));
    // A fractional short-abandon threshold: 4.5 s takes waits of 0 to 4 s.
    let short = 4.5_f64;
    let mut whole: *mut cxkpi_service_level_tally = ptr::null_mut();
    let mut waits: *mut cxkpi_service_level_tally = ptr::null_mut();
    let (mut whole_counts, mut waits_counts) = (
        cxkpi_service_level_counts::default(),
        cxkpi_service_level_counts::default(),
    );
    let mut rate = cxkpi_rate::default();
    // SAFETY: live arrays of their lengths; the handles come from `…_from_…`
    // and are freed once.
    unsafe {
        assert_eq!(
            cxkpi_service_level_tally_from_whole_secs(
                20.0,
                &raw const short,
                answered.as_ptr(),
                answered.len(),
                abandoned.as_ptr(),
                abandoned.len(),
                &raw mut whole,
            ),
            CXKPI_OK
        );
        assert_eq!(
            cxkpi_service_level_tally_from_waits(
                20.0,
                &raw const short,
                answered_f.as_ptr(),
                answered_f.len(),
                abandoned_f.as_ptr(),
                abandoned_f.len(),
                &raw mut waits,
            ),
            CXKPI_OK
        );
        assert_eq!(
            cxkpi_service_level_tally_counts(whole, &raw mut whole_counts),
            CXKPI_OK
        );
        assert_eq!(
            cxkpi_service_level_tally_counts(waits, &raw mut waits_counts),
            CXKPI_OK
        );
        assert_eq!(whole_counts, waits_counts);
        assert_eq!(whole_counts.answered, 5_000);
        assert!(whole_counts.short_abandoned > 0 && whole_counts.short_abandoned_known == 1);
        // The two merge: their thresholds are the same.
        assert_eq!(cxkpi_service_level_tally_merge(whole, waits), CXKPI_OK);
        assert_eq!(
            cxkpi_service_level(
                whole,
                cxkpi_abandon_treatment::CXKPI_ABANDONS_EXCLUDE_SHORT as u32,
                &raw mut rate
            ),
            CXKPI_OK
        );
        assert_eq!(
            rate.whole,
            2 * (5_000 + 1_200 - waits_counts.short_abandoned)
        );
        cxkpi_service_level_tally_free(whole);
        cxkpi_service_level_tally_free(waits);

        let mut refused: *mut cxkpi_service_level_tally = ptr::null_mut();
        assert_eq!(
            cxkpi_service_level_tally_from_whole_secs(
                f64::NAN,
                ptr::null(),
                answered.as_ptr(),
                answered.len(),
                ptr::null(),
                0,
                &raw mut refused,
            ),
            CXKPI_INVALID_PARAMETER
        );
        assert!(refused.is_null());
    }
}

#[test]
fn aht_from_whole_seconds_equals_contact_by_contact_and_refuses_ragged_columns() {
    let talk = [240_u32, 120, 600, 45];
    let hold = [30_u32, 0, 90, 0];
    let wrap = [60_u32, 45, 120, 15];
    let mut columns: *mut cxkpi_aht_tally = ptr::null_mut();
    let mut contacts: *mut cxkpi_aht_tally = ptr::null_mut();
    let (mut by_column, mut by_contact) =
        (cxkpi_aht_result::default(), cxkpi_aht_result::default());
    // SAFETY: live arrays of their lengths; the handles come from `…_new`
    // or `…_from_whole_secs` and are freed once.
    unsafe {
        assert_eq!(
            cxkpi_aht_tally_from_whole_secs(
                talk.as_ptr(),
                4,
                hold.as_ptr(),
                4,
                wrap.as_ptr(),
                4,
                &raw mut columns
            ),
            CXKPI_OK
        );
        assert_eq!(cxkpi_aht_tally_new(&raw mut contacts), CXKPI_OK);
        for i in 0..4 {
            let secs = |column: &[u32; 4]| f64::from(column[i]);
            assert_eq!(
                cxkpi_aht_tally_record(contacts, secs(&talk), secs(&hold), secs(&wrap)),
                CXKPI_OK
            );
        }
        assert_eq!(cxkpi_aht(columns, &raw mut by_column), CXKPI_OK);
        assert_eq!(cxkpi_aht(contacts, &raw mut by_contact), CXKPI_OK);
        assert_eq!(by_column, by_contact);
        assert_eq!((by_column.aht_s, by_column.handled), (341.25, 4));
        cxkpi_aht_tally_free(contacts);
        cxkpi_aht_tally_free(columns);

        let mut ragged: *mut cxkpi_aht_tally = ptr::null_mut();
        assert_eq!(
            cxkpi_aht_tally_from_whole_secs(
                talk.as_ptr(),
                4,
                hold.as_ptr(),
                3,
                wrap.as_ptr(),
                4,
                &raw mut ragged
            ),
            CXKPI_INCONSISTENT
        );
        assert_eq!(
            last_error(),
            "talk times (4 values) and hold times (3 values) must have the same length"
        );
        assert!(ragged.is_null());
        // Three empty columns are the empty tally.
        let mut empty: *mut cxkpi_aht_tally = ptr::null_mut();
        assert_eq!(
            cxkpi_aht_tally_from_whole_secs(
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                &raw mut empty
            ),
            CXKPI_OK
        );
        assert_eq!(cxkpi_aht(empty, &raw mut by_column), CXKPI_EMPTY);
        cxkpi_aht_tally_free(empty);
    }
}

#[test]
fn a_staffing_plan_staffs_each_interval_as_the_core_does() {
    use core::time::Duration;
    use cxkpi::staffing::{Model, Plan, StaffingTarget};

    // A morning in half-hours: closed, then the rush, then calmer.
    let calls = [0.0, 40.0, 100.0, 160.0, 60.0];
    let goals = [cxkpi_staffing_goal {
        kind: cxkpi_goal_kind::CXKPI_GOAL_SERVICE_LEVEL as u32,
        value: 80.0,
        within_s: 20.0,
    }];
    let target = StaffingTarget::new()
        .service_level(cxkpi::Percent::new(80.0).unwrap(), Duration::from_secs(20))
        .unwrap();
    for (code, model) in [
        (cxkpi_model::CXKPI_MODEL_ERLANG_C as u32, Model::ErlangC),
        (
            cxkpi_model::CXKPI_MODEL_ERLANG_A as u32,
            Model::ErlangA {
                patience: Duration::from_secs(120),
            },
        ),
    ] {
        let core = Plan::uniform(
            &calls,
            Duration::from_secs(1800),
            Duration::from_secs(180),
            &target,
            model,
        )
        .unwrap();
        let mut intervals = [cxkpi_plan_interval::default(); 5];
        let mut totals = cxkpi_plan_totals::default();
        // SAFETY: live arrays of their lengths and live out-parameters.
        let status = unsafe {
            cxkpi_staffing_plan(
                calls.as_ptr(),
                5,
                1800.0,
                180.0,
                goals.as_ptr(),
                1,
                code,
                120.0,
                intervals.as_mut_ptr(),
                &raw mut totals,
            )
        };
        assert_eq!(status, CXKPI_OK);
        assert_eq!(totals.peak_agents, core.peak_agents());
        assert_eq!(totals.agent_hours, core.agent_hours());
        assert_eq!(totals.calls, 360.0);
        assert!(totals.has_service_level);
        assert_eq!(
            totals.service_level_pct,
            core.service_level().unwrap().get()
        );
        assert!(totals.service_level_pct >= 80.0);
        assert_eq!(totals.abandonment_pct, core.abandonment().unwrap().get());
        assert_eq!(totals.asa_s, core.asa_secs().unwrap());
        assert_eq!(totals.occupancy_pct, core.occupancy().unwrap().get());
        for (interval, expected) in intervals.iter().zip(core.intervals()) {
            assert_eq!(interval.calls, expected.workload().calls());
            assert_eq!(interval.traffic_erlangs, expected.workload().traffic());
            assert_eq!(interval.performance.agents, expected.performance().agents());
        }
        assert_eq!(intervals[0].performance.agents, 0, "no calls, no agents");
        // Each interval is what `cxkpi_agents_required` finds for it.
        let rush = cxkpi_workload {
            calls: 100.0,
            interval_s: 1800.0,
            aht_s: 180.0,
        };
        let mut alone = cxkpi_performance::default();
        // SAFETY: a live array and out-parameter.
        let status =
            unsafe { cxkpi_agents_required(rush, goals.as_ptr(), 1, code, 120.0, &raw mut alone) };
        assert_eq!(status, CXKPI_OK);
        assert_eq!(intervals[2].performance, alone);
    }
}

/// `cxkpi_staffing_plan` of half-hours of 180-s calls, with a patience of 0.
fn plan(
    calls: &[f64],
    goals: &[cxkpi_staffing_goal],
    model: u32,
    out_intervals: *mut cxkpi_plan_interval,
    out: &mut cxkpi_plan_totals,
) -> cxkpi_status {
    // SAFETY: live arrays of their lengths; the callers' `out_intervals`
    // hold at least `calls.len()` intervals, or are null.
    unsafe {
        cxkpi_staffing_plan(
            calls.as_ptr(),
            calls.len(),
            1800.0,
            180.0,
            goals.as_ptr(),
            goals.len(),
            model,
            0.0,
            out_intervals,
            out,
        )
    }
}

#[test]
fn a_staffing_plan_refuses_without_writing() {
    let untouched = cxkpi_plan_interval {
        calls: -1.0,
        ..Default::default()
    };
    let mut intervals = [untouched; 3];
    let mut totals = cxkpi_plan_totals::default();
    let erlang_a = cxkpi_model::CXKPI_MODEL_ERLANG_A as u32;
    for (calls, model, status) in [
        (&[10.0, f64::NAN, 5.0][..], 0, CXKPI_OUT_OF_RANGE),
        (&[0.0, 0.0, 0.0], 0, CXKPI_EMPTY), // a closed day
        (&[], 0, CXKPI_EMPTY),
        (&[10.0], 2, CXKPI_INVALID_PARAMETER), // no model 2
        (&[10.0], erlang_a, CXKPI_INVALID_PARAMETER), // a patience of 0
    ] {
        let out = intervals.as_mut_ptr();
        assert_eq!(
            plan(calls, &[], model, out, &mut totals),
            status,
            "{calls:?}"
        );
        if calls.len() == 3 && status == CXKPI_OUT_OF_RANGE {
            assert_eq!(
                last_error(),
                "calls NaN at index 1 is out of range: it must be a finite number, 0 or more"
            );
        }
    }
    let status = plan(&[10.0, 20.0], &[], 0, ptr::null_mut(), &mut totals);
    assert_eq!(status, CXKPI_NULL_POINTER);
    assert_eq!(last_error(), "`out_intervals` is a null pointer");
    assert_eq!(intervals, [untouched; 3]);
    assert_eq!(totals, cxkpi_plan_totals::default());

    // Without a service-level goal the plan has no service level to report.
    let status = plan(&[10.0, 20.0], &[], 0, intervals.as_mut_ptr(), &mut totals);
    assert_eq!(status, CXKPI_OK);
    assert!(!totals.has_service_level);
    // 1 and 2 Erlangs: the least stable staffing, 2 and 3 agents.
    let agents = intervals.map(|i| i.performance.agents);
    assert_eq!(agents, [2, 3, 0]);
    assert_eq!(intervals[2], untouched, "only `len` intervals are written");
}

#[test]
fn grouped_paths_write_one_tally_per_code() {
    let codes = [2_u16, 0, 2, 2];
    let scores = [10_u8, 3, 9, 0];
    let mut nps = [cxkpi_nps_tally::default(); 3];
    let rule = cxkpi_csat_rule {
        scale: cxkpi_scale { min: 0, max: 10 },
        satisfied_from: 9,
    };
    let mut csat = [cxkpi_csat_tally::default(); 3];
    let (answered, abandoned) = ([0_u8, 1, 1], [1_u8]);
    let mut sl = [cxkpi_service_level_counts::default(); 2];
    let short = 5.0;
    // SAFETY: live arrays of their lengths, out-arrays of `groups` values.
    unsafe {
        let status =
            cxkpi_nps_tallies_by_code_u16(3, codes.as_ptr(), scores.as_ptr(), 4, nps.as_mut_ptr());
        assert_eq!(status, CXKPI_OK);
        assert_eq!(
            (nps[2].promoters, nps[2].detractors, nps[1].promoters),
            (2, 1, 0)
        );
        assert_eq!(nps[0].detractors, 1);
        let status = cxkpi_csat_tallies_by_code_u16(
            rule,
            3,
            codes.as_ptr(),
            scores.as_ptr(),
            4,
            csat.as_mut_ptr(),
        );
        assert_eq!(status, CXKPI_OK);
        assert_eq!((csat[2].satisfied, csat[2].responses), (2, 3));
        let status = cxkpi_service_level_counts_by_code_u8(
            20.0,
            &raw const short,
            2,
            answered.as_ptr(),
            [5_u32, 30, 12].as_ptr(),
            3,
            abandoned.as_ptr(),
            [3_u32].as_ptr(),
            1,
            sl.as_mut_ptr(),
        );
        assert_eq!(status, CXKPI_OK);
        assert_eq!(
            (sl[1].answered, sl[1].answered_within, sl[1].short_abandoned),
            (2, 1, 1)
        );
        assert_eq!(sl[1].short_abandoned_known, 1);
        // A code past the groups: nothing written, the row named.
        let before = nps;
        let status =
            cxkpi_nps_tallies_by_code_u16(2, codes.as_ptr(), scores.as_ptr(), 4, nps.as_mut_ptr());
        assert_eq!(status, CXKPI_OUT_OF_RANGE);
        assert_eq!(nps, before);
        assert_eq!(
            last_error(),
            "group code 2 at index 0 is out of range: it must be between 0 and 1"
        );
        let status = cxkpi_nps_tallies_by_code_u32(1, ptr::null(), ptr::null(), 0, ptr::null_mut());
        assert_eq!(status, CXKPI_NULL_POINTER);
    }
}
