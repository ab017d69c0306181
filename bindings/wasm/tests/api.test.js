// The JavaScript side of the API beyond the vectors: errors as JavaScript
// expects them, typed arrays and plain arrays, merges, JSON, options objects.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");

const cx = require("cxkpi");

/** Asserts that `run` throws a CxkpiError of `kind` whose message matches `message`. */
function throwsKind(run, kind, message) {
  assert.throws(run, (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, "CxkpiError");
    assert.equal(error.kind, kind);
    if (message) assert.match(error.message, message);
    return true;
  });
}

test("errors are Errors with the vectors' kind and the core's message", () => {
  throwsKind(
    () => cx.NpsTally.fromScores(new Uint8Array([9, 11])),
    "out_of_range",
    /^NPS rating 11 at index 1 is out of range: it must be between 0 and 10$/,
  );
  throwsKind(() => new cx.NpsTally().nps(), "empty", /^NPS is undefined: no responses$/);
  throwsKind(() => cx.AbandonmentTally.fromCounts(10, 11), "inconsistent");
  throwsKind(() => cx.rateInterval(1, 2, 1.5), "invalid_parameter");
  throwsKind(() => cx.erlangC({ calls: 100, intervalS: 1800, ahtS: 180 }, 10, 20), "overloaded");
  throwsKind(() => cx.rateInterval(1, 2, 0.95, "bayes"), "invalid_parameter", /one of wilson, wald/);
});

test("plain arrays are checked number by number: 256 never wraps to 0", () => {
  throwsKind(() => cx.NpsTally.fromScores([9, 256]), "out_of_range", /256 at index 1/);
  throwsKind(() => cx.NpsTally.fromScores([9, -1]), "out_of_range", /-1 at index 1/);
  throwsKind(() => cx.NpsTally.fromScores([9.5]), "out_of_range", /9\.5 at index 0/);
  throwsKind(() => cx.FcrTally.fromContactCounts([1, -1]), "out_of_range", /at index 1/);
  const plain = cx.NpsTally.fromScores([10, 9, 9, 8, 3]).toJSON();
  const typed = cx.NpsTally.fromScores(new Uint8Array([10, 9, 9, 8, 3])).toJSON();
  assert.deepEqual(plain, typed);
  assert.throws(() => cx.NpsTally.fromScores("10, 9"), TypeError);
  assert.throws(() => cx.NpsTally.fromScores(["10"]), TypeError);
});

test("counts are whole numbers a JavaScript number holds exactly", () => {
  throwsKind(() => cx.NpsTally.fromCounts(1.5, 0, 0), "out_of_range", /promoters 1\.5/);
  throwsKind(() => cx.NpsTally.fromCounts(-1, 0, 0), "out_of_range");
  throwsKind(() => cx.NpsTally.fromCounts(2 ** 53, 0, 0), "out_of_range");
  assert.equal(cx.NpsTally.fromCounts(2 ** 53 - 1, 0, 0).promoters, 2 ** 53 - 1);
});

test("tallies merge exactly, and a failed merge changes nothing", () => {
  const monday = cx.CsatTally.fromScores({ scale: [1, 5], satisfiedFrom: 4 }, [5, 4, 2]);
  const tuesday = cx.CsatTally.fromScores({ scale: [1, 5], satisfiedFrom: 4 }, [5, 1]);
  monday.merge(tuesday);
  assert.deepEqual(monday.csat(), { percent: 60, part: 3, whole: 5 });
  const sevenPoint = new cx.CsatTally({ scale: [1, 7], satisfiedFrom: 6 });
  throwsKind(() => monday.merge(sevenPoint), "invalid_parameter");
  assert.equal(monday.responses, 5);

  const aht = cx.AhtTally.fromTotals(3600, 600, 900, 20);
  aht.merge(cx.AhtTally.fromTotals(0, 0, 0, 0));
  throwsKind(() => aht.record(-1, 0, 0), "out_of_range");
  assert.equal(aht.aht().ahtS, 255);
});

test("toJSON gives the counts that fromCounts reads back", () => {
  const tally = cx.NpsTally.fromScores(new Uint8Array([10, 9, 7, 0]));
  const json = JSON.parse(JSON.stringify(tally));
  assert.deepEqual(json, { promoters: 2, passives: 1, detractors: 1 });
  const back = cx.NpsTally.fromCounts(json.promoters, json.passives, json.detractors);
  assert.deepEqual(back.nps(), tally.nps());
  const csat = cx.CsatTally.fromCounts({ scale: [1, 5], satisfiedFrom: 4 }, 3, 4);
  assert.deepEqual(csat.toJSON(), { rule: { scale: [1, 5], satisfiedFrom: 4 }, satisfied: 3, responses: 4 });
});

