//! §2 Phases 1-3 and §4: the release gate (`RG-1` … `RG-7`), the rollback
//! runbook as data and the verdicts on rollback runs (`RB-1` … `RB-7`),
//! on the standard's own sample release, v1.3.0 → v1.2.3.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

mod util;

use incident_response::chrono::{DateTime, TimeDelta, Utc};
use incident_response::{
    Error, Incident, Policy, ReleaseEvidence, RollbackPlan, RollbackRelease, RollbackRun, RuleId,
    Severity, check_release, policy::GatePolicy, policy::RollbackPolicy, release::GateStatus,
    release::RollbackTest, release::Soak, rollback::ExecutedStep, rollback::Speed,
    rollback::StepKind, summarize_month, verify,
};
use proptest::prelude::*;
use util::feb16;

const GOOD_RUN: &str = include_str!("fixtures/rollback_run_v1.3.0.json");

/// The standard's sample: "Automated rollback from v1.3.0 → v1.2.3", with
/// "Step 3: Database rollback (schema changes)".
fn release() -> RollbackRelease {
    RollbackRelease::new("1.3.0", "1.2.3").with_schema_change(true)
}

fn plan() -> RollbackPlan {
    RollbackPlan::for_release(release()).unwrap()
}

/// A good run: 4.2 min, the health check passing on attempt 2.
fn good_run() -> RollbackRun {
    serde_json::from_str(GOOD_RUN).unwrap()
}

/// `run` with its steps retimed one after another, in the order recorded,
/// each keeping its length: the times a tool records for steps run in that
/// order.
fn retimed(run: &RollbackRun) -> RollbackRun {
    let mut run = run.clone();
    let mut at = run.steps.first().map_or(feb16(10, 5, 0), |s| s.started_at);
    for step in &mut run.steps {
        let length = step.finished_at - step.started_at;
        step.started_at = at;
        step.finished_at = at + length;
        at = step.finished_at;
    }
    run
}

/// The rule checks that did not hold, on `run` retimed in its order.
fn broken(run: &RollbackRun) -> Vec<RuleId> {
    verify(&plan(), &retimed(run))
        .unwrap()
        .broken()
        .map(|c| c.rule)
        .collect()
}

/// Whether `rule` held in the verdict on `run` retimed in its order, and
/// what it found.
fn found(run: &RollbackRun, rule: RuleId) -> (bool, String) {
    let verdict = verify(&plan(), &retimed(run)).unwrap();
    let check = verdict.checks().iter().find(|c| c.rule == rule).unwrap();
    (check.held, check.found.clone())
}

/// Evidence that satisfies every rule of the gate.
fn good_evidence() -> ReleaseEvidence {
    ReleaseEvidence::new("v1.3.0")
        .with_ci_passed(true)
        .with_staging_deployed_at(feb16(9, 30, 0) - TimeDelta::hours(96))
        .with_production_deploy_at(feb16(9, 30, 0))
        .with_soak(Soak::measured(72.0))
        .with_rollback_test(verify(&plan(), &good_run()).unwrap().as_rollback_test(true))
        .with_rollback_script(true)
}

fn violated(evidence: &ReleaseEvidence) -> Vec<RuleId> {
    check_release(evidence)
        .unwrap()
        .violations()
        .iter()
        .map(|v| v.rule)
        .collect()
}

mod the_runbook {
    use super::*;

    /// RB-1 … RB-4: the plan of the standard's sample release, its steps in
    /// the script's order with the script's parameters.
    #[test]
    fn rb_1_to_rb_4_the_standard_s_sample_as_a_plan() {
        let plan = plan();
        insta::assert_snapshot!("plan_v1_3_0", plan.to_string());
        insta::assert_json_snapshot!("plan_v1_3_0_json", plan);
        let health = plan
            .steps()
            .iter()
            .find(|s| s.step == StepKind::HealthCheck)
            .unwrap();
        assert_eq!((health.attempts, health.wait_secs), (Some(5), Some(5)));
        let without_schema =
            RollbackPlan::for_release(RollbackRelease::new("1.3.0", "1.2.3")).unwrap();
        assert!(
            without_schema
                .steps()
                .iter()
                .all(|s| s.step != StepKind::RevertSchema)
        );
        assert_eq!(without_schema.steps().len(), 6);
    }

    /// RB-3: the plan's parameters come from the policy.
    #[test]
    fn rb_3_a_policy_sets_the_runbook() {
        let policy = Policy::default()
            .with_rollback(RollbackPolicy::STANDARD.with_health_check_attempts(3))
            .unwrap();
        let plan = policy.rollback_plan(release()).unwrap();
        let health = plan
            .steps()
            .iter()
            .find(|s| s.step == StepKind::HealthCheck)
            .unwrap();
        assert_eq!(health.attempts, Some(3));
        assert_eq!(plan.health_check_attempts(), 3);
    }
}

mod verdicts {
    use super::*;

    /// RB-1 … RB-7: the good run succeeds in 4.2 min, within the tested
    /// criterion.
    #[test]
    fn rb_1_to_rb_7_a_good_run_succeeds() {
        let verdict = verify(&plan(), &good_run()).unwrap();
        assert!(verdict.succeeded(), "{verdict}");
        assert_eq!(verdict.broken().count(), 0);
        assert_eq!(verdict.duration(), TimeDelta::seconds(252));
        assert_eq!(verdict.speed(), Speed::WithinTestedCriterion);
        assert_eq!(
            (verdict.started_at(), verdict.finished_at()),
            (feb16(10, 5, 0), feb16(10, 9, 12))
        );
        assert_eq!(verdict.records_lost(), Some(0));
        let lossy = verify(&plan(), &good_run().with_records_lost(3)).unwrap();
        assert_eq!(lossy.records_lost(), Some(3));
        insta::assert_snapshot!("verdict_good_run", verdict.to_string());
    }

