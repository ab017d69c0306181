//! The clock times and durations written in call logs.

use std::time::Duration;

/// `H:MM:SS` (hour not zero-padded) as seconds since midnight; `None` for
/// anything else, an hour past 23 included.
pub fn clock(text: &str) -> Option<u32> {
    let secs = hms(text)?;
    (secs < 86_400).then_some(secs)
}

/// `H:MM:SS` with any number of hours, as seconds.
fn hms(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = parts.next()?.parse().ok()?;
    (parts.next().is_none() && m < 60 && s < 60)
        .then(|| h.checked_mul(3600)?.checked_add(m * 60 + s))
        .flatten()
}

/// Why a duration cell could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadDuration {
    /// Below zero.
    Negative,
    /// Neither seconds nor `H:MM:SS`.
    Unreadable,
}

/// Seconds (`67`, `67.5`) or a clock duration (`0:01:07`, `25:00:00`: a
/// duration may last past 24 hours).
///
/// # Errors
///
/// [`BadDuration::Negative`] below zero, [`BadDuration::Unreadable`] for
/// anything else that is not a finite duration.
pub fn duration(text: &str) -> Result<Duration, BadDuration> {
    let text = text.trim();
    if text.starts_with('-') {
        // "-0" is zero, not a negative wait.
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        return match text.parse::<f64>() {
            Ok(x) if x.is_finite() => {
                if x == 0.0 {
                    Ok(Duration::ZERO)
                } else {
                    Err(BadDuration::Negative)
                }
            }
            _ if hms(unsigned).is_some() => Err(BadDuration::Negative),
            _ => Err(BadDuration::Unreadable),
        };
    }
    if text.contains(':') {
        return hms(text)
            .map(|s| Duration::from_secs(u64::from(s)))
            .ok_or(BadDuration::Unreadable);
    }
    // Only plain decimals: "inf", "NaN" and "1e400" are not durations.
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(BadDuration::Unreadable);
    }
    let secs: f64 = text.parse().map_err(|_| BadDuration::Unreadable)?;
    Duration::try_from_secs_f64(secs).map_err(|_| BadDuration::Unreadable)
}

/// A yes/no cell: `Y`/`N`, `yes`/`no`, `true`/`false`, `1`/`0`.
pub fn flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "1" => Some(true),
        "n" | "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_stop_at_midnight_and_durations_do_not() {
        assert_eq!(clock("7:02:47"), Some(7 * 3600 + 2 * 60 + 47));
        assert_eq!(clock("24:00:00"), None);
        assert_eq!(duration("25:00:00"), Ok(Duration::from_secs(90_000)));
        assert_eq!(duration("67.5"), Ok(Duration::from_millis(67_500)));
        assert_eq!(duration("-5"), Err(BadDuration::Negative));
        assert_eq!(duration("-0:00:05"), Err(BadDuration::Negative));
        assert_eq!(duration("-0"), Ok(Duration::ZERO));
        assert_eq!(duration("NaN"), Err(BadDuration::Unreadable));
        assert_eq!(duration("inf"), Err(BadDuration::Unreadable));
        assert_eq!(duration("1:60:00"), Err(BadDuration::Unreadable));
    }
}
