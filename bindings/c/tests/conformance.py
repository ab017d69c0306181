#!/usr/bin/env python3
"""Runs every conformance vector through the C ABI of cxkpi.

The library is loaded with ctypes, the standard library's foreign-function
interface, as a Python wrapper of cxkpi would load it: every result comes from
the `extern "C"` functions of `bindings/c/include/cxkpi.h`, and an expected
error must be a status whose name is the vector's error kind.

    python3 bindings/c/tests/conformance.py [path/to/libcxkpi_c.so]

The library defaults to target/release/libcxkpi_c.so (built by
`cargo build --release -p cxkpi-c`); the vectors to tests/vectors/*.json, or
CXKPI_VECTORS (a file or a folder of them). As in the Rust runner, a case
this runner cannot run (an unknown metric, input field or expect key) is a
failure, never a skip. The last line reads `conformance: N passed, M failed`.
"""

import ctypes
import json
import math
import os
import sys
from ctypes import (
    POINTER,
    Structure,
    byref,
    c_bool,
    c_char,
    c_char_p,
    c_double,
    c_int32,
    c_int64,
    c_size_t,
    c_uint8,
    c_uint32,
    c_uint64,
    c_void_p,
)
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_TOLERANCE = 1e-9
U32_MAX = 2**32 - 1
U64_MAX = 2**64 - 1
I64_MIN, I64_MAX = -(2**63), 2**63 - 1


# The structs of cxkpi.h, field for field.


class Scale(Structure):
    _fields_ = [("min", c_uint8), ("max", c_uint8)]


class NpsTally(Structure):
    _fields_ = [("promoters", c_uint64), ("passives", c_uint64), ("detractors", c_uint64)]


class NpsResult(Structure):
    _fields_ = [
        ("nps", c_double),
        ("promoters_pct", c_double),
        ("passives_pct", c_double),
        ("detractors_pct", c_double),
        ("responses", c_uint64),
    ]


class Rate(Structure):
    _fields_ = [("part", c_uint64), ("whole", c_uint64), ("percent", c_double)]


class CsatRule(Structure):
    _fields_ = [("scale", Scale), ("satisfied_from", c_uint8)]


class CsatTally(Structure):
    _fields_ = [("rule", CsatRule), ("satisfied", c_uint64), ("responses", c_uint64)]


class U128(Structure):
    _fields_ = [("lo", c_uint64), ("hi", c_uint64)]


class CesTally(Structure):
    _fields_ = [("scale", Scale), ("responses", c_uint64), ("sum", U128)]


class CesResult(Structure):
    _fields_ = [("mean", c_double), ("responses", c_uint64)]


class RetentionTally(Structure):
    _fields_ = [
        ("customers_at_start", c_uint64),
        ("customers_at_end", c_uint64),
        ("new_customers", c_uint64),
    ]


class AbandonmentTally(Structure):
    _fields_ = [("offered", c_uint64), ("abandoned", c_uint64), ("short_abandoned", c_uint64)]


class FcrTally(Structure):
    _fields_ = [("resolved_on_first_contact", c_uint64), ("resolved", c_uint64)]


class AhtResult(Structure):
    _fields_ = [
        ("aht_s", c_double),
        ("talk_s", c_double),
        ("hold_s", c_double),
        ("wrap_s", c_double),
        ("handled", c_uint64),
    ]


class Money(Structure):
    _fields_ = [("units_lo", c_uint64), ("units_hi", c_uint32), ("scale", c_uint32)]


class CostTally(Structure):
    _fields_ = [("total", Money), ("units", c_uint64)]


class MeanWait(Structure):
    _fields_ = [("mean_s", c_double), ("count", c_uint64)]


class ServiceLevelCounts(Structure):
    _fields_ = [
        ("answered", c_uint64),
        ("answered_within", c_uint64),
        ("abandoned", c_uint64),
        ("abandoned_within", c_uint64),
        ("short_abandoned", c_uint64),
        ("short_abandoned_known", c_uint8),
    ]


