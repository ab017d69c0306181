// Tally states across languages: each tally built here from the observations
// of tests/fixtures/states.json must give, through toState(), the state that
// Rust's serde_json gives for the same observations (checked on the Rust side
// by `cargo test -p cxkpi-c states`), and fromState() of that state must
// merge with a tally built here into the tally of both batches.
//
// Needs the package built with its `state` feature:
//   CXKPI_WASM_FEATURES=state sh build.sh && node --test tests/state/*.test.js
"use strict";

const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { test } = require("node:test");

const cx = require("cxkpi");

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "states.json"), "utf8"));

/** Asserts that `run` throws a CxkpiError of `kind` with exactly `message`. */
function throwsKind(run, kind, message) {
  assert.throws(run, (error) => {
    assert.equal(error.name, "CxkpiError");
    assert.equal(error.kind, kind);
    assert.equal(error.message, message);
    return true;
  });
}

// For each tally: its class, how to build it from observations `o`, a
// second batch of observations, and the figures to compare.
const tallies = {
  nps: {
    cls: cx.NpsTally,
    build: (o) => cx.NpsTally.fromScores(o.scores),
    more: { scores: [10, 7, 2] },
    concat: (a, b) => ({ scores: [...a.scores, ...b.scores] }),
    figures: (t) => t.nps(),
  },
  csat: {
    cls: cx.CsatTally,
    build: (o) => cx.CsatTally.fromScores({ scale: o.scale, satisfiedFrom: o.satisfied_from }, o.scores),
    more: { scale: [1, 5], satisfied_from: 4, scores: [4, 4, 3] },
    concat: (a, b) => ({ ...a, scores: [...a.scores, ...b.scores] }),
    figures: (t) => t.csat(),
  },
  ces: {
    cls: cx.CesTally,
    build: (o) => cx.CesTally.fromScores(o.scale, o.scores),
    more: { scale: [1, 7], scores: [6, 6] },
    concat: (a, b) => ({ ...a, scores: [...a.scores, ...b.scores] }),
    figures: (t) => t.ces(),
  },
  retention: {
    cls: cx.RetentionTally,
    build: (o) => cx.RetentionTally.fromCounts(...o.counts),
    more: { counts: [50, 45, 5] },
    concat: (a, b) => ({ counts: a.counts.map((n, i) => n + b.counts[i]) }),
    figures: (t) => [t.retention(), t.churn()],
  },
  abandonment: {
    cls: cx.AbandonmentTally,
    build: (o) => cx.AbandonmentTally.fromAbandonWaits(o.answered, o.abandon_waits_s, o.short_abandon_below_s),
    more: { answered: 4, abandon_waits_s: [1, 30], short_abandon_below_s: 5 },
    concat: (a, b) => ({
      ...a,
      answered: a.answered + b.answered,
      abandon_waits_s: [...a.abandon_waits_s, ...b.abandon_waits_s],
    }),
    figures: (t) => [t.abandonment(), t.abandonmentIncludingShort()],
  },
  fcr: {
    cls: cx.FcrTally,
    build: (o) => cx.FcrTally.fromContactCounts(o.contacts),
    more: { contacts: [2, 1] },
    concat: (a, b) => ({ contacts: [...a.contacts, ...b.contacts] }),
    figures: (t) => t.fcr(),
  },
  aht: {
    cls: cx.AhtTally,
    build: (o) => {
      const t = new cx.AhtTally();
      for (const [talk, hold, wrap] of o.contacts) t.record(talk, hold, wrap);
      return t;
    },
    more: { contacts: [[120.125, 10, 30]] },
    concat: (a, b) => ({ contacts: [...a.contacts, ...b.contacts] }),
    figures: (t) => t.aht(),
  },
  cost: {
    cls: cx.CostTally,
    build: (o) => {
      const t = new cx.CostTally();
      for (const cost of o.costs) t.record(cost);
      return t;
    },
    more: { costs: ["3.05"] },
    concat: (a, b) => ({ costs: [...a.costs, ...b.costs] }),
    figures: (t) => [t.total, t.units, t.costPerUnit()],
  },
  wait: {
    cls: cx.WaitTally,
    build: (o) => cx.WaitTally.fromWaits(o.answer_waits_s, o.abandon_waits_s),
    more: { answer_waits_s: [7.25], abandon_waits_s: [15] },
    concat: (a, b) => ({
      answer_waits_s: [...a.answer_waits_s, ...b.answer_waits_s],
      abandon_waits_s: [...a.abandon_waits_s, ...b.abandon_waits_s],
    }),
    figures: (t) => [t.asa(), t.averageWait(), t.timeToAbandon()],
  },
  service_level: {
    cls: cx.ServiceLevelTally,
    build: (o) => cx.ServiceLevelTally.fromWaits(o.threshold_s, o.answer_waits_s, o.abandon_waits_s, o.short_abandon_below_s),
    more: { threshold_s: 20, short_abandon_below_s: 5, answer_waits_s: [19.5, 80], abandon_waits_s: [4.5] },
    concat: (a, b) => ({
      ...a,
      answer_waits_s: [...a.answer_waits_s, ...b.answer_waits_s],
      abandon_waits_s: [...a.abandon_waits_s, ...b.abandon_waits_s],
    }),
    figures: (t) => [t.counts(), t.serviceLevel("count_against"), t.serviceLevel("exclude_short")],
  },
  ticket_volume: {
    cls: cx.TicketVolume,
    build: (o) => cx.TicketVolume.fromIds(o.customer_ids),
    more: { customer_ids: ["a", "d"] },
    concat: (a, b) => ({ customer_ids: [...a.customer_ids, ...b.customer_ids] }),
    figures: (t) => [t.tickets, t.customers, t.ticketsPerCustomer()],
  },
};

