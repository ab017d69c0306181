//! Every KPI of the core as a [`Kpi`]: its arguments, how a row becomes an
//! observation, and what the result holds.

use std::time::Duration;

use cxkpi::grouped::ByCode;
use cxkpi::stats::{Confidence, NpsMethod, RateMethod};
use cxkpi::time::Quantile;
use cxkpi::{
    AbandonTreatment, AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally,
    CustomerStatus, EscalationTally, FcrTally, HandleTime, Handling, Money, NpsRating, NpsTally,
    Outcome, Rate, Resolution, RetentionTally, Scale, Score, ServiceLevelTally, ShortAbandons,
    Tally, WaitTally, Waited,
};
use cxkpi::{DurationSample, DurationSketch, RelativeAccuracy};
use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::GroupsAccumulator;

use crate::args::{
    Arg, Kind, all_valid, bools, floats, ints, lit_f64, lit_f64_opt, lit_i64, lit_str, money, texts,
};
use crate::counts::CountGroups;
use crate::kpi::Kpi;
use crate::state::core_error;

mod outreach;
mod tickets;
mod workforce;

pub(crate) use outreach::{ReachabilityKpi, SurveyResponseKpi};
pub(crate) use tickets::{BacklogAgeingKpi, DeadlineKpi, MessagesKpi, ReopenKpi};
pub(crate) use workforce::{AgentTimeKpi, OCCUPANCY, TurnoverKpi, UTILISATION};

fn f64_field(name: &str) -> Field {
    Field::new(name, DataType::Float64, true)
}

fn u64_field(name: &str) -> Field {
    Field::new(name, DataType::UInt64, true)
}

fn f64v(v: f64) -> ScalarValue {
    ScalarValue::Float64(Some(v))
}

fn u64v(v: u64) -> ScalarValue {
    ScalarValue::UInt64(Some(v))
}

/// The result of a rate: `{value, part, n, low, high}`, in percent, with the
/// 95 % Wilson interval.
fn rate_fields() -> Vec<Field> {
    vec![
        f64_field("value"),
        u64_field("part"),
        u64_field("n"),
        f64_field("low"),
        f64_field("high"),
    ]
}

fn rate_values(rate: Rate) -> Vec<ScalarValue> {
    let interval = rate.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
    vec![
        f64v(rate.percent()),
        u64v(rate.part()),
        u64v(rate.whole()),
        f64v(interval.low()),
        f64v(interval.high()),
    ]
}

/// `Ok(None)` for an empty tally's `Empty` error: a `NULL`, never 0.
fn or_null<T>(result: Result<T, cxkpi::Error>) -> Result<Option<T>, cxkpi::Error> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind() == cxkpi::ErrorKind::Empty => Ok(None),
        Err(e) => Err(e),
    }
}

fn mean_fields() -> Vec<Field> {
    vec![f64_field("value"), u64_field("n")]
}

fn seconds(function: &str, secs: f64) -> Result<Duration> {
    cxkpi::try_seconds(secs).map_err(|e| core_error(function, &e))
}

fn scale(function: &str, literals: &[Option<ScalarValue>], at: usize) -> Result<Scale> {
    Scale::from_i64(
        lit_i64(function, literals, at, "scale_min")?,
        lit_i64(function, literals, at + 1, "scale_max")?,
    )
    .map_err(|e| core_error(function, &e))
}

/// The scores of a column without nulls as bytes, for the grouped paths;
/// `None` when one does not fit a byte (the row path then names it).
fn small_scores(scores: &datafusion::arrow::array::Int64Array) -> Option<Vec<u8>> {
    scores
        .values()
        .iter()
        .map(|&s| u8::try_from(s).ok())
        .collect()
}

/// `nps(score)`: Net Promoter Score of 0–10 ratings.
#[derive(Clone, Debug)]
pub(crate) struct NpsKpi;