class DurationSummary(Structure):
    _fields_ = [
        ("count", c_uint64),
        ("mean_s", c_double),
        ("median_s", c_double),
        ("p90_s", c_double),
        ("min_s", c_double),
        ("max_s", c_double),
    ]


class TicketVolumeResult(Structure):
    _fields_ = [
        ("tickets", c_uint64),
        ("customers", c_uint64),
        ("tickets_per_customer", c_double),
    ]


class Workload(Structure):
    _fields_ = [("calls", c_double), ("interval_s", c_double), ("aht_s", c_double)]


class ErlangCResult(Structure):
    _fields_ = [
        ("traffic_erlangs", c_double),
        ("prob_wait", c_double),
        ("service_level_pct", c_double),
        ("asa_s", c_double),
        ("occupancy_pct", c_double),
    ]


class ErlangAResult(Structure):
    _fields_ = [
        ("traffic_erlangs", c_double),
        ("prob_wait", c_double),
        ("prob_abandon", c_double),
        ("mean_wait_s", c_double),
        ("asa_s", c_double),
        ("occupancy_pct", c_double),
        ("service_level_pct", c_double),
    ]


class StaffingGoal(Structure):
    _fields_ = [("kind", c_uint32), ("value", c_double), ("within_s", c_double)]


class Performance(Structure):
    _fields_ = [
        ("agents", c_uint32),
        ("prob_wait", c_double),
        ("has_service_level", c_bool),
        ("service_level_pct", c_double),
        ("asa_s", c_double),
        ("mean_wait_s", c_double),
        ("abandonment_pct", c_double),
        ("occupancy_pct", c_double),
        ("has_fractional_agents", c_bool),
        ("fractional_agents", c_double),
    ]


class Interval(Structure):
    _fields_ = [
        ("estimate", c_double),
        ("low", c_double),
        ("high", c_double),
        ("confidence", c_double),
    ]


class Comparison(Structure):
    _fields_ = [("difference", c_double), ("statistic", c_double), ("p_value", c_double)]


# The enumerations' values, as the header numbers them.
TREATMENTS = {
    name: code
    for code, name in enumerate(
        [
            "count_against",
            "exclude_within_threshold",
            "within_threshold_as_met",
            "ignore",
            "short_as_met",
            "exclude_short",
        ]
    )
}
RATE_METHODS = {
    name: code
    for code, name in enumerate(["wilson", "wald", "agresti_coull", "clopper_pearson", "jeffreys"])
}
NPS_METHODS = {"wald": 0, "adjusted_wald": 1}
GOAL_SERVICE_LEVEL, GOAL_MAX_OCCUPANCY = 0, 3
MODEL_ERLANG_C = 0

