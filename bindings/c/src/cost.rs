//! Money as a fixed-point integer with a scale, its decimal text, and the
//! cost tally.

use core::ffi::c_char;

use cxkpi::{CostTally, Decimal, Domain, Error, Money, Tally, cost_per_minute, try_seconds};
use rust_decimal::RoundingStrategy;

use crate::ptr::{Out, text, write_text};
use crate::status::{cxkpi_status, guard};
use crate::values::{CTally, compute_into, merge_into, record_into};

/// An exact, non-negative amount of money: `units` × 10^−`scale`, where
/// `units` = `units_hi` × 2⁶⁴ + `units_lo` (96 bits in all) and `scale` is
/// 0–28.
///
/// 15.56 is `{1556, 0, 2}`: a plain fixed-point integer with its scale, and
/// `units_hi` is 0 for every amount below 1.8 × 10¹⁹ units. Money never
/// crosses the boundary as a float; [`cxkpi_money_parse`] and
/// [`cxkpi_money_format`] convert decimal text, [`cxkpi_money_to_fixed`]
/// rounds to a number of decimals.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_money {
    /// The low 64 bits of the units.
    pub units_lo: u64,
    /// The high 32 bits of the units.
    pub units_hi: u32,
    /// The number of decimals, 0–28.
    pub scale: u32,
}

/// A buffer of this many bytes holds the text of any [`cxkpi_money`] and
/// its NUL: 29 digits, a decimal point and a NUL.
pub const CXKPI_MONEY_TEXT_CAPACITY: usize = 32;

impl cxkpi_money {
    fn to_core(self) -> Result<Money, Error> {
        let units = (i128::from(self.units_hi) << 64) | i128::from(self.units_lo);
        let amount = Decimal::try_from_i128_with_scale(units, self.scale).map_err(|_| {
            Error::invalid_parameter(
                "money scale",
                self.scale,
                Domain::Between { min: 0, max: 28 },
            )
        })?;
        Money::new(amount)
    }

    fn of_core(money: Money) -> cxkpi_money {
        let amount = money.get();
        // Money is never negative: the mantissa is the units, below 2⁹⁶.
        let units = amount.mantissa().unsigned_abs();
        // The two halves of the 96-bit units, by design.
        #[allow(clippy::cast_possible_truncation)]
        cxkpi_money {
            units_lo: units as u64,
            units_hi: (units >> 64) as u32,
            scale: amount.scale(),
        }
    }
}

/// Parses a plain decimal such as `"1556.00"`, exactly, into `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a decimal, has more digits
/// than 96 bits hold, or is negative; `CXKPI_INVALID_UTF8`.
///
/// # Safety
///
/// `amount` is null or a NUL-terminated string; `out` is null or valid for
/// writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_money_parse(
    amount: *const c_char,
    out: *mut cxkpi_money,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let amount: Money = unsafe { text(amount, "amount") }?.parse()?;
        out.write(cxkpi_money::of_core(amount));
        Ok(())
    })
}

/// Writes `money` as decimal text with its NUL into `buffer`, which holds
/// `capacity` bytes, and its length without the NUL to `out_len`.
///
/// [`CXKPI_MONEY_TEXT_CAPACITY`] bytes always suffice. `buffer` may be null
/// when `capacity` is 0, to ask for the length alone.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit: `out_len`
/// then receives the length needed, and the buffer is left as it was.
/// `CXKPI_INVALID_PARAMETER` for a scale above 28.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_money_format(
    money: cxkpi_money,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out_len = unsafe { Out::new(out_len, "out_len") }?;
        let text = money.to_core()?.to_string();
        // SAFETY: the caller's promise, in `# Safety`.
        unsafe { write_text(&text, buffer, capacity, out_len) }
    })
}

/// Rounds `money` to `scale` decimals, half away from zero (commercial
/// rounding: 0.125 to 2 decimals is 0.13), and writes it as a count of
/// 10^−`scale` units to `out_units`: 15.555 at scale 2 is 1556.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a scale above 28 (of `money` or the
/// argument); `CXKPI_OVERFLOW` when the units do not fit an `int64_t`.
///
/// # Safety
///
/// `out_units` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_money_to_fixed(
    money: cxkpi_money,
    scale: u32,
    out_units: *mut i64,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out_units, || {
            if scale > 28 {
                return Err(Error::invalid_parameter(
                    "decimals",
                    scale,
                    Domain::Between { min: 0, max: 28 },
                )
                .into());
            }
            let mut rounded = money
                .to_core()?
                .get()
                .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
            rounded.rescale(scale);
            // `rescale` keeps fewer decimals when more would overflow 96 bits.
            let units = (rounded.scale() == scale)
                .then(|| i64::try_from(rounded.mantissa()).ok())
                .flatten()
                .ok_or_else(|| Error::overflow("money in units of the scale", "int64_t"))?;
            Ok(units)
        })
    }
}

/// A cost tally: a total cost over a number of units (conversations,
/// resolved tickets). `{{0, 0, 0}, 0}` is the empty tally.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_cost_tally {
    /// The total cost.
    pub total: cxkpi_money,
    /// The units the cost is spread over.
    pub units: u64,
}

impl CTally for cxkpi_cost_tally {
    type Core = CostTally;

    fn to_core(self) -> Result<CostTally, Error> {
        CostTally::from_counts(self.total.to_core()?, self.units)
    }

    fn of_core(tally: &CostTally) -> Result<cxkpi_cost_tally, Error> {
        Ok(cxkpi_cost_tally {
            total: cxkpi_money::of_core(tally.total()?),
            units: tally.len()?,
        })
    }
}

/// Adds one unit that cost `cost` to the tally.
///
/// # Errors
///
/// `CXKPI_OVERFLOW` when the total passes 96 bits or the units 2⁶⁴ − 1;
/// `CXKPI_INVALID_PARAMETER` for a scale above 28. The tally is then
/// unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_cost_tally_record(
    tally: *mut cxkpi_cost_tally,
    cost: cxkpi_money,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { record_into(tally, |_| Ok(cost.to_core()?)) }
}

/// Adds the costs and units of `other` to `tally`.
///
/// # Errors
///
/// As [`cxkpi_cost_tally_record`].
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_cost_tally_merge(
    tally: *mut cxkpi_cost_tally,
    other: cxkpi_cost_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { merge_into(tally, |_| Ok(other.to_core()?)) }
}

/// The cost per unit (per conversation, per resolved ticket): total / units,
/// exact to 28 significant digits.
///
/// # Errors
///
/// `CXKPI_EMPTY` without units; `CXKPI_INVALID_PARAMETER` for a scale above
/// 28.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_cost_per_unit(
    tally: cxkpi_cost_tally,
    out: *mut cxkpi_money,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            Ok(cxkpi_money::of_core(tally.to_core()?.cost_per_unit()?))
        })
    }
}

/// The cost per handled minute: total × 60 / handled seconds, exact.
///
/// # Errors
///
/// `CXKPI_EMPTY` for no handled time; `CXKPI_OUT_OF_RANGE` for negative,
/// NaN or infinite seconds; `CXKPI_OVERFLOW` beyond 96 bits.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_cost_per_minute(
    total: cxkpi_money,
    handled_s: f64,
    out: *mut cxkpi_money,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let per = cost_per_minute(total.to_core()?, try_seconds(handled_s)?)?;
            Ok(cxkpi_money::of_core(per))
        })
    }
}