    /// RB-3: five failed health checks, traffic resumed anyway, as the
    /// standard's sample script would: a failed rollback, in plain words.
    #[test]
    fn rb_3_all_health_checks_failed_and_traffic_resumed_anyway() {
        let mut run = good_run();
        run.steps.retain(|s| s.step != StepKind::HealthCheck);
        let at = feb16(10, 8, 30);
        let attempts: Vec<ExecutedStep> = (0..5)
            .map(|i| {
                let start = at + TimeDelta::seconds(6 * i);
                ExecutedStep::new(
                    StepKind::HealthCheck,
                    start,
                    start + TimeDelta::seconds(1),
                    false,
                )
            })
            .collect();
        let redeploy = run
            .steps
            .iter()
            .position(|s| s.step == StepKind::Redeploy)
            .unwrap();
        for (i, attempt) in attempts.into_iter().enumerate() {
            run.steps.insert(redeploy + 1 + i, attempt);
        }
        let verdict = verify(&plan(), &retimed(&run)).unwrap();
        assert!(!verdict.succeeded());
        let rb3 = verdict
            .checks()
            .iter()
            .find(|c| c.rule == RuleId::Rb3)
            .unwrap();
        assert_eq!(
            rb3.found,
            "all 5 health checks failed and traffic was resumed anyway: the service was never seen healthy"
        );
        assert!(
            verdict.to_string().starts_with("ROLLBACK FAILED in 4 min"),
            "{verdict}"
        );
    }

    /// RB-1: the backup verified only after draining.
    #[test]
    fn rb_1_a_backup_verified_after_draining() {
        let mut run = good_run();
        run.steps.swap(0, 1);
        assert_eq!(broken(&run), [RuleId::Rb1]);
        run.steps.retain(|s| s.step != StepKind::VerifyBackup);
        assert_eq!(broken(&run), [RuleId::Rb1]);
    }

    /// RB-2: the schema reverted before the drain, or not at all.
    #[test]
    fn rb_2_drain_before_the_schema() {
        let mut run = good_run();
        run.steps.swap(1, 2);
        assert_eq!(broken(&run), [RuleId::Rb2]);
        let mut no_revert = good_run();
        no_revert.steps.retain(|s| s.step != StepKind::RevertSchema);
        assert_eq!(broken(&no_revert), [RuleId::Rb2]);
        let no_schema = RollbackPlan::for_release(RollbackRelease::new("1.3.0", "1.2.3")).unwrap();
        assert!(
            verify(&no_schema, &retimed(&no_revert))
                .unwrap()
                .succeeded()
        );
    }

    /// RB-3: a pass only after the attempts allowed, or after traffic resumed.
    #[test]
    fn rb_3_the_attempts_and_the_order() {
        let mut run = good_run();
        let first_check = run
            .steps
            .iter()
            .position(|s| s.step == StepKind::HealthCheck)
            .unwrap();
        let failed = run.steps[first_check];
        for _ in 0..3 {
            run.steps.insert(first_check, failed);
        }
        assert_eq!(
            found(&run, RuleId::Rb3),
            (true, "the health check passed on attempt 5".to_owned())
        );
        run.steps.insert(first_check, failed);
        assert_eq!(broken(&run), [RuleId::Rb3], "passed on attempt 6");
        let mut resumed_early = good_run();
        let resume = resumed_early
            .steps
            .iter()
            .position(|s| s.step == StepKind::ResumeTraffic)
            .unwrap();
        let step = resumed_early.steps.remove(resume);
        resumed_early.steps.insert(first_check, step);
        assert_eq!(broken(&resumed_early), [RuleId::Rb3]);
    }

    /// RB-4: the target version verified running.
    #[test]
    fn rb_4_the_version_running_afterwards() {
        let wrong = good_run().with_observed_version("1.3.0");
        assert_eq!(broken(&wrong), [RuleId::Rb4]);
        assert_eq!(
            found(&wrong, RuleId::Rb4),
            (false, "1.3.0 running, not 1.2.3".to_owned())
        );
        let mut unverified = good_run();
        unverified.observed_version = None;
        assert_eq!(broken(&unverified), [RuleId::Rb4]);
    }

    /// RB-5: zero data lost; not measured is not zero.
    #[test]
    fn rb_5_no_data_lost() {
        assert_eq!(broken(&good_run().with_records_lost(3)), [RuleId::Rb5]);
        let mut unmeasured = good_run();
        unmeasured.records_lost = None;
        assert_eq!(broken(&unmeasured), [RuleId::Rb5]);
    }

    /// RB-6 and RB-7: under 10 and 5 minutes, strictly; speed is graded,
    /// success is not.
    #[test]
    fn rb_6_and_rb_7_speed_at_the_edges() {
        let lasting = |secs: i64| {
            let mut run = good_run();
            let last = run.steps.last_mut().unwrap();
            last.finished_at = feb16(10, 5, 0) + TimeDelta::seconds(secs);
            verify(&plan(), &run).unwrap()
        };
        assert_eq!(lasting(299).speed(), Speed::WithinTestedCriterion);
        let five = lasting(300);
        assert_eq!(five.speed(), Speed::WithinObjective);
        assert!(
            five.succeeded(),
            "speed grades, it does not fail a rollback"
        );
        assert_eq!(
            five.broken().map(|c| c.rule).collect::<Vec<_>>(),
            [RuleId::Rb7]
        );
        assert_eq!(lasting(599).speed(), Speed::WithinObjective);
        assert_eq!(lasting(600).speed(), Speed::TooSlow);
    }

    /// RB-1: a check that changes nothing may come before the backup is
    /// verified; only a step that changes production may not.
    #[test]
    fn rb_1_a_check_before_the_backup_changes_nothing() {
        let mut run = good_run();
        let look = ExecutedStep::new(
            StepKind::VerifyVersion,
            feb16(10, 4, 50),
            feb16(10, 4, 55),
            false,
        );
        run.steps.insert(0, look);
        assert_eq!(
            found(&run, RuleId::Rb1),
            (true, "the backup was verified first".to_owned())
        );
    }

    /// RB-3: a run with no health check at all says so.
    #[test]
    fn rb_3_no_health_check_at_all() {
        let mut run = good_run();
        run.steps.retain(|s| s.step != StepKind::HealthCheck);
        assert_eq!(
            found(&run, RuleId::Rb3),
            (false, "no health check was run".to_owned())
        );
    }

    /// RB-4: the version is verified only by a verification step that
    /// passed, whatever the other steps did.
    #[test]
    fn rb_4_a_failed_verification_step_verifies_nothing() {
        let mut run = good_run();
        let verification = run.steps.last_mut().unwrap();
        assert_eq!(verification.step, StepKind::VerifyVersion);
        verification.ok = false;
        assert_eq!(
            found(&run, RuleId::Rb4),
            (
                false,
                "1.2.3 observed, but the verification step did not pass".to_owned()
            )
        );
    }