P = POINTER
H = c_void_p  # an opaque handle
# Each function's parameters; every one returns a cxkpi_status (int32_t).
SIGNATURES = {
    "cxkpi_scale_new": [c_int64, c_int64, P(Scale)],
    "cxkpi_nps_tally_from_scores": [P(c_uint8), c_size_t, P(NpsTally)],
    "cxkpi_nps_tally_record": [P(NpsTally), c_int64],
    "cxkpi_nps": [NpsTally, P(NpsResult)],
    "cxkpi_csat_rule_new": [Scale, c_int64, P(CsatRule)],
    "cxkpi_csat_tally_from_scores": [CsatRule, P(c_uint8), c_size_t, P(CsatTally)],
    "cxkpi_csat_tally_record": [P(CsatTally), c_int64],
    "cxkpi_csat": [CsatTally, P(Rate)],
    "cxkpi_ces_tally_from_scores": [Scale, P(c_uint8), c_size_t, P(CesTally)],
    "cxkpi_ces_tally_record": [P(CesTally), c_int64],
    "cxkpi_ces": [CesTally, P(CesResult)],
    "cxkpi_retention": [RetentionTally, P(Rate)],
    "cxkpi_churn": [RetentionTally, P(Rate)],
    "cxkpi_abandonment_tally_from_abandon_waits": [
        c_uint64, P(c_double), c_size_t, c_double, P(AbandonmentTally),
    ],
    "cxkpi_abandonment": [AbandonmentTally, P(Rate)],
    "cxkpi_fcr_tally_from_contact_counts": [P(c_uint32), c_size_t, P(FcrTally)],
    "cxkpi_fcr_tally_record": [P(FcrTally), c_int64],
    "cxkpi_fcr": [FcrTally, P(Rate)],
    "cxkpi_aht_tally_new": [P(H)],
    "cxkpi_aht_tally_from_totals": [c_double, c_double, c_double, c_uint64, P(H)],
    "cxkpi_aht_tally_record": [H, c_double, c_double, c_double],
    "cxkpi_aht": [H, P(AhtResult)],
    "cxkpi_money_parse": [c_char_p, P(Money)],
    "cxkpi_money_format": [Money, P(c_char), c_size_t, P(c_size_t)],
    "cxkpi_cost_per_unit": [CostTally, P(Money)],
    "cxkpi_wait_tally_from_waits": [P(c_double), c_size_t, P(c_double), c_size_t, P(H)],
    "cxkpi_asa": [H, P(MeanWait)],
    "cxkpi_service_level_from_counts": [ServiceLevelCounts, c_uint32, P(Rate)],
    "cxkpi_service_level_tally_from_waits": [
        c_double, P(c_double), P(c_double), c_size_t, P(c_double), c_size_t, P(H),
    ],
    "cxkpi_service_level": [H, c_uint32, P(Rate)],
    "cxkpi_duration_stats": [P(c_double), c_size_t, P(DurationSummary)],
    "cxkpi_ticket_volume": [P(c_char_p), c_size_t, P(TicketVolumeResult)],
    "cxkpi_erlang_c": [Workload, c_uint32, c_double, P(ErlangCResult)],
    "cxkpi_erlang_a": [Workload, c_uint32, c_double, c_double, P(ErlangAResult)],
    "cxkpi_agents_required": [
        Workload, P(StaffingGoal), c_size_t, c_uint32, c_double, P(Performance),
    ],
    "cxkpi_rate_interval": [c_uint64, c_uint64, c_double, c_uint32, P(Interval)],
    "cxkpi_two_rates_test": [c_uint64, c_uint64, c_uint64, c_uint64, P(Comparison)],
    "cxkpi_mean_interval": [P(c_double), c_size_t, c_double, P(Interval)],
    "cxkpi_rate_sample_size": [c_double, c_double, c_double, P(c_uint64), P(c_uint64)],
    "cxkpi_nps_interval": [NpsTally, c_double, c_uint32, P(Interval)],
    "cxkpi_nps_difference_test": [NpsTally, NpsTally, P(Comparison)],
    "cxkpi_nps_sample_size": [c_double, c_double, c_double, c_double, P(c_uint64)],
}
# Functions that release a handle, and the status lookups.
RELEASES = ["cxkpi_aht_tally_free", "cxkpi_wait_tally_free", "cxkpi_service_level_tally_free"]


def load(path):
    """The library at `path`, with every function of SIGNATURES declared."""
    lib = ctypes.CDLL(str(path))
    for name, params in SIGNATURES.items():
        function = getattr(lib, name)
        function.argtypes = params
        function.restype = c_int32
    for name in RELEASES:
        function = getattr(lib, name)
        function.argtypes = [H]
        function.restype = None
    for name in ["cxkpi_status_name", "cxkpi_last_error_message"]:
        getattr(lib, name).restype = c_char_p
    lib.cxkpi_status_name.argtypes = [c_int32]
    lib.cxkpi_last_error_message.argtypes = []
    return lib