impl Kpi for NpsKpi {
    type Tally = NpsTally;
    type Obs = NpsRating;
    const NAME: &'static str = "nps";
    const ARGS: &'static [Arg] = &[Arg::column("score", Kind::Int)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(NpsKpi)
    }

    fn empty(&self) -> NpsTally {
        NpsTally::new()
    }

    fn observe<F: FnMut(usize, NpsRating) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        let scores = ints(Self::NAME, c, 0)?;
        for (row, score) in scores.iter().enumerate() {
            if let Some(score) = score {
                f(
                    row,
                    NpsRating::try_from(score).map_err(|e| core_error(Self::NAME, &e))?,
                )?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut NpsTally, obs: NpsRating) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn groups_accumulator(&self) -> Option<Box<dyn GroupsAccumulator>> {
        Some(Box::new(CountGroups::new(self.clone())))
    }

    fn output_fields() -> Vec<Field> {
        vec![
            f64_field("value"),
            u64_field("n"),
            u64_field("promoters"),
            u64_field("passives"),
            u64_field("detractors"),
            f64_field("low"),
            f64_field("high"),
        ]
    }

    fn output(&self, t: &NpsTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.nps())?.map(|nps| {
            let interval = nps.interval(Confidence::NINETY_FIVE, NpsMethod::AdjustedWald);
            vec![
                f64v(nps.score()),
                u64v(nps.responses()),
                u64v(nps.promoters()),
                u64v(nps.passives()),
                u64v(nps.detractors()),
                f64v(interval.low()),
                f64v(interval.high()),
            ]
        }))
    }
}

/// `csat(score, scale_min, scale_max, satisfied_from)`: share of satisfied responses.
#[derive(Clone, Debug)]
pub(crate) struct CsatKpi(CsatRule);

impl Kpi for CsatKpi {
    type Tally = CsatTally;
    type Obs = Score;
    const NAME: &'static str = "csat";
    const ARGS: &'static [Arg] = &[
        Arg::column("score", Kind::Int),
        Arg::literal("scale_min", Kind::Int),
        Arg::literal("scale_max", Kind::Int),
        Arg::literal("satisfied_from", Kind::Int),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        let scale = scale(Self::NAME, l, 1)?;
        CsatRule::from_i64(scale, lit_i64(Self::NAME, l, 3, "satisfied_from")?)
            .map(CsatKpi)
            .map_err(|e| core_error(Self::NAME, &e))
    }

    fn empty(&self) -> CsatTally {
        CsatTally::new(self.0)
    }

    fn observe<F: FnMut(usize, Score) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        let scale = self.0.scale();
        for (row, score) in ints(Self::NAME, c, 0)?.iter().enumerate() {
            if let Some(score) = score {
                f(
                    row,
                    scale
                        .score_i64(score)
                        .map_err(|e| core_error(Self::NAME, &e))?,
                )?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut CsatTally, obs: Score) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn by_code(&self, c: &[ArrayRef], groups: usize, codes: &[u32]) -> Option<Vec<CsatTally>> {
        let scores = small_scores(ints(Self::NAME, c, 0).ok()?.as_ref())?;
        ByCode::<CsatTally>::from_scores(self.0, groups, codes, &scores)
            .ok()
            .map(ByCode::into_tallies)
    }

    fn output_fields() -> Vec<Field> {
        rate_fields()
    }

    fn output(&self, t: &CsatTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.csat())?.map(rate_values))
    }
}

/// `ces(score, scale_min, scale_max)`: mean effort score.
#[derive(Clone, Debug)]
pub(crate) struct CesKpi(Scale);

impl Kpi for CesKpi {
    type Tally = CesTally;
    type Obs = Score;
    const NAME: &'static str = "ces";
    const ARGS: &'static [Arg] = &[
        Arg::column("score", Kind::Int),
        Arg::literal("scale_min", Kind::Int),
        Arg::literal("scale_max", Kind::Int),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(CesKpi(scale(Self::NAME, l, 1)?))
    }

    fn empty(&self) -> CesTally {
        CesTally::new(self.0)
    }

    fn observe<F: FnMut(usize, Score) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, score) in ints(Self::NAME, c, 0)?.iter().enumerate() {
            if let Some(score) = score {
                f(
                    row,
                    self.0
                        .score_i64(score)
                        .map_err(|e| core_error(Self::NAME, &e))?,
                )?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut CesTally, obs: Score) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        mean_fields()
    }

    fn output(&self, t: &CesTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.ces())?.map(|c| vec![f64v(c.mean()), u64v(c.responses())]))
    }
}