test("options objects refuse unknown fields instead of ignoring a typo", () => {
  const load = { calls: 100, intervalS: 1800, ahtS: 180 };
  assert.equal(cx.agentsRequired(load, { serviceLevelPct: 80, answerWithinS: 20 }).agents, 14);
  assert.throws(
    () => cx.agentsRequired(load, { serviceLevel: 80, answerWithinS: 20 }),
    (error) => error instanceof TypeError && /unknown fields: serviceLevel/.test(error.message),
  );
  assert.throws(() => cx.erlangC({ calls: 100, intervalS: 1800 }, 14, 20), TypeError);
  throwsKind(() => cx.agentsRequired(load, { serviceLevelPct: 80 }), "invalid_parameter", /answerWithinS/);
  const a = cx.agentsRequired(load, { serviceLevelPct: 80, answerWithinS: 20 }, 120);
  assert.ok(a.agents <= 14 && a.abandonmentPct > 0);
});

test("money is exact decimal text", () => {
  const cost = cx.CostTally.fromTotal("1556.00", 100);
  assert.equal(cost.costPerUnit(), "15.56");
  cost.record("0.10");
  assert.equal(cost.total, "1556.10");
  assert.equal(cx.CostTally.fromTotal("100", 3).costPerUnit(), "33.333333333333333333333333333");
  throwsKind(() => cx.CostTally.fromTotal("-5", 1), "out_of_range");
  throwsKind(() => cx.CostTally.fromTotal("ten", 1), "out_of_range");
  assert.equal(cx.costPerMinute("96", 3600), "1.60");
});

test("operations: durations, waits, service level and volumes", () => {
  const stats = cx.durationStats([4, 1, 3, 2]);
  assert.deepEqual(stats, { count: 4, meanS: 2.5, medianS: 2.5, p90S: 3.7, minS: 1, maxS: 4 });
  assert.deepEqual(Array.from(cx.durationQuantiles([30, 10, 20], [0.5, 0.9])), [20, 28]);
  const waits = cx.WaitTally.fromWaits([10, 20, 60], [5]);
  assert.deepEqual(waits.asa(), { meanS: 30, count: 3 });
  assert.equal(waits.timeToAbandon().meanS, 5);
  const sl = new cx.ServiceLevelTally(20, 5);
  for (const [wait, answered] of [[10, true], [25, true], [3, false]]) sl.record(wait, answered);
  assert.deepEqual(sl.serviceLevel("exclude_short"), { percent: 50, part: 1, whole: 2 });
  assert.deepEqual(sl.counts(), {
    answered: 2, answeredWithin: 1, abandoned: 1, abandonedWithin: 1, shortAbandoned: 1,
  });
  const icmi = { answered: 1000, answeredWithin: 860, abandoned: 60, abandonedWithin: 20, shortAbandoned: 10 };
  assert.equal(cx.serviceLevelFromCounts(icmi, "ignore").percent, 86);
  const volume = cx.TicketVolume.fromIds(["a", "b", "a"]);
  volume.record("c");
  assert.equal(volume.ticketsPerCustomer(), 4 / 3);
  assert.throws(() => cx.TicketVolume.fromIds(["a", 1]), TypeError);
});

test("statistics and staffing", () => {
  const nps = cx.NpsTally.fromCounts(50, 30, 20);
  const interval = nps.interval(0.95);
  assert.ok(interval.low < 30 && interval.high > 30 && interval.estimate === 30);
  const change = cx.npsDifferenceTest(nps, cx.NpsTally.fromCounts(40, 30, 30));
  assert.equal(change.difference, 20);
  assert.equal(cx.rateSampleSize(5, 0.95, 50), 385);
  assert.equal(cx.rateSampleSize(5, 0.95, 50, 1000), 278);
  assert.equal(cx.npsSampleSize(5, 0.95, 50, 50), 1537);
  assert.equal(cx.scheduledAgents(14, 30), 20);
  const erlangA = cx.erlangA({ calls: 100, intervalS: 1800, ahtS: 180 }, 13, 120, 20);
  assert.ok(erlangA.serviceLevelPct > 0 && erlangA.probAbandon > 0);
  assert.equal(typeof cx.version(), "string");
});
