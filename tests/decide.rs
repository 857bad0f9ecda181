//! §3 the decision tree through the public API: each DT rule with its
//! 30-minute boundaries at 29, 30 and 31, the explanation, the
//! counterfactuals, the JSON contract and the published decision table.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

mod util;

use incident_response::decision::Answer;
use incident_response::{
    IncidentContext, Outcome, Policy, RuleId, Severity, decide,
    decision::Answer::{No, Yes},
    decision::Basis,
    decision::Cause,
    decision::Change,
    decision_table,
    policy::DecisionWindows,
};
use util::{COMPLEX_DEPLOYMENT, SIMPLE_DEPLOYMENT, decided, fix};

fn ctx(severity: Severity) -> IncidentContext {
    IncidentContext::new(severity)
}

/// DT-1: a P1 is rolled back, whatever else the context says, unless DT-H.
#[test]
fn dt_1_rolls_back_every_p1() {
    assert_eq!(
        decided(ctx(Severity::P1)),
        (
            Outcome::Rollback,
            vec![(RuleId::Dt1, Yes), (RuleId::DtH, No)]
        )
    );
    // A fix ready in 5 minutes does not matter: "don't debug; restore service first".
    let with_fix = ctx(Severity::P1).with_fix(fix(true, 5, true));
    assert_eq!(decided(with_fix).0, Outcome::Rollback);
    let simple = ctx(Severity::P1)
        .with_cause(SIMPLE_DEPLOYMENT)
        .with_data_loss(false);
    assert_eq!(decided(simple).0, Outcome::Rollback);
    // DT-1 asks first and answers no for every other severity.
    for severity in [Severity::P2, Severity::P3, Severity::P4] {
        assert_eq!(decided(ctx(severity)).1[0], (RuleId::Dt1, No), "{severity}");
    }
}

/// DT-2: data loss or corruption is rolled back at any severity, P4 included.
#[test]
fn dt_2_rolls_back_data_loss_at_every_severity() {
    for severity in [Severity::P2, Severity::P3, Severity::P4] {
        let loss = ctx(severity)
            .with_data_loss(true)
            .with_fix(fix(true, 5, true));
        assert_eq!(
            decided(loss),
            (
                Outcome::Rollback,
                vec![(RuleId::Dt1, No), (RuleId::Dt2, Yes), (RuleId::DtH, No)]
            ),
            "{severity}"
        );
    }
    let no_loss = ctx(Severity::P2).with_data_loss(false);
    assert_eq!(decided(no_loss).1[1], (RuleId::Dt2, No));
}

/// DT-H: after DT-1 or DT-2, a migration or complex deployment whose backup
/// cannot be restored in under 30 min gets the hybrid response.
#[test]
fn dt_h_hybrid_when_the_backup_is_too_slow_at_29_30_31() {
    for cause in [Cause::DatabaseMigration, COMPLEX_DEPLOYMENT] {
        for base in [ctx(Severity::P1), ctx(Severity::P3).with_data_loss(true)] {
            let at = |minutes| decided(base.with_cause(cause).with_backup_restore_minutes(minutes));
            let (outcome, path) = at(29);
            assert_eq!(outcome, Outcome::Rollback, "{cause:?} 29");
            assert_eq!(path.last(), Some(&(RuleId::DtH, No)));
            let (outcome, path) = at(30);
            assert_eq!(outcome, Outcome::Hybrid, "{cause:?} 30");
            assert_eq!(path.last(), Some(&(RuleId::DtH, Yes)));
            assert_eq!(at(31).0, Outcome::Hybrid, "{cause:?} 31");
            assert_eq!(
                decided(base.with_cause(cause)).0,
                Outcome::Hybrid,
                "no backup"
            );
        }
    }
    // A simple deployment or an unknown cause needs no backup: plain rollback.
    for cause in [SIMPLE_DEPLOYMENT, Cause::Unknown] {
        let slow = ctx(Severity::P1)
            .with_cause(cause)
            .with_backup_restore_minutes(120);
        assert_eq!(decided(slow).0, Outcome::Rollback);
    }
}

/// DT-P4: a P4 without data loss is deferred, even when a rollback is simple.
#[test]
fn dt_p4_defers_low_severity() {
    assert_eq!(
        decided(ctx(Severity::P4)),
        (
            Outcome::Defer,
            vec![(RuleId::Dt1, No), (RuleId::Dt2, No), (RuleId::DtP4, Yes)]
        )
    );
    let simple = ctx(Severity::P4)
        .with_cause(SIMPLE_DEPLOYMENT)
        .with_fix(fix(false, 90, false));
    assert_eq!(decided(simple).0, Outcome::Defer);
    assert_eq!(
        decide(&ctx(Severity::P4)).unwrap().decide_within_minutes(),
        None
    );
}

/// DT-3: a deployment that is simple to revert is rolled back.
#[test]
fn dt_3_rolls_back_a_simple_deployment() {
    for severity in [Severity::P2, Severity::P3] {
        let simple = ctx(severity)
            .with_cause(SIMPLE_DEPLOYMENT)
            .with_fix(fix(true, 5, true));
        let (outcome, path) = decided(simple);
        assert_eq!(outcome, Outcome::Rollback);
        assert_eq!(path.last(), Some(&(RuleId::Dt3, Yes)));
    }
    // "Complex (schema change): Continue below".
    let complex = ctx(Severity::P2).with_cause(COMPLEX_DEPLOYMENT);
    let (_, path) = decided(complex);
    assert_eq!(path[3], (RuleId::Dt3, No));
    assert_eq!(path[4], (RuleId::Dt4, Yes));
}