test("the fixture names every tally class with a state, and no other", () => {
  assert.deepEqual(Object.keys(fixture).sort(), Object.keys(tallies).sort());
});

for (const [name, t] of Object.entries(tallies)) {
  const { observations, state } = fixture[name];

  test(`${name}: toState() is the state Rust gives for the same observations`, () => {
    assert.deepEqual(t.build(observations).toState(), state);
    // The text as well: JSON.stringify of the state parses to Rust's JSON.
    assert.deepEqual(JSON.parse(JSON.stringify(t.build(observations).toState())), state);
  });

  test(`${name}: fromState() of Rust's state merges into the tally of both batches`, () => {
    const fromRust = t.cls.fromState(state);
    fromRust.merge(t.build(t.more));
    const both = t.build(t.concat(observations, t.more));
    assert.deepEqual(t.figures(fromRust), t.figures(both));
    assert.deepEqual(fromRust.toState(), both.toState());
  });

  test(`${name}: fromState() reads back what toState() gives, as text too`, () => {
    const tally = t.build(observations);
    const text = JSON.stringify(tally.toState());
    assert.deepEqual(t.cls.fromState(JSON.parse(text)).toState(), tally.toState());
  });
}

test("counts past 2^53 stay exact as decimal strings", () => {
  const big = { promoters: "18446744073709551615", passives: "0", detractors: "0" };
  assert.deepEqual(cx.NpsTally.fromState(big).toState(), big);
  // A number is read too, when it is an exact integer below 2^53.
  assert.deepEqual(cx.NpsTally.fromState({ promoters: 3, passives: "1", detractors: 0 }).toState(), {
    promoters: "3",
    passives: "1",
    detractors: "0",
  });
  const sum = { scale: { min: 1, max: 5 }, sum: "92233720368547758075", responses: "18446744073709551615" };
  assert.deepEqual(cx.CesTally.fromState(sum).toState(), sum);
});

