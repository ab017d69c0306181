//! The workforce KPIs: occupancy and utilisation of agent time, staff
//! turnover.

use cxkpi::{AgentState, AgentTime, StateSpan, TimeShare};
use cxkpi::{Tally, Tenure, TurnoverTally};
use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::datatypes::Field;
use datafusion::common::{DataFusionError, Result, ScalarValue};

use super::{f64_field, f64v, or_null, seconds, u64_field, u64v};
use crate::args::{Arg, Kind, all_valid, floats, texts};
use crate::kpi::Kpi;

/// Which share of an [`AgentTime`] a function reports.
pub(crate) const OCCUPANCY: u8 = 0;
/// Handling over logged-in time.
pub(crate) const UTILISATION: u8 = 1;

/// `occupancy(state, secs)`, `utilisation(state, secs)`: the share of agent
/// time spent handling, one row per span of time in one status (`'handling'`,
/// `'available'`, `'away'`, `'logged_out'`).
#[derive(Clone, Debug)]
pub(crate) struct AgentTimeKpi<const S: u8>;

/// Nanoseconds as seconds.
fn secs_of(ns: u128) -> f64 {
    ns as f64 / 1e9
}

impl<const S: u8> Kpi for AgentTimeKpi<S> {
    type Tally = AgentTime;
    type Obs = StateSpan;
    const NAME: &'static str = match S {
        OCCUPANCY => "occupancy",
        _ => "utilisation",
    };
    const ARGS: &'static [Arg] = &[
        Arg::column("state", Kind::Text),
        Arg::column("secs", Kind::Float),
    ];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(AgentTimeKpi)
    }

    fn empty(&self) -> AgentTime {
        AgentTime::new()
    }

    fn observe<F: FnMut(usize, StateSpan) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        let states = texts(Self::NAME, c, 0)?;
        let secs = floats(Self::NAME, c, 1)?;
        for row in 0..states.len() {
            if !all_valid(&[states, secs], row) {
                continue;
            }
            let name = states.value(row);
            let Some(state) = AgentState::ALL.into_iter().find(|s| s.as_str() == name) else {
                let names: Vec<&str> = AgentState::ALL.iter().map(|s| s.as_str()).collect();
                return Err(DataFusionError::Execution(format!(
                    "{}: agent state {name:?} is unknown; allowed: {}",
                    Self::NAME,
                    names.join(", ")
                )));
            };
            f(
                row,
                StateSpan::new(state, seconds(Self::NAME, secs.value(row))?),
            )?;
        }
        Ok(())
    }

    fn record(tally: &mut AgentTime, obs: StateSpan) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        vec![
            f64_field("value"),
            u64_field("n"),
            f64_field("part"),
            f64_field("whole"),
        ]
    }

    fn output(&self, t: &AgentTime) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let share: Option<TimeShare> = or_null(match S {
            OCCUPANCY => t.occupancy(),
            _ => t.utilisation(),
        })?;
        let Some(share) = share else {
            return Ok(None);
        };
        Ok(Some(vec![
            f64v(share.percent()),
            u64v(t.len()?),
            f64v(secs_of(share.part_ns())),
            f64v(secs_of(share.whole_ns())),
        ]))
    }
}

/// `turnover(tenure)`: leavers over the average headcount, one row per
/// person: `'stayed'`, `'joined'`, `'left'` or `'joined_and_left'` in the
/// period.
#[derive(Clone, Debug)]
pub(crate) struct TurnoverKpi;

/// The names of [`Tenure`], as its wire format writes them.
const TENURES: [(&str, Tenure); 4] = [
    ("stayed", Tenure::Stayed),
    ("joined", Tenure::Joined),
    ("left", Tenure::Left),
    ("joined_and_left", Tenure::JoinedAndLeft),
];

impl Kpi for TurnoverKpi {
    type Tally = TurnoverTally;
    type Obs = Tenure;
    const NAME: &'static str = "turnover";
    const ARGS: &'static [Arg] = &[Arg::column("tenure", Kind::Text)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(TurnoverKpi)
    }

    fn empty(&self) -> TurnoverTally {
        TurnoverTally::new()
    }

    fn observe<F: FnMut(usize, Tenure) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, tenure) in texts(Self::NAME, c, 0)?.iter().enumerate() {
            let Some(name) = tenure else { continue };
            let Some(&(_, tenure)) = TENURES.iter().find(|(n, _)| *n == name) else {
                return Err(DataFusionError::Execution(format!(
                    "turnover: tenure {name:?} is unknown; allowed: stayed, joined, left, joined_and_left"
                )));
            };
            f(row, tenure)?;
        }
        Ok(())
    }

    fn record(tally: &mut TurnoverTally, obs: Tenure) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        vec![
            f64_field("value"),
            u64_field("n"),
            u64_field("leavers"),
            f64_field("average_headcount"),
        ]
    }

    fn output(&self, t: &TurnoverTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(turnover) = or_null(t.turnover())? else {
            return Ok(None);
        };
        Ok(Some(vec![
            f64v(turnover.percent()),
            u64v(t.len()?),
            u64v(turnover.leavers()),
            f64v(turnover.average_headcount()),
        ]))
    }
}
