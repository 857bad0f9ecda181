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
    IncidentContext, Outcome, Policy, RuleId, Severity, decide, decision::Answer, decision::Cause,
    decision::Fix, decision::Revert, decision_table, policy::DecisionWindows,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::sync::LazyLock;

/// The published table, built once.
static TABLE: LazyLock<incident_response::DecisionTable> = LazyLock::new(decision_table);

/// The facts the model reads, with the defaults of §3 filled in (not
/// stated: no data loss, unknown cause, no usable backup, no fix).
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
        fast_backup: matches!(c.backup_restore_minutes, Some(Some(m)) if m < windows.backup_restore_minutes),
        good_fix: matches!(c.fix, Some(Some(f)) if f.ready && f.simple_and_safe
            && f.estimated_deploy_minutes < windows.fix_deploy_minutes),
    }
}

type Row = (fn(&Facts) -> bool, Outcome);

/// The tree of §3 (`docs/rules.md`) as a table, first match wins.
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

/// Not stated, stated as `null`, or stated.
fn stated<T: std::fmt::Debug + Clone>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<Option<T>>> {
    proptest::option::of(proptest::option::of(value))
}

fn fix() -> impl Strategy<Value = Fix> {
    (any::<bool>(), minutes(), any::<bool>(), any::<bool>()).prop_map(
        |(ready, estimated_deploy_minutes, simple_and_safe, hot_reload)| {
            Fix::new(estimated_deploy_minutes)
                .with_ready(ready)
                .with_simple_and_safe(simple_and_safe)
                .with_hot_reload(hot_reload)
        },
    )
}