    /// RG-6 from RB-3 and RB-4: the previous version is stable only when its
    /// health check passed and it was verified running.
    #[test]
    fn rg_6_stable_needs_rb_3_and_rb_4() {
        let stable = |run: &RollbackRun| {
            verify(&plan(), run)
                .unwrap()
                .as_rollback_test(true)
                .previous_version_stable
        };
        assert_eq!(stable(&good_run()), Some(true));
        assert_eq!(
            stable(&good_run().with_observed_version("1.3.0")),
            Some(false),
            "RB-4 broken"
        );
        let mut unhealthy = good_run();
        for step in &mut unhealthy.steps {
            if step.step == StepKind::HealthCheck {
                step.ok = false;
            }
        }
        assert_eq!(stable(&unhealthy), Some(false), "RB-3 broken");
    }

    /// RB-1 … RB-7: a run built step by step is the run read from JSON.
    #[test]
    fn rb_1_a_run_built_step_by_step() {
        let built = good_run()
            .steps
            .iter()
            .fold(RollbackRun::new(), |run, &step| run.with_step(step))
            .with_observed_version("1.2.3")
            .with_records_lost(0);
        assert_eq!(built, good_run());
        assert_eq!(built.steps.len(), 8);
    }

    /// RB-6: a step that ends before it starts, and an empty run, are errors.
    #[test]
    fn rb_6_impossible_runs_are_refused() {
        let mut run = good_run();
        run.steps[0].finished_at = feb16(10, 4, 0);
        assert!(matches!(
            verify(&plan(), &run).unwrap_err(),
            Error::InvalidTimeline { field, .. } if field == "steps[0].finished_at"
        ));
        insta::assert_snapshot!(verify(&plan(), &RollbackRun::new()).unwrap_err(), @"the rollback run records no step (RB-1)");
    }

    /// A production run's verdict is the incident's rollback record, which
    /// the metrics count.
    #[test]
    fn rb_5_a_verdict_flows_into_the_incident_and_the_metrics() {
        let verdict = verify(&plan(), &good_run()).unwrap();
        let incident = Incident::new("INC-2026-02-16", Severity::P1, feb16(10, 0, 0))
            .with_rollback(verdict.record());
        let record = incident.rollback.unwrap();
        assert_eq!(
            (record.started_at, record.finished_at, record.succeeded),
            (feb16(10, 5, 0), Some(feb16(10, 9, 12)), Some(true))
        );
        let summary = summarize_month("2026-02".parse().unwrap(), &[incident], 1).unwrap();
        assert_eq!(summary.rollbacks.mean, Some(TimeDelta::seconds(252)));
    }
}

mod the_gate {
    use super::*;

    /// RG-1 … RG-7: all the evidence, every rule holds; a verified staging
    /// run is the rollback test.
    #[test]
    fn rg_1_to_rg_7_all_evidence_is_ready() {
        let readiness = check_release(&good_evidence()).unwrap();
        assert_eq!(readiness.status(), GateStatus::Ready, "{readiness}");
        assert!(readiness.is_ready());
        assert!(readiness.violations().is_empty());
        assert_eq!(readiness.release(), Some("v1.3.0"));
        assert_eq!(
            good_evidence().rollback_test,
            Some(serde_json::from_value::<RollbackTest>(serde_json::json!({
                "traffic_active": true, "duration_secs": 252, "records_lost": 0, "previous_version_stable": true
            })).unwrap())
        );
    }