/// DT-4: a migration or schema change is rolled back when its backup
/// restores in under 30 min, else fixed forward.
#[test]
fn dt_4_backup_restore_window_at_29_30_31() {
    for cause in [Cause::DatabaseMigration, COMPLEX_DEPLOYMENT] {
        let at = |minutes| {
            decided(
                ctx(Severity::P2)
                    .with_cause(cause)
                    .with_backup_restore_minutes(minutes),
            )
        };
        let (outcome, path) = at(29);
        assert_eq!(outcome, Outcome::Rollback, "{cause:?}");
        assert_eq!(path.last(), Some(&(RuleId::Dt4, Yes)));
        let (outcome, path) = at(30);
        assert_eq!(outcome, Outcome::ForwardFix, "exactly 30 is not under 30");
        assert_eq!(
            path[4..],
            [(RuleId::Dt4, Yes), (RuleId::Dt4, No)],
            "migration, then backup"
        );
        assert_eq!(at(31).0, Outcome::ForwardFix);
        assert_eq!(at(0).0, Outcome::Rollback);
        let no_backup = ctx(Severity::P3).with_cause(cause);
        assert_eq!(decided(no_backup).0, Outcome::ForwardFix);
    }
    let unknown = ctx(Severity::P2)
        .with_cause(Cause::Unknown)
        .with_backup_restore_minutes(5);
    assert_eq!(decided(unknown).1[4], (RuleId::Dt4, No));
}

/// DT-5: a fix that is ready, simple and safe, and deployable in under
/// 30 min goes forward; anything else rolls back.
#[test]
fn dt_5_fix_deploy_window_at_29_30_31() {
    let at = |minutes| decided(ctx(Severity::P2).with_fix(fix(true, minutes, true)));
    let (outcome, path) = at(29);
    assert_eq!(outcome, Outcome::ForwardFix);
    assert_eq!(path.last(), Some(&(RuleId::Dt5, Yes)));
    let (outcome, path) = at(30);
    assert_eq!(outcome, Outcome::Rollback, "exactly 30 is not under 30");
    assert_eq!(path.last(), Some(&(RuleId::Dt5, No)));
    assert_eq!(at(31).0, Outcome::Rollback);

    let not_ready = ctx(Severity::P3).with_fix(fix(false, 5, true));
    assert_eq!(decided(not_ready).0, Outcome::Rollback);
    let unsafe_fix = ctx(Severity::P3).with_fix(fix(true, 5, false));
    assert_eq!(decided(unsafe_fix).0, Outcome::Rollback);
    assert_eq!(
        decided(ctx(Severity::P3)).0,
        Outcome::Rollback,
        "no fix stated"
    );
}

/// DT-5: hot reload is reported (no downtime) and changes nothing.
#[test]
fn dt_5_hot_reload_is_reported_not_decisive() {
    let mut hot = fix(true, 10, true);
    hot.hot_reload = true;
    let decision = decide(&ctx(Severity::P2).with_fix(hot)).unwrap();
    assert_eq!(decision.outcome(), Outcome::ForwardFix);
    let dt5 = decision.path().last().unwrap();
    assert_eq!(
        dt5.finding().to_string(),
        "hotfix ready, simple and safe, deploys in 10 min, under 30; hot reload available (no downtime)"
    );
    let mut slow_hot = hot;
    slow_hot.estimated_deploy_minutes = 45;
    assert_eq!(
        decided(ctx(Severity::P2).with_fix(slow_hot)).0,
        Outcome::Rollback
    );
}

#[test]
fn decision_deadlines_come_from_the_severity() {
    let within = |severity| decide(&ctx(severity)).unwrap().decide_within_minutes();
    assert_eq!(within(Severity::P1), Some(60));
    assert_eq!(within(Severity::P2), Some(240));
    assert_eq!(within(Severity::P3), Some(1440));
    assert_eq!(within(Severity::P4), None);
}

#[test]
fn a_policy_moves_the_windows() {
    let policy = Policy::default()
        .with_decision_windows(
            DecisionWindows::STANDARD
                .with_backup_restore_minutes(45)
                .with_fix_deploy_minutes(15),
        )
        .unwrap();
    let backup = |m| {
        let context = ctx(Severity::P2)
            .with_cause(Cause::DatabaseMigration)
            .with_backup_restore_minutes(m);
        policy.decide(&context).unwrap().outcome()
    };
    assert_eq!(backup(44), Outcome::Rollback);
    assert_eq!(backup(45), Outcome::ForwardFix);
    let fixed = |m| {
        policy
            .decide(&ctx(Severity::P2).with_fix(fix(true, m, true)))
            .unwrap()
            .outcome()
    };
    assert_eq!(fixed(14), Outcome::ForwardFix);
    assert_eq!(fixed(15), Outcome::Rollback);
    let decision = policy
        .decide(&ctx(Severity::P2).with_fix(fix(true, 20, true)))
        .unwrap();
    let question = decision.path().last().unwrap().question().to_string();
    assert!(question.contains("under 15 min"), "{question}");
}

mod explanation {
    use super::*;
    use incident_response::policy::Deadlines;

