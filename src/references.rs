//! Published industry references, typed, with their source and year, and a
//! way to place a computed KPI against one.
//!
//! These are the figures that our source documents (benchmark reports and
//! articles on customer-service KPIs) quote. They are context, not targets:
//! each comes from its own population, year and definition, named in the
//! constant's fields.
//!
//! ```
//! use cxkpi::references::CSAT_CROSS_INDUSTRY;
//!
//! let placed = CSAT_CROSS_INDUSTRY.place(81.2);
//! assert_eq!(placed.to_string(), "CSAT 81.2%: 4.8 points below the 86% cross-industry reference (Geckoboard, 2019)");
//! assert!(placed.difference() < 0.0);
//! ```

use core::fmt;

/// The unit of a reference figure.
///
/// # Example
///
/// ```
/// use cxkpi::references::{NPS_GLOBAL, Unit};
///
/// assert_eq!(NPS_GLOBAL.unit, Unit::NpsPoints);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// A percentage, 0–100; differences are in points.
    Percent,
    /// NPS points, −100 to +100.
    NpsPoints,
    /// A mean score on a scale from `min` to `max`.
    Score {
        /// The least score.
        min: u8,
        /// The greatest score.
        max: u8,
    },
    /// US dollars.
    Dollars,
    /// US dollars per minute of handle time.
    DollarsPerMinute,
}

/// A published reference figure for one KPI.
///
/// # Example
///
/// ```
/// use cxkpi::references::COST_PER_TICKET;
///
/// assert_eq!(COST_PER_TICKET.value, 15.56);
/// assert_eq!(COST_PER_TICKET.range, Some((2.93, 49.69)));
/// assert_eq!(COST_PER_TICKET.source, "MetricNet");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reference {
    /// The KPI, as it reads in a sentence: `"CSAT"`, `"first-contact resolution"`.
    pub kpi: &'static str,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
    /// The published range around it, when the source gives one.
    pub range: Option<(f64, f64)>,
    /// Which population the figure describes: `"cross-industry"`, `"North American service desks"`.
    pub scope: &'static str,
    /// Who published it.
    pub source: &'static str,
    /// The year of the edition our source documents cite.
    pub year: u16,
    /// Whether a higher figure is better (`None` when neither is, as for a
    /// share of customers' expectations).
    pub higher_is_better: Option<bool>,
}

/// First-contact resolution: about 74% of contacts resolved on the first
/// contact (service desks).
pub const FCR_SERVICE_DESK: Reference = Reference {
    kpi: "FCR",
    value: 74.0,
    unit: Unit::Percent,
    range: None,
    scope: "service-desk",
    source: "MetricNet",
    year: 2017,
    higher_is_better: Some(true),
};

/// CSAT: 86% satisfied across industries.
pub const CSAT_CROSS_INDUSTRY: Reference = Reference {
    kpi: "CSAT",
    value: 86.0,
    unit: Unit::Percent,
    range: None,
    scope: "cross-industry",
    source: "Geckoboard",
    year: 2019,
    higher_is_better: Some(true),
};

/// NPS: +32, the global average.
pub const NPS_GLOBAL: Reference = Reference {
    kpi: "NPS",
    value: 32.0,
    unit: Unit::NpsPoints,
    range: None,
    scope: "global average",
    source: "SurveyMonkey",
    year: 2018,
    higher_is_better: Some(true),
};

/// CES: 5.5 on the 1–7 agreement scale of CES 2.0 (higher is easier).
pub const CES_TYPICAL: Reference = Reference {
    kpi: "CES",
    value: 5.5,
    unit: Unit::Score { min: 1, max: 7 },
    range: None,
    scope: "typical (CES 2.0, 1–7)",
    source: "CEB (Gartner)",
    year: 2013,
    higher_is_better: Some(true),
};

/// Cost per ticket: 15.56 $ on average, from 2.93 $ to 49.69 $.
pub const COST_PER_TICKET: Reference = Reference {
    kpi: "cost per ticket",
    value: 15.56,
    unit: Unit::Dollars,
    range: Some((2.93, 49.69)),
    scope: "North American service desks",
    source: "MetricNet",
    year: 2017,
    higher_is_better: Some(false),
};

/// Cost per minute of handle time: 1.60 $.
pub const COST_PER_MINUTE: Reference = Reference {
    kpi: "cost per minute",
    value: 1.60,
    unit: Unit::DollarsPerMinute,
    range: None,
    scope: "North American service desks",
    source: "MetricNet",
    year: 2017,
    higher_is_better: Some(false),
};

/// 46% of customers expect an answer within 4 hours.
pub const EXPECT_ANSWER_WITHIN_4_HOURS: Reference = Reference {
    kpi: "customers expecting an answer within 4 hours",
    value: 46.0,
    unit: Unit::Percent,
    range: None,
    scope: "customers surveyed",
    source: "SuperOffice",
    year: 2018,
    higher_is_better: None,
};

/// 12% of customers expect an answer within 15 minutes.
pub const EXPECT_ANSWER_WITHIN_15_MINUTES: Reference = Reference {
    kpi: "customers expecting an answer within 15 minutes",
    value: 12.0,
    unit: Unit::Percent,
    range: None,
    scope: "customers surveyed",
    source: "SuperOffice",
    year: 2018,
    higher_is_better: None,
};

/// 50% of brands answer the phone within 30 seconds.
pub const BRANDS_ANSWERING_WITHIN_30_S: Reference = Reference {
    kpi: "brands answering within 30 s",
    value: 50.0,
    unit: Unit::Percent,
    range: None,
    scope: "French brands",
    source: "French customer-relations KPI benchmark",
    year: 2017,
    higher_is_better: Some(true),
};

