//! Exact, typed, mergeable customer-service KPI math.
//!
//! cxkpi computes the KPIs that customer-service and contact-centre teams
//! report first — NPS, CSAT, CES, retention and churn, abandonment rate,
//! first-contact resolution, average handle time and cost per conversation —
//! from validated inputs, with accumulators that merge exactly, so the same
//! figure comes out of a stream, a slice, a thread pool or a cluster.
//!
//! ```
//! use cxkpi::{CsatRule, CsatTally, NpsTally};
//!
//! // Scores as they come from a survey export: one pass, validated.
//! let nps = NpsTally::from_scores(&[10, 9, 9, 8, 3])?.nps()?;
//! assert_eq!(nps.score(), 40.0); // % promoters − % detractors
//! assert_eq!(nps.to_string(), "NPS +40.0 (n = 5)");
//!
//! // Tallies merge: Monday + Tuesday equals the two days at once.
//! let monday = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[5, 4, 2])?;
//! let tuesday = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[5, 1])?;
//! assert_eq!((monday + tuesday).csat()?.to_string(), "60.0% (n = 5)");
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! # Where things are
//!
//! Every public item has exactly one path. The rule:
//!
//! - **The root** (`cxkpi::…`) holds every *tally* — anything you record
//!   observations into and merge — with the types of its observations,
//!   parameters, state and results: [`NpsTally`], [`NpsRating`],
//!   [`NpsState`], [`Nps`], …, [`EscalationTally`], [`DurationSample`],
//!   [`DurationSketch`], [`BacklogAgeing`], [`TurnoverTally`],
//!   [`MeanTally`], [`History`], [`AgentTime`]; and the shared vocabulary:
//!   [`Error`], [`ErrorKind`], [`Tally`], [`Merge`], [`Rate`], [`Percent`],
//!   [`Probability`], [`Money`], [`Decimal`], [`Score`], [`Scale`],
//!   [`RawScore`], [`Breakdown`].
//! - **A family module** holds everything else of its family, and that is
//!   not also at the root: models, methods, calendars, clock intervals,
//!   statistical tests and references.
//!
//! | family | what | path |
//! | --- | --- | --- |
//! | survey | NPS (ratings, categories), CSAT (a rule on a declared scale), CES (the mean effort on a scale), survey response rate | root |
//! | contact | abandonment (with short abandons), FCR (from counts and from contact histories: re-contact window, one-touch), AHT, ASA and waits, service level (six treatments of abandons), deadlines met, reopens, reachability, messages before the first reply, escalation | root |
//! | customers | retention and churn over a period | root |
//! | cost | money, cost per conversation, per resolved ticket, per handled minute | root |
//! | volume | tickets per customer, contacts by hour of day and peak hours, the change between two periods; volumes per day, week or month are [`Breakdown`]s keyed by a `time::PeriodKey` (`chrono`) | root |
//! | time | the duration tallies at the root; here: [`time::Quantile`], [`time::WholeSeconds`], intervals of the day and week, and with `chrono` calendar periods, business time and the backlog at an instant | [`time`] |
//! | staffing | Erlang C and A, targets, shrinkage, day plans (turnover, a tally, is at the root) | [`staffing`] |
//! | stats | intervals, tests of change, sample sizes ([`MeanTally`] is at the root) | [`stats`] |
//! | forecast | forecast methods and backtests over a [`History`] | [`forecast`] |
//! | workforce | status intervals split at interval boundaries (`chrono`); [`AgentTime`] is at the root | `workforce` |
//! | grouped | tallies per integer group code, from columns | [`grouped`] |
//! | references | published industry references, and where a KPI stands against them | [`references`] |
//!
//! Where a file of the bindings (`bindings/c/src`, `bindings/wasm/src`), the
//! integration tests (`tests/it`), the fuzz targets or the benches is named
//! after a family, it uses the family's name of `src/` (`survey.rs`,
//! `contact.rs`, `stats.rs`, `staffing.rs`, `grouped.rs`; never
//! `statistics` or `surveys`); files named after a topic (`tickets.rs`,
//! `intervals.rs`) or a property (`laws.rs`, `adversarial.rs`) cut across
//! families. The conformance vectors keep their own file names, shared byte
//! for byte with other implementations, and so do the files that follow them:
//! an `operations.rs` holds what `operations.json` covers, and the `metrics`
//! bench what `core.json` covers.
//! Their metrics belong to these families:
//!
//! | vector file | metrics | family |
//! | --- | --- | --- |
//! | `core.json` | `nps`, `csat`, `ces` | survey |
//! | | `abandonment`, `fcr`, `aht` | contact |
//! | | `retention` | customers |
//! | | `cost_per_conversation` | cost |
//! | `operations.json` | `service_level`, `asa` | contact |
//! | | `duration_stats` | time ([`DurationSample`]) |
//! | | `ticket_volume` | volume |
//! | `staffing.json` | `erlang_c`, `erlang_a`, `agents_required` | staffing |
//! | `statistics.json` | `rate_interval`, `nps_interval`, `mean_interval`, `two_rates_test`, `nps_difference_test`, `sample_size`, `nps_sample_size` | stats |
//!
//! # Inputs → tallies → KPIs
//!
//! 1. **Inputs** are validated once, at construction: an [`NpsRating`] is on
//!    0–10, a [`Score`] lies on its declared [`Scale`], a [`HandleTime`] holds
//!    `Duration`s (never a NaN or a negative second), [`Money`] is an exact,
//!    non-negative decimal. After that a value is known good.
//! 2. **Tallies** accumulate integer counts and exact sums: one observation at
//!    a time (`record`), from a slice (`from_scores`, and `from_whole_secs`
//!    for columns of waits and handle times in whole seconds: the vectorised
//!    fast paths), or from aggregates (`from_counts`, which checks
//!    consistency).
//! 3. **KPIs** are read from a tally by a getter that returns the value *with
//!    what it was computed from* ([`Rate`], [`Nps`], [`Ces`], [`Aht`]), or an
//!    [`Error`] — never a NaN, never a fake 0 for an empty survey.
//!
//! # The metrics
//!
//! | KPI | formula | range | variants | tally → getter | source |
//! | --- | --- | --- | --- | --- | --- |
//! | NPS | (promoters − detractors) × 100 / responses; promoters 9–10, passives 7–8, detractors 0–6 | −100…+100 | none in the formula; one source article states it backwards (detractors − promoters), which flips the sign | [`NpsTally`] → [`nps`](NpsTally::nps) | Reichheld, *HBR* 2003 |
//! | CSAT | satisfied × 100 / responses; satisfied = score ≥ the rule's threshold | 0…100 % | any scale (1–5, 1–7, 0–10…); top-box, top-2-box (default: 4–5 on 1–5) or any threshold ([`CsatRule`]) | [`CsatTally`] → [`csat`](CsatTally::csat) | top-2-box convention (ACSI) |
//! | CES | Σ scores / responses | the scale | original 1–5 effort question (lower is better) or CES 2.0 1–7 agreement (higher is better) | [`CesTally`] → [`ces`](CesTally::ces) | Dixon, Freeman & Toman, *HBR* 2010; CEB 2013 |
//! | Retention | (CE − CN) × 100 / CS; customers at start CS, at end CE, new CN | 0…100 % | from counts or one [`CustomerStatus`] per customer | [`RetentionTally`] → [`retention`](RetentionTally::retention) | ((CE − CN) / CS) × 100 |
//! | Churn | 100 − retention = lost × 100 / CS | 0…100 % | as retention | [`RetentionTally`] → [`churn`](RetentionTally::churn) | as retention |
//! | Abandonment | (abandoned − short) × 100 / (offered − short); short = abandoned strictly below a threshold | 0…100 % | with or without short abandons ([`ShortAbandons`]); the offered base (all callers or queued) is the caller's input | [`AbandonmentTally`] → [`abandonment`](AbandonmentTally::abandonment) | ICMI |
//! | FCR ("Once & Done") | resolved on first contact × 100 / resolved | 0…100 % | from counts or from the contacts each resolved request took | [`FcrTally`] → [`fcr`](FcrTally::fcr) | MetricNet (about 74 %) |
//! | AHT | (Σ talk + Σ hold + Σ after-contact work) / handled contacts | ≥ 0 s | components kept apart, so hold or wrap-up can be left out | [`AhtTally`] → [`aht`](AhtTally::aht) | ICMI, COPC |
//! | Cost per conversation | total cost / conversations, exact decimal | ≥ 0 | per resolved ticket: the same division by resolved tickets | [`CostTally`] → [`cost_per_unit`](CostTally::cost_per_unit) | MetricNet: 15.56 $ per ticket |
//! | Cost per handled minute | total cost × 60 / handled seconds, exact decimal | ≥ 0 | — | [`cost_per_minute`] | MetricNet: 1.60 $ per minute |
//!
//! Operations: waits, times, queues, volumes and breakdowns.
//!
//! | KPI | formula | range | variants | type → getter | source |
//! | --- | --- | --- | --- | --- | --- |
//! | Duration statistics | count, mean, min, max; quantile q = linear interpolation at rank q·(n − 1) | [min, max] | exact ([`DurationSample`], or [`time::WholeSeconds`] straight from a `&[u32]` column by histogram selection) or within a relative error α in bounded memory ([`DurationSketch`]) | [`summary`](DurationSample::summary), [`quantile`](DurationSample::quantile) | Hyndman & Fan 1996 (type 7, NumPy's default); DDSketch, *PVLDB* 2019 |
//! | ASA, average wait, time to abandon | Σ waits / contacts, always weighted | ≥ 0 s | answered only (ASA), all contacts, abandoned only | [`WaitTally`] → [`asa`](WaitTally::asa) | ICMI |
//! | Service level | contacts answered within T / contacts, by treatment of abandons | 0…100 % | six named treatments ([`AbandonTreatment`]); "answered within a deadline" is [`Ignore`](AbandonTreatment::Ignore) | [`ServiceLevelTally`] → [`service_level`](ServiceLevelTally::service_level) | ICMI's worked example |
//! | FCR from histories | requests with one contact / requests | 0…100 % | re-contact window, one-touch (≤ 1 agent reply, never reopened) | [`fcr_by_recontact`], [`one_touch`] → [`FcrTally`] | SQM Group; helpdesk one-touch |
//! | Escalation / channel switch | escalated / contacts | 0…100 % | — | [`EscalationTally`] | source documents: 25 % of chats to e-mail |
//! | Ticket volume per customer | tickets / distinct customers | ≥ 1 | any customer key | [`TicketVolume`] → [`tickets_per_customer`](TicketVolume::tickets_per_customer) | source documents |
//! | Peak hours, volume change | contacts by hour of day; (after − before) × 100 / before | — | — | [`HourlyVolume`], [`volume_change`] | source documents |
//! | Deadlines met (SLA) | met / (met + missed); breaches by lateness (elapsed − target) / target: ≤ 10 %, ≤ 50 %, ≤ 100 %, > 100 % | 0…100 % | first response, next reply, resolution ([`DeadlineKind`]); the target comes with each [`Deadline`], so one tally holds every priority; calendar or business time ([`Deadline::between`]); open items past target are breaches, within it pending | [`DeadlineTally`] → [`share_met`](DeadlineTally::share_met) | Chatwoot's "% SLAs met"; source documents: 68 % of e-mails answered within 24 h |
//! | Reopen rate | tickets reopened at least once / tickets resolved; reopenings / resolved | 0…100 %; ≥ 0 | any reopening, or within N days of the resolution ([`Reopens::from_events`]) | [`ReopenTally`] → [`reopen_rate`](ReopenTally::reopen_rate) | frappe/helpdesk: "one of the key metrics" |
//! | Survey response rate | surveys answered / surveys sent | 0…100 % | by channel with a [`Breakdown`] | [`SurveyResponseTally`] → [`response_rate`](SurveyResponseTally::response_rate) | source documents: 70 % after outbound calls, 10–15 % by e-mail |
//! | Reachability | targets first answering on attempt ≤ k / targets; answered attempts / attempts | 0…100 % | any k; stop at the first answer or call on ([`Attempts`]) | [`ReachabilityTally`] → [`reached_within`](ReachabilityTally::reached_within) | source documents: three attempts over a week, 22 % reached |
//! | Messages before the first reply | Σ messages / conversations; share with m messages | ≥ 1 | mean, exact or at-most shares | [`MessagesBeforeReplyTally`] → [`mean`](MessagesBeforeReplyTally::mean) | source documents: 1.15 messages on average |
//! | Staff turnover | leavers × 100 / ((headcount at start + at end) / 2) | ≥ 0 %, may pass 100 % | the period is the caller's | [`TurnoverTally`] → [`turnover`](TurnoverTally::turnover) | SHRM's definition; source documents: 29 % for service representatives |
//! | Backlog ageing | open items per bucket of ⌊age / day⌋; the oldest age | — | default 0–2, 3–5, 6–10, 11–30, 31+ days or any bounds ([`AgeBuckets`]); days of 24 h or of business time | [`BacklogAgeing`] → [`counts`](BacklogAgeing::counts), [`oldest`](BacklogAgeing::oldest) | flowinquiry#266 |
//! | Breakdowns, channel mix | any tally per key; a group's count / all | 0…100 % | any key: channel, agent, topic, [`time::PeriodKey`] | [`Breakdown`] → [`map`](Breakdown::map), [`mix`](Breakdown::mix), [`total`](Breakdown::total) | — |
//! | Backlog (`chrono`) | requests open at t, their ages, by opening date | — | — | [`Backlog`] | — |
//! | Intervals of the day and week | the interval holding a clock time: ⌊seconds of the day / length⌋ | 0…95, 0…47, 0…23; × 7 days | 15, 30, 60 minutes | [`time::IntervalOfDay`], [`time::WeekInterval`] → breakdown keys, [`History`] slots, [`staffing::Plan::from_intervals`] | workforce-management practice |
//! | Agent occupancy, utilisation | handling / (handling + available); handling / logged-in time | 0…100 % | status mapping of Genesys Cloud, Amazon Connect, Chatwoot ([`AgentState`]); per agent and interval by splitting status intervals at interval boundaries, midnights and offset changes of a time zone (`chrono`) | [`AgentTime`] → [`occupancy`](AgentTime::occupancy), [`utilisation`](AgentTime::utilisation) | Genesys Cloud (interacting / on queue); ICMI |
//!
//! Staffing: the agents an inbound flow needs ([`staffing`]).
//!
//! | quantity | formula | range | variants | type | source |
//! | --- | --- | --- | --- | --- | --- |
//! | Offered traffic | A = calls × AHT / interval | ≥ 0 Erlangs | — | [`staffing::Workload`] | Erlang 1917 |
//! | Erlang C | P(wait) = N·B / (N − A(1 − B)), B by the Erlang B recursion; SL = 1 − P(wait)·e^(−(N−A)t/AHT); ASA = P(wait)·AHT/(N − A); occupancy A/N | N > A, else `overloaded` | — | [`staffing::ErlangC`] | Erlang 1917; Gans, Koole & Mandelbaum 2003 |
//! | Erlang A | M/M/N+M birth–death chain with exponential patience: P(wait), P(abandon), mean wait, SL, occupancy | any N ≥ 1 | patience → ∞ gives Erlang C | [`staffing::ErlangA`] | Palm 1943; Mandelbaum & Zeltyn 2007 |
//! | Agents required | least N meeting every target (SL, ASA, P(wait), occupancy, abandonment) | — | Erlang C from ⌊A⌋ + 1, or Erlang A | [`staffing::StaffingTarget`] | — |
//! | Scheduled staff | ⌈N / (1 − shrinkage)⌉ | — | — | [`staffing::Shrinkage`] | — |
//! | Day plan | per interval N, day's agent-hours and volume-weighted SL, ASA, abandonment | — | — | [`staffing::Plan`] | — |
//! | Volume forecast | seasonal naive ŷ = y(t − m); historical average of the same interval over K weeks; additive Holt–Winters (ETS(A,A,A)), each ± `z·σ_h` | ≥ 0 arrivals | m = 168, 336 or 672 intervals a week | [`forecast::Method`] over a [`History`] → [`forecast::Forecast::plan`] | Holt 1957; Winters 1960; Hyndman et al. 2008; Taylor 2008 |
//! | Forecast accuracy | WAPE = Σ\|y − ŷ\| / Σ y; MASE = MAE / in-sample MAE of the seasonal naive | ≥ 0 | holdout of whole weeks | [`forecast::backtest`] | Hyndman & Koehler 2006; Kolassa & Schütz 2007 |
//!
//! Statistics: how sure a KPI is and whether it changed ([`stats`]), and
//! where it stands against published references ([`references`]).
//!
//! | quantity | formula | range | variants | API | source |
//! | --- | --- | --- | --- | --- | --- |
//! | Rate interval | see [`stats::RateMethod`] | [0, 100] % | Wilson (default), Wald, Agresti–Coull, Clopper–Pearson, Jeffreys | [`Rate::interval`] | Wilson 1927; Agresti & Coull 1998; Clopper & Pearson 1934; Brown, Cai & DasGupta 2001 |
//! | NPS interval | NPS ± z·100·√(σ²/n), σ² = (p + d) − (p − d)² | [−100, 100] | Wald, adjusted Wald | [`Nps::interval`] | Rocks 2016 |
//! | Mean interval | mean ± t·√(s²/n) | — | — | [`MeanTally::mean_interval`] | Student 1908 |
//! | Tests of change | pooled two-proportion z; NPS z with summed variances; Welch's t | p in [0, 1] | — | [`stats::two_rates_test`], [`stats::nps_difference_test`], [`stats::welch_test`] | Welch 1947 |
//! | Sample size | ⌈z² p(1 − p)/e²⌉, finite-population correction; ⌈z² σ²/e²⌉ for NPS | ≥ 0 | — | [`stats::rate_sample_size`], [`stats::nps_sample_size`] | Cochran 1977 |
//! | Industry references | the published figure, its scope, source and year | — | — | [`references::Reference::place`] | MetricNet, Geckoboard, SurveyMonkey, SuperOffice… |
//!
//! Each type's docs give the formula again with its variants and an example;
//! the definitions agree with the conformance vectors in `tests/vectors/`,
//! which every release passes.
//!
//! # Merging and parallelism
//!
//! Every tally implements [`Merge`]: a tally over `a ++ b` equals `tally(a)`
//! merged with `tally(b)`, and merging is associative and commutative. So a
//! pipeline can tally per chunk, per thread or per machine, and add the
//! tallies up in any order; the result is bit-for-bit the same, because
//! tallies hold integers, never float sums.
//!
//! ```
//! use cxkpi::NpsTally;
//!
//! let scores: Vec<u8> = (0..100_000).map(|i| (i % 11) as u8).collect();
//! let whole = NpsTally::from_scores(&scores)?;
//! let parts: NpsTally = std::thread::scope(|s| {
//!     let handles: Vec<_> = scores
//!         .chunks(25_000)
//!         .map(|chunk| s.spawn(move || NpsTally::from_scores(chunk)))
//!         .collect();
//!     handles.into_iter().map(|h| h.join().unwrap()).sum::<Result<NpsTally, _>>()
//! })?;
//! assert_eq!(parts, whole);
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! With the `rayon` feature the batch paths do this themselves:
//! `NpsTally::par_from_scores`, `CsatTally::par_from_scores`,
//! `CesTally::par_from_scores`, `ServiceLevelTally::par_from_whole_secs` and
//! `AhtTally::par_from_whole_secs` split their slices across the threads of
//! rayon's current pool and merge the chunks' counts, with the same result
//! (or the same error, with the same index) as the sequential path.
//!
//! Tallies with parameters ([`CsatTally`] with its [`CsatRule`], [`CesTally`]
//! with its [`Scale`]) refuse to merge with a different parameter, and have
//! no `Sum` (there is no natural zero); tallies without parameters have
//! `Default`, `Sum` and `FromIterator`.
//!
//! # Errors and panics
//!
//! One error type, [`Error`], whose [`kind`](Error::kind) is one of the
//! conformance vectors' kinds ([`ErrorKind`]): `empty`, `out_of_range`,
//! `inconsistent`, `invalid_parameter`, `overflow`, `overloaded` (a queue
//! whose traffic meets its capacity has no steady state: an error of its own
//! rather than an infinite wait). Messages name the input,
//! the offending value and what is allowed:
//!
//! ```
//! let err = cxkpi::NpsTally::from_scores(&[9, 10, 11]).unwrap_err();
//! assert_eq!(err.to_string(), "NPS rating 11 at index 2 is out of range: it must be between 0 and 10");
//! ```
//!
//! Nothing in this crate panics on any input. Constructors and
//! [`Merge::try_merge`] return `Result`. The operations that cannot return a
//! `Result` — `record`, `+`, `+=`, `Sum`, `Extend`, `FromIterator` — keep the
//! first error they meet (a count beyond `u64::MAX`, money beyond `Decimal`,
//! tallies with different parameters) as the tally's *fault*: every getter
//! then returns that error, and serialization refuses the tally. A faulted
//! tally never reports a number.
//!
//! ```
//! use cxkpi::{ErrorKind, NpsTally};
//!
//! let huge = NpsTally::from_counts(u64::MAX, 0, 0)?;
//! let sum = huge.clone() + huge;
//! assert_eq!(sum.nps().unwrap_err().kind(), ErrorKind::Overflow);
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! # Numerical notes
//!
//! - Counts are `u64` and sums are `u128` (score sums, nanoseconds), so
//!   merges are exact; no intermediate product can overflow (`part × 100` is
//!   formed in `u128`).
//! - A float appears only in a getter, computed from exact integers with one
//!   rounding of the numerator and one division: 7 of 100 is `7.0` %, not
//!   `7.000000000000001`. NPS is `(promoters − detractors) × 100 / n` on exact
//!   counts, never the difference of two rounded percentages.
//! - Money never touches a float: [`Money`] is a `rust_decimal::Decimal`;
//!   only the final division rounds, to 28 significant digits.
//! - Durations are `core::time::Duration`, exact to the nanosecond; float
//!   seconds enter through [`try_seconds`] and [`HandleTime::from_secs`],
//!   which refuse NaN, infinities and negative values.
//!
//! # Wire format
//!
//! Every tally implementing [`Tally`] exports its *state*, a public struct of
//! plain data; with the `serde` feature a tally serializes as its state and
//! deserializes through [`Tally::from_state`], which checks every invariant
//! (a part above its whole, a sum no count of observations could reach)
//! and names the field. Rules, chosen so that any JSON parser reads a state
//! exactly:
//!
//! - 64-bit and wider integers (counts, `u128` sums, nanoseconds) are JSON
//!   decimal **strings**, the proto3 JSON rule: JavaScript's `JSON.parse`
//!   has only doubles, exact up to 2⁵³. Readers accept a string or a
//!   number; a number must be an exact integer below 2⁵³ (`3.0` is 3; `1.5`,
//!   `-1` and `9007199254740993.0` are refused).
//! - Durations a person writes (thresholds) are seconds as a JSON number:
//!   `"threshold_s": 20`, exact to the nanosecond below 2²² s (48 days).
//! - Money is an exact decimal string; parameters (a [`Scale`], a
//!   [`CsatRule`]) are plain objects.
//! - Floats: cxkpi reads a float back bit for bit only with a correctly
//!   rounding parser; with `serde_json`, enable its `float_roundtrip`
//!   feature (the crate's tests and fuzzers do). Counts and sums never
//!   travel as floats.
//!
//! | tally | state | example |
//! | --- | --- | --- |
//! | [`NpsTally`] | [`NpsState`] | `{"promoters": "50", "passives": "32", "detractors": "18"}` |
//! | [`CsatTally`] | [`CsatState`] | `{"rule": {"scale": {"min": 1, "max": 5}, "satisfied_from": 4}, "satisfied": "1000", "responses": "1500"}` |
//! | [`CesTally`] | [`CesState`] | `{"scale": {"min": 1, "max": 7}, "sum": "22", "responses": "4"}` |
//! | [`RetentionTally`] | [`RetentionState`] | `{"customers_at_start": "200", "customers_at_end": "220", "new_customers": "40"}` |
//! | [`AbandonmentTally`] | [`AbandonmentState`] | `{"offered": "200", "abandoned": "14", "short_abandoned": "4"}` |
//! | [`FcrTally`] | [`FcrState`] | `{"resolved_on_first_contact": "74", "resolved": "100"}` |
//! | [`AhtTally`] | [`AhtState`] | `{"handled": "20", "talk_ns": "3600000000000", "hold_ns": "600000000000", "wrap_ns": "900000000000"}` |
//! | [`CostTally`] | [`CostState`] | `{"total_cost": "1556.00", "units": "100"}` |
//! | [`WaitTally`] | [`WaitState`] | `{"answered": "3", "answered_wait_ns": "90000000000", "abandoned": "2", "abandoned_wait_ns": "100000000000"}` |
//! | [`ServiceLevelTally`] | [`ServiceLevelState`] | `{"threshold_s": 20, "short_abandon_below_s": 5, "answered": "6", "answered_within": "4", "abandoned": "3", "abandoned_within": "2", "short_abandoned": "1"}` (no short-abandon rule: `null`; a rule of at most 5 s: `"short_abandon_below_s": null, "short_abandon_at_most_s": 5`) |
//! | [`EscalationTally`] | [`EscalationState`] | `{"contacts": "200", "escalated": "50"}` |
//! | [`HourlyVolume`] | [`HourlyVolumeState`] | `{"by_hour": ["0", "0", "0", "0", "0", "0", "0", "0", "4", "12", "9", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]}` (24 counts, 00:00 first) |
//! | [`DurationSample`] | [`DurationSampleState`] | `{"nanos": ["0", "1500000000", "90000000000"]}` (every duration in ns, ascending; read in any order) |
//! | [`DurationSketch`] | [`DurationSketchState`] | `{"relative_accuracy": 0.01, "zeros": "1", "offset": 1037, "bins": ["1"], "total_ns": "1000000000", "min_ns": "0", "max_ns": "1000000000"}` (bucket `offset + k` counts `bins[k]`; empty: every figure 0) |
//! | [`TicketVolume`] | [`TicketVolumeState`] | `{"per_customer": [["a", "3"], ["b", "1"]]}` (keys as their type serializes, ascending and unique; counts at least 1) |
//!
//! | [`Backlog`] (`chrono`) | [`BacklogState`] | `{"at": "2024-03-08T12:00:00Z", "ages_ns": ["86400000000000"], "by_opened_date": [["2024-03-07", "1"]]}` (the instant as RFC 3339 with its zone's offset, read back by `Backlog<Utc>` (`Z` only) and `Backlog<FixedOffset>`; the dates exactly those the ages give on the instant's calendar) |
//! | [`Breakdown`] | [`BreakdownState`] | `{"template": {"promoters": "0", "passives": "0", "detractors": "0"}, "groups": [{"key": "chat", "state": {"promoters": "1", "passives": "0", "detractors": "1"}}]}` (the template's state carries the parameters every group has, such as a CSAT rule; keys as their type serializes, each once, read in any order, written in key order) |
//! | tuples and arrays `[T; N]` of tallies | tuples and arrays of states | a JSON array of the members' states |
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use cxkpi::{Breakdown, CsatRule, CsatTally, Scale};
//!
//! // An empty breakdown keeps its rule on the wire.
//! let by_channel = Breakdown::<String, _>::new(CsatTally::new(CsatRule::new(Scale::ONE_TO_SEVEN, 6)?));
//! let json = serde_json::to_string(&by_channel).unwrap();
//! assert!(json.starts_with(r#"{"template":{"rule":{"scale":{"min":1,"max":7},"satisfied_from":6}"#));
//! assert_eq!(serde_json::from_str::<Breakdown<String, CsatTally>>(&json).unwrap(), by_channel);
//! # }
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use cxkpi::{NpsTally, Tally};
//!
//! let t = NpsTally::from_scores(&[10, 9, 8, 3])?;
//! let json = serde_json::to_string(&t).unwrap();
//! assert_eq!(json, r#"{"promoters":"2","passives":"1","detractors":"1"}"#);
//! assert_eq!(serde_json::from_str::<NpsTally>(&json).unwrap(), t);
//! assert_eq!(NpsTally::from_state(t.state()?)?, t);
//! # }
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! ## Arrow mapping
//!
//! For engines that hold states in Apache Arrow columns (the SQL crate):
//! `u64` → `UInt64`; `u128` sums → `Decimal128(38, 0)` (a value of 10³⁸ or
//! more is an `overflow` error naming the field); `Duration` parameters →
//! `UInt64` nanoseconds; [`Money`] → `Utf8` exact decimal text; enums →
//! `Utf8` of their name; `f64` → `Float64`; `Vec<u64>` → `List<UInt64>`; a
//! [`Scale`] → two `UInt8` columns `min`, `max`.
//!
//! # Features
//!
//! | feature | default | enables |
//! | --- | --- | --- |
//! | `std` | yes | `std::error::Error` for [`Error`] through `core::error::Error`, and `std` in the dependencies. Without it the crate is `#![no_std]` + `alloc` and builds for `wasm32-unknown-unknown`. |
//! | `serde` | no | `Serialize` for inputs, tallies and results; `Deserialize` for inputs and tallies, through the checked constructors: a JSON rating of 11 is an error, never a value. Money serializes as a decimal string. |
//! | `chrono` | no | Times from timestamps in any `chrono::TimeZone`: [`time::elapsed`], calendar periods ([`time::Period`]), the backlog at an instant, and business time over a weekly schedule with holidays (`time::BusinessCalendar`). |
//! | `rayon` | no | The batch paths split across rayon's current pool (`par_from_scores`, `par_from_whole_secs`); implies `std`. |
//!
//! # Design notes
//!
//! - *Why `f64` only in getters?* Floats do not add associatively, so a
//!   float sum would make merges depend on their order. Integers keep
//!   `tally(a ++ b) == tally(a) + tally(b)` exact.
//! - *Why a `Result` for an empty tally?* An empty survey has no NPS; 0 would
//!   be a lie and NaN would poison every average it enters. [`Error::empty`]
//!   names the KPI and the reason, and `?` carries it.
//! - *Why faults rather than panics in `+`?* A pipeline summing millions of
//!   tallies should not abort on one overflowing count, nor silently wrap;
//!   the fault keeps the first error and reports it where the number is read.
//! - *Why six service-level treatments?* Contact-centre products each
//!   hard-code one way of counting abandoned calls in the service level,
//!   and the figures differ by several points on the same queue (ICMI's
//!   example: 81.1 % to 86.0 %). A named [`AbandonTreatment`] makes the
//!   choice visible and two products' figures comparable.
//! - *Why keep every duration for percentiles?* Exact percentiles need every
//!   value; [`DurationSample`] keeps them as 8-byte nanoseconds. For
//!   streams too long for that, [`DurationSketch`] trades a stated
//!   relative error for bounded memory, and still merges exactly.
//! - *How fast are the batch paths, and why?* They read memory once, so the
//!   limit is the machine's read bandwidth. Each kernel reads eight parts of
//!   its slice side by side (one core reads several streams faster than
//!   one), counts into byte lanes with branch-free signed compares, and
//!   validates with one running maximum, all in safe Rust that the compiler
//!   vectorises for the baseline target; a bad value is found in the same
//!   pass and only then searched for its index. `benches/kernels.rs` and
//!   `benches/compare.py` measure them against the read bandwidth, polars
//!   and numpy.
//! - *Why a histogram for exact percentiles of a column?* Waits and handle
//!   times in seconds rarely reach 65 536 (18 hours), so one counting pass
//!   over the low 16 bits holds every value exactly: any number of
//!   percentiles from one predictable read, with no copy and no sort. Larger
//!   values take one or two more passes (top bits, then the low bits of the
//!   one bucket per rank). [`time::WholeSeconds`] agrees exactly with
//!   [`DurationSample`].
//! - *Why is the short-abandon threshold in the observation, not the tally?*
//!   Abandonment counts arrive already classified from most ACD reports
//!   (`offered`, `abandoned`, `short_abandoned`); [`Outcome::abandoned_after`]
//!   classifies raw waits with a [`ShortAbandons`] rule, and the same tally
//!   gives the rate with and without short abandons.
#![no_std]
// On docs.rs (nightly, `--cfg docsrs`), each feature-gated item is marked
// with the features it needs; stable builds never see this.
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