/// `retention(status)`: customer retention, status `'retained'`, `'churned'` or `'new'`.
#[derive(Clone, Debug)]
pub(crate) struct RetentionKpi;

impl Kpi for RetentionKpi {
    type Tally = RetentionTally;
    type Obs = CustomerStatus;
    const NAME: &'static str = "retention";
    const ARGS: &'static [Arg] = &[Arg::column("status", Kind::Text)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(RetentionKpi)
    }

    fn empty(&self) -> RetentionTally {
        RetentionTally::new()
    }

    fn observe<F: FnMut(usize, CustomerStatus) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, status) in texts(Self::NAME, c, 0)?.iter().enumerate() {
            let status = match status {
                None => continue,
                Some("retained") => CustomerStatus::Retained,
                Some("churned") => CustomerStatus::Churned,
                Some("new") => CustomerStatus::New,
                Some(other) => {
                    return Err(DataFusionError::Execution(format!(
                        "retention: customer status {other:?} is out of range: it must be 'retained', 'churned' or 'new'"
                    )));
                }
            };
            f(row, status)?;
        }
        Ok(())
    }

    fn record(tally: &mut RetentionTally, obs: CustomerStatus) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        rate_fields()
    }

    fn output(&self, t: &RetentionTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.retention())?.map(rate_values))
    }
}

/// `abandonment(answered, wait_s, short_abandon_s)`: abandoned share of
/// offered contacts, abandons below `short_abandon_s` left out of both sides
/// (0 counts every abandon).
#[derive(Clone, Debug)]
pub(crate) struct AbandonmentKpi(ShortAbandons);

impl Kpi for AbandonmentKpi {
    type Tally = AbandonmentTally;
    type Obs = Outcome;
    const NAME: &'static str = "abandonment";
    const ARGS: &'static [Arg] = &[
        Arg::column("answered", Kind::Bool),
        Arg::column("wait_s", Kind::Float),
        Arg::literal("short_abandon_s", Kind::Float),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        let short = lit_f64(Self::NAME, l, 2, "short_abandon_s")?;
        ShortAbandons::below_secs(short)
            .map(AbandonmentKpi)
            .map_err(|e| core_error(Self::NAME, &e))
    }

    fn empty(&self) -> AbandonmentTally {
        AbandonmentTally::new()
    }

    fn observe<F: FnMut(usize, Outcome) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        let answered = bools(Self::NAME, c, 0)?;
        let waits = floats(Self::NAME, c, 1)?;
        for row in 0..answered.len() {
            if !all_valid(&[answered, waits], row) {
                continue;
            }
            let wait = seconds(Self::NAME, waits.value(row))?;
            let outcome = if answered.value(row) {
                Outcome::Answered
            } else {
                Outcome::abandoned_after(wait, self.0)
            };
            f(row, outcome)?;
        }
        Ok(())
    }

    fn record(tally: &mut AbandonmentTally, obs: Outcome) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        rate_fields()
    }

    fn output(&self, t: &AbandonmentTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.abandonment())?.map(rate_values))
    }
}

/// `fcr(contacts)`: share of resolved requests that took one contact.
#[derive(Clone, Debug)]
pub(crate) struct FcrKpi;

impl Kpi for FcrKpi {
    type Tally = FcrTally;
    type Obs = Resolution;
    const NAME: &'static str = "fcr";
    const ARGS: &'static [Arg] = &[Arg::column("contacts", Kind::Int)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(FcrKpi)
    }

    fn empty(&self) -> FcrTally {
        FcrTally::new()
    }

    fn observe<F: FnMut(usize, Resolution) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, contacts) in ints(Self::NAME, c, 0)?.iter().enumerate() {
            if let Some(contacts) = contacts {
                f(
                    row,
                    Resolution::try_from(contacts).map_err(|e| core_error(Self::NAME, &e))?,
                )?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut FcrTally, obs: Resolution) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        rate_fields()
    }

    fn output(&self, t: &FcrTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.fcr())?.map(rate_values))
    }
}

