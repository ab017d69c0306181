//! The outreach KPIs: survey response rate and reachability.

use cxkpi::{Attempts, Domain, ReachabilityTally, SurveyOutcome, SurveyResponseTally, Tally};
use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::Field;
use datafusion::arrow::datatypes::UInt64Type;
use datafusion::common::{Result, ScalarValue};

use super::tickets::count_u32;
use super::{f64_field, f64v, or_null, rate_fields, rate_values, u64_field, u64v};
use crate::args::{Arg, Kind, all_valid, bools, ints, lit_i64_opt};
use crate::kpi::Kpi;
use crate::state::core_error;

/// `survey_response_rate(answered)`: the share of surveys sent that were
/// answered, one row per survey sent.
#[derive(Clone, Debug)]
pub(crate) struct SurveyResponseKpi;

impl Kpi for SurveyResponseKpi {
    type Tally = SurveyResponseTally;
    type Obs = SurveyOutcome;
    const NAME: &'static str = "survey_response_rate";
    const ARGS: &'static [Arg] = &[Arg::column("answered", Kind::Bool)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(SurveyResponseKpi)
    }

    fn empty(&self) -> SurveyResponseTally {
        SurveyResponseTally::new()
    }

    fn observe<F: FnMut(usize, SurveyOutcome) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, answered) in bools(Self::NAME, c, 0)?.iter().enumerate() {
            if let Some(answered) = answered {
                f(
                    row,
                    if answered {
                        SurveyOutcome::Answered
                    } else {
                        SurveyOutcome::Unanswered
                    },
                )?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut SurveyResponseTally, obs: SurveyOutcome) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        rate_fields()
    }

    fn output(&self, t: &SurveyResponseTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        Ok(or_null(t.response_rate())?.map(rate_values))
    }
}

/// `reachability(reached, attempts[, within])`: the share of targets reached
/// within `within` attempts (every attempt when left out), one row per
/// target: whether it was reached, and the attempts made (the last one the
/// answered one when reached).
#[derive(Clone, Debug)]
pub(crate) struct ReachabilityKpi(u32);

impl Kpi for ReachabilityKpi {
    type Tally = ReachabilityTally;
    type Obs = Attempts;
    const NAME: &'static str = "reachability";
    const ARGS: &'static [Arg] = &[
        Arg::column("reached", Kind::Bool),
        Arg::column("attempts", Kind::Int),
        Arg::optional("within", Kind::Int),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        let Some(within) = lit_i64_opt(Self::NAME, l, 2, "within")? else {
            return Ok(ReachabilityKpi(u32::MAX));
        };
        u32::try_from(within).map(ReachabilityKpi).map_err(|_| {
            core_error(
                Self::NAME,
                &cxkpi::Error::invalid_parameter(
                    "within (attempts)",
                    within,
                    Domain::Between {
                        min: 0,
                        max: i64::from(u32::MAX),
                    },
                ),
            )
        })
    }

    fn empty(&self) -> ReachabilityTally {
        ReachabilityTally::new()
    }

    fn observe<F: FnMut(usize, Attempts) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        let reached = bools(Self::NAME, c, 0)?;
        // A `UInt64` column is read row by row, so that a value beyond
        // `BIGINT` on a row skipped for a NULL `reached` is no error.
        let unsigned = c.get(1).and_then(|a| a.as_primitive_opt::<UInt64Type>());
        let signed = match unsigned {
            Some(_) => None,
            None => Some(ints(Self::NAME, c, 1)?),
        };
        for row in 0..reached.len() {
            let made = match (unsigned, signed.as_deref()) {
                (Some(u), _) if all_valid(&[reached, u], row) => {
                    let v = u.value(row);
                    i64::try_from(v).map_err(|_| {
                        core_error(
                            Self::NAME,
                            &cxkpi::Error::out_of_range(
                                "integer",
                                v,
                                Domain::Between {
                                    min: i64::MIN,
                                    max: i64::MAX,
                                },
                            ),
                        )
                    })?
                }
                (None, Some(i)) if all_valid(&[reached, i], row) => i.value(row),
                _ => continue,
            };
            let made = count_u32(Self::NAME, "attempts made", made, 1)?;
            let target = if reached.value(row) {
                Attempts::reached_on(made)
            } else {
                Attempts::unreached(made)
            };
            f(row, target.map_err(|e| core_error(Self::NAME, &e))?)?;
        }
        Ok(())
    }

    fn record(tally: &mut ReachabilityTally, obs: Attempts) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        let mut fields = rate_fields();
        fields.push(u64_field("attempts"));
        fields.push(f64_field("attempts_per_target"));
        fields
    }

    fn output(&self, t: &ReachabilityTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(rate) = or_null(t.reached_within(self.0))? else {
            return Ok(None);
        };
        let mut values = rate_values(rate);
        values.push(u64v(t.attempts()?));
        values.push(f64v(t.attempts_per_target()?));
        Ok(Some(values))
    }
}
