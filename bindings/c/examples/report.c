/*
 * A week's KPI report of a small contact centre, through the C ABI of cxkpi.
 *
 * Build the library, then compile and run this file (from the repository root):
 *
 *   cargo build --release -p cxkpi-c
 *   cc -std=c11 -Wall -Wextra -pedantic -I bindings/c/include bindings/c/examples/report.c \
 *      target/release/libcxkpi_c.a -lpthread -ldl -lm -o target/report
 *   ./target/report
 *
 * It shows the idioms of the header: a status from every call, the thread's
 * last error message, plain tallies merged across days, an opaque tally
 * released with its _free, money as exact decimal text, and an output array
 * that the caller provides.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "cxkpi.h"

/* Stops the report when a call fails, naming the call and the library's message. */
static void check(cxkpi_status status, const char *what) {
    if (status != CXKPI_OK) {
        fprintf(stderr, "%s: %s (%s)\n", what, cxkpi_last_error_message(),
                cxkpi_status_name(status));
        exit(EXIT_FAILURE);
    }
}

int main(void) {
    printf("cxkpi %s: weekly report\n\n", cxkpi_version());

    /* NPS: one tally per day from the survey export, merged into the week. */
    static const uint8_t monday[] = {10, 9, 9, 8, 3, 10, 7, 6, 9, 10};
    static const uint8_t tuesday[] = {9, 10, 5, 8, 8, 10, 2, 9};
    cxkpi_nps_tally week, day;
    check(cxkpi_nps_tally_from_scores(monday, sizeof monday, &week), "NPS Monday");
    check(cxkpi_nps_tally_from_scores(tuesday, sizeof tuesday, &day), "NPS Tuesday");
    check(cxkpi_nps_tally_merge(&week, day), "NPS merge");
    cxkpi_nps_result nps;
    check(cxkpi_nps(week, &nps), "NPS");
    cxkpi_interval nps_ci;
    check(cxkpi_nps_interval(week, 0.95, CXKPI_NPS_ADJUSTED_WALD, &nps_ci), "NPS interval");
    printf("NPS            %+6.1f  (n = %" PRIu64 ", 95%% CI %+.1f to %+.1f)\n", nps.nps,
           nps.responses, nps_ci.low, nps_ci.high);

    /* CSAT, top-2-box on 1-5. */
    static const uint8_t csat_scores[] = {5, 4, 4, 2, 5, 3, 5, 1, 4, 5};
    cxkpi_csat_rule top2 = {{1, 5}, 4};
    cxkpi_csat_tally csat_tally;
    check(cxkpi_csat_tally_from_scores(top2, csat_scores, sizeof csat_scores, &csat_tally), "CSAT");
    cxkpi_rate csat;
    check(cxkpi_csat(csat_tally, &csat), "CSAT");
    printf("CSAT           %6.1f%% (%" PRIu64 " of %" PRIu64 " satisfied)\n", csat.percent,
           csat.part, csat.whole);

    /* Abandonment without short abandons, from the ACD's counts. */
    cxkpi_abandonment_tally calls = {.offered = 1060, .abandoned = 60, .short_abandoned = 10};
    cxkpi_rate abandonment;
    check(cxkpi_abandonment(calls, &abandonment), "abandonment");
    printf("Abandonment    %6.2f%% (short abandons left out)\n", abandonment.percent);

    /* AHT: an opaque tally, one contact at a time, released at the end. */
    cxkpi_aht_tally *handle_time = NULL;
    check(cxkpi_aht_tally_new(&handle_time), "AHT");
    static const double contacts[][3] = {{240, 30, 60}, {180, 0, 45}, {420, 90, 120}};
    for (size_t i = 0; i < sizeof contacts / sizeof contacts[0]; i++) {
        check(cxkpi_aht_tally_record(handle_time, contacts[i][0], contacts[i][1], contacts[i][2]),
              "AHT contact");
    }
    cxkpi_aht_result aht;
    check(cxkpi_aht(handle_time, &aht), "AHT");
    cxkpi_aht_tally_free(handle_time);
    printf("AHT            %6.1f s (talk %.1f, hold %.1f, wrap %.1f)\n", aht.aht_s, aht.talk_s,
           aht.hold_s, aht.wrap_s);

    /* Service level at 20 s, ICMI's counts, under two treatments of abandons. */
    cxkpi_service_level_counts queue = {1000, 860, 60, 20, 10, 1};
    cxkpi_rate counted, excluded;
    check(cxkpi_service_level_from_counts(queue, CXKPI_ABANDONS_COUNT_AGAINST, &counted), "SL");
    check(cxkpi_service_level_from_counts(queue, CXKPI_ABANDONS_EXCLUDE_SHORT, &excluded), "SL");
    printf("Service level  %6.2f%% (abandons counted), %.2f%% (short ones left out)\n",
           counted.percent, excluded.percent);

    /* Cost per conversation: exact decimals, never a float. */
    cxkpi_cost_tally cost = {.units = 3};
    check(cxkpi_money_parse("100.00", &cost.total), "cost");
    cxkpi_money per;
    check(cxkpi_cost_per_unit(cost, &per), "cost per conversation");
    char exact[CXKPI_MONEY_TEXT_CAPACITY];
    size_t length;
    check(cxkpi_money_format(per, exact, sizeof exact, &length), "money text");
    int64_t cents;
    check(cxkpi_money_to_fixed(per, 2, &cents), "money in cents");
    printf("Cost per conv. %s (%" PRId64 ".%02" PRId64 " rounded)\n", exact, cents / 100,
           cents % 100);

    /* Staffing next week's busiest half hour with Erlang C. */
    cxkpi_workload peak = {.calls = 100, .interval_s = 1800, .aht_s = 180};
    cxkpi_staffing_goal goals[] = {{CXKPI_GOAL_SERVICE_LEVEL, 80, 20},
                                   {CXKPI_GOAL_MAX_OCCUPANCY, 85, 0}};
    cxkpi_performance staff;
    check(cxkpi_agents_required(peak, goals, 2, CXKPI_MODEL_ERLANG_C, 0, &staff), "staffing");
    uint32_t scheduled;
    check(cxkpi_scheduled_agents(staff.agents, 30, &scheduled), "shrinkage");
    printf("Staffing       %" PRIu32 " agents (SL %.1f%%), %" PRIu32 " scheduled at 30%% shrinkage\n",
           staff.agents, staff.service_level_pct, scheduled);

    /* The whole morning from its forecast: agents per half hour, and the totals. */
    static const double forecast[] = {20, 60, 100, 140, 120, 80};
    enum { HALF_HOURS = sizeof forecast / sizeof forecast[0] };
    cxkpi_plan_interval plan[HALF_HOURS];
    cxkpi_plan_totals morning;
    check(cxkpi_staffing_plan(forecast, HALF_HOURS, 1800, 180, goals, 2, CXKPI_MODEL_ERLANG_C, 0,
                              plan, &morning), "staffing plan");
    printf("Morning plan  ");
    for (size_t i = 0; i < HALF_HOURS; i++) printf(" %" PRIu32, plan[i].performance.agents);
    printf(" agents: peak %" PRIu32 ", %.1f agent-hours, SL %.1f%%\n", morning.peak_agents,
           morning.agent_hours, morning.service_level_pct);

    /* Errors are statuses with a message, never a crash. */
    static const uint8_t bad[] = {9, 11};
    cxkpi_nps_tally unused;
    cxkpi_status status = cxkpi_nps_tally_from_scores(bad, sizeof bad, &unused);
    printf("\nA bad export:  %s: %s\n", cxkpi_status_name(status), cxkpi_last_error_message());
    return status == CXKPI_OUT_OF_RANGE ? EXIT_SUCCESS : EXIT_FAILURE;
}