/// `escalation(escalated)`: share of contacts escalated.
#[derive(Clone, Debug)]
pub(crate) struct EscalationKpi;

impl Kpi for EscalationKpi {
    type Tally = EscalationTally;
    type Obs = Handling;
    const NAME: &'static str = "escalation";
    const ARGS: &'static [Arg] = &[Arg::column("escalated", Kind::Bool)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(EscalationKpi)
    }

    fn empty(&self) -> EscalationTally {
        EscalationTally::new()
    }

    fn observe<F: FnMut(usize, Handling) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, escalated) in bools(Self::NAME, c, 0)?.iter().enumerate() {
            if let Some(escalated) = escalated {
                f(
                    row,
                    if escalated {
                        Handling::Escalated
                    } else {
                        Handling::Contained
                    },
                )?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut EscalationTally, obs: Handling) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        rate_fields()
    }

    fn output(&self, t: &EscalationTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.escalation())?.map(rate_values))
    }
}

/// `aht(talk_s, hold_s, acw_s)`: average handle time in seconds.
#[derive(Clone, Debug)]
pub(crate) struct AhtKpi;

impl Kpi for AhtKpi {
    type Tally = AhtTally;
    type Obs = HandleTime;
    const NAME: &'static str = "aht";
    const ARGS: &'static [Arg] = &[
        Arg::column("talk_s", Kind::Float),
        Arg::column("hold_s", Kind::Float),
        Arg::column("acw_s", Kind::Float),
    ];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(AhtKpi)
    }

    fn empty(&self) -> AhtTally {
        AhtTally::new()
    }

    fn observe<F: FnMut(usize, HandleTime) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        let (talk, hold, wrap) = (
            floats(Self::NAME, c, 0)?,
            floats(Self::NAME, c, 1)?,
            floats(Self::NAME, c, 2)?,
        );
        for row in 0..talk.len() {
            if all_valid(&[talk, hold, wrap], row) {
                let contact =
                    HandleTime::from_secs(talk.value(row), hold.value(row), wrap.value(row))
                        .map_err(|e| core_error(Self::NAME, &e))?;
                f(row, contact)?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut AhtTally, obs: HandleTime) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        vec![
            f64_field("value"),
            u64_field("n"),
            f64_field("talk"),
            f64_field("hold"),
            f64_field("wrap"),
        ]
    }

    fn output(&self, t: &AhtTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.aht())?.map(|a| {
            vec![
                f64v(a.secs()),
                u64v(a.handled()),
                f64v(a.talk_secs()),
                f64v(a.hold_secs()),
                f64v(a.wrap_secs()),
            ]
        }))
    }
}

/// Which mean of a [`WaitTally`] a wait function reports.
pub(crate) const ASA: u8 = 0;
/// Mean wait of every contact.
pub(crate) const MEAN_WAIT: u8 = 1;
/// Mean wait before abandoning.
pub(crate) const TIME_TO_ABANDON: u8 = 2;

/// `asa(wait_s, answered)`, `mean_wait(..)`, `time_to_abandon(..)`: mean waits in seconds.
#[derive(Clone, Debug)]
pub(crate) struct WaitKpi<const W: u8>;

fn waits<F: FnMut(usize, Waited) -> Result<()>>(
    name: &str,
    c: &[ArrayRef],
    mut f: F,
) -> Result<()> {
    let waits = floats(name, c, 0)?;
    let answered = bools(name, c, 1)?;
    for row in 0..waits.len() {
        if all_valid(&[waits, answered], row) {
            let wait = seconds(name, waits.value(row))?;
            f(
                row,
                if answered.value(row) {
                    Waited::Answered(wait)
                } else {
                    Waited::Abandoned(wait)
                },
            )?;
        }
    }
    Ok(())
}

