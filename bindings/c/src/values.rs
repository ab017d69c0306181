//! Plain values that several families share: rates, 128-bit integers, and
//! the checks of enumeration codes and repr(C) tallies.

use cxkpi::{Domain, Error, Merge, Rate, Tally};

use crate::ptr::{Out, mut_ref};
use crate::status::{Failure, cxkpi_status, guard};

/// A share: `part` of `whole`, and `percent` = part × 100 / whole.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_rate {
    /// The part, such as satisfied responses.
    pub part: u64,
    /// The whole, such as all responses; never 0 in a result.
    pub whole: u64,
    /// The share in percent, 0–100.
    pub percent: f64,
}

impl From<Rate> for cxkpi_rate {
    fn from(rate: Rate) -> cxkpi_rate {
        cxkpi_rate {
            part: rate.part(),
            whole: rate.whole(),
            percent: rate.percent(),
        }
    }
}

/// An unsigned 128-bit integer, `hi` × 2⁶⁴ + `lo`, for sums that can pass
/// 2⁶⁴ (a sum of scores over 2⁶⁴ responses).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_u128 {
    /// The low 64 bits.
    pub lo: u64,
    /// The high 64 bits.
    pub hi: u64,
}

impl From<cxkpi_u128> for u128 {
    fn from(value: cxkpi_u128) -> u128 {
        (u128::from(value.hi) << 64) | u128::from(value.lo)
    }
}

impl From<u128> for cxkpi_u128 {
    fn from(value: u128) -> cxkpi_u128 {
        // The two halves, by design.
        #[allow(clippy::cast_possible_truncation)]
        cxkpi_u128 {
            lo: value as u64,
            hi: (value >> 64) as u64,
        }
    }
}

/// Decodes `code`, a value of the C enumeration `parameter` whose values are
/// `0..variants.len()`, refusing any other as an invalid parameter.
pub(crate) fn decode<T: Copy>(
    parameter: &'static str,
    code: u32,
    variants: &[T],
) -> Result<T, Error> {
    usize::try_from(code)
        .ok()
        .and_then(|i| variants.get(i).copied())
        .ok_or_else(|| {
            Error::invalid_parameter(
                parameter,
                code,
                Domain::Between {
                    min: 0,
                    max: i64::try_from(variants.len()).unwrap_or(i64::MAX) - 1,
                },
            )
        })
}

/// A `#[repr(C)]` tally: plain counts that convert to the core's tally,
/// validated on the way in.
pub(crate) trait CTally: Copy {
    /// The core's tally.
    type Core: Tally;
    /// The core's tally of these counts, or why they are not a tally.
    fn to_core(self) -> Result<Self::Core, Error>;
    /// The counts of the core's tally.
    fn of_core(core: &Self::Core) -> Result<Self, Error>;
}

/// Merges into the tally at `tally` the core tally that `other` makes of it
/// (`other` receives the validated tally): the body of every `…_merge` and
/// `…_record` of a `#[repr(C)]` tally. On failure the tally is unchanged.
///
/// # Safety
///
/// Unless null, `tally` points to a tally that nothing else reads or writes
/// during the call.
pub(crate) unsafe fn merge_into<T: CTally>(
    tally: *mut T,
    other: impl FnOnce(&T::Core) -> Result<T::Core, Failure>,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: forwarded to the caller.
        let target = unsafe { mut_ref(tally, "tally") }?;
        let mut merged = target.to_core()?;
        let addend = other(&merged)?;
        merged.try_merge(&addend)?;
        *target = T::of_core(&merged)?;
        Ok(())
    })
}

/// Records into the tally at `tally` the observation that `observation`
/// makes (given the validated tally), through the core's
/// [`Tally::try_record`]: the body of every `…_record` of a `#[repr(C)]`
/// tally. On failure the tally is unchanged.
///
/// # Safety
///
/// Unless null, `tally` points to a tally that nothing else reads or writes
/// during the call.
pub(crate) unsafe fn record_into<T: CTally>(
    tally: *mut T,
    observation: impl FnOnce(&T::Core) -> Result<<T::Core as Tally>::Observation, Failure>,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: forwarded to the caller.
        let target = unsafe { mut_ref(tally, "tally") }?;
        let mut core = target.to_core()?;
        let observation = observation(&core)?;
        core.try_record(observation)?;
        *target = T::of_core(&core)?;
        Ok(())
    })
}

/// Writes the result of `compute` to the out-parameter `out`: the body of
/// most entry points.
///
/// # Safety
///
/// Unless null, `out` is valid for writing a `T`.
pub(crate) unsafe fn compute_into<T>(
    out: *mut T,
    compute: impl FnOnce() -> Result<T, Failure>,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: forwarded to the caller.
        let out = unsafe { Out::new(out, "out") }?;
        out.write(compute()?);
        Ok(())
    })
}
