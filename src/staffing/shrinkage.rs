//! Shrinkage: the share of paid time in which agents cannot take calls.

use crate::{Domain, Error};

/// The share of scheduled time that agents spend off the phones (breaks,
/// training, meetings, absence), in [0, 1).
///
/// # Formula
///
/// ```text
/// scheduled = ⌈agents / (1 − shrinkage)⌉
/// ```
///
/// Source: the standard workforce-management gross-up (ICMI, *Call Center
/// Management on Fast Forward*, Cleveland, 3rd ed., 2012, ch. 7).
///
/// # Errors
///
/// [`Error::invalid_parameter`] for a share outside [0, 1) (or a percentage
/// outside [0, 100)): a shrinkage of 100 % would leave nobody on the phones.
///
/// # Example
///
/// ```
/// use cxkpi::staffing::Shrinkage;
///
/// // 14 agents on the phones at 30 % shrinkage: 20 on the schedule.
/// assert_eq!(Shrinkage::from_pct(30.0)?.scheduled(14)?, 20);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: out of range
///
/// ```
/// use cxkpi::{ErrorKind, staffing::Shrinkage};
///
/// assert_eq!(Shrinkage::new(1.0).unwrap_err().kind(), ErrorKind::InvalidParameter);
/// assert_eq!(Shrinkage::from_pct(-5.0).unwrap_err().kind(), ErrorKind::InvalidParameter);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Shrinkage(f64);

impl Shrinkage {
    /// No shrinkage: everyone scheduled takes calls.
    pub const NONE: Shrinkage = Shrinkage(0.0);

    /// The shrinkage `share`, in [0, 1).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when `share` is NaN, negative, or 1 or more.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::staffing::Shrinkage::new(0.35)?.share(), 0.35);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(share: f64) -> Result<Shrinkage, Error> {
        if (0.0..1.0).contains(&share) {
            // `-0.0` is no shrinkage.
            Ok(Shrinkage(share + 0.0))
        } else {
            // The domain is [0, 1); the closest the error type names is (0, 1).
            Err(Error::invalid_parameter(
                "shrinkage",
                share,
                Domain::OpenUnitInterval,
            ))
        }
    }

    /// The shrinkage `pct` %, in [0, 100).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when `pct` is NaN, negative, or 100 or more.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::staffing::Shrinkage::from_pct(35.0)?.pct(), 35.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_pct(pct: f64) -> Result<Shrinkage, Error> {
        if (0.0..100.0).contains(&pct) {
            Ok(Shrinkage(pct / 100.0 + 0.0))
        } else {
            Err(Error::invalid_parameter(
                "shrinkage (%)",
                pct,
                Domain::OpenPercent,
            ))
        }
    }

    /// The shrinkage as a share, in [0, 1).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::staffing::Shrinkage::NONE.share(), 0.0);
    /// ```
    pub const fn share(self) -> f64 {
        self.0
    }

    /// The shrinkage in percent, in [0, 100).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::staffing::Shrinkage::new(0.25)?.pct(), 25.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn pct(self) -> f64 {
        self.0 * 100.0
    }

    /// The agents to schedule so that `agents` are on the phones.
    ///
    /// # Formula
    ///
    /// ```text
    /// scheduled = ⌈agents / (1 − shrinkage)⌉
    /// ```
    ///
    /// A quotient within 10⁻⁹ of an integer is that integer, so that the
    /// rounding of a decimal share (0.3 is not exact in binary) does not add
    /// an agent: 14 / (1 − 0.3) is 20, not 21.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] when the result does not fit a `u32`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::Shrinkage;
    ///
    /// assert_eq!(Shrinkage::new(0.3)?.scheduled(14)?, 20);
    /// assert_eq!(Shrinkage::new(0.3)?.scheduled(15)?, 22); // 21.43 → 22
    /// assert_eq!(Shrinkage::NONE.scheduled(15)?, 15);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn scheduled(self, agents: u32) -> Result<u32, Error> {
        let exact = f64::from(agents) / (1.0 - self.0);
        let nearest = libm::round(exact);
        let scheduled = if (exact - nearest).abs() <= 1e-9 * nearest.max(1.0) {
            nearest
        } else {
            libm::ceil(exact)
        };
        if scheduled > f64::from(u32::MAX) {
            return Err(Error::overflow("scheduled agents", "u32"));
        }
        // In 0..=u32::MAX, checked above, and integral.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(scheduled as u32)
    }
}
