//! The grouped paths of the contact tallies: service level, AHT and FCR by code.

use alloc::vec::Vec;
use core::time::Duration;

use super::{ByCode, Code, Run, first_error, first_error_named, histogram, same_length, sums};
use crate::contact::whole_secs_bounds;
use crate::contact::zero_contacts;
use crate::{AhtTally, Error, FcrTally, ServiceLevelTally, ShortAbandons};

impl ByCode<ServiceLevelTally> {
    /// One service-level tally per code `0..groups`, from waits in whole
    /// seconds: row `i` of `answered` is a contact of group
    /// `answered_codes[i]` answered after `answered[i]` seconds, and row `i`
    /// of `abandoned` one of group `abandoned_codes[i]` abandoned after
    /// `abandoned[i]` seconds, counted as
    /// [`ServiceLevelTally::from_whole_secs`] counts them.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when a code column and its waits differ in
    /// length; [`Error::out_of_range`] naming the first row whose code is
    /// `groups` or more, and its index (answered rows first).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{grouped::ByCode, AbandonTreatment, ServiceLevelTally, ShortAbandons};
    ///
    /// let sl = ByCode::<ServiceLevelTally>::from_whole_secs(
    ///     Duration::from_secs(20), ShortAbandons::None, 2,
    ///     &[0_u8, 0, 1], &[5, 30, 12],
    ///     &[1_u8], &[40],
    /// )?;
    /// assert_eq!(sl.get(0).unwrap().service_level(AbandonTreatment::Ignore)?.percent(), 50.0);
    /// assert_eq!(sl.get(1).unwrap().service_level(AbandonTreatment::CountAgainst)?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_whole_secs<C: Code>(
        threshold: Duration,
        short: ShortAbandons,
        groups: usize,
        answered_codes: &[C],
        answered: &[u32],
        abandoned_codes: &[C],
        abandoned: &[u32],
    ) -> Result<ByCode<ServiceLevelTally>, Error> {
        ByCode::service_level(
            Run::Here,
            threshold,
            short,
            groups,
            [answered_codes, abandoned_codes],
            [answered, abandoned],
        )
    }

    pub(crate) fn service_level<C: Code>(
        run: Run,
        threshold: Duration,
        short: ShortAbandons,
        groups: usize,
        [answered_codes, abandoned_codes]: [&[C]; 2],
        [answered, abandoned]: [&[u32]; 2],
    ) -> Result<ByCode<ServiceLevelTally>, Error> {
        same_length(answered_codes.len(), "answered waits", answered.len())?;
        same_length(abandoned_codes.len(), "abandoned waits", abandoned.len())?;
        let (within, short_at_most) = whole_secs_bounds(threshold, short);
        let short_at_most = short_at_most.map_or(-1, i64::from);
        let ans = histogram(run, groups, 2, answered_codes, answered, |w| {
            usize::from(w <= within)
        })?;
        let ab = histogram(run, groups, 4, abandoned_codes, abandoned, |w| {
            usize::from(w <= within) | usize::from(i64::from(w) <= short_at_most) << 1
        })?;
        for (name, h, codes, waits) in [
            ("answered group code", &ans, answered_codes, answered),
            ("abandoned group code", &ab, abandoned_codes, abandoned),
        ] {
            if h.bad_codes() > 0 {
                return Err(first_error_named(
                    name,
                    groups,
                    codes,
                    waits,
                    |_| false,
                    |_, _| Error::overflow("answered waits", "u32"),
                ));
            }
        }
        let mut tallies = Vec::with_capacity(groups);
        let mut rows = Vec::with_capacity(groups);
        for (a, b) in ans.groups().zip(ab.groups()) {
            let answered = [a[0] + a[1], a[1]];
            let abandoned = [b.iter().sum(), b[1] + b[3], b[2] + b[3]];
            rows.push(answered[0] + abandoned[0]);
            tallies.push(ServiceLevelTally::from_whole_secs_counts(
                threshold, short, answered, abandoned,
            ));
        }
        Ok(ByCode {
            template: ServiceLevelTally::new(threshold, short),
            tallies,
            rows,
        })
    }
}

