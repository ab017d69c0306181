// Runs every conformance vector through the JavaScript API of the
// WebAssembly package: `node --test tests/*.test.js` from bindings/wasm, after
// build.sh. Each case is a test named by its id; as in the Rust runner, a
// case this runner cannot run (an unknown metric, input field or expect key)
// fails, never skips. CXKPI_VECTORS names other vectors (a file or a folder).
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { describe, test } = require("node:test");

const cx = require("cxkpi");

const DEFAULT_TOLERANCE = 1e-9;
const ROOT = path.resolve(__dirname, "../../..");

class CannotRun extends Error {}

// Reading an input object field by field: a field left unread is unknown.
class Input {
  constructor(where, value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new CannotRun(`${where} is not an object`);
    }
    this.where = where;
    this.fields = value;
    this.read = new Set();
  }

  has(name) {
    return Object.hasOwn(this.fields, name);
  }

  field(name, optional = false) {
    if (!this.has(name)) {
      if (optional) return undefined;
      throw new CannotRun(`${this.where} lacks \`${name}\``);
    }
    this.read.add(name);
    return this.fields[name];
  }

  number(name, optional = false) {
    const value = this.field(name, optional);
    if (value === undefined) return undefined;
    if (typeof value !== "number") {
      throw new CannotRun(`${this.where}.${name} must be a number, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  numbers(name) {
    const values = this.field(name);
    if (!Array.isArray(values) || !values.every((v) => typeof v === "number")) {
      throw new CannotRun(`${this.where}.${name} must be an array of numbers`);
    }
    return values;
  }

  text(name) {
    const value = this.field(name);
    if (typeof value !== "string") throw new CannotRun(`${this.where}.${name} must be a string`);
    return value;
  }

  finish() {
    const unknown = Object.keys(this.fields).filter((key) => !this.read.has(key));
    if (unknown.length > 0) throw new CannotRun(`${this.where} has unknown fields ${unknown}`);
  }
}

const fits = (values, max) => values.every((v) => Number.isInteger(v) && v >= 0 && v <= max);
// The typed array when every value fits it (the fast path), else the plain
// array, whose numbers the API checks one by one.
const bytes = (values) => (fits(values, 255) ? Uint8Array.from(values) : values);
const count = (value) => ({ count: value });
const money = (value) => ({ money: value });

const nps = (input) => {
  let tally;
  if (input.has("scores")) {
    const scores = input.numbers("scores");
    input.finish();
    tally = cx.NpsTally.fromScores(bytes(scores));
  } else {
    tally = npsCounts(input);
    input.finish();
  }
  const result = snake(tally.nps());
  return { ...result, responses: count(result.responses) };
};

const npsCounts = (input) =>
  cx.NpsTally.fromCounts(input.number("promoters"), input.number("passives"), input.number("detractors"));

const METRICS = {
  nps,

  csat(input) {
    const scores = input.numbers("scores");
    const scale = input.numbers("scale");
    const satisfiedFrom = input.number("satisfied_from");
    input.finish();
    const rate = cx.CsatTally.fromScores({ scale, satisfiedFrom }, bytes(scores)).csat();
    return { csat: rate.percent, satisfied: count(rate.part), responses: count(rate.whole) };
  },

  ces(input) {
    const scores = input.numbers("scores");
    const scale = input.numbers("scale");
    input.finish();
    const ces = cx.CesTally.fromScores(scale, bytes(scores)).ces();
    return { mean: ces.mean, responses: count(ces.responses) };
  },

  retention(input) {
    const tally = cx.RetentionTally.fromCounts(
      input.number("customers_at_start"),
      input.number("customers_at_end"),
      input.number("new_customers"),
    );
    input.finish();
    return { retention_pct: tally.retention().percent, churn_pct: tally.churn().percent };
  },

  abandonment(input) {
    let tally;
    if (input.has("abandon_waits_s")) {
      const answered = input.number("answered");
      const waits = Float64Array.from(input.numbers("abandon_waits_s"));
      const shortBelow = input.number("short_abandon_below_s");
      input.finish();
      tally = cx.AbandonmentTally.fromAbandonWaits(answered, waits, shortBelow);
    } else {
      const offered = input.number("offered");
      const abandoned = input.number("abandoned");
      const short = input.number("short_abandoned", true);
      input.finish();
      tally = cx.AbandonmentTally.fromCounts(offered, abandoned, short);
    }
    return { abandonment_pct: tally.abandonment().percent };
  },

  fcr(input) {
    let tally;
    if (input.has("contacts_per_resolved_request")) {
      const contacts = input.numbers("contacts_per_resolved_request");
      input.finish();
      const typed = fits(contacts, 2 ** 32 - 1) ? Uint32Array.from(contacts) : contacts;
      tally = cx.FcrTally.fromContactCounts(typed);
    } else {
      tally = cx.FcrTally.fromCounts(input.number("resolved_on_first_contact"), input.number("resolved"));
      input.finish();
    }
    return { fcr_pct: tally.fcr().percent };
  },

  aht(input) {
    let tally;
    if (input.has("contacts")) {
      const contacts = input.field("contacts").map((item, i) => {
        const contact = new Input(`input.contacts[${i}]`, item);
        const times = [contact.number("talk_s"), contact.number("hold_s"), contact.number("wrap_s")];
        contact.finish();
        return times;
      });
      input.finish();
      tally = new cx.AhtTally();
      for (const [talk, hold, wrap] of contacts) tally.record(talk, hold, wrap);
    } else {
      const totals = [input.number("talk_s"), input.number("hold_s"), input.number("wrap_s")];
      const handled = input.number("handled");
      input.finish();
      tally = cx.AhtTally.fromTotals(...totals, handled);
    }
    return { aht_s: tally.aht().ahtS };
  },

  cost_per_conversation(input) {
    const total = input.text("total_cost");
    const conversations = input.number("conversations");
    input.finish();
    return { cost_per_conversation: money(cx.CostTally.fromTotal(total, conversations).costPerUnit()) };
  },

  duration_stats(input) {
    const durations = input.numbers("durations_s");
    input.finish();
    const stats = cx.durationStats(Float64Array.from(durations));
    return { count: count(stats.count), mean_s: stats.meanS, median_s: stats.medianS, p90_s: stats.p90S };
  },

  asa(input) {
    const waits = input.numbers("answer_waits_s");
    input.finish();
    return { asa_s: cx.WaitTally.fromWaits(Float64Array.from(waits)).asa().meanS };
  },

  service_level(input) {
    if (input.has("answered")) {
      const counts = {
        answered: input.number("answered"),
        answeredWithin: input.number("answered_within"),
        abandoned: input.number("abandoned"),
        abandonedWithin: input.number("abandoned_within"),
        shortAbandoned: input.number("short_abandoned", true),
      };
      const treatment = input.text("abandons");
      input.finish();
      return { service_level_pct: cx.serviceLevelFromCounts(counts, treatment).percent };
    }
    const answered = Float64Array.from(input.numbers("answer_waits_s"));
    const abandoned = Float64Array.from(input.numbers("abandon_waits_s"));
    const threshold = input.number("threshold_s");
    const shortBelow = input.number("short_abandon_below_s", true);
    const treatment = input.text("abandons");
    input.finish();
    const tally = cx.ServiceLevelTally.fromWaits(threshold, answered, abandoned, shortBelow);
    return { service_level_pct: tally.serviceLevel(treatment).percent };
  },

  ticket_volume(input) {
    const ids = input.field("customer_ids");
    input.finish();
    const volume = cx.TicketVolume.fromIds(ids);
    return {
      tickets: count(volume.tickets),
      customers: count(volume.customers),
      tickets_per_customer: volume.ticketsPerCustomer(),
    };
  },

  erlang_c(input) {
    const load = workload(input);
    const agents = input.number("agents");
    const within = input.number("target_answer_s");
    input.finish();
    return snake(cx.erlangC(load, agents, within));
  },

  erlang_a(input) {
    const load = workload(input);
    const agents = input.number("agents");
    const patience = input.number("mean_patience_s");
    input.finish();
    return snake(cx.erlangA(load, agents, patience));
  },

  agents_required(input) {
    const load = workload(input);
    const goals = {
      serviceLevelPct: input.number("target_service_level_pct"),
      answerWithinS: input.number("target_answer_s"),
      maxOccupancyPct: input.number("max_occupancy_pct", true),
    };
    input.finish();
    return { agents: count(cx.agentsRequired(load, goals).agents) };
  },

  rate_interval(input) {
    const args = [input.number("successes"), input.number("trials"), input.number("confidence")];
    const method = input.text("method");
    input.finish();
    const interval = cx.rateInterval(...args, method);
    return { low_pct: interval.low, high_pct: interval.high };
  },

  two_rates_test(input) {
    const args = ["successes_a", "trials_a", "successes_b", "trials_b"].map((n) => input.number(n));
    input.finish();
    const test = cx.twoRatesTest(...args);
    return { z: test.z, p_value: test.pValue };
  },

  mean_interval(input) {
    const values = input.numbers("values");
    const confidence = input.number("confidence");
    input.finish();
    const interval = cx.meanInterval(Float64Array.from(values), confidence);
    return { mean: interval.estimate, low: interval.low, high: interval.high };
  },

  sample_size(input) {
    const args = [input.number("margin_pct"), input.number("confidence"), input.number("expected_pct")];
    const population = input.number("population", true);
    input.finish();
    return { responses: count(cx.rateSampleSize(...args, population)) };
  },

  nps_interval(input) {
    const confidence = input.number("confidence");
    const method = input.text("method");
    const tally = npsCounts(input);
    input.finish();
    const interval = tally.interval(confidence, method);
    return { low: interval.low, high: interval.high };
  },

  nps_difference_test(input) {
    const [a, b] = ["a", "b"].map((side) => {
      const group = new Input(`input.${side}`, input.field(side));
      const tally = npsCounts(group);
      group.finish();
      return tally;
    });
    input.finish();
    const test = cx.npsDifferenceTest(a, b);
    return { difference: test.difference, z: test.z, p_value: test.pValue };
  },

  nps_sample_size(input) {
    const args = ["margin_points", "confidence", "promoters_pct", "detractors_pct"].map((n) => input.number(n));
    input.finish();
    return { responses: count(cx.npsSampleSize(...args)) };
  },
};

function workload(input) {
  return { calls: input.number("calls"), intervalS: input.number("interval_s"), ahtS: input.number("aht_s") };
}

// The API's camelCase outputs under the vectors' snake_case names.
function snake(object) {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [
      key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      value,
    ]),
  );
}

// A decimal string as [digits as a BigInt, decimals].
function decimal(text) {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(String(text));
  if (!match || (match[2] + (match[3] ?? "")).length === 0) {
    throw new CannotRun(`${JSON.stringify(text)} is not a decimal string`);
  }
  const decimals = (match[3] ?? "").length;
  const digits = BigInt(match[2] + (match[3] ?? "") || "0");
  return [match[1] ? -digits : digits, decimals];
}

// |a − b| ≤ tolerance, exactly, for decimal strings.
function withinDecimal(a, b, tolerance) {
  const values = [a, b, tolerance].map(decimal);
  const scale = Math.max(...values.map(([, decimals]) => decimals));
  const [x, y, t] = values.map(([digits, decimals]) => digits * 10n ** BigInt(scale - decimals));
  const difference = x > y ? x - y : y - x;
  return difference <= t;
}

// The problems of a case's outputs (or error) against its `expect`.
function check(testCase, outcome) {
  const expect = testCase.expect;
  const keys = Object.keys(expect ?? {});
  if (keys.length === 0) return ["cannot check: `expect` is empty"];
  if ("error" in expect) {
    if (keys.length > 1) return ["cannot check: `error` must be the only expect key"];
    if (outcome.error === undefined) {
      return [`error: expected ${expect.error}, got no error: ${JSON.stringify(outcome.outputs)}`];
    }
    const { error } = outcome;
    if (!(error instanceof Error) || error.name !== "CxkpiError") {
      return [`error: expected a CxkpiError of kind ${expect.error}, got ${error}`];
    }
    return error.kind === expect.error ? [] : [`error: expected ${expect.error}, got ${error.kind}: ${error.message}`];
  }
  if (outcome.error !== undefined) return [`expected outputs, got ${outcome.error}`];
  const problems = [];
  for (const key of keys) {
    const expected = expect[key];
    const actual = outcome.outputs[key];
    if (actual === undefined) {
      problems.push(`cannot check \`${key}\`: not an output of this metric`);
    } else if (typeof actual === "object" && "count" in actual) {
      if (actual.count !== expected) problems.push(`${key}: expected ${expected}, got ${actual.count}`);
    } else if (typeof actual === "object" && "money" in actual) {
      if (!withinDecimal(actual.money, expected, testCase.tolerance ?? "0")) {
        problems.push(`${key}: expected ${expected}, got ${actual.money}`);
      }
    } else {
      const tolerance = testCase.tolerance ?? DEFAULT_TOLERANCE;
      if (!(Math.abs(actual - expected) <= tolerance)) {
        problems.push(`${key}: expected ${expected}, got ${actual} (tolerance ${tolerance})`);
      }
    }
  }
  return problems;
}