class CannotRun(Exception):
    """The runner does not know the case's metric or input shape."""


class Refused(Exception):
    """The library returned a status other than CXKPI_OK."""

    def __init__(self, kind, message):
        super().__init__(f"{kind}: {message}")
        self.kind = kind


class Library:
    """Calls into the library, turning a failing status into `Refused`."""

    def __init__(self, lib):
        self.lib = lib

    def __call__(self, name, *args):
        status = getattr(self.lib, name)(*args)
        if status != 0:
            kind = self.lib.cxkpi_status_name(status).decode()
            message = self.lib.cxkpi_last_error_message().decode()
            if status >= 100:
                raise CannotRun(f"{name} returned the boundary status {kind}: {message}")
            raise Refused(kind, message)

    def free(self, name, handle):
        getattr(self.lib, name)(handle)


# Reading an input object field by field: a field left unread is unknown.


class Input:
    def __init__(self, path, value):
        if not isinstance(value, dict):
            raise CannotRun(f"{path} is not an object")
        self.path, self.fields, self.read = path, value, set()

    def has(self, name):
        return name in self.fields

    def field(self, name, default=KeyError):
        if name not in self.fields:
            if default is KeyError:
                raise CannotRun(f"{self.path} lacks `{name}`")
            return default
        self.read.add(name)
        return self.fields[name]

    def finish(self):
        unknown = sorted(set(self.fields) - self.read)
        if unknown:
            raise CannotRun(f"{self.path} has unknown fields {unknown}")


def integer(value, path, low, high):
    """`value` as an integer within [low, high] (the C parameter's range)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CannotRun(f"{path} must be an integer in [{low}, {high}], got {value!r}")
    return value


def count(input, name, default=KeyError):
    value = input.field(name, default)
    return None if value is None else integer(value, f"{input.path}.{name}", 0, U64_MAX)


def number(input, name, default=KeyError):
    value = input.field(name, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CannotRun(f"{input.path}.{name} must be a number, got {value!r}")
    return float(value)


def numbers(input, name):
    values = input.field(name)
    if not isinstance(values, list):
        raise CannotRun(f"{input.path}.{name} must be an array")
    return [number(Input("item", {"v": v}), "v") for v in values]


def integers(input, name, low=I64_MIN, high=I64_MAX):
    values = input.field(name)
    if not isinstance(values, list):
        raise CannotRun(f"{input.path}.{name} must be an array")
    return [integer(v, f"{input.path}.{name}[{i}]", low, high) for i, v in enumerate(values)]


def array(ctype, values):
    """A C array of `values`, and its length."""
    return (ctype * len(values))(*values), len(values)


def narrow(values, high):
    """Whether every integer fits the batch function's C type, 0..=high."""
    return all(0 <= v <= high for v in values)


# The metrics, by family.


def nps(call, input):
    tally = NpsTally()
    if input.has("scores"):
        scores = integers(input, "scores")
        input.finish()
        if narrow(scores, 255):
            call("cxkpi_nps_tally_from_scores", *array(c_uint8, scores), byref(tally))
        else:
            # A score beyond a byte goes through the integer door, which
            # reports it.
            for score in scores:
                call("cxkpi_nps_tally_record", byref(tally), score)
    else:
        tally = counts_tally(input)
        input.finish()
    result = NpsResult()
    call("cxkpi_nps", tally, byref(result))
    return {
        "nps": result.nps,
        "promoters_pct": result.promoters_pct,
        "passives_pct": result.passives_pct,
        "detractors_pct": result.detractors_pct,
        "responses": ("count", result.responses),
    }


def scale_bounds(input):
    bounds = input.field("scale")
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise CannotRun(f"{input.path}.scale must be [min, max]")
    return [integer(b, f"{input.path}.scale", I64_MIN, I64_MAX) for b in bounds]


def make_scale(call, bounds):
    # Through the integer door, which refuses bounds beyond a byte.
    result = Scale()
    call("cxkpi_scale_new", *bounds, byref(result))
    return result