impl ByCode<AhtTally> {
    /// One AHT tally per code `0..groups`, from three columns of whole
    /// seconds: row `i` is a contact of group `codes[i]` with `talk[i]`,
    /// `hold[i]` and `wrap[i]` seconds, as
    /// [`AhtTally::from_whole_secs`] counts it.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when the columns differ in length;
    /// [`Error::out_of_range`] naming the first row whose code is `groups` or
    /// more, and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, AhtTally, Tally};
    ///
    /// let aht = ByCode::<AhtTally>::from_whole_secs(2, &[1_u16, 1], &[240, 120], &[30, 0], &[60, 45])?;
    /// assert_eq!(aht.get(1).unwrap().aht()?.secs(), 247.5);
    /// assert!(aht.get(0).unwrap().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_whole_secs<C: Code>(
        groups: usize,
        codes: &[C],
        talk: &[u32],
        hold: &[u32],
        wrap: &[u32],
    ) -> Result<ByCode<AhtTally>, Error> {
        ByCode::aht(Run::Here, groups, codes, [talk, hold, wrap])
    }

    pub(crate) fn aht<C: Code>(
        run: Run,
        groups: usize,
        codes: &[C],
        [talk, hold, wrap]: [&[u32]; 3],
    ) -> Result<ByCode<AhtTally>, Error> {
        same_length(codes.len(), "talk times", talk.len())?;
        for (name, column) in [("hold times", hold), ("wrap times", wrap)] {
            if column.len() != talk.len() {
                return Err(Error::length_mismatch(
                    "talk times",
                    talk.len(),
                    name,
                    column.len(),
                ));
            }
        }
        let s = sums(run, groups, codes, [talk, hold, wrap])?;
        if s.bad_codes() > 0 {
            return Err(first_error(
                groups,
                codes,
                talk,
                |_| false,
                |_, _| Error::overflow("talk times", "u32"),
            ));
        }
        let ns = 1_000_000_000;
        let mut tallies = Vec::with_capacity(groups);
        let mut rows = Vec::with_capacity(groups);
        for &(n, [t, h, w]) in &s.totals[..groups] {
            // At most 2⁶⁴ rows of 2³² s: each total is below 2¹²⁶ ns.
            tallies.push(AhtTally::from_nanos(t * ns, h * ns, w * ns, n)?);
            rows.push(n);
        }
        Ok(ByCode {
            template: AhtTally::new(),
            tallies,
            rows,
        })
    }
}

impl ByCode<FcrTally> {
    /// One FCR tally per code `0..groups`: row `i` is a request of group
    /// `codes[i]` resolved after `contacts[i]` contacts, as
    /// [`FcrTally::from_contact_counts`] counts it.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when the columns differ in length;
    /// [`Error::out_of_range`] naming the first row whose code is `groups` or
    /// more, or whose count is 0, and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, FcrTally};
    ///
    /// let fcr = ByCode::<FcrTally>::from_contact_counts(2, &[0_u8, 0, 1], &[1, 3, 1])?;
    /// assert_eq!(fcr.get(0).unwrap().fcr()?.percent(), 50.0);
    /// let err = ByCode::<FcrTally>::from_contact_counts(2, &[0_u8, 1], &[1, 0]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "contacts per resolved request 0 at index 1 is out of range: it must be at least 1"
    /// );
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_contact_counts<C: Code>(
        groups: usize,
        codes: &[C],
        contacts: &[u32],
    ) -> Result<ByCode<FcrTally>, Error> {
        ByCode::fcr(Run::Here, groups, codes, contacts)
    }

    pub(crate) fn fcr<C: Code>(
        run: Run,
        groups: usize,
        codes: &[C],
        contacts: &[u32],
    ) -> Result<ByCode<FcrTally>, Error> {
        same_length(codes.len(), "contact counts", contacts.len())?;
        // Bins: 0 contacts (refused), 1 (first contact), more.
        let h = histogram(run, groups, 3, codes, contacts, |c| c.min(2) as usize)?;
        if h.bad_codes() > 0 || h.in_bin(0) > 0 {
            return Err(first_error(
                groups,
                codes,
                contacts,
                |c| c == 0,
                |_, i| zero_contacts().at(i),
            ));
        }
        let mut tallies = Vec::with_capacity(groups);
        let mut rows = Vec::with_capacity(groups);
        for c in h.groups() {
            tallies.push(FcrTally::from_counts(c[1], c[1] + c[2])?);
            rows.push(c[1] + c[2]);
        }
        Ok(ByCode {
            template: FcrTally::new(),
            tallies,
            rows,
        })
    }
}