// The KPI families: every item of theirs is at the root.
mod breakdown;
mod contact;
mod cost;
mod customers;
mod duration;
mod error;
mod hash;
mod interop;
mod kernel;
mod rate;
mod share;
mod survey;
mod tally;
mod volume;
#[cfg(feature = "serde")]
mod wire;

// The family modules: their items are there and nowhere else.
pub mod forecast;
pub mod grouped;
pub mod references;
pub mod staffing;
pub mod stats;
pub mod time;
// Without `chrono` the family is empty: its tally, `AgentTime`, is at the root.
#[cfg(feature = "chrono")]
pub mod workforce;
#[cfg(not(feature = "chrono"))]
mod workforce;

// Shared vocabulary.
pub use breakdown::{Breakdown, BreakdownIter, BreakdownState};
pub use duration::try_seconds;
pub use error::{Domain, Error, ErrorKind, Value};
pub use rate::Rate;
pub use share::{Percent, Probability};
pub use tally::{Merge, Tally};

// Survey: NPS, CSAT, CES, survey response.
pub use survey::{
    Ces, CesState, CesTally, CsatRule, CsatState, CsatTally, Nps, NpsCategory, NpsRating, NpsState,
    NpsTally, RawScore, Scale, Score, SurveyOutcome, SurveyResponseState, SurveyResponseTally,
};

