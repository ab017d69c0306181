//! A small KPI report from embedded sample data.
//!
//! Run with `cargo run --example quickstart`.
//!
//! The survey answers are the 39 real responses of the "Sudzilla" conference
//! survey (Preppin' Data 2019 week 40, as redistributed under the MIT licence
//! by the PrepBench project); its published NPS is −35.9. The call-centre
//! figures are aggregates of the PwC "PhoneNow" call-centre case (5 000 calls,
//! Q1 2021): 946 abandoned calls, the 4 054 answered calls' 1–5 ratings and
//! their total talk time. The retention, FCR, CES and cost figures are the
//! worked examples of our source documents.

use core::time::Duration;

use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, FcrTally, Money,
    NpsTally, RetentionTally, Scale, cost_per_minute,
};

/// "On a scale of 0-10, how would you rate Sudzilla?", 39 answers.
const SUDZILLA_NPS: [u8; 39] = [
    0, 0, 5, 2, 4, 3, 10, 3, 4, 7, 6, 8, 7, 9, 5, 1, 8, 2, 7, 9, 0, 10, 3, 3, 3, 2, 8, 9, 10, 8, 7,
    3, 3, 10, 2, 3, 8, 0, 9,
];

/// "How would you rate the food at Sudzilla (lunch)?", mapped to 1–5.
const SUDZILLA_LUNCH: [u8; 39] = [
    1, 1, 4, 1, 4, 4, 3, 1, 5, 3, 2, 1, 2, 4, 3, 3, 1, 4, 3, 5, 1, 5, 2, 2, 4, 3, 5, 4, 2, 2, 4, 3,
    2, 2, 3, 2, 2, 3, 2,
];

fn main() -> Result<(), cxkpi::Error> {
    println!("Survey (Sudzilla conference, 39 responses)");
    let nps = NpsTally::from_scores(&SUDZILLA_NPS)?.nps()?;
    println!(
        "  {nps}: {:.1}% promoters, {:.1}% passives, {:.1}% detractors",
        nps.promoters_pct(),
        nps.passives_pct(),
        nps.detractors_pct()
    );
    let lunch = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &SUDZILLA_LUNCH)?.csat()?;
    println!("  CSAT (lunch, top-2-box on 1-5): {lunch}");

    println!("Call centre (PwC PhoneNow, Q1 2021)");
    let abandonment = AbandonmentTally::from_counts(5_000, 946, 0)?.abandonment()?;
    println!("  abandonment rate: {abandonment}");
    // Ratings 1..=5 of the answered calls: 417, 396, 1218, 1180 and 843.
    let csat = CsatTally::from_counts(CsatRule::TOP_2_BOX_5, 1_180 + 843, 4_054)?.csat()?;
    println!("  CSAT (top-2-box on 1-5): {csat}");
    // The dataset records talk time only: no hold, no wrap-up.
    let talk = Duration::from_secs(911_837);
    let aht = AhtTally::from_counts(4_054, talk, Duration::ZERO, Duration::ZERO)?.aht()?;
    println!("  {aht}");

    println!("Worked examples of the source documents");
    let retention = RetentionTally::from_counts(200, 220, 40)?;
    println!(
        "  retention {} / churn {}",
        retention.retention()?,
        retention.churn()?
    );
    println!(
        "  FCR (Once & Done): {}",
        FcrTally::from_counts(74, 100)?.fcr()?
    );
    let ces = CesTally::from_scores(Scale::ONE_TO_SEVEN, &[7, 6, 5, 4, 6, 5])?.ces()?;
    println!("  {ces}");
    let cost = CostTally::from_counts("10000".parse()?, 25)?;
    println!("  cost per conversation: {} EUR", cost.cost_per_unit()?);
    let per_minute = cost_per_minute("96.00".parse::<Money>()?, Duration::from_secs(3_600))?;
    println!("  cost per handled minute: {per_minute} USD");
    Ok(())
}