    /// IN-2 and DT-4 under a custom policy: every number that is the
    /// policy's, not the standard's, says so; the standard's own stay plain.
    #[test]
    fn a_policy_value_is_never_blamed_on_the_standard() {
        let policy = Policy::default()
            .with_deadlines(
                Deadlines::STANDARD
                    .with_decision_minutes(Severity::P2, Some(120))
                    .with_decision_minutes(Severity::P4, Some(1_440)),
            )
            .unwrap()
            .with_decision_windows(DecisionWindows::STANDARD.with_backup_restore_minutes(20))
            .unwrap();
        let headline = |policy: &Policy, context: IncidentContext| {
            let decision = policy.decide(&context).unwrap();
            decision.to_string().lines().next().unwrap().to_owned()
        };
        let p2 = ctx(Severity::P2).with_cause(SIMPLE_DEPLOYMENT);
        assert_eq!(
            headline(&policy, p2),
            "ROLLBACK (P2, decide within 2 h, the policy's deadline, not the standard's 4 h): Use pre-tested rollback script"
        );
        assert_eq!(
            headline(&Policy::default(), p2),
            "ROLLBACK (P2, decide within 4 h): Use pre-tested rollback script"
        );
        let p4_loss = ctx(Severity::P4).with_data_loss(true);
        assert_eq!(
            headline(&Policy::default(), p4_loss),
            "ROLLBACK (P4; the standard sets no decision deadline for P4): Use pre-tested rollback script"
        );
        assert_eq!(
            headline(&policy, p4_loss),
            "ROLLBACK (P4, decide within 24 h, the policy's deadline; the standard sets none): Use pre-tested rollback script"
        );
        assert_eq!(
            headline(&Policy::default(), ctx(Severity::P4)),
            "DEFER (P4, no decision deadline): Fix or defer (no rollback needed)"
        );
        let migration = ctx(Severity::P3).with_cause(Cause::DatabaseMigration);
        let backup_question = |policy: &Policy| {
            let decision = policy.decide(&migration).unwrap();
            decision.path().last().unwrap().question().to_string()
        };
        assert_eq!(
            backup_question(&policy),
            "Can you restore from pre-migration backup in under 20 min, the policy's window, not the standard's 30?"
        );
        assert_eq!(
            backup_question(&Policy::default()),
            "Can you restore from pre-migration backup in under 30 min?"
        );
        let table = policy.decision_table().to_markdown();
        assert!(
            table.ends_with("The windows are the policy's, not the standard's: a backup restoring in under 20 min (the standard's: 30), a fix deploying in under 30 min (the standard's: 30).\n"),
            "{table}"
        );
        assert!(!decision_table().to_markdown().contains("policy"));
    }

    #[test]
    fn each_step_says_whether_it_assumed() {
        let decision = decide(&ctx(Severity::P2)).unwrap();
        let bases: Vec<(RuleId, Basis)> = decision.path().map(|s| (s.rule(), s.basis())).collect();
        assert_eq!(
            bases,
            [
                (RuleId::Dt1, Basis::Context),
                (RuleId::Dt2, Basis::Default),
                (RuleId::DtP4, Basis::Context),
                (RuleId::Dt3, Basis::Default),
                (RuleId::Dt4, Basis::Default),
                (RuleId::Dt5, Basis::Default),
            ]
        );
        assert!(decision.rests_on_assumptions());
        let last = decision.path().last().unwrap();
        assert_eq!(
            last.finding().to_string(),
            "no fix stated; assumed none ready"
        );

        let stated = ctx(Severity::P2)
            .with_data_loss(false)
            .with_cause(Cause::Unknown)
            .with_fix(fix(false, 60, true));
        let decision = decide(&stated).unwrap();
        assert!(decision.path().all(|s| s.basis() == Basis::Context));
        assert!(!decision.rests_on_assumptions());
    }

    #[test]
    fn an_assumed_backup_is_named_in_the_hybrid() {
        let decision = decide(&ctx(Severity::P1).with_cause(Cause::DatabaseMigration)).unwrap();
        let dt_h = decision.path().last().unwrap();
        assert_eq!(dt_h.rule(), RuleId::DtH);
        assert_eq!(dt_h.basis(), Basis::Default);
        assert_eq!(
            dt_h.finding().to_string(),
            "cause is a database migration; backup not stated; assumed no usable backup"
        );
    }