    /// RG-1 … RG-7: a ready gate is evidence rule by rule: every rule
    /// checked, with what was found, in text (`✓`) and in JSON (`checks`).
    #[test]
    fn rg_1_to_rg_7_a_ready_gate_lists_every_rule_it_checked() {
        let readiness = check_release(&good_evidence()).unwrap();
        let rules: Vec<RuleId> = readiness.checks().iter().map(|c| c.rule).collect();
        assert_eq!(
            rules,
            [
                RuleId::Rg1,
                RuleId::Rg2,
                RuleId::Rg3,
                RuleId::Rg4,
                RuleId::Rg5,
                RuleId::Rg6,
                RuleId::Rg7
            ]
        );
        assert!(readiness.checks().iter().all(|c| c.held));
        insta::assert_snapshot!(readiness, @r"
        READY v1.3.0: every rule RG-1 … RG-7 holds
          ✓ RG-1: expected all CI/CD gates passed, found every gate passed
          ✓ RG-2: expected staging at least 48 h before production, found 96 h between staging and production
          ✓ RG-3: expected at least 72 h of production-like traffic, with performance, errors and data consistency measured, found 72 h of traffic, with performance, errors and data consistency measured
          ✓ RG-4: expected a rollback test with staging traffic active, found a test with staging traffic active
          ✓ RG-5: expected a rollback in under 5 min, found 252 s
          ✓ RG-6: expected zero data lost and the previous version verified stable, found 0 records lost, previous version verified stable
          ✓ RG-7: expected a one-command rollback script, found a script
          standard applied: EATGF-DSS-INC-01 v1.0
        ");
        let json = serde_json::to_value(&readiness).unwrap();
        assert_eq!(json["violations"], serde_json::json!([]));
        assert_eq!(
            json["checks"][4],
            serde_json::json!({"rule": "RG-5", "held": true, "expected": "a rollback in under 5 min", "found": "252 s"})
        );
        // A blocked gate lists the rules that held beside those violated.
        let mut test = good_evidence().rollback_test.unwrap();
        test.duration_secs = Some(400);
        let slow = good_evidence().with_rollback_test(test);
        let blocked = check_release(&slow).unwrap();
        let held: Vec<RuleId> = blocked
            .checks()
            .iter()
            .filter(|c| c.held)
            .map(|c| c.rule)
            .collect();
        assert_eq!(
            held,
            [
                RuleId::Rg1,
                RuleId::Rg2,
                RuleId::Rg3,
                RuleId::Rg4,
                RuleId::Rg6,
                RuleId::Rg7
            ]
        );
        assert_eq!(blocked.violations().len(), 1);
        assert_eq!(
            blocked.checks()[4].to_string(),
            "✗ RG-5: expected a rollback in under 5 min, found 400 s"
        );
    }

    /// RG-1 … RG-7: no evidence at all violates every rule, each once.
    #[test]
    fn rg_1_to_rg_7_missing_evidence_is_a_violation() {
        let readiness = check_release(&ReleaseEvidence::default()).unwrap();
        assert_eq!(readiness.status(), GateStatus::Blocked);
        assert!(!readiness.is_ready());
        assert_eq!(readiness.release(), None);
        insta::assert_snapshot!(readiness, @r"
        BLOCKED (release not named): 7 rule(s) violated
          ✗ RG-1: expected all CI/CD gates passed, found no CI result
          ✗ RG-2: expected staging at least 48 h before production, found no staging or production deploy time
          ✗ RG-3: expected at least 72 h of production-like traffic, with performance, errors and data consistency measured, found no soak in staging
          ✗ RG-4: expected a rollback test with staging traffic active, found no rollback test
          ✗ RG-5: expected a rollback in under 5 min, found no duration
          ✗ RG-6: expected zero data lost and the previous version verified stable, found no rollback test
          ✗ RG-7: expected a one-command rollback script, found not stated
          standard applied: EATGF-DSS-INC-01 v1.0
        ");
    }

    /// RG-2: exactly 48 h passes; a minute less fails.
    #[test]
    fn rg_2_staging_48_hours_before() {
        let production = feb16(9, 30, 0);
        // The soak fits the window, so that RG-2 is judged alone; under the
        // standard's 72 h of soak, RG-3 binds (a 48 h window holds 48 h).
        let at = |lead: TimeDelta| {
            good_evidence()
                .with_staging_deployed_at(production - lead)
                .with_soak(Soak::measured(0.0))
        };
        assert!(!violated(&at(TimeDelta::hours(48))).contains(&RuleId::Rg2));
        let short = check_release(&at(TimeDelta::hours(48) - TimeDelta::minutes(1))).unwrap();
        assert_eq!(short.violations()[0].rule, RuleId::Rg2);
        assert_eq!(
            short.violations()[0].found,
            "47 h 59 min between staging and production"
        );
        let found = |lead: TimeDelta| {
            check_release(&at(lead)).unwrap().violations()[0]
                .found
                .clone()
        };
        assert_eq!(
            found(TimeDelta::zero()),
            "0 h between staging and production"
        );
        assert_eq!(
            found(TimeDelta::hours(-2)),
            "staging deployed 2 h after production"
        );
        assert_eq!(
            found(TimeDelta::seconds(-30)),
            "staging deployed 30 s after production"
        );
        let mut unstaged = good_evidence();
        unstaged.staging_deployed_at = None;
        assert_eq!(
            check_release(&unstaged).unwrap().violations()[0].found,
            "no staging deploy time"
        );
        let mut unplanned = good_evidence();
        unplanned.production_deploy_at = None;
        assert_eq!(
            check_release(&unplanned).unwrap().violations()[0].found,
            "no production deploy time"
        );
    }

    /// RG-3: exactly 72 h passes; 71 h 59 min fails; each measure counts.
    #[test]
    fn rg_3_seventy_two_hours_measured() {
        let soak = |soak: Soak| good_evidence().with_soak(soak);
        assert!(violated(&soak(Soak::measured(72.0))).is_empty());
        assert_eq!(
            violated(&soak(Soak::measured(71.0 + 59.0 / 60.0))),
            [RuleId::Rg3]
        );
        let mut unmeasured = Soak::measured(96.0);
        unmeasured.data_consistency_measured = Some(false);
        let readiness = check_release(&soak(unmeasured)).unwrap();
        assert_eq!(
            readiness.violations()[0].found,
            "data consistency not measured"
        );
    }

    /// RG-4: the rollback test ran with traffic active.
    #[test]
    fn rg_4_traffic_active() {
        let mut test = good_evidence().rollback_test.unwrap();
        test.traffic_active = Some(false);
        assert_eq!(
            violated(&good_evidence().with_rollback_test(test)),
            [RuleId::Rg4]
        );
    }

    /// RG-5: 4 min 59 s passes; exactly 5 min fails.
    #[test]
    fn rg_5_under_five_minutes() {
        let lasting = |secs| {
            let mut test = good_evidence().rollback_test.unwrap();
            test.duration_secs = Some(secs);
            violated(&good_evidence().with_rollback_test(test))
        };
        assert!(lasting(299).is_empty());
        assert_eq!(lasting(300), [RuleId::Rg5]);
    }

    /// RG-6: zero data lost and the previous version stable.
    #[test]
    fn rg_6_zero_loss_and_stable() {
        let mut test = good_evidence().rollback_test.unwrap();
        test.records_lost = Some(2);
        test.previous_version_stable = None;
        let readiness = check_release(&good_evidence().with_rollback_test(test)).unwrap();
        assert_eq!(readiness.violations().len(), 1);
        assert_eq!(
            readiness.violations()[0].found,
            "2 records lost, previous version not verified stable"
        );
    }

    /// RG-7: a one-command rollback script.
    #[test]
    fn rg_7_a_rollback_script() {
        assert_eq!(
            violated(&good_evidence().with_rollback_script(false)),
            [RuleId::Rg7]
        );
    }

    /// RG-2, RG-3 and RG-5: the policy's numbers, named in the answer.
    #[test]
    fn rg_2_a_policy_sets_the_gate() {
        let policy = Policy::default()
            .with_gate(
                GatePolicy::STANDARD
                    .with_soak_hours(96)
                    .with_staging_lead_hours(96),
            )
            .unwrap();
        let readiness = policy.check_release(&good_evidence()).unwrap();
        let rules: Vec<RuleId> = readiness.violations().iter().map(|v| v.rule).collect();
        assert_eq!(rules, [RuleId::Rg3]);
        assert!(readiness.policy().custom);
        let changed: Vec<String> = readiness
            .policy()
            .differences
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            changed,
            [
                "gate.staging_lead_hours `96` (the standard's `48`)",
                "gate.soak_hours `96` (the standard's `72`)"
            ]
        );
        let err = Policy::default()
            .with_rollback(RollbackPolicy::STANDARD.with_tested_minutes(20))
            .unwrap_err();
        insta::assert_snapshot!(err, @"rollback.tested_minutes `20` must be at most rollback.objective_minutes `10` (RB-7)");
    }

    #[test]
    fn evidence_reads_the_standard_s_json() {
        let evidence: ReleaseEvidence = serde_json::from_value(serde_json::json!({
            "release": "v1.3.0",
            "ci_passed": true,
            "staging_deployed_at": "2026-02-12T09:00:00Z",
            "production_deploy_at": "2026-02-16T09:30:00Z",
            "soak": {"hours": 72.0, "performance_measured": true, "errors_measured": true, "data_consistency_measured": true},
            "rollback_test": {"traffic_active": true, "duration_secs": 252, "records_lost": 0, "previous_version_stable": true},
            "rollback_script": true
        }))
        .unwrap();
        assert!(check_release(&evidence).unwrap().is_ready());
        let unknown = serde_json::from_value::<ReleaseEvidence>(serde_json::json!({"ci": true}));
        assert!(
            unknown
                .unwrap_err()
                .to_string()
                .starts_with("unknown field `ci`")
        );
        let nulls: ReleaseEvidence =
            serde_json::from_value(serde_json::json!({"ci_passed": null, "soak": null})).unwrap();
        assert_eq!(nulls, ReleaseEvidence::default());
    }
}

/// Review item 1: a failed rollback never passes. Every step of the plan
/// must have run and passed, or the rule it serves fails and says which
/// step.
mod every_step_of_the_plan {
    use super::*;

