//! `decide` against a deliberately naive model of the §3 tree, written
//! independently as a plain table, and the invariants the standard implies,
//! on random contexts and random windows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::{
    Answer, Cause, DecisionWindows, Fix, IncidentContext, Outcome, Policy, Revert, RuleId,
    Severity, decide, decision_table,
};
use proptest::prelude::*;
use std::sync::LazyLock;

/// The published table, built once.
static TABLE: LazyLock<incident_response::DecisionTable> = LazyLock::new(decision_table);

/// The facts the model reads, with the defaults of SPEC §3 filled in.
struct Facts {
    severity: Severity,
    data_loss: bool,
    simple_deploy: bool,
    needs_restore: bool,
    fast_backup: bool,
    good_fix: bool,
}

fn facts(c: &IncidentContext, windows: &DecisionWindows) -> Facts {
    let cause = c.cause.unwrap_or(Cause::Unknown);
    Facts {
        severity: c.severity,
        data_loss: c.data_loss == Some(true),
        simple_deploy: matches!(
            cause,
            Cause::Deployment {
                revert: Revert::Simple
            }
        ),
        needs_restore: matches!(
            cause,
            Cause::DatabaseMigration
                | Cause::Deployment {
                    revert: Revert::Complex
                }
        ),
        fast_backup: matches!(c.backup_restore_minutes, Some(m) if m < windows.backup_restore_minutes),
        good_fix: matches!(c.fix, Some(f) if f.ready && f.simple_and_safe
            && f.estimated_deploy_minutes < windows.fix_deploy_minutes),
    }
}

type Row = (fn(&Facts) -> bool, Outcome);

/// SPEC §3 as a table, first match wins.
const MODEL: &[Row] = &[
    // DT-1 / DT-2 with DT-H: hybrid when the restore cannot finish in time.
    (
        |f| (f.severity == Severity::P1 || f.data_loss) && f.needs_restore && !f.fast_backup,
        Outcome::Hybrid,
    ),
    // DT-1 / DT-2: rollback.
    (
        |f| f.severity == Severity::P1 || f.data_loss,
        Outcome::Rollback,
    ),
    // DT-P4: defer.
    (|f| f.severity == Severity::P4, Outcome::Defer),
    // DT-3: simple deployment.
    (|f| f.simple_deploy, Outcome::Rollback),
    // DT-4: migration or schema change.
    (|f| f.needs_restore && f.fast_backup, Outcome::Rollback),
    (|f| f.needs_restore, Outcome::ForwardFix),
    // DT-5: a fix that qualifies.
    (|f| f.good_fix, Outcome::ForwardFix),
    (|_| true, Outcome::Rollback),
];

fn model(context: &IncidentContext, windows: &DecisionWindows) -> Outcome {
    let f = facts(context, windows);
    MODEL
        .iter()
        .find(|(applies, _)| applies(&f))
        .map(|(_, outcome)| *outcome)
        .unwrap()
}

fn severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::P1),
        Just(Severity::P2),
        Just(Severity::P3),
        Just(Severity::P4)
    ]
}

fn cause() -> impl Strategy<Value = Option<Cause>> {
    prop_oneof![
        Just(None),
        Just(Some(Cause::Unknown)),
        Just(Some(Cause::DatabaseMigration)),
        Just(Some(Cause::Deployment {
            revert: Revert::Simple
        })),
        Just(Some(Cause::Deployment {
            revert: Revert::Complex
        })),
    ]
}

/// Minutes clustered around the 30-minute edges, and anywhere in `u32`.
fn minutes() -> impl Strategy<Value = u32> {
    prop_oneof![0..=60u32, any::<u32>(), Just(29), Just(30), Just(31)]
}

fn fix() -> impl Strategy<Value = Option<Fix>> {
    proptest::option::of(
        (any::<bool>(), minutes(), any::<bool>(), any::<bool>()).prop_map(
            |(ready, estimated_deploy_minutes, simple_and_safe, hot_reload)| Fix {
                ready,
                estimated_deploy_minutes,
                simple_and_safe,
                hot_reload,
            },
        ),
    )
}

prop_compose! {
    fn context()(
        severity in severity(),
        data_loss in proptest::option::of(any::<bool>()),
        cause in cause(),
        backup in proptest::option::of(minutes()),
        fix in fix(),
    ) -> IncidentContext {
        let mut c = IncidentContext::new(severity);
        c.data_loss = data_loss;
        c.cause = cause;
        c.backup_restore_minutes = backup;
        c.fix = fix;
        c
    }
}