def csat(call, input):
    scores = integers(input, "scores")
    bounds = scale_bounds(input)
    satisfied_from = integer(input.field("satisfied_from"), "input.satisfied_from", I64_MIN, I64_MAX)
    input.finish()
    rule = CsatRule()
    call("cxkpi_csat_rule_new", make_scale(call, bounds), satisfied_from, byref(rule))
    tally = CsatTally(rule, 0, 0)
    if narrow(scores, 255):
        call("cxkpi_csat_tally_from_scores", rule, *array(c_uint8, scores), byref(tally))
    else:
        for score in scores:
            call("cxkpi_csat_tally_record", byref(tally), score)
    rate = Rate()
    call("cxkpi_csat", tally, byref(rate))
    return {"csat": rate.percent, "satisfied": ("count", rate.part), "responses": ("count", rate.whole)}


def ces(call, input):
    scores = integers(input, "scores")
    bounds = scale_bounds(input)
    input.finish()
    the_scale = make_scale(call, bounds)
    tally = CesTally(the_scale, 0, U128(0, 0))
    if narrow(scores, 255):
        call("cxkpi_ces_tally_from_scores", the_scale, *array(c_uint8, scores), byref(tally))
    else:
        for score in scores:
            call("cxkpi_ces_tally_record", byref(tally), score)
    result = CesResult()
    call("cxkpi_ces", tally, byref(result))
    return {"mean": result.mean, "responses": ("count", result.responses)}


def retention(call, input):
    tally = RetentionTally(
        count(input, "customers_at_start"),
        count(input, "customers_at_end"),
        count(input, "new_customers"),
    )
    input.finish()
    kept, lost = Rate(), Rate()
    call("cxkpi_retention", tally, byref(kept))
    call("cxkpi_churn", tally, byref(lost))
    return {"retention_pct": kept.percent, "churn_pct": lost.percent}


def abandonment(call, input):
    tally = AbandonmentTally()
    if input.has("abandon_waits_s"):
        answered = count(input, "answered")
        waits = numbers(input, "abandon_waits_s")
        short_below = number(input, "short_abandon_below_s")
        input.finish()
        call(
            "cxkpi_abandonment_tally_from_abandon_waits",
            answered,
            *array(c_double, waits),
            short_below,
            byref(tally),
        )
    else:
        tally = AbandonmentTally(
            count(input, "offered"), count(input, "abandoned"), count(input, "short_abandoned", 0)
        )
        input.finish()
    rate = Rate()
    call("cxkpi_abandonment", tally, byref(rate))
    return {"abandonment_pct": rate.percent}


def fcr(call, input):
    tally = FcrTally()
    if input.has("contacts_per_resolved_request"):
        contacts = integers(input, "contacts_per_resolved_request")
        input.finish()
        if narrow(contacts, U32_MAX):
            call("cxkpi_fcr_tally_from_contact_counts", *array(c_uint32, contacts), byref(tally))
        else:
            for n in contacts:
                call("cxkpi_fcr_tally_record", byref(tally), n)
    else:
        tally = FcrTally(count(input, "resolved_on_first_contact"), count(input, "resolved"))
        input.finish()
    rate = Rate()
    call("cxkpi_fcr", tally, byref(rate))
    return {"fcr_pct": rate.percent}


def aht(call, input):
    handle = H()
    try:
        if input.has("contacts"):
            contacts = []
            for i, item in enumerate(input.field("contacts")):
                contact = Input(f"input.contacts[{i}]", item)
                contacts.append((number(contact, "talk_s"), number(contact, "hold_s"), number(contact, "wrap_s")))
                contact.finish()
            input.finish()
            call("cxkpi_aht_tally_new", byref(handle))
            for talk, hold, wrap in contacts:
                call("cxkpi_aht_tally_record", handle, talk, hold, wrap)
        else:
            talk, hold, wrap = number(input, "talk_s"), number(input, "hold_s"), number(input, "wrap_s")
            handled = count(input, "handled")
            input.finish()
            call("cxkpi_aht_tally_from_totals", talk, hold, wrap, handled, byref(handle))
        result = AhtResult()
        call("cxkpi_aht", handle, byref(result))
        return {"aht_s": result.aht_s}
    finally:
        call.free("cxkpi_aht_tally_free", handle)