impl<const W: u8> Kpi for WaitKpi<W> {
    type Tally = WaitTally;
    type Obs = Waited;
    const NAME: &'static str = match W {
        ASA => "asa",
        MEAN_WAIT => "mean_wait",
        _ => "time_to_abandon",
    };
    const ARGS: &'static [Arg] = &[
        Arg::column("wait_s", Kind::Float),
        Arg::column("answered", Kind::Bool),
    ];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(WaitKpi)
    }

    fn empty(&self) -> WaitTally {
        WaitTally::new()
    }

    fn observe<F: FnMut(usize, Waited) -> Result<()>>(&self, c: &[ArrayRef], f: F) -> Result<()> {
        waits(Self::NAME, c, f)
    }

    fn record(tally: &mut WaitTally, obs: Waited) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        mean_fields()
    }

    fn output(&self, t: &WaitTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let mean = match W {
            ASA => t.asa(),
            MEAN_WAIT => t.average_wait(),
            _ => t.time_to_abandon(),
        };
        Ok(or_null(mean)?.map(|m| vec![f64v(m.secs()), u64v(m.count())]))
    }
}

/// `service_level(wait_s, answered, threshold_s, treatment[, short_abandon_s])`.
#[derive(Clone, Debug)]
pub(crate) struct ServiceLevelKpi {
    threshold_s: f64,
    short: ShortAbandons,
    treatment: AbandonTreatment,
}

impl Kpi for ServiceLevelKpi {
    type Tally = ServiceLevelTally;
    type Obs = Waited;
    const NAME: &'static str = "service_level";
    const ARGS: &'static [Arg] = &[
        Arg::column("wait_s", Kind::Float),
        Arg::column("answered", Kind::Bool),
        Arg::literal("threshold_s", Kind::Float),
        Arg::literal("treatment", Kind::Text),
        Arg::optional("short_abandon_s", Kind::Float),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        let threshold_s = lit_f64(Self::NAME, l, 2, "threshold_s")?;
        let name = lit_str(Self::NAME, l, 3, "treatment")?;
        let treatment = AbandonTreatment::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = AbandonTreatment::ALL.iter().map(|t| t.as_str()).collect();
            DataFusionError::Plan(format!(
                "service_level: treatment {name:?} is unknown; allowed: {}",
                names.join(", ")
            ))
        })?;
        let short = match lit_f64_opt(Self::NAME, l, 4, "short_abandon_s")? {
            Some(s) => ShortAbandons::below_secs(s).map_err(|e| core_error(Self::NAME, &e))?,
            None => ShortAbandons::None,
        };
        // Checks the threshold once, at planning.
        ServiceLevelTally::with_threshold_secs(threshold_s, short)
            .map_err(|e| core_error(Self::NAME, &e))?;
        Ok(ServiceLevelKpi {
            threshold_s,
            short,
            treatment,
        })
    }

    fn empty(&self) -> ServiceLevelTally {
        ServiceLevelTally::with_threshold_secs(self.threshold_s, self.short)
            .unwrap_or_else(|_| ServiceLevelTally::new(Duration::ZERO, self.short))
    }

    fn observe<F: FnMut(usize, Waited) -> Result<()>>(&self, c: &[ArrayRef], f: F) -> Result<()> {
        waits(Self::NAME, c, f)
    }

    fn record(tally: &mut ServiceLevelTally, obs: Waited) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn groups_accumulator(&self) -> Option<Box<dyn GroupsAccumulator>> {
        Some(Box::new(CountGroups::new(self.clone())))
    }

    fn output_fields() -> Vec<Field> {
        rate_fields()
    }

    fn output(&self, t: &ServiceLevelTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        if t.is_empty()? {
            return Ok(None);
        }
        Ok(or_null(t.service_level(self.treatment))?.map(rate_values))
    }
}

/// `cost_per_unit(cost)`: exact mean cost per row, as decimal text.
#[derive(Clone, Debug)]
pub(crate) struct CostKpi;

