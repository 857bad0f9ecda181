//! The standard's sample release, v1.3.0, at the gate (§2): blocked while
//! its rollback is untested, its rollback runbook (§4), the staging rollback
//! run verified (RB-1 … RB-7), and the gate again, ready.
//!
//! ```sh
//! cargo run --example release_gate
//! ```

use incident_response::chrono::{DateTime, TimeDelta, TimeZone, Utc};
use incident_response::{
    ReleaseEvidence, RollbackPlan, RollbackRelease, RollbackRun, check_release, release::Soak,
    rollback::ExecutedStep, rollback::StepKind, verify,
};

type Failure = Box<dyn std::error::Error>;

fn at(day: u32, hour: u32, minute: u32, second: u32) -> Result<DateTime<Utc>, Failure> {
    Utc.with_ymd_and_hms(2026, 2, day, hour, minute, second)
        .single()
        .ok_or_else(|| "not a valid time".into())
}

fn main() -> Result<(), Failure> {
    // T-96h: v1.3.0 reached staging; three days of production-like traffic.
    let evidence = ReleaseEvidence::new("v1.3.0")
        .with_ci_passed(true)
        .with_staging_deployed_at(at(12, 9, 30, 0)?)
        .with_production_deploy_at(at(16, 9, 30, 0)?)
        .with_soak(Soak::measured(72.0))
        .with_rollback_script(true);
    println!("== the gate, before the rollback test");
    print!("{}", check_release(&evidence)?);

    // The runbook of "rollback-api-v1.3.0.sh": v1.3.0 → v1.2.3, schema included.
    let plan =
        RollbackPlan::for_release(RollbackRelease::new("1.3.0", "1.2.3").with_schema_change(true))?;
    println!("\n== the rollback runbook");
    print!("{plan}");

    // Phase 3: the rollback run in staging, traffic active. The health check
    // fails once, passes on the second attempt; 4 min 12 s in all.
    let start = at(15, 14, 0, 0)?;
    let span = |from: i64, to: i64| {
        (
            start + TimeDelta::seconds(from),
            start + TimeDelta::seconds(to),
        )
    };
    let mut run = RollbackRun::new()
        .with_observed_version("1.2.3")
        .with_records_lost(0);
    for (step, (from, to), ok) in [
        (StepKind::VerifyBackup, span(0, 5), true),
        (StepKind::Drain, span(5, 20), true),
        (StepKind::RevertSchema, span(20, 90), true),
        (StepKind::Redeploy, span(90, 210), true),
        (StepKind::HealthCheck, span(210, 211), false),
        (StepKind::HealthCheck, span(216, 217), true),
        (StepKind::ResumeTraffic, span(217, 242), true),
        (StepKind::VerifyVersion, span(242, 252), true),
    ] {
        run = run.with_step(ExecutedStep::new(step, from, to, ok));
    }
    let verdict = verify(&plan, &run)?;
    println!("\n== the staging rollback run");
    print!("{verdict}");

    // Its verdict is the gate's rollback test (RG-4 … RG-6).
    let evidence = evidence.with_rollback_test(verdict.as_rollback_test(true));
    let readiness = check_release(&evidence)?;
    println!("\n== the gate, with the verified rollback test");
    print!("{readiness}");
    if !readiness.is_ready() {
        return Err("the standard's sample release passes the gate; the replay disagrees".into());
    }
    Ok(())
}