    /// The good run without the steps of `kind`, retimed.
    fn without(kind: StepKind) -> RollbackRun {
        let mut run = good_run();
        run.steps.retain(|s| s.step != kind);
        retimed(&run)
    }

    /// The good run with every step of `kind` failed.
    fn failing(kind: StepKind) -> RollbackRun {
        let mut run = good_run();
        for step in &mut run.steps {
            if step.step == kind {
                step.ok = false;
            }
        }
        run
    }

    /// RB-1, RB-2, RB-3, RB-4: each step of the standard's sample, failed
    /// or left out, fails the rule it serves, and the finding names it.
    #[test]
    fn rb_1_to_rb_4_a_failed_or_missing_step_fails_its_rule() {
        let cases = [
            (
                StepKind::VerifyBackup,
                RuleId::Rb1,
                "the backup was not verified",
            ),
            (StepKind::Drain, RuleId::Rb2, "traffic was not drained"),
            (
                StepKind::RevertSchema,
                RuleId::Rb2,
                "the schema change was not reverted",
            ),
            (
                StepKind::Redeploy,
                RuleId::Rb4,
                "the previous version was not redeployed",
            ),
            (
                StepKind::ResumeTraffic,
                RuleId::Rb3,
                "traffic was not resumed",
            ),
        ];
        for (kind, rule, consequence) in cases {
            for (run, how) in [(failing(kind), "failed"), (without(kind), "did not run")] {
                let verdict = verify(&plan(), &run).unwrap();
                assert!(!verdict.succeeded(), "{kind:?} {how}: {verdict}");
                let check = verdict.checks().iter().find(|c| c.rule == rule).unwrap();
                assert!(!check.held, "{kind:?} {how}: {verdict}");
                let named = format!("{} {how}: {consequence}", kind.label());
                assert!(
                    check.found.contains(&named),
                    "{named} not in {}",
                    check.found
                );
                assert!(verdict.to_string().starts_with("ROLLBACK FAILED"));
            }
        }
    }

    /// RB-4: the version check failed or missing fails RB-4, naming which.
    #[test]
    fn rb_4_the_verification_failed_or_missing() {
        assert_eq!(
            found(&failing(StepKind::VerifyVersion), RuleId::Rb4),
            (
                false,
                "1.2.3 observed, but the verification step did not pass".to_owned()
            )
        );
        assert_eq!(
            found(&without(StepKind::VerifyVersion), RuleId::Rb4),
            (false, "1.2.3 observed, but verify_version did not run: the running version was not verified".to_owned())
        );
    }

    /// RB-4: a verification that passed too early names when: before the
    /// redeploy it checked the version rolled back; before traffic resumed,
    /// not the version serving traffic.
    #[test]
    fn rb_4_a_verification_too_early() {
        let mut run = good_run();
        let verification = run.steps.pop().unwrap();
        run.steps.insert(3, verification);
        assert_eq!(run.steps[4].step, StepKind::Redeploy);
        assert_eq!(
            found(&run, RuleId::Rb4),
            (false, "1.2.3 observed, but verified only before the redeploy, which checked the version rolled back".to_owned())
        );
        let mut run = good_run();
        let verification = run.steps.pop().unwrap();
        run.steps.insert(6, verification);
        assert_eq!(run.steps[7].step, StepKind::ResumeTraffic);
        assert_eq!(
            found(&run, RuleId::Rb4),
            (
                false,
                "1.2.3 observed, but verified only before traffic resumed".to_owned()
            )
        );
    }

    /// RB-2, RB-4: a step that changes production, run again after a step
    /// the plan puts after it: a drain after traffic resumed stops it once
    /// more, and the rollback did not end in a known-good state.
    #[test]
    fn rb_2_a_step_run_again_out_of_order() {
        let again = |kind: StepKind| {
            let mut run = good_run();
            let step = *run.steps.iter().find(|s| s.step == kind).unwrap();
            run.steps.push(step);
            retimed(&run)
        };
        let verdict = verify(&plan(), &again(StepKind::Drain)).unwrap();
        assert!(!verdict.succeeded(), "{verdict}");
        assert_eq!(
            verdict.checks()[1].found,
            "drain ran again after revert_schema"
        );
        assert_eq!(
            found(&again(StepKind::RevertSchema), RuleId::Rb2),
            (false, "revert_schema ran again after redeploy".to_owned())
        );
        let redeploy = verify(&plan(), &again(StepKind::Redeploy)).unwrap();
        assert!(!redeploy.succeeded());
        assert!(
            redeploy.checks()[3]
                .found
                .starts_with("redeploy ran again after resume_traffic"),
            "{redeploy}"
        );
    }

    /// RB-2: a release without a schema change still drains first; a
    /// missing drain no longer reads "RB-2 held".
    #[test]
    fn rb_2_a_missing_drain_without_a_schema_change() {
        let no_schema = RollbackPlan::for_release(RollbackRelease::new("1.3.0", "1.2.3")).unwrap();
        let mut run = good_run();
        run.steps
            .retain(|s| !matches!(s.step, StepKind::Drain | StepKind::RevertSchema));
        let verdict = verify(&no_schema, &retimed(&run)).unwrap();
        assert!(!verdict.succeeded());
        let rb2 = &verdict.checks()[1];
        assert_eq!(
            (rb2.rule, rb2.held, rb2.found.as_str()),
            (
                RuleId::Rb2,
                false,
                "drain did not run: traffic was not drained"
            )
        );
        // And a schema revert the release did not plan is no part of it.
        let mut unplanned = good_run();
        unplanned.steps.retain(|s| s.step != StepKind::Drain);
        let verdict = verify(&no_schema, &retimed(&unplanned)).unwrap();
        assert!(
            verdict.checks()[1]
                .found
                .contains("revert_schema ran, but the release changed no schema")
        );
    }