test("bad states throw CxkpiErrors with the core's kind and message", () => {
  const rule = { scale: { min: 1, max: 5 }, satisfied_from: 4 };
  // A part above its whole: the core's from_state.
  throwsKind(
    () => cx.CsatTally.fromState({ rule, satisfied: "5", responses: "4" }),
    "inconsistent",
    "satisfied (5) exceeds responses (4)",
  );
  throwsKind(
    () => cx.AbandonmentTally.fromState({ offered: "10", abandoned: "11", short_abandoned: "0" }),
    "inconsistent",
    "abandoned (11) exceeds offered (10)",
  );
  // A count of 2^64, as a string: past u64.
  throwsKind(
    () => cx.NpsTally.fromState({ promoters: "18446744073709551616", passives: "0", detractors: "0" }),
    "out_of_range",
    "promoters is malformed: it must be an unsigned 64-bit integer (a decimal string or a number)",
  );
  // Counts that each fit but sum past u64.
  throwsKind(
    () => cx.NpsTally.fromState({ promoters: "18446744073709551615", passives: "1", detractors: "0" }),
    "overflow",
    "NPS responses overflows u64",
  );
  // A wrong type, a missing field, a number a double may have rounded.
  const u64 = "an unsigned 64-bit integer (a decimal string or a number)";
  throwsKind(
    () => cx.NpsTally.fromState({ promoters: true, passives: "1", detractors: "0" }),
    "out_of_range",
    `promoters is malformed: it must be ${u64}`,
  );
  throwsKind(
    () => cx.NpsTally.fromState({ promoters: "1", passives: "1" }),
    "out_of_range",
    `detractors is malformed: it must be ${u64}`,
  );
  throwsKind(
    () => cx.NpsTally.fromState({ promoters: 2 ** 53, passives: "1", detractors: "0" }),
    "out_of_range",
    `promoters is malformed: it must be ${u64}`,
  );
  throwsKind(
    () => cx.NpsTally.fromState({ promoters: "+1", passives: "1", detractors: "0" }),
    "out_of_range",
    `promoters is malformed: it must be ${u64}`,
  );
  throwsKind(() => cx.NpsTally.fromState("x"), "out_of_range", "state must be an object");
  throwsKind(
    () => cx.CesTally.fromState({ scale: [1, 5], sum: "0", responses: "0" }),
    "out_of_range",
    "scale must be an object",
  );
  // Unknown fields are refused, as the core's reader does.
  throwsKind(
    () => cx.NpsTally.fromState({ promoters: "1", passives: "1", detractors: "0", extra: 1 }),
    "out_of_range",
    "state has unknown fields: extra (known: promoters, passives, detractors)",
  );
  // Parameters and sums through the core's constructors and checks.
  throwsKind(
    () => cx.CesTally.fromState({ scale: { min: 1, max: 5 }, sum: "100", responses: "2" }),
    "inconsistent",
    "sum of scores (100) exceeds scale maximum × responses (10)",
  );
  throwsKind(
    () => cx.CesTally.fromState({ scale: { min: 5, max: 1 }, sum: "0", responses: "0" }),
    "invalid_parameter",
    "scale maximum 1 is invalid: it must be more than 5",
  );
  const counts = { answered: "0", answered_within: "0", abandoned: "0", abandoned_within: "0", short_abandoned: "0" };
  throwsKind(
    () => cx.ServiceLevelTally.fromState({ threshold_s: 20, short_abandon_below_s: 5, short_abandon_at_most_s: 5, ...counts }),
    "out_of_range",
    "short-abandon rule is malformed: it must be short_abandon_below_s or short_abandon_at_most_s, not both",
  );
  throwsKind(
    () => cx.ServiceLevelTally.fromState({ threshold_s: -1, short_abandon_below_s: null, ...counts }),
    "out_of_range",
    "threshold (s) -1 is out of range: it must be a finite number of seconds, 0 or more",
  );
  throwsKind(
    () => cx.CostTally.fromState({ total_cost: 1.5, units: "1" }),
    "out_of_range",
    `total_cost is malformed: it must be ${u64}`,
  );
  throwsKind(
    () => cx.TicketVolume.fromState({ per_customer: [["b", "1"], ["a", "1"]] }),
    "out_of_range",
    "per_customer is malformed: it must be customers in ascending order, each once",
  );
});

test("a service level with an at-most short-abandon rule keeps its own field", () => {
  const state = {
    threshold_s: 20,
    short_abandon_below_s: null,
    short_abandon_at_most_s: 5.5,
    answered: "3",
    answered_within: "2",
    abandoned: "1",
    abandoned_within: "1",
    short_abandoned: "1",
  };
  assert.deepEqual(cx.ServiceLevelTally.fromState(state).toState(), state);
  const none = { ...state, short_abandon_at_most_s: undefined, short_abandoned: "0" };
  delete none.short_abandon_at_most_s;
  assert.deepEqual(cx.ServiceLevelTally.fromState(none).toState(), none);
});