    /// The standard's words for each branch of the tree, written down here
    /// independently of the code: (rule, answer, what the cause is, the rule
    /// asked before) → the quote. `DT-4` is asked twice; the second time,
    /// about the backup.
    fn expected_quote(
        rule: RuleId,
        answer: Answer,
        cause: Option<Cause>,
        previous: Option<RuleId>,
        second_dt_4: bool,
    ) -> &'static str {
        match (rule, answer) {
            (RuleId::Dt1, Yes) => "ROLLBACK (don't debug; restore service first)",
            (RuleId::Dt2, Yes) => "ROLLBACK (prevent further data damage)",
            (RuleId::DtH, Yes) => "HYBRID: Rollback infra + deploy patch simultaneously",
            // No exception: the rollback of the rule that led here stands.
            (RuleId::DtH, No) => match previous {
                Some(RuleId::Dt1) => "ROLLBACK (don't debug; restore service first)",
                Some(RuleId::Dt2) => "ROLLBACK (prevent further data damage)",
                other => panic!("DT-H after {other:?}"),
            },
            (RuleId::DtP4, Yes) => "Decision: Fix or defer (no rollback needed)",
            (RuleId::Dt3, Yes) => "Simple (.jar swap, config change): ROLLBACK",
            (RuleId::Dt3, No) if cause == Some(COMPLEX_DEPLOYMENT) => {
                "Complex (schema change): Continue below"
            }
            (RuleId::Dt4, Yes) if second_dt_4 => "YES, <30 min: ROLLBACK",
            (RuleId::Dt4, No) if second_dt_4 => {
                "NO, >30 min: FORWARD FIX (restore data + patched code)"
            }
            (RuleId::Dt4, Yes) => "YES: Can you restore from pre-migration backup?",
            (RuleId::Dt5, Yes) => "YES: FORWARD FIX",
            (RuleId::Dt5, No) => "NO: ROLLBACK",
            (RuleId::Dt1 | RuleId::Dt2 | RuleId::DtP4 | RuleId::Dt3 | RuleId::Dt4, No) => {
                "NO: Continue"
            }
            (other, _) => panic!("{other} is not a rule of the tree"),
        }
    }

    /// DT-1 … DT-5: every step of every kind of decision quotes the words
    /// of the branch it took, and those words are the standard's.
    #[test]
    fn each_step_quotes_the_branch_it_took() {
        let standard = util::normalize(util::STANDARD_TEXT);
        let mut seen = std::collections::BTreeSet::new();
        for context in util::every_kind_of_context() {
            let decision = decide(&context).unwrap();
            let mut previous = None;
            let mut dt_4_asked = false;
            for step in decision.path() {
                let second_dt_4 = dt_4_asked && step.rule() == RuleId::Dt4;
                let expected = expected_quote(
                    step.rule(),
                    step.answer(),
                    context.cause,
                    previous,
                    second_dt_4,
                );
                assert_eq!(
                    step.quote(),
                    expected,
                    "{} {} in {context:?}",
                    step.rule(),
                    step.answer()
                );
                assert!(
                    standard.contains(&util::normalize(step.quote())),
                    "{}: {}",
                    step.rule(),
                    step.quote()
                );
                seen.insert((step.rule(), step.answer() == Yes, expected));
                dt_4_asked |= step.rule() == RuleId::Dt4;
                previous = Some(step.rule());
            }
            assert!(
                standard.contains(decision.next_action()),
                "{}",
                decision.next_action()
            );
        }
        // DT-1, DT-2, DT-P4 and DT-5 two ways each; DT-H yes, and no after
        // DT-1 or DT-2; DT-3 yes, complex and no; DT-4 two questions, two ways.
        assert_eq!(
            seen.len(),
            18,
            "every branch of the tree is taken: {seen:?}"
        );
    }

    /// DT-4 under a custom window: the quote keeps the standard's words,
    /// the number the answer was measured against stands beside it, and
    /// the decision names the policy and what it changed, in text and JSON.
    #[test]
    fn dt_4_a_decision_under_a_custom_policy_says_so() {
        let policy = Policy::default()
            .with_decision_windows(DecisionWindows::STANDARD.with_backup_restore_minutes(20))
            .unwrap();
        let context = ctx(Severity::P2)
            .with_cause(Cause::DatabaseMigration)
            .with_backup_restore_minutes(25);
        let decision = policy.decide(&context).unwrap();
        assert_eq!(decision.outcome(), Outcome::ForwardFix);
        let backup = decision.path().last().unwrap();
        assert_eq!(
            backup.quote(),
            "NO, >30 min: FORWARD FIX (restore data + patched code)"
        );
        assert_eq!(
            backup.quote_note().unwrap().to_string(),
            "the policy's window is 20 min, not the standard's 30"
        );
        assert_eq!(
            backup.finding().to_string(),
            "backup restores in 25 min, not under the policy's 20"
        );
        let text = decision.to_string();
        assert!(
            text.contains("\"NO, >30 min: FORWARD FIX (restore data + patched code)\" (the policy's window is 20 min, not the standard's 30)"),
            "{text}"
        );
        let applied = format!(
            "  policy applied: custom {:016x} on EATGF-DSS-INC-01 v1.0, with decision.backup_restore_minutes `20` (the standard's `30`)\n",
            policy.fingerprint()
        );
        assert!(text.ends_with(&applied), "{text}");
        let json = serde_json::to_value(decision).unwrap();
        assert_eq!(
            json["policy"],
            serde_json::json!({
                "custom": true,
                "fingerprint": format!("{:016x}", policy.fingerprint()),
                "differences": [{"field": "decision.backup_restore_minutes", "value": 20, "standard": 30}],
                "standard": "EATGF-DSS-INC-01 v1.0",
                "engine": incident_response::ENGINE.to_string(),
            })
        );
        assert_eq!(json["context"], serde_json::to_value(context).unwrap());
        assert_eq!(
            json["path"][5]["quote_note"],
            "the policy's window is 20 min, not the standard's 30"
        );
        assert_eq!(json["path"][4]["quote_note"], serde_json::Value::Null);
        // Under the standard: no note, and the standard named.
        let standard = decide(&context).unwrap();
        assert_eq!(standard.path().last().unwrap().quote_note(), None);
        assert!(
            standard
                .to_string()
                .ends_with("  standard applied: EATGF-DSS-INC-01 v1.0\n")
        );
    }

    /// A custom policy that changes nothing this decision applies is still
    /// named as custom.
    #[test]
    fn a_custom_policy_is_named_even_where_it_changes_nothing_applied() {
        let policy = Policy::default()
            .with_thresholds(
                incident_response::policy::Thresholds::STANDARD.with_p2_latency_ms(3_000),
            )
            .unwrap();
        let decision = policy.decide(&ctx(Severity::P2)).unwrap();
        let applied = decision.applied_policy();
        assert!(applied.custom);
        assert!(applied.differences.is_empty());
        assert_eq!(
            applied.to_string(),
            format!(
                "policy applied: custom {:016x} on EATGF-DSS-INC-01 v1.0, with the standard's values for all this answer applies",
                policy.fingerprint()
            )
        );
        // Two policies that differ elsewhere tell their decisions apart.
        let other = Policy::default()
            .with_watch_windows(
                incident_response::policy::WatchWindows::STANDARD.with_decision_minutes(15),
            )
            .unwrap();
        let other_applied = other.decide(&ctx(Severity::P2)).unwrap().applied_policy();
        assert_eq!(other_applied.differences, applied.differences);
        assert_ne!(other_applied.fingerprint, applied.fingerprint);
    }

    /// DT-4 and DT-5: a finding at exactly the window says "not under",
    /// as the answer does ("<30 min" is strict).
    #[test]
    fn findings_at_the_window_edge() {
        let backup = |minutes| {
            let context = ctx(Severity::P3)
                .with_cause(Cause::DatabaseMigration)
                .with_backup_restore_minutes(minutes);
            let decision = decide(&context).unwrap();
            decision.path().last().unwrap().finding().to_string()
        };
        assert_eq!(backup(29), "backup restores in 29 min, under 30");
        assert_eq!(backup(30), "backup restores in 30 min, not under 30");
        let fix_in = |minutes| {
            let decision = decide(&ctx(Severity::P3).with_fix(fix(true, minutes, true))).unwrap();
            decision.path().last().unwrap().finding().to_string()
        };
        assert_eq!(
            fix_in(29),
            "hotfix ready, simple and safe, deploys in 29 min, under 30"
        );
        assert_eq!(
            fix_in(30),
            "hotfix ready, simple and safe, deploys in 30 min, not under 30"
        );
    }

    /// DT-H: a cause that needs no backup restore is the whole finding; a
    /// backup, stated or not, is not mentioned.
    #[test]
    fn dt_h_mentions_the_backup_only_where_the_rollback_needs_it() {
        for (cause, finding) in [
            (
                SIMPLE_DEPLOYMENT,
                "cause is a deployment with a simple revert",
            ),
            (Cause::Unknown, "cause is unknown"),
        ] {
            let context = ctx(Severity::P1)
                .with_cause(cause)
                .with_backup_restore_minutes(120);
            let decision = decide(&context).unwrap();
            let dt_h = decision.path().last().unwrap();
            assert_eq!(dt_h.rule(), RuleId::DtH);
            assert_eq!(dt_h.finding().to_string(), finding);
        }
        let assumed = decide(&ctx(Severity::P1)).unwrap();
        assert_eq!(
            assumed.path().last().unwrap().finding().to_string(),
            "cause not stated; assumed unknown"
        );
    }

    /// DT-3: "Complex (schema change): Continue below", not the "NO" of a
    /// cause that is no deployment at all.
    #[test]
    fn dt_3_a_complex_deployment_continues_below() {
        let complex = decide(&ctx(Severity::P2).with_cause(COMPLEX_DEPLOYMENT)).unwrap();
        let dt_3 = complex.path().find(|s| s.rule() == RuleId::Dt3).unwrap();
        assert_eq!(dt_3.quote(), "Complex (schema change): Continue below");
        let migration = decide(&ctx(Severity::P2).with_cause(Cause::DatabaseMigration)).unwrap();
        let dt_3 = migration.path().find(|s| s.rule() == RuleId::Dt3).unwrap();
        assert_eq!(dt_3.quote(), "NO: Continue");
    }

    #[test]
    fn the_next_action_is_in_the_standards_words() {
        assert_eq!(
            Outcome::Rollback.next_action(),
            "Use pre-tested rollback script"
        );
        assert_eq!(
            Outcome::ForwardFix.next_action(),
            "Deploy hotfix with priority"
        );
        assert_eq!(
            Outcome::Hybrid.next_action(),
            "Rollback infra + deploy patch simultaneously"
        );
        assert_eq!(
            Outcome::Defer.next_action(),
            "Fix or defer (no rollback needed)"
        );
    }

    #[test]
    fn the_decision_names_the_standard_it_applied() {
        let decision = decide(&ctx(Severity::P3)).unwrap();
        assert_eq!(decision.standard().to_string(), "EATGF-DSS-INC-01 v1.0");
        assert!(
            decision
                .to_string()
                .ends_with("standard applied: EATGF-DSS-INC-01 v1.0\n")
        );
    }
}