// Contact: abandonment, FCR, handle time, waits, service level, deadlines,
// reopens, reachability, replies, escalation.
pub use contact::{
    AbandonTreatment, AbandonmentState, AbandonmentTally, Aht, AhtState, AhtTally, Attempts,
    Contact, Deadline, DeadlineKind, DeadlineState, DeadlineTally, EscalationState,
    EscalationTally, FcrState, FcrTally, HandleTime, Handling, Lateness, MessagesBeforeReply,
    MessagesBeforeReplyState, MessagesBeforeReplyTally, Outcome, ReachabilityState,
    ReachabilityTally, ReopenState, ReopenTally, Reopens, Resolution, ServiceLevelCounts,
    ServiceLevelState, ServiceLevelTally, ShortAbandons, TicketEvent, TicketStatus, WaitState,
    WaitTally, Waited, fcr_by_recontact, one_touch,
};

// Customers and cost.
pub use cost::{CostState, CostTally, Money, cost_per_minute};
pub use customers::{CustomerStatus, RetentionState, RetentionTally};

// Volume.
#[cfg(feature = "chrono")]
pub use volume::{Backlog, BacklogState};
pub use volume::{
    HourOfDay, HourlyVolume, HourlyVolumeState, TicketVolume, TicketVolumeState, volume_change,
};

// The tallies of the other families.
pub use forecast::history::{Arrival, History, HistoryState};
pub use staffing::turnover::{Tenure, Turnover, TurnoverState, TurnoverTally};
pub use stats::moments::MeanTally;
pub use time::ageing::{AgeBuckets, BacklogAgeing, BacklogAgeingState};
pub use time::mean::MeanDuration;
pub use time::sample::{DurationSample, DurationSampleState, DurationSummary, SortedDurations};
pub use time::sketch::{DurationSketch, DurationSketchState, RelativeAccuracy};
pub use workforce::agent_time::{AgentState, AgentTime, AgentTimeState, StateSpan, TimeShare};

/// The exact decimal type of [`Money`], re-exported so that callers need not
/// match `rust_decimal`'s version themselves.
pub use rust_decimal::Decimal;
