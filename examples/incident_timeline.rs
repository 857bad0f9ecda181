//! The standard's incident of 16 February 2026 (§5) as a timeline: its
//! obligations as an incident bot sees them at three moments (T+3 min,
//! T+15 min, a day later), its durations, then its post-mortem in Markdown.
//!
//! ```sh
//! cargo run --example incident_timeline
//! ```

use incident_response::chrono::{DateTime, TimeDelta, TimeZone, Utc};
use incident_response::{
    Incident, Outcome, Severity, incident::ActionItem, incident::Horizon,
    incident::PostMortemRecord, incident::RollbackRecord,
};

/// 16 February 2026, at `hh:mm:ss` UTC.
fn feb16(hour: u32, minute: u32, second: u32) -> Result<DateTime<Utc>, Box<dyn std::error::Error>> {
    Utc.with_ymd_and_hms(2026, 2, 16, hour, minute, second)
        .single()
        .ok_or_else(|| "not a valid time".into())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let detected = feb16(10, 0, 0)?;
    let t = |minutes: i64| detected + TimeDelta::minutes(minutes);

    // What is known three minutes in: detected, declared, not yet decided.
    let early = Incident::new("INC-2026-02-16", Severity::P1, detected)
        .with_title("API v1.3.0 Deployment Incident")
        .with_customer_impacting(true)
        .with_started_at(t(-5))
        .with_declared_at(t(2));
    println!("== T+3min: what is due next");
    print!("{}", early.obligations(t(3))?);

    // T+15: the rollback was decided at T+5 and has just finished.
    let at_15 = early
        .clone()
        .with_decision(Outcome::Rollback, t(5))
        .with_rollback(RollbackRecord::new(t(5)).with_finished(feb16(10, 9, 12)?, true))
        .with_restored_at(t(10))
        .with_customer_notified_at(t(12));
    println!("\n== T+15min");
    print!("{}", at_15.obligations(t(15))?);

    // A day later: resolved, root cause found, post-mortem held.
    let done = at_15
        .with_resolved_at(t(20))
        .with_release("v1.3.0")
        .with_root_cause("N+1 database query pattern in dashboard feature")
        .with_post_mortem(
            PostMortemRecord::new(t(30))
                .with_action_item(ActionItem::new(
                    "Deploy v1.3.1 with N+1 query fix",
                    Horizon::Immediate,
                ))
                .with_action_item(ActionItem::new(
                    "Code review: Add database query count assertion to integration tests",
                    Horizon::Immediate,
                ))
                .with_action_item(ActionItem::new(
                    "Add database connection pool monitoring (alert if ≥80%)",
                    Horizon::ShortTerm,
                ))
                .with_action_item(ActionItem::new(
                    "Implement automatic query logging (N+1 detection)",
                    Horizon::MediumTerm,
                )),
        );
    let a_day_later = done.obligations(t(24 * 60))?;
    println!("\n== a day later");
    print!("{a_day_later}");
    if a_day_later.any_breached() {
        return Err("the standard's incident met every obligation; the replay disagrees".into());
    }

    println!("\n== durations (JSON, whole seconds)");
    println!("{}", serde_json::to_string_pretty(&done.durations()?)?);

    println!("\n== post-mortem");
    print!("{}", done.post_mortem_report()?);
    Ok(())
}
