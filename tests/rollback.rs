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
    Error, ExecutedStep, GateStatus, Incident, Policy, ReleaseEvidence, RollbackPlan,
    RollbackPolicy, RollbackRelease, RollbackRun, RollbackTest, RuleId, Severity, Soak, Speed,
    StepKind, check_release, summarize_month, verify,
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
    RollbackPlan::for_release(release())
}

/// A good run: 4.2 min, the health check passing on attempt 2.
fn good_run() -> RollbackRun {
    serde_json::from_str(GOOD_RUN).unwrap()
}

/// The rule checks that did not hold.
fn broken(run: &RollbackRun) -> Vec<RuleId> {
    verify(&plan(), run)
        .unwrap()
        .broken()
        .map(|c| c.rule)
        .collect()
}

/// Whether `rule` held in the verdict on `run`, and what it found.
fn found(run: &RollbackRun, rule: RuleId) -> (bool, String) {
    let verdict = verify(&plan(), run).unwrap();
    let check = verdict.checks.iter().find(|c| c.rule == rule).unwrap();
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
        .violations
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
            .steps
            .iter()
            .find(|s| s.step == StepKind::HealthCheck)
            .unwrap();
        assert_eq!((health.attempts, health.wait_secs), (Some(5), Some(5)));
        let without_schema = RollbackPlan::for_release(RollbackRelease::new("1.3.0", "1.2.3"));
        assert!(
            without_schema
                .steps
                .iter()
                .all(|s| s.step != StepKind::RevertSchema)
        );
        assert_eq!(without_schema.steps.len(), 6);
    }

    /// RB-3: the plan's parameters come from the policy.
    #[test]
    fn rb_3_a_policy_sets_the_runbook() {
        let policy = Policy::default()
            .with_rollback(RollbackPolicy::STANDARD.with_health_check_attempts(3))
            .unwrap();
        let plan = policy.rollback_plan(release());
        let health = plan
            .steps
            .iter()
            .find(|s| s.step == StepKind::HealthCheck)
            .unwrap();
        assert_eq!(health.attempts, Some(3));
        assert_eq!(plan.health_check_attempts, 3);
    }
}

mod verdicts {
    use super::*;