def money_text(call, money):
    buffer = ctypes.create_string_buffer(32)  # CXKPI_MONEY_TEXT_CAPACITY
    length = c_size_t()
    call("cxkpi_money_format", money, buffer, len(buffer), byref(length))
    return buffer.value.decode()


def cost_per_conversation(call, input):
    total = input.field("total_cost")
    if not isinstance(total, str):
        raise CannotRun("input.total_cost must be a string")
    conversations = count(input, "conversations")
    input.finish()
    money = Money()
    call("cxkpi_money_parse", total.encode(), byref(money))
    per = Money()
    call("cxkpi_cost_per_unit", CostTally(money, conversations), byref(per))
    return {"cost_per_conversation": ("money", Decimal(money_text(call, per)))}


def duration_stats(call, input):
    durations = numbers(input, "durations_s")
    input.finish()
    summary = DurationSummary()
    call("cxkpi_duration_stats", *array(c_double, durations), byref(summary))
    return {
        "count": ("count", summary.count),
        "mean_s": summary.mean_s,
        "median_s": summary.median_s,
        "p90_s": summary.p90_s,
    }


def asa(call, input):
    waits = numbers(input, "answer_waits_s")
    input.finish()
    handle = H()
    try:
        call("cxkpi_wait_tally_from_waits", *array(c_double, waits), None, 0, byref(handle))
        mean = MeanWait()
        call("cxkpi_asa", handle, byref(mean))
        return {"asa_s": mean.mean_s}
    finally:
        call.free("cxkpi_wait_tally_free", handle)


def treatment(input):
    name = input.field("abandons")
    if name not in TREATMENTS:
        raise CannotRun(f"unknown abandon treatment {name!r}")
    return TREATMENTS[name]


def service_level(call, input):
    rate = Rate()
    if input.has("answered"):
        short = count(input, "short_abandoned", None)
        counts = ServiceLevelCounts(
            count(input, "answered"),
            count(input, "answered_within"),
            count(input, "abandoned"),
            count(input, "abandoned_within"),
            short or 0,
            short is not None,
        )
        code = treatment(input)
        input.finish()
        call("cxkpi_service_level_from_counts", counts, code, byref(rate))
        return {"service_level_pct": rate.percent}
    answered = numbers(input, "answer_waits_s")
    abandoned = numbers(input, "abandon_waits_s")
    threshold = number(input, "threshold_s")
    short = number(input, "short_abandon_below_s", None)
    code = treatment(input)
    input.finish()
    handle = H()
    try:
        call(
            "cxkpi_service_level_tally_from_waits",
            threshold,
            None if short is None else byref(c_double(short)),
            *array(c_double, answered),
            *array(c_double, abandoned),
            byref(handle),
        )
        call("cxkpi_service_level", handle, code, byref(rate))
        return {"service_level_pct": rate.percent}
    finally:
        call.free("cxkpi_service_level_tally_free", handle)