const FIELDS = new Set(["id", "metric", "source", "input", "expect", "tolerance"]);

function runCase(testCase) {
  const unknown = Object.keys(testCase).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) return [`cannot run: the case has unknown fields ${unknown}`];
  const metric = Object.hasOwn(METRICS, testCase.metric) ? METRICS[testCase.metric] : undefined;
  if (metric === undefined) return [`cannot run: unknown metric ${testCase.metric}`];
  let outcome;
  try {
    outcome = { outputs: metric(new Input("input", testCase.input)) };
  } catch (error) {
    if (error instanceof CannotRun) return [`cannot run: ${error.message}`];
    outcome = { error };
  }
  return check(testCase, outcome);
}

function vectorFiles() {
  const where = process.env.CXKPI_VECTORS ?? path.join(ROOT, "tests", "vectors");
  if (!fs.statSync(where).isDirectory()) return [where];
  return fs
    .readdirSync(where)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => path.join(where, name));
}

for (const file of vectorFiles()) {
  const { cases } = JSON.parse(fs.readFileSync(file, "utf8"));
  describe(path.basename(file), () => {
    assert.ok(cases.length > 0, `${file} has no cases`);
    cases.forEach((testCase, index) => {
      test(testCase.id ?? `case #${index}`, () => {
        const problems = runCase(testCase);
        assert.deepEqual(problems, [], problems.join("; "));
      });
    });
  });
}

module.exports = { runCase };