mod counterfactuals {
    use super::*;

    #[test]
    fn a_hybrid_would_be_a_rollback_with_a_fast_backup() {
        let context = ctx(Severity::P1).with_cause(Cause::DatabaseMigration);
        let decision = decide(&context).unwrap();
        let flips = decision.counterfactuals();
        let backup = flips
            .iter()
            .find(|c| c.change.field() == "backup_restore_minutes")
            .unwrap();
        assert_eq!(backup.change, Change::BackupRestoreMinutes(Some(29)));
        assert_eq!(backup.outcome, Outcome::Rollback);
        assert_eq!(
            backup.to_string(),
            "ROLLBACK if the backup restored in 29 min"
        );
    }

    #[test]
    fn a_default_rollback_names_the_fix_that_would_go_forward() {
        let decision = decide(&ctx(Severity::P2)).unwrap();
        let fix_change = decision
            .counterfactuals()
            .into_iter()
            .find(|c| c.change.field() == "fix")
            .unwrap();
        assert_eq!(fix_change.change, Change::Fix(fix(true, 29, true)));
        assert_eq!(fix_change.outcome, Outcome::ForwardFix);
    }

    #[test]
    fn the_nearest_severity_comes_first() {
        let context = ctx(Severity::P3).with_fix(fix(true, 10, true));
        let decision = decide(&context).unwrap();
        let severities: Vec<Change> = decision
            .counterfactuals()
            .into_iter()
            .filter(|c| c.change.field() == "severity")
            .map(|c| c.change)
            .collect();
        // P2 gives the same forward fix and P4 defers; P1, two levels away,
        // is not a plausible re-classification and is not offered.
        assert_eq!(severities, [Change::Severity(Severity::P4)]);
    }