def ticket_volume(call, input):
    ids = input.field("customer_ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise CannotRun("input.customer_ids must be an array of strings")
    input.finish()
    result = TicketVolumeResult()
    call("cxkpi_ticket_volume", *array(c_char_p, [i.encode() for i in ids]), byref(result))
    return {
        "tickets": ("count", result.tickets),
        "customers": ("count", result.customers),
        "tickets_per_customer": result.tickets_per_customer,
    }


def workload(input):
    return Workload(number(input, "calls"), number(input, "interval_s"), number(input, "aht_s"))


def agents(input):
    # The library takes agents as uint32_t; more saturate, and the library
    # refuses that many as an impossible parameter.
    return min(count(input, "agents"), U32_MAX)


def erlang_c(call, input):
    load, n, within = workload(input), agents(input), number(input, "target_answer_s")
    input.finish()
    result = ErlangCResult()
    call("cxkpi_erlang_c", load, n, within, byref(result))
    return {name: getattr(result, name) for name, _ in ErlangCResult._fields_}


def erlang_a(call, input):
    load, n, patience = workload(input), agents(input), number(input, "mean_patience_s")
    input.finish()
    result = ErlangAResult()
    # The vectors check no service level; any answer time will do.
    call("cxkpi_erlang_a", load, n, patience, 20.0, byref(result))
    return {name: getattr(result, name) for name, _ in ErlangAResult._fields_}


def agents_required(call, input):
    load = workload(input)
    goals = [
        StaffingGoal(
            GOAL_SERVICE_LEVEL,
            number(input, "target_service_level_pct"),
            number(input, "target_answer_s"),
        )
    ]
    occupancy = number(input, "max_occupancy_pct", None)
    if occupancy is not None:
        goals.append(StaffingGoal(GOAL_MAX_OCCUPANCY, occupancy, 0.0))
    input.finish()
    result = Performance()
    call("cxkpi_agents_required", load, *array(StaffingGoal, goals), MODEL_ERLANG_C, 0.0, byref(result))
    return {"agents": ("count", result.agents)}


def method(input, methods):
    name = input.field("method")
    if name not in methods:
        raise CannotRun(f"unknown method {name!r}")
    return methods[name]


def rate_interval(call, input):
    successes, trials = count(input, "successes"), count(input, "trials")
    confidence, code = number(input, "confidence"), method(input, RATE_METHODS)
    input.finish()
    interval = Interval()
    call("cxkpi_rate_interval", successes, trials, confidence, code, byref(interval))
    return {"low_pct": interval.low, "high_pct": interval.high}


def two_rates_test(call, input):
    args = [count(input, n) for n in ["successes_a", "trials_a", "successes_b", "trials_b"]]
    input.finish()
    test = Comparison()
    call("cxkpi_two_rates_test", *args, byref(test))
    return {"z": test.statistic, "p_value": test.p_value}


def mean_interval(call, input):
    values, confidence = numbers(input, "values"), number(input, "confidence")
    input.finish()
    interval = Interval()
    call("cxkpi_mean_interval", *array(c_double, values), confidence, byref(interval))
    return {"mean": interval.estimate, "low": interval.low, "high": interval.high}


def sample_size(call, input):
    margin, confidence = number(input, "margin_pct"), number(input, "confidence")
    expected, population = number(input, "expected_pct"), count(input, "population", None)
    input.finish()
    responses = c_uint64()
    pointer = None if population is None else byref(c_uint64(population))
    call("cxkpi_rate_sample_size", margin, confidence, expected, pointer, byref(responses))
    return {"responses": ("count", responses.value)}


def counts_tally(input):
    return NpsTally(count(input, "promoters"), count(input, "passives"), count(input, "detractors"))


def nps_interval(call, input):
    confidence, code, tally = number(input, "confidence"), method(input, NPS_METHODS), counts_tally(input)
    input.finish()
    interval = Interval()
    call("cxkpi_nps_interval", tally, confidence, code, byref(interval))
    return {"low": interval.low, "high": interval.high}


def nps_difference_test(call, input):
    sides = []
    for side in ["a", "b"]:
        group = Input(f"input.{side}", input.field(side))
        sides.append(counts_tally(group))
        group.finish()
    input.finish()
    test = Comparison()
    call("cxkpi_nps_difference_test", *sides, byref(test))
    return {"difference": test.difference, "z": test.statistic, "p_value": test.p_value}


def nps_sample_size(call, input):
    args = [number(input, n) for n in ["margin_points", "confidence", "promoters_pct", "detractors_pct"]]
    input.finish()
    responses = c_uint64()
    call("cxkpi_nps_sample_size", *args, byref(responses))
    return {"responses": ("count", responses.value)}


METRICS = {
    f.__name__: f
    for f in [
        nps, csat, ces, retention, abandonment, fcr, aht, cost_per_conversation,
        duration_stats, asa, service_level, ticket_volume,
        erlang_c, erlang_a, agents_required,
        rate_interval, two_rates_test, mean_interval, sample_size,
        nps_interval, nps_difference_test, nps_sample_size,
    ]
}


# Checking a case.


def check(case, outputs):
    """The problems of `outputs` (or of a `Refused`) against the case's `expect`."""
    expect = case["expect"]
    if not expect:
        return ["cannot check: `expect` is empty"]
    if "error" in expect:
        if len(expect) > 1:
            return ["cannot check: `error` must be the only expect key"]
        if isinstance(outputs, Refused):
            if outputs.kind == expect["error"]:
                return []
            return [f"error: expected {expect['error']}, got {outputs}"]
        return [f"error: expected {expect['error']}, got no error: {outputs}"]
    if isinstance(outputs, Refused):
        return [f"expected outputs, got error {outputs}"]
    problems = []
    for key, expected in expect.items():
        if key not in outputs:
            problems.append(f"cannot check `{key}`: not an output of this metric")
            continue
        actual = outputs[key]
        tolerance = case.get("tolerance")
        if isinstance(actual, tuple) and actual[0] == "count":
            if actual[1] != expected:
                problems.append(f"{key}: expected {expected}, got {actual[1]}")
        elif isinstance(actual, tuple) and actual[0] == "money":
            try:
                want = Decimal(expected)
                slack = Decimal(tolerance) if tolerance is not None else Decimal(0)
            except (InvalidOperation, TypeError):
                problems.append(f"cannot check `{key}`: {expected!r} is not a decimal string")
                continue
            if abs(actual[1] - want) > slack:
                problems.append(f"{key}: expected {want}, got {actual[1]} (tolerance {slack})")
        else:
            slack = DEFAULT_TOLERANCE if tolerance is None else float(tolerance)
            if not (math.isfinite(actual) and abs(actual - expected) <= slack):
                problems.append(f"{key}: expected {expected!r}, got {actual!r} (tolerance {slack:e})")
    return problems


FIELDS = {"id", "metric", "source", "input", "expect", "tolerance"}


def run_case(call, case):
    unknown = set(case) - FIELDS
    if unknown:
        return [f"cannot run: the case has unknown fields {sorted(unknown)}"]
    metric = METRICS.get(case.get("metric"))
    if metric is None:
        return [f"cannot run: unknown metric {case.get('metric')!r}"]
    try:
        outputs = metric(call, Input("input", case.get("input")))
    except Refused as refused:
        outputs = refused
    except CannotRun as why:
        return [f"cannot run: {why}"]
    return check(case, outputs)


def vector_files():
    where = Path(os.environ.get("CXKPI_VECTORS", ROOT / "tests" / "vectors"))
    return sorted(where.glob("*.json")) if where.is_dir() else [where]


def main(argv):
    library = Path(argv[1]) if len(argv) > 1 else ROOT / "target" / "release" / "libcxkpi_c.so"
    call = Library(load(library))
    passed, failures = 0, []
    for path in vector_files():
        cases = json.loads(path.read_text())["cases"]
        for index, case in enumerate(cases):
            problems = run_case(call, case)
            if problems:
                failures.append(f"{path.name}: {case.get('id', f'case #{index}')}: {'; '.join(problems)}")
            else:
                passed += 1
    for failure in failures:
        print(failure)
    print(f"conformance: {passed} passed, {len(failures)} failed")
    return 1 if failures or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