    /// RB-2, RB-4: the steps that change production run in the plan's
    /// order; the redeploy before the drain or before the schema revert
    /// fails RB-2, naming both.
    #[test]
    fn rb_2_the_redeploy_after_the_drain_and_the_schema() {
        let mut run = good_run();
        let redeploy = run.steps.remove(3);
        run.steps.insert(1, redeploy);
        assert_eq!(
            found(&run, RuleId::Rb2),
            (
                false,
                "the previous version was redeployed before traffic was drained; the previous version was redeployed before the schema was reverted".to_owned()
            )
        );
    }

    /// The CLI: a failed run exits 31 (see tests/cli.rs); here, the JSON
    /// of the verdict says failed, with every broken rule.
    #[test]
    fn rb_2_a_failed_run_in_json() {
        let verdict = verify(&plan(), &without(StepKind::RevertSchema)).unwrap();
        let json = serde_json::to_value(&verdict).unwrap();
        assert_eq!(json["succeeded"], false);
        assert_eq!(json["checks"][1]["held"], false);
        assert_eq!(
            json["checks"][1]["found"],
            "revert_schema did not run: the schema change was not reverted"
        );
    }
}

/// Review item 2: health checks count from the end of the redeploy, and a
/// check that fails after one passed means the previous version is not
/// stable.
mod health_checks {
    use super::*;

    fn check(at: DateTime<Utc>, ok: bool) -> ExecutedStep {
        ExecutedStep::new(StepKind::HealthCheck, at, at + TimeDelta::seconds(1), ok)
    }

    /// RB-3: a check that passed before the redeploy tested the version
    /// being rolled back, and counts for nothing.
    #[test]
    fn rb_3_a_pass_before_the_redeploy_does_not_count() {
        let mut run = good_run();
        run.steps.retain(|s| s.step != StepKind::HealthCheck);
        run.steps.insert(3, check(feb16(10, 6, 30), true));
        assert_eq!(
            found(&run, RuleId::Rb3),
            (
                false,
                "no health check ran after the redeploy (1 check before the redeploy tested the version being rolled back)".to_owned()
            )
        );
    }

    /// RB-3: five failures before the redeploy and a pass right after it
    /// is a pass on the first attempt, not the sixth.
    #[test]
    fn rb_3_attempts_count_from_the_end_of_the_redeploy() {
        let mut run = good_run();
        run.steps.retain(|s| s.step != StepKind::HealthCheck);
        for _ in 0..5 {
            run.steps.insert(3, check(feb16(10, 6, 30), false));
        }
        run.steps.insert(9, check(feb16(10, 8, 30), true));
        assert_eq!(run.steps[8].step, StepKind::Redeploy);
        assert_eq!(
            found(&run, RuleId::Rb3),
            (
                true,
                "the health check passed on attempt 1 (5 checks before the redeploy tested the version being rolled back)".to_owned()
            )
        );
    }

    /// RB-3, RG-6: a check that fails after one passed, before or after
    /// traffic resumed: the previous version is not stable, and the gate's
    /// rollback test never says it is.
    #[test]
    fn rb_3_a_failure_after_a_pass_is_not_stable() {
        for position in [6, 7, 8] {
            let mut run = good_run();
            run.steps.insert(position, check(feb16(10, 9, 0), false));
            let run = retimed(&run);
            let (held, found) = found(&run, RuleId::Rb3);
            assert!(!held, "at {position}");
            assert!(
                found.contains("a health check failed after one had passed (attempt 3): the previous version is not stable"),
                "{found}"
            );
            let test = verify(&plan(), &run).unwrap().as_rollback_test(true);
            assert_eq!(test.previous_version_stable, Some(false));
            assert_eq!(test.broken_rules, [RuleId::Rb3]);
        }
    }
}

/// Review item 3: step times that contradict the order of the steps are an
/// impossible timeline, naming both steps.
mod step_times {
    use super::*;

    /// RB-1: a backup check listed first but timed ten minutes after the
    /// drain is refused, not read as "verified first".
    #[test]
    fn rb_1_a_backup_timed_after_the_drain() {
        let mut run = good_run();
        run.steps[0].started_at = feb16(10, 15, 5);
        run.steps[0].finished_at = feb16(10, 15, 10);
        let err = verify(&plan(), &run).unwrap_err();
        insta::assert_snapshot!(err, @"steps[1].started_at `2026-02-16T10:05:05Z` is before steps[0].finished_at `2026-02-16T10:15:10Z` (RB-1)");
        assert!(matches!(
            &err,
            Error::InvalidTimeline { field, other, rule: RuleId::Rb1, .. }
                if field == "steps[1].started_at" && other == "steps[0].finished_at"
        ));
    }

    /// RB-6: a step that takes no time, and one that starts the instant the
    /// step before it ends, are possible timelines.
    #[test]
    fn rb_6_instants_are_possible() {
        let mut run = good_run();
        run.steps[0].finished_at = run.steps[0].started_at;
        run.steps[1].started_at = run.steps[0].finished_at;
        assert!(verify(&plan(), &run).unwrap().succeeded());
    }

    /// RB-6: a step that ends before it starts names its index.
    #[test]
    fn rb_6_a_step_that_ends_before_it_starts() {
        let mut run = good_run();
        run.steps[3].finished_at = run.steps[3].started_at - TimeDelta::seconds(1);
        insta::assert_snapshot!(
            verify(&plan(), &run).unwrap_err(),
            @"steps[3].finished_at `2026-02-16T10:06:29Z` is before steps[3].started_at `2026-02-16T10:06:30Z` (RB-6)"
        );
    }
}

/// Review item 4: a failed staging rollback blocks the release gate.
mod a_failed_staging_rollback {
    use super::*;