/// 68% of e-mails are answered within 24 hours.
pub const EMAILS_ANSWERED_WITHIN_24_H: Reference = Reference {
    kpi: "e-mails answered within 24 hours",
    value: 68.0,
    unit: Unit::Percent,
    range: None,
    scope: "French brands",
    source: "French customer-relations KPI benchmark",
    year: 2017,
    higher_is_better: Some(true),
};

/// 25% of chats are escalated to e-mail.
pub const CHATS_ESCALATED_TO_EMAIL: Reference = Reference {
    kpi: "chats escalated to e-mail",
    value: 25.0,
    unit: Unit::Percent,
    range: None,
    scope: "French brands",
    source: "French customer-relations KPI benchmark",
    year: 2017,
    higher_is_better: Some(false),
};

/// Every reference of this module.
pub const ALL: [Reference; 11] = [
    FCR_SERVICE_DESK,
    CSAT_CROSS_INDUSTRY,
    NPS_GLOBAL,
    CES_TYPICAL,
    COST_PER_TICKET,
    COST_PER_MINUTE,
    EXPECT_ANSWER_WITHIN_4_HOURS,
    EXPECT_ANSWER_WITHIN_15_MINUTES,
    BRANDS_ANSWERING_WITHIN_30_S,
    EMAILS_ANSWERED_WITHIN_24_H,
    CHATS_ESCALATED_TO_EMAIL,
];

impl Reference {
    /// Places a computed figure, in the reference's unit, against it.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::references::{COST_PER_TICKET, NPS_GLOBAL};
    ///
    /// assert_eq!(NPS_GLOBAL.place(40.0).to_string(), "NPS +40.0: 8.0 points above the +32 global average reference (SurveyMonkey, 2018)");
    /// let cost = COST_PER_TICKET.place(12.0);
    /// assert_eq!(cost.to_string(), "cost per ticket 12.00 $: 3.56 $ below the 15.56 $ North American service desks reference (MetricNet, 2017)");
    /// assert_eq!(cost.is_better(), Some(true));
    /// ```
    pub fn place(self, value: f64) -> Placement {
        Placement {
            reference: self,
            value,
        }
    }
}

impl fmt::Display for Reference {
    /// `86% cross-industry reference (Geckoboard, 2019)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} reference ({}, {})",
            Figure(self.value, self.unit, 0),
            self.scope,
            self.source,
            self.year
        )
    }
}

/// A computed figure placed against a [`Reference`].
///
/// # Example
///
/// ```
/// use cxkpi::references::FCR_SERVICE_DESK;
///
/// let placed = FCR_SERVICE_DESK.place(74.0);
/// assert_eq!(placed.difference(), 0.0);
/// assert_eq!(placed.to_string(), "FCR 74.0%: level with the 74% service-desk reference (MetricNet, 2017)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    reference: Reference,
    value: f64,
}

impl Placement {
    /// The computed figure minus the reference, in the reference's unit
    /// (points for percentages and NPS).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::references::NPS_GLOBAL.place(20.0).difference(), -12.0);
    /// ```
    pub fn difference(&self) -> f64 {
        self.value - self.reference.value
    }

    /// Whether the figure is better than the reference (`None` when the
    /// reference has no better direction, or they are level).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::references::CSAT_CROSS_INDUSTRY.place(90.0).is_better(), Some(true));
    /// ```
    pub fn is_better(&self) -> Option<bool> {
        let higher = self.reference.higher_is_better?;
        let d = self.difference();
        (d != 0.0).then_some((d > 0.0) == higher)
    }

    /// The reference.
    ///
    /// # Example
    ///
    /// ```
    /// let placed = cxkpi::references::NPS_GLOBAL.place(20.0);
    /// assert_eq!(placed.reference().source, "SurveyMonkey");
    /// ```
    pub fn reference(&self) -> &Reference {
        &self.reference
    }
}

/// A value in its unit, with `decimals` decimals: `86%`, `+32`, `15.56 $`.
struct Figure(f64, Unit, usize);

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Figure(v, unit, p) = *self;
        match unit {
            Unit::Percent => write!(f, "{v:.p$}%"),
            Unit::NpsPoints => write!(f, "{v:+.p$}"),
            Unit::Score { .. } => write!(f, "{v:.p$}"),
            Unit::Dollars => write!(f, "{v:.2} $"),
            Unit::DollarsPerMinute => write!(f, "{v:.2} $/min"),
        }
    }
}

impl fmt::Display for Placement {
    /// `CSAT 81.2%: 4.8 points below the 86% cross-industry reference (Geckoboard, 2019)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.reference;
        let d = self.difference();
        write!(f, "{} {}: ", r.kpi, Figure(self.value, r.unit, 1))?;
        if d == 0.0 {
            f.write_str("level with")?;
        } else {
            let gap = match r.unit {
                Unit::Percent | Unit::NpsPoints => {
                    alloc::format!("{:.1} points", d.abs())
                }
                Unit::Score { .. } => alloc::format!("{:.1}", d.abs()),
                Unit::Dollars => alloc::format!("{:.2} $", d.abs()),
                Unit::DollarsPerMinute => alloc::format!("{:.2} $/min", d.abs()),
            };
            let side = if d > 0.0 { "above" } else { "below" };
            write!(f, "{gap} {side}")?;
        }
        write!(f, " the {r}")
    }
}
