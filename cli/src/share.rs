//! How many of the calls observed have a property: resolved, with a recorded
//! hold, abandoned without a recorded wait. The core has no tally of a bare
//! yes/no property (each of its tallies names what it counts), and its
//! `tally!` macro is private, so this one keeps the contract by hand.

use cxkpi::{Error, Merge, Rate, Tally};

/// Observations of a yes/no property: how many, and how many were yes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Share {
    yes: u64,
    of: u64,
    fault: Option<Error>,
}

/// The state of a [`Share`]: plain data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShareState {
    /// Observations that were yes.
    pub yes: u64,
    /// Every observation.
    pub of: u64,
}

impl Share {
    /// The empty tally.
    pub fn new() -> Share {
        Share::default()
    }

    /// The observations that were yes.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    pub fn yes(&self) -> Result<u64, Error> {
        self.check()?;
        Ok(self.yes)
    }

    /// The share of yes among the observations.
    ///
    /// # Errors
    ///
    /// The tally's fault, or an `empty` error without observations.
    pub fn rate(&self) -> Result<Rate, Error> {
        self.check()?;
        Rate::new(self.yes, self.of)
    }

    fn check(&self) -> Result<(), Error> {
        self.fault.clone().map_or(Ok(()), Err)
    }
}

impl Merge for Share {
    fn try_merge(&mut self, other: &Share) -> Result<(), Error> {
        self.check()?;
        other.check()?;
        let of = self
            .of
            .checked_add(other.of)
            .ok_or_else(|| Error::overflow("observations", "u64"))?;
        // yes ≤ of on both sides, so yes + yes ≤ of + of fits too.
        self.yes += other.yes;
        self.of = of;
        Ok(())
    }
}

impl Tally for Share {
    type Observation = bool;
    type State = ShareState;

    fn try_record(&mut self, yes: bool) -> Result<(), Error> {
        self.check()?;
        self.of = self
            .of
            .checked_add(1)
            .ok_or_else(|| Error::overflow("observations", "u64"))?;
        // yes ≤ of before the observation, so it cannot overflow.
        self.yes += u64::from(yes);
        Ok(())
    }

    fn len(&self) -> Result<u64, Error> {
        self.check()?;
        Ok(self.of)
    }

    fn state(&self) -> Result<ShareState, Error> {
        self.check()?;
        Ok(ShareState {
            yes: self.yes,
            of: self.of,
        })
    }

    fn from_state(state: ShareState) -> Result<Share, Error> {
        if state.yes > state.of {
            return Err(Error::inconsistent("yes", state.yes, "of", state.of));
        }
        Ok(Share {
            yes: state.yes,
            of: state.of,
            fault: None,
        })
    }

    fn fault(&self) -> Option<&Error> {
        self.fault.as_ref()
    }

    fn set_fault(&mut self, error: Error) {
        self.fault.get_or_insert(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_merges_and_rebuilds() -> Result<(), Error> {
        let mut a = Share::new();
        for yes in [true, false, true] {
            a.try_record(yes)?;
        }
        let mut b = Share::new();
        b.try_record(false)?;
        a.try_merge(&b)?;
        assert_eq!((a.yes()?, a.len()?), (2, 4));
        assert_eq!(a.rate()?.percent(), 50.0);
        assert_eq!(Share::from_state(a.state()?)?, a);
        assert!(Share::from_state(ShareState { yes: 2, of: 1 }).is_err());
        assert!(Share::new().rate().is_err());
        Ok(())
    }

    #[test]
    fn an_overflow_is_an_error_and_leaves_the_tally_unchanged() -> Result<(), Error> {
        let mut full = Share::from_state(ShareState {
            yes: 1,
            of: u64::MAX,
        })?;
        let before = full.clone();
        assert!(full.try_record(true).is_err());
        assert!(full.try_merge(&before).is_err());
        assert_eq!(full, before);
        full.record(true);
        assert!(full.yes().is_err() && full.state().is_err());
        Ok(())
    }
}
