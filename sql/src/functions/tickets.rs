//! The ticket KPIs: deadlines met, reopen rate, customer messages before
//! the first reply, backlog ageing.

use std::time::Duration;

use cxkpi::AgeBuckets;
use cxkpi::{
    BacklogAgeing, Deadline, DeadlineKind, DeadlineTally, Domain, Lateness, MessagesBeforeReply,
    MessagesBeforeReplyTally, ReopenTally, Reopens, Tally,
};
use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{DataFusionError, Result, ScalarValue};

use super::{
    f64_field, f64v, mean_fields, or_null, rate_fields, rate_values, seconds, u64_field, u64v,
};
use crate::args::{Arg, Kind, all_valid, bools, floats, ints, lit_str, lit_str_opt};
use crate::kpi::Kpi;
use crate::state::core_error;

/// `v` as a `u32` count of `input`, else the core's out-of-range error
/// naming the function and the range from `min` (a count that fits is
/// checked by the core's constructor, in its words).
pub(super) fn count_u32(function: &str, input: &'static str, v: i64, min: u32) -> Result<u32> {
    u32::try_from(v).map_err(|_| {
        core_error(
            function,
            &cxkpi::Error::out_of_range(
                input,
                v,
                Domain::Between {
                    min: i64::from(min),
                    max: i64::from(u32::MAX),
                },
            ),
        )
    })
}

/// `deadline_met(elapsed_s, target_s, kind[, open])`: the share of decided
/// deadlines met, and the breaches by lateness.
#[derive(Clone, Debug)]
pub(crate) struct DeadlineKpi(DeadlineKind);

impl Kpi for DeadlineKpi {
    type Tally = DeadlineTally;
    type Obs = Deadline;
    const NAME: &'static str = "deadline_met";
    const ARGS: &'static [Arg] = &[
        Arg::column("elapsed_s", Kind::Float),
        Arg::column("target_s", Kind::Float),
        Arg::literal("kind", Kind::Text),
        Arg::optional_column("open", Kind::Bool),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        let name = lit_str(Self::NAME, l, 2, "kind")?;
        DeadlineKind::from_name(name)
            .map(DeadlineKpi)
            .ok_or_else(|| {
                let names: Vec<&str> = DeadlineKind::ALL.iter().map(|k| k.as_str()).collect();
                DataFusionError::Plan(format!(
                    "deadline_met: deadline kind {name:?} is unknown; allowed: {}",
                    names.join(", ")
                ))
            })
    }

    fn empty(&self) -> DeadlineTally {
        DeadlineTally::new(self.0)
    }

    fn observe<F: FnMut(usize, Deadline) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        let elapsed = floats(Self::NAME, c, 0)?;
        let target = floats(Self::NAME, c, 1)?;
        let open = if c.len() > 3 {
            Some(bools(Self::NAME, c, 3)?)
        } else {
            None
        };
        for row in 0..elapsed.len() {
            if !all_valid(&[elapsed, target], row) || open.is_some_and(|o| o.is_null(row)) {
                continue;
            }
            let e = seconds(Self::NAME, elapsed.value(row))?;
            let t = seconds(Self::NAME, target.value(row))?;
            let deadline = if open.is_some_and(|o| o.value(row)) {
                Deadline::open(t, e)
            } else {
                Deadline::new(t, e)
            };
            f(row, deadline.map_err(|e| core_error(Self::NAME, &e))?)?;
        }
        Ok(())
    }

    fn record(tally: &mut DeadlineTally, obs: Deadline) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        let mut fields = rate_fields();
        fields.extend(
            [
                "missed",
                "missed_open",
                "pending",
                "late_up_to_10_percent",
                "late_up_to_50_percent",
                "late_up_to_100_percent",
                "late_over_100_percent",
            ]
            .map(u64_field),
        );
        fields
    }

    fn output(&self, t: &DeadlineTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(rate) = or_null(t.share_met())? else {
            return Ok(None);
        };
        let mut values = rate_values(rate);
        values.extend([
            u64v(t.missed()?),
            u64v(t.missed_open()?),
            u64v(t.pending()?),
        ]);
        for lateness in Lateness::ALL {
            values.push(u64v(t.missed_by(lateness)?));
        }
        Ok(Some(values))
    }
}

/// `reopen_rate(reopens)`: the share of resolved tickets that reopened, one
/// row per resolved ticket with the times it reopened (0 = never).
#[derive(Clone, Debug)]
pub(crate) struct ReopenKpi;

impl Kpi for ReopenKpi {
    type Tally = ReopenTally;
    type Obs = Reopens;
    const NAME: &'static str = "reopen_rate";
    const ARGS: &'static [Arg] = &[Arg::column("reopens", Kind::Int)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(ReopenKpi)
    }

    fn empty(&self) -> ReopenTally {
        ReopenTally::new()
    }

    fn observe<F: FnMut(usize, Reopens) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, reopens) in ints(Self::NAME, c, 0)?.iter().enumerate() {
            if let Some(reopens) = reopens {
                let times = count_u32(Self::NAME, "reopenings of a ticket", reopens, 0)?;
                f(row, Reopens::new(times))?;
            }
        }
        Ok(())
    }

    fn record(tally: &mut ReopenTally, obs: Reopens) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        let mut fields = rate_fields();
        fields.push(u64_field("reopenings"));
        fields.push(f64_field("reopenings_per_resolved"));
        fields
    }

    fn output(&self, t: &ReopenTally) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(rate) = or_null(t.reopen_rate())? else {
            return Ok(None);
        };
        let mut values = rate_values(rate);
        values.push(u64v(t.reopenings()?));
        values.push(f64v(t.reopenings_per_resolved()?));
        Ok(Some(values))
    }
}