    /// RG-4, RG-5, RG-6 from RB-1 and RB-2: a run missing the backup check
    /// and the schema revert fails `verify`, and its rollback test blocks
    /// the gate, naming the broken rules.
    #[test]
    fn rg_4_to_rg_6_a_failed_verdict_blocks_the_gate() {
        let mut run = good_run();
        run.steps
            .retain(|s| !matches!(s.step, StepKind::VerifyBackup | StepKind::RevertSchema));
        let verdict = verify(&plan(), &retimed(&run)).unwrap();
        assert!(!verdict.succeeded());
        let test = verdict.as_rollback_test(true);
        assert_eq!(test.broken_rules, [RuleId::Rb1, RuleId::Rb2]);
        let readiness = check_release(&good_evidence().with_rollback_test(test)).unwrap();
        assert!(!readiness.is_ready());
        let found: Vec<(RuleId, &str)> = readiness
            .violations()
            .iter()
            .map(|v| (v.rule, v.found.as_str()))
            .collect();
        let failed = "the staging rollback failed verification (RB-1, RB-2 broken)";
        assert_eq!(
            found,
            [
                (RuleId::Rg4, failed),
                (RuleId::Rg5, failed),
                (RuleId::Rg6, failed)
            ]
        );
        let json = serde_json::to_value(&readiness).unwrap();
        assert_eq!(json["status"], "blocked");
    }

    /// RG-6: the broken rules read from JSON, and only a rollback's own.
    #[test]
    fn rg_6_broken_rules_in_json() {
        let test: RollbackTest = serde_json::from_value(serde_json::json!({
            "traffic_active": true, "duration_secs": 200, "records_lost": 0,
            "previous_version_stable": true, "broken_rules": ["RB-4"]
        }))
        .unwrap();
        let readiness = check_release(&good_evidence().with_rollback_test(test)).unwrap();
        assert_eq!(readiness.violations().len(), 3);
        let mut wrong = good_evidence().rollback_test.unwrap();
        wrong.broken_rules = vec![RuleId::Dt1];
        insta::assert_snapshot!(
            check_release(&good_evidence().with_rollback_test(wrong)).unwrap_err(),
            @"rollback_test.broken_rules[0] `DT-1` must be one of RB-1 … RB-5, the rules a rollback's success rests on (RG-6)"
        );
    }
}

/// Review item 5: evidence that cannot be true does not pass.
mod impossible_evidence {
    use super::*;

    /// RG-3: 72 h of soak with staging deployed only 48 h before production
    /// cannot be true.
    #[test]
    fn rg_3_more_soak_than_the_window_holds() {
        let production = feb16(9, 30, 0);
        let evidence = good_evidence().with_staging_deployed_at(production - TimeDelta::hours(48));
        let readiness = check_release(&evidence).unwrap();
        assert_eq!(
            readiness
                .violations()
                .iter()
                .map(|v| (v.rule, v.found.as_str()))
                .collect::<Vec<_>>(),
            [(RuleId::Rg3, "72 h of soak in a 48 h window")]
        );
        let huge = good_evidence().with_soak(Soak::measured(1e308));
        assert_eq!(violated(&huge), [RuleId::Rg3], "1e308 hours is not READY");
        let after = good_evidence().with_staging_deployed_at(production + TimeDelta::seconds(30));
        let found: Vec<String> = check_release(&after)
            .unwrap()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found[0],
            "RG-2: expected staging at least 48 h before production, found staging deployed 30 s after production"
        );
        assert!(
            found[1].ends_with("found 72 h of soak, but staging was deployed after production"),
            "{found:?}"
        );
        let nothing = after.clone().with_soak(Soak::measured(0.0));
        let rg3 = check_release(&nothing).unwrap().violations()[1]
            .found
            .clone();
        assert_eq!(rg3, "0 h of traffic", "0 h of soak fits any window");
    }

    /// RG-3: hours that are negative or not finite are refused by name.
    #[test]
    fn rg_3_hours_that_are_not_a_duration_are_refused() {
        insta::assert_snapshot!(
            check_release(&good_evidence().with_soak(Soak::measured(-5.0))).unwrap_err(),
            @"soak.hours `-5` must be a finite number of hours, at least 0 (RG-3)"
        );
        for hours in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(matches!(
                check_release(&good_evidence().with_soak(Soak::measured(hours))),
                Err(Error::InvalidInput {
                    rule: RuleId::Rg3,
                    ..
                })
            ));
        }
    }

    /// RB-4: a plan needs two versions, and two different ones.
    #[test]
    fn rb_4_a_plan_refuses_empty_or_equal_versions() {
        insta::assert_snapshot!(
            RollbackPlan::for_release(RollbackRelease::new("", "1.2.3")).unwrap_err(),
            @"from_version `` must name a version, not be empty (RB-4)"
        );
        insta::assert_snapshot!(
            RollbackPlan::for_release(RollbackRelease::new("1.3.0", "  ")).unwrap_err(),
            @"target_version `  ` must name a version, not be empty (RB-4)"
        );
        insta::assert_snapshot!(
            RollbackPlan::for_release(RollbackRelease::new("1.3.0", "1.3.0")).unwrap_err(),
            @"target_version `1.3.0` must differ from from_version: a rollback reverts to another version (RB-4)"
        );
    }
}

/// Each piece of evidence, and the rule that needs it.
fn remove(evidence: &mut ReleaseEvidence, piece: usize) -> RuleId {
    let test = evidence.rollback_test.as_mut().unwrap();
    let soak = evidence.soak.as_mut().unwrap();
    match piece {
        0 => {
            evidence.ci_passed = None;
            RuleId::Rg1
        }
        1 => {
            evidence.staging_deployed_at = None;
            RuleId::Rg2
        }
        2 => {
            soak.hours = None;
            RuleId::Rg3
        }
        3 => {
            soak.errors_measured = None;
            RuleId::Rg3
        }
        4 => {
            test.traffic_active = None;
            RuleId::Rg4
        }
        5 => {
            test.duration_secs = None;
            RuleId::Rg5
        }
        6 => {
            test.records_lost = None;
            RuleId::Rg6
        }
        7 => {
            test.previous_version_stable = None;
            RuleId::Rg6
        }
        _ => {
            evidence.rollback_script = None;
            RuleId::Rg7
        }
    }
}