prop_compose! {
    fn context()(
        severity in severity(),
        data_loss in proptest::option::of(any::<bool>()),
        cause in cause(),
        backup in stated(minutes()),
        fix in stated(fix()),
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
        DecisionWindows::STANDARD
            .with_backup_restore_minutes(backup_restore_minutes)
            .with_fix_deploy_minutes(fix_deploy_minutes)
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
        if let Some(Some(fix)) = flipped.fix.as_mut() {
            fix.hot_reload = !fix.hot_reload;
        }
        prop_assert_eq!(decide(&c).unwrap().outcome(), decide(&flipped).unwrap().outcome());
    }

    /// The path follows the tree of §3 step by step: each answer leads to
    /// the next question asked, and the last answer to the outcome.
    #[test]
    fn the_path_follows_the_tree_from_dt_1_to_the_outcome(c in context()) {
        follows_the_tree(&decide(&c).unwrap())?;
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

    /// Whenever one input alone can flip the outcome to X (a severity one
    /// level away, or any other field), the counterfactuals name some change
    /// to that input that gives X; and no severity further away.
    #[test]
    fn counterfactuals_are_complete(c in context()) {
        let decision = decide(&c).unwrap();
        let named = decision.counterfactuals();
        for (field, changed) in every_single_change(&c) {
            if (changed.severity as i8 - c.severity as i8).abs() > 1 {
                continue;
            }
            let outcome = decide(&changed).unwrap().outcome();
            if outcome == decision.outcome() {
                continue;
            }
            prop_assert!(
                named.iter().any(|n| input(n.change.field()) == field && n.outcome == outcome),
                "{:?} gives {:?}, but the counterfactuals of {:?} name no change to {} that does: {:?}",
                changed, outcome, c, field, named
            );
        }
        for n in &named {
            if let incident_response::decision::Change::Severity(s) = n.change {
                prop_assert_eq!((s as i8 - c.severity as i8).abs(), 1);
            }
        }
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

/// Checks that a decision's path walks the tree of §3 from `DT-1`, each
/// answer leading to the next question, and the last one to the outcome
/// and the deciding rule.
fn follows_the_tree(decision: &incident_response::Decision) -> Result<(), TestCaseError> {
    let steps: Vec<(RuleId, Answer)> = decision.path().map(|s| (s.rule(), s.answer())).collect();
    prop_assert_eq!(steps.first().map(|s| s.0), Some(RuleId::Dt1));
    let mut expected = Next::Ask(Asked::Dt1);
    let mut dt_4_asked = false;
    for &(rule, answer) in &steps {
        let asked = match (rule, dt_4_asked) {
            (RuleId::Dt4, true) => Asked::Dt4Backup,
            _ => Asked::of(rule),
        };
        dt_4_asked |= rule == RuleId::Dt4;
        prop_assert_eq!(expected, Next::Ask(asked), "{:?}", steps);
        expected = tree(asked, answer == Answer::Yes);
    }
    prop_assert_eq!(expected, Next::Decide(decision.outcome()), "{:?}", steps);
    // The deciding rule is the last asked, but for a DT-H that answered
    // no: the rollback is the rule's that asked it.
    let deciding = match steps.as_slice() {
        [.., (before, _), (RuleId::DtH, Answer::No)] => *before,
        [.., (last, _)] => *last,
        [] => RuleId::Dt1,
    };
    prop_assert_eq!(deciding, decision.deciding_rule(), "{:?}", steps);
    Ok(())
}

/// A question of §3, as a test writes it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    Dt1,
    Dt2,
    DtH,
    DtP4,
    Dt3,
    Dt4Migration,
    Dt4Backup,
    Dt5,
}

impl Asked {
    fn of(rule: RuleId) -> Asked {
        match rule {
            RuleId::Dt1 => Asked::Dt1,
            RuleId::Dt2 => Asked::Dt2,
            RuleId::DtH => Asked::DtH,
            RuleId::DtP4 => Asked::DtP4,
            RuleId::Dt3 => Asked::Dt3,
            RuleId::Dt4 => Asked::Dt4Migration,
            RuleId::Dt5 => Asked::Dt5,
            other => panic!("{other} is not a rule of the decision tree"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Ask(Asked),
    Decide(Outcome),
}

/// The tree of §3 as transitions: what a yes or a no to each
/// question leads to.
fn tree(asked: Asked, yes: bool) -> Next {
    use Next::{Ask, Decide};
    match (asked, yes) {
        (Asked::Dt1, true) => Ask(Asked::DtH),
        (Asked::Dt1, false) => Ask(Asked::Dt2),
        (Asked::Dt2, true) => Ask(Asked::DtH),
        (Asked::Dt2, false) => Ask(Asked::DtP4),
        (Asked::DtH, true) => Decide(Outcome::Hybrid),
        (Asked::DtH, false) => Decide(Outcome::Rollback),
        (Asked::DtP4, true) => Decide(Outcome::Defer),
        (Asked::DtP4, false) => Ask(Asked::Dt3),
        (Asked::Dt3, true) => Decide(Outcome::Rollback),
        (Asked::Dt3, false) => Ask(Asked::Dt4Migration),
        (Asked::Dt4Migration, true) => Ask(Asked::Dt4Backup),
        (Asked::Dt4Migration, false) => Ask(Asked::Dt5),
        (Asked::Dt4Backup, true) => Decide(Outcome::Rollback),
        (Asked::Dt4Backup, false) => Decide(Outcome::ForwardFix),
        (Asked::Dt5, true) => Decide(Outcome::ForwardFix),
        (Asked::Dt5, false) => Decide(Outcome::Rollback),
    }
}

/// Every single-field change a responder could make, by brute force: each
/// severity, data loss either way, each cause, backups and fixes around the
/// window edges, each combination of fix criteria, and no fix.
fn every_single_change(c: &IncidentContext) -> Vec<(&'static str, IncidentContext)> {
    let mut changed = Vec::new();
    let mut with = |input: &'static str, change: &dyn Fn(&mut IncidentContext)| {
        let mut next = *c;
        change(&mut next);
        changed.push((input, next));
    };
    for severity in [Severity::P1, Severity::P2, Severity::P3, Severity::P4] {
        with("severity", &|n| n.severity = severity);
    }
    for loss in [false, true] {
        with("data_loss", &|n| n.data_loss = Some(loss));
    }
    for cause in [
        Cause::Unknown,
        Cause::DatabaseMigration,
        Cause::Deployment {
            revert: Revert::Simple,
        },
        Cause::Deployment {
            revert: Revert::Complex,
        },
    ] {
        with("cause", &|n| n.cause = Some(cause));
    }
    for backup in [None, Some(0), Some(29), Some(30), Some(31), Some(600)] {
        with("backup_restore_minutes", &|n| {
            n.backup_restore_minutes = Some(backup)
        });
    }
    for minutes in [0, 29, 30, 31, 600] {
        for (ready, safe) in [(true, true), (true, false), (false, true), (false, false)] {
            let fix = Fix::new(minutes)
                .with_ready(ready)
                .with_simple_and_safe(safe);
            with("fix", &|n| n.fix = Some(Some(fix)));
        }
    }
    with("fix", &|n| n.fix = Some(None));
    changed
}

/// The input a counterfactual's field belongs to: `fix.ready` is the fix.
fn input(field: &str) -> &str {
    field.split('.').next().unwrap_or(field)
}

/// Any JSON object at all: either it is not a context, or it decides as
/// the naive model does, along a path that follows the tree.
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
                prop_assert_eq!(
                    decision.outcome(),
                    model(&context, &DecisionWindows::default()),
                    "{:?}",
                    context
                );
                follows_the_tree(&decision)?;
            }
            Ok(())
        })
        .unwrap();
}