/// `messages_before_reply(messages)`: the mean number of customer messages
/// before the first agent reply, one row per conversation.
#[derive(Clone, Debug)]
pub(crate) struct MessagesKpi;

impl Kpi for MessagesKpi {
    type Tally = MessagesBeforeReplyTally;
    type Obs = MessagesBeforeReply;
    const NAME: &'static str = "messages_before_reply";
    const ARGS: &'static [Arg] = &[Arg::column("messages", Kind::Int)];

    fn from_literals(_: &[Option<ScalarValue>]) -> Result<Self> {
        Ok(MessagesKpi)
    }

    fn empty(&self) -> MessagesBeforeReplyTally {
        MessagesBeforeReplyTally::new()
    }

    fn observe<F: FnMut(usize, MessagesBeforeReply) -> Result<()>>(
        &self,
        c: &[ArrayRef],
        mut f: F,
    ) -> Result<()> {
        for (row, messages) in ints(Self::NAME, c, 0)?.iter().enumerate() {
            if let Some(messages) = messages {
                let n = count_u32(
                    Self::NAME,
                    "customer messages before the first reply",
                    messages,
                    1,
                )?;
                f(
                    row,
                    MessagesBeforeReply::new(n).map_err(|e| core_error(Self::NAME, &e))?,
                )?;
            }
        }
        Ok(())
    }

    fn record(
        tally: &mut MessagesBeforeReplyTally,
        obs: MessagesBeforeReply,
    ) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        mean_fields()
    }

    fn output(
        &self,
        t: &MessagesBeforeReplyTally,
    ) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(mean) = or_null(t.mean())? else {
            return Ok(None);
        };
        Ok(Some(vec![f64v(mean), u64v(t.len()?)]))
    }
}

/// The type of a list of counts in a result.
fn counts_type() -> DataType {
    DataType::List(std::sync::Arc::new(Field::new_list_field(
        DataType::UInt64,
        true,
    )))
}

/// `backlog_ageing(age_s[, upper_days])`: open items by age bucket (whole
/// days; `'2,5,10,30'` by default) and the oldest age, one row per open item.
#[derive(Clone, Debug)]
pub(crate) struct BacklogAgeingKpi(AgeBuckets);

impl Kpi for BacklogAgeingKpi {
    type Tally = BacklogAgeing;
    type Obs = Duration;
    const NAME: &'static str = "backlog_ageing";
    const ARGS: &'static [Arg] = &[
        Arg::column("age_s", Kind::Float),
        Arg::optional("upper_days", Kind::Text),
    ];

    fn from_literals(l: &[Option<ScalarValue>]) -> Result<Self> {
        let Some(text) = lit_str_opt(Self::NAME, l, 1, "upper_days")? else {
            return Ok(BacklogAgeingKpi(AgeBuckets::standard()));
        };
        let days = text
            .split(',')
            .map(|d| d.trim().parse::<u32>())
            .collect::<Result<Vec<u32>, _>>()
            .map_err(|_| {
                core_error(
                    Self::NAME,
                    &cxkpi::Error::malformed(
                        "upper_days",
                        "whole days in ascending order, separated by commas, e.g. '2,5,10,30'",
                    ),
                )
            })?;
        AgeBuckets::days(&days)
            .map(BacklogAgeingKpi)
            .map_err(|e| core_error(Self::NAME, &e))
    }

    fn empty(&self) -> BacklogAgeing {
        BacklogAgeing::new(self.0.clone())
    }

    fn observe<F: FnMut(usize, Duration) -> Result<()>>(&self, c: &[ArrayRef], f: F) -> Result<()> {
        super::durations(Self::NAME, c, f)
    }

    fn record(tally: &mut BacklogAgeing, obs: Duration) -> Result<(), cxkpi::Error> {
        tally.try_record(obs)
    }

    fn output_fields() -> Vec<Field> {
        vec![
            f64_field("value"),
            u64_field("n"),
            Field::new("counts", counts_type(), true),
        ]
    }

    fn output(&self, t: &BacklogAgeing) -> Result<Option<Vec<ScalarValue>>, cxkpi::Error> {
        let Some(oldest) = t.oldest()? else {
            return Ok(None);
        };
        let counts: Vec<ScalarValue> = t.counts()?.iter().map(|&n| u64v(n)).collect();
        Ok(Some(vec![
            f64v(oldest.as_secs_f64()),
            u64v(t.len()?),
            ScalarValue::List(ScalarValue::new_list_nullable(&counts, &DataType::UInt64)),
        ]))
    }
}