fn step_kind() -> impl Strategy<Value = StepKind> {
    proptest::sample::select(vec![
        StepKind::VerifyBackup,
        StepKind::Drain,
        StepKind::RevertSchema,
        StepKind::Redeploy,
        StepKind::HealthCheck,
        StepKind::ResumeTraffic,
        StepKind::VerifyVersion,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// RG-1 … RG-7: removing any one piece of evidence blocks the release
    /// with exactly the rule that needs it.
    #[test]
    fn rg_1_to_rg_7_each_piece_of_evidence_is_needed(piece in 0..9usize) {
        let mut evidence = good_evidence();
        let rule = remove(&mut evidence, piece);
        prop_assert_eq!(violated(&evidence), vec![rule]);
    }

    /// RB-1 … RB-7: any run at all, steps in any order, some missing, times
    /// in any order: a verdict or a typed error, never a panic. The times
    /// are refused exactly when a step ends before it starts or starts
    /// before the one recorded before it ended.
    #[test]
    fn rb_1_to_rb_7_verdicts_are_total(
        steps in proptest::collection::vec((step_kind(), -600..600i64, 0..300i64, any::<bool>()), 0..12),
        records in proptest::option::of(0..3u64),
        observed in proptest::option::of(prop_oneof![Just("1.2.3"), Just("1.3.0")]),
    ) {
        let at = |s: i64| feb16(10, 5, 0) + TimeDelta::seconds(s);
        let mut run = RollbackRun::new();
        run.records_lost = records;
        run.observed_version = observed.map(str::to_owned);
        for (kind, start, length, ok) in steps {
            run = run.with_step(ExecutedStep::new(kind, at(start), at(start + length), ok));
        }
        let in_order = run.steps.windows(2).all(|w| w[1].started_at >= w[0].finished_at);
        match verify(&plan(), &run) {
            Ok(verdict) => {
                prop_assert!(in_order);
                prop_assert_eq!(verdict.checks().len(), 7);
                // Success is RB-1 … RB-5 holding, whatever the speed; the
                // JSON says the same.
                let rb_1_to_5 = verdict.checks().iter().take(5).all(|c| c.held);
                prop_assert_eq!(verdict.succeeded(), rb_1_to_5);
                let json = serde_json::to_value(&verdict).unwrap();
                prop_assert_eq!(json["succeeded"].as_bool(), Some(rb_1_to_5));
            }
            Err(Error::EmptyRun { .. }) => prop_assert!(run.steps.is_empty()),
            Err(Error::InvalidTimeline { .. }) => prop_assert!(!in_order),
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    /// RB-1 … RB-5 against a model written apart from the verdict: a run
    /// of steps one after another succeeds only if its passing steps hold
    /// the whole plan in the plan's order (the backup checked, drained, the
    /// schema reverted, redeployed, a health check passed, traffic resumed,
    /// the version verified), no health check after the redeploy failed
    /// once one had passed, the target version runs and nothing was lost.
    #[test]
    fn rb_1_to_rb_5_success_needs_the_whole_plan_in_order(
        edits in proptest::collection::vec(
            prop_oneof![10 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)],
            8,
        ),
        extra in proptest::option::of((0..9usize, step_kind(), any::<bool>())),
        observed in prop_oneof![4 => Just("1.2.3"), 1 => Just("1.3.0")],
        records in prop_oneof![4 => Just(0u64), 1 => Just(1u64)],
    ) {
        // The good run, each step kept (0), dropped (1), failed (2) or run
        // twice (3), and perhaps one step more anywhere.
        let mut kinds: Vec<(StepKind, bool)> = Vec::new();
        for (step, edit) in good_run().steps.iter().zip(&edits) {
            match edit {
                0 => kinds.push((step.step, step.ok)),
                1 => {}
                2 => kinds.push((step.step, false)),
                _ => kinds.extend([(step.step, step.ok), (step.step, step.ok)]),
            }
        }
        if let Some((at, kind, ok)) = extra {
            kinds.insert(at.min(kinds.len()), (kind, ok));
        }
        let mut at = feb16(10, 5, 0);
        let mut run = RollbackRun::new().with_observed_version(observed).with_records_lost(records);
        for (kind, ok) in kinds {
            let start = at + TimeDelta::seconds(1);
            at = start + TimeDelta::seconds(10);
            run = run.with_step(ExecutedStep::new(kind, start, at, ok));
        }
        let Ok(verdict) = verify(&plan(), &run) else {
            prop_assert!(run.steps.is_empty());
            return Ok(());
        };
        if verdict.succeeded() {
            let passing: Vec<StepKind> = run.steps.iter().filter(|s| s.ok).map(|s| s.step).collect();
            let plan = plan();
            let mut wanted = plan.steps().iter().map(|s| s.step).peekable();
            for kind in &passing {
                if wanted.peek() == Some(kind) {
                    wanted.next();
                }
            }
            prop_assert!(wanted.next().is_none(), "the plan is not in {passing:?}");
            // And no step that changes production runs again once a step
            // the plan puts after it has passed.
            let order = |kind: StepKind| plan.steps().iter().position(|s| s.step == kind);
            let changes = [StepKind::Drain, StepKind::RevertSchema, StepKind::Redeploy, StepKind::ResumeTraffic];
            for (i, step) in run.steps.iter().enumerate().filter(|(_, s)| s.ok && changes.contains(&s.step)) {
                for later in &run.steps[i + 1..] {
                    if changes.contains(&later.step) {
                        prop_assert!(order(later.step) >= order(step.step), "{:?} after {:?}", later.step, step.step);
                    }
                }
            }
            let last_redeploy = run.steps.iter().rposition(|s| s.step == StepKind::Redeploy).unwrap();
            let checks: Vec<bool> = run.steps[last_redeploy..]
                .iter()
                .filter(|s| s.step == StepKind::HealthCheck)
                .map(|s| s.ok)
                .collect();
            let first_pass = checks.iter().position(|ok| *ok).unwrap();
            prop_assert!(first_pass < 5);
            prop_assert!(checks[first_pass..].iter().all(|ok| *ok));
            prop_assert_eq!((observed, records), ("1.2.3", 0));
        }
    }
}

/// The run's JSON, as a tool would write it, reads back.
#[test]
fn rb_1_runs_round_trip() {
    let run = good_run();
    let again: RollbackRun = serde_json::from_value(serde_json::to_value(&run).unwrap()).unwrap();
    assert_eq!(again, run);
    let _: DateTime<Utc> = run.steps[0].started_at;
}