fn windows() -> impl Strategy<Value = DecisionWindows> {
    (1..=120u32, 1..=120u32).prop_map(|(backup_restore_minutes, fix_deploy_minutes)| {
        DecisionWindows {
            backup_restore_minutes,
            fix_deploy_minutes,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    /// `decide` agrees with the naive table on every context.
    #[test]
    fn decide_agrees_with_the_naive_model(c in context()) {
        let decision = decide(&c).unwrap();
        prop_assert_eq!(decision.outcome(), model(&c, &DecisionWindows::default()), "{:?}", c);
    }

    /// And under any windows a policy may set.
    #[test]
    fn decide_agrees_with_the_model_under_any_windows(c in context(), w in windows()) {
        let policy = Policy::default().with_decision_windows(w).unwrap();
        prop_assert_eq!(policy.decide(&c).unwrap().outcome(), model(&c, &w));
    }

    /// P1 or data loss never gives a forward fix, and never defers.
    #[test]
    fn p1_or_data_loss_never_fixes_forward_or_defers(c in context()) {
        if c.severity == Severity::P1 || c.data_loss == Some(true) {
            let outcome = decide(&c).unwrap().outcome();
            prop_assert!(matches!(outcome, Outcome::Rollback | Outcome::Hybrid), "{outcome:?}");
        }
    }

    /// P4 without data loss always defers.
    #[test]
    fn p4_without_data_loss_defers(mut c in context()) {
        c.severity = Severity::P4;
        if c.data_loss != Some(true) {
            prop_assert_eq!(decide(&c).unwrap().outcome(), Outcome::Defer);
        }
    }

    /// `hot_reload` is reported but never changes the outcome.
    #[test]
    fn hot_reload_never_changes_the_outcome(c in context()) {
        let mut flipped = c;
        if let Some(fix) = flipped.fix.as_mut() {
            fix.hot_reload = !fix.hot_reload;
        }
        prop_assert_eq!(decide(&c).unwrap().outcome(), decide(&flipped).unwrap().outcome());
    }

    /// The path starts at DT-1 and ends at the deciding rule, asks each rule
    /// at most once and in the order of the tree.
    #[test]
    fn the_path_runs_from_dt_1_to_the_deciding_rule(c in context()) {
        let decision = decide(&c).unwrap();
        let rules: Vec<RuleId> = decision.path().map(|step| step.rule()).collect();
        prop_assert_eq!(rules.first(), Some(&RuleId::Dt1));
        prop_assert_eq!(rules.last(), Some(&decision.deciding_rule()));
        let order = [RuleId::Dt1, RuleId::Dt2, RuleId::DtH, RuleId::DtP4, RuleId::Dt3, RuleId::Dt4, RuleId::Dt5];
        let positions: Vec<usize> = rules
            .iter()
            .map(|r| order.iter().position(|o| o == r).unwrap())
            .collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{rules:?}");
        // Every step before the last answered so that the walk went on.
        for step in decision.path().take(rules.len() - 1) {
            let went_on = match step.rule() {
                RuleId::Dt1 | RuleId::Dt2 => true,
                _ => step.answer() == Answer::No,
            };
            prop_assert!(went_on, "{} answered {}", step.rule(), step.answer());
        }
    }

    /// Same context, same decision: outcome, path, explanation and JSON.
    #[test]
    fn decide_is_deterministic(c in context()) {
        let first = decide(&c).unwrap();
        let second = decide(&c).unwrap();
        prop_assert_eq!(first, second);
        prop_assert_eq!(first.to_string(), second.to_string());
        prop_assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&second).unwrap()
        );
        let through_json: IncidentContext =
            serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        prop_assert_eq!(decide(&through_json).unwrap(), first);
    }

    /// Every decision falls in exactly one row of the published table.
    #[test]
    fn every_decision_is_in_exactly_one_row_of_the_table(c in context()) {
        let decision = decide(&c).unwrap();
        let rows = TABLE.rows().iter().filter(|row| row.contains(&decision)).count();
        prop_assert_eq!(rows, 1);
    }

    /// Each counterfactual, applied, gives the outcome it names.
    #[test]
    fn counterfactuals_are_true(c in context()) {
        let decision = decide(&c).unwrap();
        for counterfactual in decision.counterfactuals() {
            let changed = decide(&counterfactual.change.apply(c)).unwrap();
            prop_assert_eq!(changed.outcome(), counterfactual.outcome);
            prop_assert_ne!(changed.outcome(), decision.outcome());
        }
    }

    /// A decision with no assumption lists none of its steps as assumed,
    /// and its JSON says the same.
    #[test]
    fn assumptions_are_reported_consistently(c in context()) {
        let decision = decide(&c).unwrap();
        let json = serde_json::to_value(decision).unwrap();
        prop_assert_eq!(json["rests_on_assumptions"].as_bool(), Some(decision.rests_on_assumptions()));
        let defaults = json["path"].as_array().unwrap().iter().filter(|s| s["basis"] == "default").count();
        prop_assert_eq!(defaults > 0, decision.rests_on_assumptions());
    }
}

/// Any JSON object at all: either it is not a context, or it decides.
#[test]
fn decide_is_total_over_what_deserializes() {
    let mut runner = proptest::test_runner::TestRunner::default();
    let value = proptest::collection::btree_map(
        prop_oneof![
            Just("severity".to_owned()),
            Just("data_loss".to_owned()),
            Just("cause".to_owned()),
            Just("backup_restore_minutes".to_owned()),
            Just("fix".to_owned()),
            "[a-z_]{1,8}",
        ],
        prop_oneof![
            Just(serde_json::json!("P1")),
            Just(serde_json::json!("P4")),
            Just(serde_json::json!(null)),
            Just(serde_json::json!(true)),
            Just(serde_json::json!({"kind": "database_migration"})),
            Just(
                serde_json::json!({"ready": true, "estimated_deploy_minutes": 29, "simple_and_safe": true})
            ),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            any::<u32>().prop_map(|n| serde_json::json!(n)),
        ],
        0..6,
    );
    runner
        .run(&value, |map| {
            let object = serde_json::Value::Object(map.into_iter().collect());
            if let Ok(context) = serde_json::from_value::<IncidentContext>(object) {
                let decision = decide(&context).unwrap();
                prop_assert!(decision.path().len() >= 2);
            }
            Ok(())
        })
        .unwrap();
}