    #[test]
    fn every_counterfactual_flips_the_outcome_it_names() {
        for row in decision_table().rows() {
            let decision = decide(row.example()).unwrap();
            for counterfactual in decision.counterfactuals() {
                let changed = decide(&counterfactual.change.apply(*row.example())).unwrap();
                assert_eq!(
                    changed.outcome(),
                    counterfactual.outcome,
                    "{counterfactual}"
                );
                assert_ne!(changed.outcome(), decision.outcome());
            }
        }
    }

    #[test]
    fn a_fix_failing_twice_is_offered_whole() {
        let decision = decide(&ctx(Severity::P2).with_fix(fix(false, 45, true))).unwrap();
        let flips = decision.counterfactuals();
        let whole = flips.iter().find(|c| c.change.field() == "fix").unwrap();
        assert_eq!(whole.change, Change::Fix(fix(true, 29, true)));
        assert_eq!(whole.outcome, Outcome::ForwardFix);
        assert!(
            flips.iter().all(|c| c.change.field() != "fix.ready"),
            "{flips:?}"
        );
    }

    #[test]
    fn a_counterfactual_names_the_defaults_it_brings_in() {
        let decision = decide(&ctx(Severity::P2).with_cause(SIMPLE_DEPLOYMENT)).unwrap();
        let migration = decision
            .counterfactuals()
            .into_iter()
            .find(|c| c.change == Change::Cause(Cause::DatabaseMigration))
            .unwrap();
        assert_eq!(migration.outcome, Outcome::ForwardFix);
        assert_eq!(
            migration.assuming,
            [incident_response::decision::Assumption::NoUsableBackup]
        );
        assert_eq!(
            migration.to_string(),
            "FORWARD FIX if the cause were a database migration, assuming no usable backup"
        );
    }

    /// DT-5: a ready, safe fix at exactly 30 minutes is one minute from
    /// going forward.
    #[test]
    fn a_fix_at_exactly_the_window_is_offered_one_minute_less() {
        let decision = decide(&ctx(Severity::P2).with_fix(fix(true, 30, true))).unwrap();
        assert_eq!(decision.outcome(), Outcome::Rollback);
        let change = decision
            .counterfactuals()
            .into_iter()
            .find(|c| c.change.field() == "fix.estimated_deploy_minutes")
            .unwrap();
        assert_eq!(change.change, Change::FixEstimatedDeployMinutes(29));
        assert_eq!(
            change.to_string(),
            "FORWARD FIX if the fix deployed in 29 min"
        );
    }

    /// DT-5: a fix offered whole keeps its hot reload, which never changes
    /// the outcome.
    #[test]
    fn a_whole_fix_keeps_its_hot_reload() {
        let mut hot = fix(false, 45, true);
        hot.hot_reload = true;
        let decision = decide(&ctx(Severity::P2).with_fix(hot)).unwrap();
        let whole = decision
            .counterfactuals()
            .into_iter()
            .find(|c| c.change.field() == "fix")
            .unwrap();
        let mut expected = fix(true, 29, true);
        expected.hot_reload = true;
        assert_eq!(whole.change, Change::Fix(expected));
    }

    #[test]
    fn a_fix_deploy_estimate_across_the_window() {
        let decision = decide(&ctx(Severity::P2).with_fix(fix(true, 45, true))).unwrap();
        let change = decision
            .counterfactuals()
            .into_iter()
            .find(|c| c.change.field() == "fix.estimated_deploy_minutes")
            .unwrap();
        assert_eq!(change.change, Change::FixEstimatedDeployMinutes(29));
        assert_eq!(change.outcome, Outcome::ForwardFix);
    }
}

mod json {
    use super::*;
    use incident_response::decision::Revert;
    use serde_json::json;

    #[test]
    fn only_severity_is_required() {
        let context: IncidentContext = serde_json::from_value(json!({"severity": "P3"})).unwrap();
        assert_eq!(context, IncidentContext::new(Severity::P3));
        let err = serde_json::from_value::<IncidentContext>(json!({})).unwrap_err();
        assert!(
            err.to_string().starts_with("missing field `severity`"),
            "{err}"
        );
    }

    #[test]
    fn every_field_of_the_contract() {
        let context: IncidentContext = serde_json::from_value(json!({
            "severity": "P2",
            "data_loss": false,
            "cause": {"kind": "deployment", "revert": "complex"},
            "backup_restore_minutes": 20,
            "fix": {"ready": true, "estimated_deploy_minutes": 10, "simple_and_safe": true, "hot_reload": true},
        }))
        .unwrap();
        assert_eq!(context.data_loss, Some(false));
        assert_eq!(
            context.cause,
            Some(Cause::Deployment {
                revert: Revert::Complex
            })
        );
        assert_eq!(context.backup_restore_minutes, Some(Some(20)));
        assert!(context.fix.unwrap().unwrap().hot_reload);
        for (cause, expected) in [
            (
                json!({"kind": "deployment", "revert": "simple"}),
                SIMPLE_DEPLOYMENT,
            ),
            (
                json!({"kind": "database_migration"}),
                Cause::DatabaseMigration,
            ),
            (json!({"kind": "unknown"}), Cause::Unknown),
        ] {
            let context: IncidentContext =
                serde_json::from_value(json!({"severity": "P2", "cause": cause})).unwrap();
            assert_eq!(context.cause, Some(expected));
        }
    }