impl Kpi for CostKpi {
    type Tally = CostTally;
    type Obs = Money;
    const NAME: &'static str = "cost_per_unit";
    const ARGS: &'static [Arg] = &[Arg::column("cost", Kind::Money)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(CostKpi)
    }

    fn empty(&self) -> CostTally {
        CostTally::new()
    }

    fn observe<F: FnMut(usize, Money) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, amount) in money(Self::NAME, c, 0)?.into_iter().enumerate() {
            if let Some(amount) = amount {
                f(row, amount)?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut CostTally, obs: Money) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        vec![
            Field::new("value", DataType::Utf8, true),
            u64_field("n"),
            Field::new("total", DataType::Utf8, true),
        ]
    }

    fn output(&self, t: &CostTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(c) = or_null(t.cost_per_unit())? else {
            return Ok(None);
        };
        Ok(Some(vec![
            ScalarValue::Utf8(Some(c.to_string())),
            u64v(t.len()?),
            ScalarValue::Utf8(Some(t.total()?.to_string())),
        ]))
    }
}

fn quantile(function: &str, l: &[Option<ScalarValue>]) -> Result<Quantile> {
    Quantile::new(lit_f64(function, l, 1, "q")?).map_err(|e| core_error(function, &e))
}

fn durations<F: FnMut(usize, Duration) -> Result<()>>(
    name: &str,
    c: &[ArrayRef],
    mut f: F,
) -> Result<()> {
    for (row, secs) in floats(name, c, 0)?.iter().enumerate() {
        if let Some(secs) = secs {
            f(row, seconds(name, secs)?)?;
        }
    }
    Ok(())
}

/// `duration_quantile(secs, q)`: the exact quantile (linear interpolation) in seconds.
#[derive(Clone, Debug)]
pub(crate) struct QuantileKpi(Quantile);

impl Kpi for QuantileKpi {
    type Tally = DurationSample;
    type Obs = Duration;
    const NAME: &'static str = "duration_quantile";
    const ARGS: &'static [Arg] = &[
        Arg::column("secs", Kind::Float),
        Arg::literal("q", Kind::Float),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(QuantileKpi(quantile(Self::NAME, l)?))
    }

    fn empty(&self) -> DurationSample {
        DurationSample::new()
    }

    fn observe<F: FnMut(usize, Duration) -> Result<()>>(&self, c: &[ArrayRef], f: F) -> Result<()> {
        durations(Self::NAME, c, f)
    }

    fn record(tally: &mut DurationSample, obs: Duration) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        mean_fields()
    }

    fn output(&self, t: &DurationSample) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(v) = or_null(t.quantile(self.0))? else {
            return Ok(None);
        };
        Ok(Some(vec![f64v(v), u64v(t.len()?)]))
    }
}

/// `duration_quantile_sketch(secs, q[, relative_accuracy])`: a quantile within
/// the stated relative error (default 1 %), in seconds, from a mergeable
/// sketch of bounded size.
#[derive(Clone, Debug)]
pub(crate) struct SketchKpi(Quantile, RelativeAccuracy);

impl Kpi for SketchKpi {
    type Tally = DurationSketch;
    type Obs = Duration;
    const NAME: &'static str = "duration_quantile_sketch";
    const ARGS: &'static [Arg] = &[
        Arg::column("secs", Kind::Float),
        Arg::literal("q", Kind::Float),
        Arg::optional("relative_accuracy", Kind::Float),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        let accuracy = match lit_f64_opt(Self::NAME, l, 2, "relative_accuracy")? {
            Some(a) => RelativeAccuracy::new(a).map_err(|e| core_error(Self::NAME, &e))?,
            None => RelativeAccuracy::ONE_PERCENT,
        };
        Ok(SketchKpi(quantile(Self::NAME, l)?, accuracy))
    }

    fn empty(&self) -> DurationSketch {
        DurationSketch::new(self.1)
    }

    fn observe<F: FnMut(usize, Duration) -> Result<()>>(&self, c: &[ArrayRef], f: F) -> Result<()> {
        durations(Self::NAME, c, f)
    }

    fn record(tally: &mut DurationSketch, obs: Duration) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        vec![
            f64_field("value"),
            u64_field("n"),
            f64_field("relative_error"),
        ]
    }

    fn output(&self, t: &DurationSketch) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(v) = or_null(t.quantile(self.0))? else {
            return Ok(None);
        };
        Ok(Some(vec![
            f64v(v),
            u64v(t.len()?),
            f64v(t.accuracy().get()),
        ]))
    }
}