    /// RB-1 … RB-7: the good run succeeds in 4.2 min, within the tested
    /// criterion.
    #[test]
    fn rb_1_to_rb_7_a_good_run_succeeds() {
        let verdict = verify(&plan(), &good_run()).unwrap();
        assert!(verdict.succeeded, "{verdict}");
        assert_eq!(verdict.broken().count(), 0);
        assert_eq!(verdict.duration, TimeDelta::seconds(252));
        assert_eq!(verdict.speed, Speed::WithinTestedCriterion);
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
        let verdict = verify(&plan(), &run).unwrap();
        assert!(!verdict.succeeded);
        let rb3 = verdict
            .checks
            .iter()
            .find(|c| c.rule == RuleId::Rb3)
            .unwrap();
        assert_eq!(
            rb3.found,
            "all 5 health checks failed and traffic was resumed anyway: the service was never seen healthy"
        );
        assert!(
            verdict
                .to_string()
                .starts_with("ROLLBACK FAILED in 4 min 12 s"),
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
        let no_schema = RollbackPlan::for_release(RollbackRelease::new("1.3.0", "1.2.3"));
        assert!(verify(&no_schema, &no_revert).unwrap().succeeded);
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
        assert_eq!(lasting(299).speed, Speed::WithinTestedCriterion);
        let five = lasting(300);
        assert_eq!(five.speed, Speed::WithinObjective);
        assert!(five.succeeded, "speed grades, it does not fail a rollback");
        assert_eq!(
            five.broken().map(|c| c.rule).collect::<Vec<_>>(),
            [RuleId::Rb7]
        );
        assert_eq!(lasting(599).speed, Speed::WithinObjective);
        assert_eq!(lasting(600).speed, Speed::TooSlow);
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
            Error::InvalidTimeline {
                field: "steps[].finished_at",
                ..
            }
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
        let readiness = check_release(&good_evidence());
        assert_eq!(readiness.status, GateStatus::Ready, "{readiness}");
        assert!(readiness.is_ready());
        assert!(readiness.violations.is_empty());
        assert_eq!(
            good_evidence().rollback_test,
            Some(serde_json::from_value::<RollbackTest>(serde_json::json!({
                "traffic_active": true, "duration_secs": 252, "records_lost": 0, "previous_version_stable": true
            })).unwrap())
        );
    }

    /// RG-1 … RG-7: no evidence at all violates every rule, each once.
    #[test]
    fn rg_1_to_rg_7_missing_evidence_is_a_violation() {
        let readiness = check_release(&ReleaseEvidence::default());
        assert_eq!(readiness.status, GateStatus::Blocked);
        assert!(!readiness.is_ready());
        insta::assert_snapshot!(readiness, @r"
        BLOCKED (release not named): 7 rule(s) violated
          RG-1: expected all CI/CD gates passed, found no CI result
          RG-2: expected staging at least 48 h before production, found no staging or production deploy time
          RG-3: expected at least 72 h of production-like traffic, with performance, errors and data consistency measured, found no soak in staging
          RG-4: expected a rollback test with staging traffic active, found no rollback test
          RG-5: expected a rollback in under 5 min, found no duration
          RG-6: expected zero data lost and the previous version verified stable, found no rollback test
          RG-7: expected a one-command rollback script, found not stated
          standard applied: EATGF-DSS-INC-01 v1.0
        ");
    }

    /// RG-2: exactly 48 h passes; a minute less fails.
    #[test]
    fn rg_2_staging_48_hours_before() {
        let production = feb16(9, 30, 0);
        let at = |lead: TimeDelta| good_evidence().with_staging_deployed_at(production - lead);
        assert!(violated(&at(TimeDelta::hours(48))).is_empty());
        let short = check_release(&at(TimeDelta::hours(48) - TimeDelta::minutes(1)));
        assert_eq!(short.violations.len(), 1);
        assert_eq!(short.violations[0].rule, RuleId::Rg2);
        assert_eq!(
            short.violations[0].found,
            "47 h 59 min between staging and production"
        );
        assert_eq!(violated(&at(TimeDelta::hours(-2))), [RuleId::Rg2]);
        let found = |lead: TimeDelta| check_release(&at(lead)).violations[0].found.clone();
        assert_eq!(
            found(TimeDelta::zero()),
            "0 h between staging and production"
        );
        assert_eq!(
            found(TimeDelta::hours(-2)),
            "-2 h between staging and production"
        );
        let mut unstaged = good_evidence();
        unstaged.staging_deployed_at = None;
        assert_eq!(
            check_release(&unstaged).violations[0].found,
            "no staging deploy time"
        );
        let mut unplanned = good_evidence();
        unplanned.production_deploy_at = None;
        assert_eq!(
            check_release(&unplanned).violations[0].found,
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
        let readiness = check_release(&soak(unmeasured));
        assert_eq!(
            readiness.violations[0].found,
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
        let readiness = check_release(&good_evidence().with_rollback_test(test));
        assert_eq!(readiness.violations.len(), 1);
        assert_eq!(
            readiness.violations[0].found,
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
            .with_rollback(
                RollbackPolicy::STANDARD
                    .with_soak_hours(96)
                    .with_staging_lead_hours(96),
            )
            .unwrap();
        let readiness = policy.check_release(&good_evidence());
        let rules: Vec<RuleId> = readiness.violations.iter().map(|v| v.rule).collect();
        assert_eq!(rules, [RuleId::Rg3]);
        assert!(readiness.policy.custom);
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
        assert!(check_release(&evidence).is_ready());
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
    /// out of order: a verdict or a typed error, never a panic; a verdict
    /// that succeeds holds RB-1 … RB-5.
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
        match verify(&plan(), &run) {
            Ok(verdict) => {
                prop_assert_eq!(verdict.checks.len(), 7);
                if verdict.succeeded {
                    prop_assert!(verdict.checks.iter().take(5).all(|c| c.held));
                }
                let json = serde_json::to_value(&verdict).unwrap();
                prop_assert_eq!(json["succeeded"].as_bool(), Some(verdict.succeeded));
            }
            Err(Error::EmptyRun { .. }) => prop_assert!(run.steps.is_empty()),
            Err(other) => prop_assert!(false, "unexpected {other}"),
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