    /// Absent is not stated; `null` for the backup and the fix states
    /// that there is none.
    #[test]
    fn null_states_no_backup_and_no_fix() {
        let context: IncidentContext = serde_json::from_value(json!({
            "severity": "P2", "data_loss": null, "cause": null, "backup_restore_minutes": null, "fix": null,
        }))
        .unwrap();
        assert_eq!(
            context,
            IncidentContext::new(Severity::P2)
                .with_no_usable_backup()
                .with_no_fix()
        );
        let absent: IncidentContext = serde_json::from_value(json!({"severity": "P2"})).unwrap();
        assert_eq!(absent.backup_restore_minutes, None);
        assert_eq!(absent.fix, None);
        // And they serialize back the way they came.
        assert_eq!(
            serde_json::to_value(context).unwrap(),
            json!({"severity": "P2", "backup_restore_minutes": null, "fix": null})
        );
        assert_eq!(
            serde_json::to_value(absent).unwrap(),
            json!({"severity": "P2"})
        );
    }

    #[test]
    fn an_explicit_null_is_a_fact_not_an_assumption() {
        let stated = ctx(Severity::P2)
            .with_data_loss(false)
            .with_cause(Cause::Unknown)
            .with_no_fix();
        let decision = decide(&stated).unwrap();
        let last = decision.path().last().unwrap();
        assert_eq!((last.rule(), last.basis()), (RuleId::Dt5, Basis::Context));
        assert_eq!(last.finding().to_string(), "no fix");
        let backup = ctx(Severity::P3)
            .with_data_loss(false)
            .with_cause(Cause::DatabaseMigration)
            .with_no_usable_backup();
        let decision = decide(&backup).unwrap();
        assert_eq!(decision.outcome(), Outcome::ForwardFix);
        let last = decision.path().last().unwrap();
        assert_eq!((last.rule(), last.basis()), (RuleId::Dt4, Basis::Context));
        assert_eq!(last.finding().to_string(), "no usable backup");
        assert!(!decision.rests_on_assumptions());
    }

    #[test]
    fn malformed_contexts_are_refused() {
        let refuse = |value: serde_json::Value| {
            serde_json::from_value::<IncidentContext>(value)
                .unwrap_err()
                .to_string()
        };
        assert!(
            refuse(json!({"severity": "P2", "data_los": true}))
                .starts_with("unknown field `data_los`")
        );
        assert!(refuse(json!({"severity": "P5"})).contains("P5"));
        assert!(
            refuse(json!({"severity": "P2", "cause": {"kind": "deployment"}})).contains("revert")
        );
        assert!(
            refuse(json!({"severity": "P2", "cause": {"kind": "cosmic_rays"}}))
                .contains("cosmic_rays")
        );
        let stray_revert =
            json!({"severity": "P2", "cause": {"kind": "database_migration", "revert": "simple"}});
        assert!(
            refuse(stray_revert).contains("`revert` is only for a cause of `kind` `deployment`")
        );
        let stray_field =
            json!({"severity": "P2", "cause": {"kind": "unknown", "why": "cosmic rays"}});
        assert!(refuse(stray_field).starts_with("unknown field `why`"));
        let partial_fix =
            json!({"severity": "P2", "fix": {"ready": true, "estimated_deploy_minutes": 5}});
        assert!(
            refuse(partial_fix).contains("simple_and_safe"),
            "a fix is stated whole"
        );
        assert!(refuse(json!({"severity": "P2", "backup_restore_minutes": -1})).contains("-1"));
    }

    #[test]
    fn the_decision_contract() {
        let context = ctx(Severity::P2)
            .with_data_loss(false)
            .with_cause(SIMPLE_DEPLOYMENT);
        let json = serde_json::to_value(decide(&context).unwrap()).unwrap();
        assert_eq!(json["outcome"], "rollback");
        assert_eq!(json["severity"], "P2");
        assert_eq!(json["decide_within_minutes"], 240);
        assert_eq!(json["deciding_rule"], "DT-3");
        assert_eq!(json["next_action"], "Use pre-tested rollback script");
        assert_eq!(json["standard"], "EATGF-DSS-INC-01 v1.0");
        let ids = util::ids(&json, "path");
        assert_eq!(ids, ["DT-1", "DT-2", "DT-P4", "DT-3"]);
        let last = &json["path"][3];
        assert_eq!(last["answer"], "yes");
        assert_eq!(last["basis"], "context");
        assert_eq!(last["quote"], "Simple (.jar swap, config change): ROLLBACK");
        assert_eq!(
            last["question"],
            "Is the issue in the DEPLOYMENT, and is the deployment simple to revert?"
        );
        let p4 = serde_json::to_value(decide(&ctx(Severity::P4)).unwrap()).unwrap();
        assert_eq!(p4["outcome"], "defer");
        assert_eq!(p4["decide_within_minutes"], serde_json::Value::Null);
    }

    #[test]
    fn outcomes_print_and_parse_as_in_json() {
        for outcome in Outcome::ALL {
            assert_eq!(
                serde_json::to_value(outcome).unwrap(),
                json!(outcome.to_string())
            );
            assert_eq!(outcome.to_string().parse::<Outcome>().unwrap(), outcome);
        }
        insta::assert_snapshot!(
            "ROLLBACK".parse::<Outcome>().unwrap_err(),
            @"outcome `ROLLBACK` is not one of rollback, forward_fix, hybrid, defer"
        );
    }
}

mod table {
    use super::*;

    #[test]
    fn ten_paths_with_the_outcomes_of_the_standard() {
        let table = decision_table();
        let outcomes: Vec<Outcome> = table.rows().iter().map(|row| row.outcome()).collect();
        use Outcome::{Defer, ForwardFix, Hybrid, Rollback};
        assert_eq!(
            outcomes,
            [
                Hybrid, Rollback, Hybrid, Rollback, Defer, Rollback, Rollback, ForwardFix,
                ForwardFix, Rollback
            ]
        );
        for row in table.rows() {
            let decision = decide(row.example()).unwrap();
            assert!(row.contains(&decision));
            assert_eq!(table.row_of(&decision), Some(row));
            assert_eq!(
                row.path().next().unwrap().0,
                RuleId::Dt1,
                "every path starts at DT-1"
            );
            let path: Vec<(RuleId, Answer)> = row.path().collect();
            let deciding = match path.as_slice() {
                [.., (before, _), (RuleId::DtH, Answer::No)] => *before,
                [.., (last, _)] => *last,
                [] => unreachable!("every path starts at DT-1"),
            };
            assert_eq!(
                decision.deciding_rule(),
                deciding,
                "and ends at the deciding rule, or one after it: a DT-H that answered no"
            );
        }
    }

    /// DT-H, DT-5: in JSON, each step of a row says which contexts give its
    /// answer, with the policy's windows in the words.
    #[test]
    fn dt_h_and_dt_5_the_json_of_a_row_says_when() {
        let policy = Policy::default()
            .with_decision_windows(
                DecisionWindows::STANDARD
                    .with_backup_restore_minutes(20)
                    .with_fix_deploy_minutes(15),
            )
            .unwrap();
        let json = serde_json::to_value(policy.decision_table()).unwrap();
        let when = |row: usize| -> Vec<String> {
            json["rows"][row]["path"]
                .as_array()
                .unwrap()
                .iter()
                .map(|step| format!("{} {}: {}", step["rule"], step["answer"], step["when"]))
                .map(|line| line.replace('"', ""))
                .collect()
        };
        assert_eq!(
            when(0),
            [
                "DT-1 yes: severity is P1",
                "DT-H yes: cause is a database migration or complex deployment with no backup restoring in under 20 min",
            ]
        );
        assert_eq!(
            when(8).last().map(String::as_str),
            Some("DT-5 yes: a fix is ready, simple and safe, and deploys in under 15 min")
        );
    }

    /// Each row's example is the simplest context on its path: what a
    /// reviewer tries first.
    #[test]
    fn each_row_has_the_simplest_example() {
        let examples: Vec<String> = decision_table()
            .rows()
            .iter()
            .map(|row| serde_json::to_string(row.example()).unwrap())
            .collect();
        insta::assert_snapshot!(examples.join("\n"), @r#"
        {"severity":"P1","cause":{"kind":"database_migration"}}
        {"severity":"P1"}
        {"severity":"P2","data_loss":true,"cause":{"kind":"database_migration"}}
        {"severity":"P2","data_loss":true}
        {"severity":"P4"}
        {"severity":"P2","cause":{"kind":"deployment","revert":"simple"}}
        {"severity":"P2","cause":{"kind":"database_migration"},"backup_restore_minutes":29}
        {"severity":"P2","cause":{"kind":"database_migration"}}
        {"severity":"P2","fix":{"ready":true,"estimated_deploy_minutes":29,"simple_and_safe":true,"hot_reload":false}}
        {"severity":"P2"}
        "#);
    }

    /// The explanation the README's quick start shows is the one it prints.
    #[test]
    fn the_readme_shows_the_real_explanation() {
        let readme = include_str!("../README.md");
        let start = "prints the explanation to paste into the incident channel:\n\n```text\n";
        let from = readme.find(start).expect("README lost its explanation") + start.len();
        let to = readme[from..].find("```").unwrap() + from;
        let context = IncidentContext::new(Severity::P2)
            .with_data_loss(false)
            .with_cause(SIMPLE_DEPLOYMENT);
        assert_eq!(readme[from..to], decide(&context).unwrap().to_string());
    }

    /// The table published in the README is the one the code generates.
    #[test]
    fn the_readme_publishes_the_generated_table() {
        let readme = include_str!("../README.md");
        let start = "<!-- decision-table:start -->\n";
        let end = "<!-- decision-table:end -->";
        let from = readme
            .find(start)
            .expect("README has no decision-table markers")
            + start.len();
        let to = readme[from..]
            .find(end)
            .expect("unterminated decision table")
            + from;
        let generated = decision_table().to_markdown();
        assert!(
            readme[from..to] == generated,
            "the README's decision table is out of date; replace it with:\n\n{generated}"
        );
    }
}

/// DT-3: the brief of a decision, in JSON and in words.
#[test]
fn dt_3_a_decision_in_brief() {
    let context = IncidentContext::new(Severity::P2).with_cause(SIMPLE_DEPLOYMENT);
    let brief = decide(&context).unwrap().brief();
    assert_eq!(
        brief.to_string(),
        "ROLLBACK (DT-3): Use pre-tested rollback script"
    );
    assert_eq!(
        serde_json::to_value(brief).unwrap(),
        serde_json::json!({
            "outcome": "rollback", "deciding_rule": "DT-3",
            "next_action": "Use pre-tested rollback script",
            "decide_within_minutes": 240, "fingerprint": "1de47ddf74e8e269",
        })
    );
}
