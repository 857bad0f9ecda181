//! §2 Phase 5, the post-deploy watch: each PD rule with its boundaries,
//! exactly 30 minutes included, and the impossible timelines refused.

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
    Deployment, Error, FirstError, Outcome, Policy, RuleId, Severity, TakenDecision, Trigger,
    WatchState, WatchWindows, watch,
};
use util::feb16;

const DEPLOYED: (u32, u32) = (9, 0);

fn at(minutes_after_deploy: i64) -> DateTime<Utc> {
    feb16(DEPLOYED.0, DEPLOYED.1, 0) + TimeDelta::minutes(minutes_after_deploy)
}

fn deployment() -> Deployment {
    Deployment::new(at(0))
}

fn with_error(minute: i64, severity: Severity) -> Deployment {
    let mut d = deployment();
    d.first_error = Some(FirstError {
        at: at(minute),
        severity,
    });
    d
}

fn with_decision(mut d: Deployment, minute: i64, outcome: Outcome) -> Deployment {
    d.decision = Some(TakenDecision {
        outcome,
        at: at(minute),
    });
    d
}

/// PD-1: no errors within 30 minutes: the release is successful.
#[test]
fn pd_1_successful_after_thirty_error_free_minutes() {
    let d = deployment();
    assert_eq!(
        watch(&d, at(0)).unwrap(),
        WatchState::Watching { until: at(30) }
    );
    assert_eq!(
        watch(&d, at(29)).unwrap(),
        WatchState::Watching { until: at(30) }
    );
    let just_before = at(30) - TimeDelta::seconds(1);
    assert_eq!(
        watch(&d, just_before).unwrap(),
        WatchState::Watching { until: at(30) }
    );
    assert_eq!(
        watch(&d, at(30)).unwrap(),
        WatchState::Successful { since: at(30) }
    );
    assert_eq!(
        watch(&d, at(31)).unwrap(),
        WatchState::Successful { since: at(30) }
    );
    assert_eq!(watch(&d, at(31)).unwrap().rule(), RuleId::Pd1);
}

/// PD-1: an error at exactly 30 minutes is "within 30 minutes". An error
/// recorded later still counts: the release was successful until then, and
/// the error needs its decision (PD-2), or rolls back at once if P1 (PD-4).
#[test]
fn pd_1_errors_at_and_after_minute_thirty_still_count() {
    let at_thirty = with_error(30, Severity::P2);
    assert_eq!(
        watch(&at_thirty, at(31)).unwrap(),
        WatchState::DecisionRequired {
            error_at: at(30),
            by: at(60)
        }
    );
    let later = with_error(45, Severity::P3);
    assert_eq!(
        watch(&later, at(50)).unwrap(),
        WatchState::DecisionRequired {
            error_at: at(45),
            by: at(75)
        }
    );
    let p1_later = with_decision(with_error(31, Severity::P1), 33, Outcome::Rollback);
    assert_eq!(
        watch(&p1_later, at(40)).unwrap(),
        WatchState::AutomaticRollback {
            since: at(31),
            trigger: Trigger::P1Error
        }
    );
}

/// PD-2: errors detected: a decision is due 30 minutes after the first.
#[test]
fn pd_2_decision_due_thirty_minutes_after_the_first_error() {
    let d = with_error(10, Severity::P2);
    let required = WatchState::DecisionRequired {
        error_at: at(10),
        by: at(40),
    };
    assert_eq!(watch(&d, at(10)).unwrap(), required);
    assert_eq!(watch(&d, at(39)).unwrap(), required);
    assert_eq!(watch(&d, at(39)).unwrap().rule(), RuleId::Pd2);
}

/// PD-2: a decision at or before the deadline is on time; after it, late.
#[test]
fn pd_2_decisions_on_time_at_29_and_30_late_at_31() {
    let d = with_error(10, Severity::P3);
    for (minute, on_time) in [(39, true), (40, true), (41, false)] {
        let decided = with_decision(d, minute, Outcome::ForwardFix);
        let state = watch(&decided, at(45)).unwrap();
        assert_eq!(
            state,
            WatchState::Decided {
                outcome: Outcome::ForwardFix,
                at: at(minute),
                due: at(40),
                on_time,
            },
            "decided {} min after the error",
            minute - 10
        );
        let rule = if on_time { RuleId::Pd2 } else { RuleId::Pd3 };
        assert_eq!(state.rule(), rule);
    }
}

/// PD-3: no decision by 30 minutes after the first error: rollback automatic.
#[test]
fn pd_3_rollback_automatic_at_thirty_minutes_without_a_decision() {
    let d = with_error(10, Severity::P2);
    assert!(matches!(
        watch(&d, at(39)).unwrap(),
        WatchState::DecisionRequired { .. }
    ));
    let timeout = WatchState::AutomaticRollback {
        since: at(40),
        trigger: Trigger::DecisionTimeout,
    };
    assert_eq!(watch(&d, at(40)).unwrap(), timeout);
    assert_eq!(watch(&d, at(41)).unwrap(), timeout);
    assert_eq!(timeout.rule(), RuleId::Pd3);
}

/// PD-4: a P1 error at exactly minute 30 of the watch rolls back at once.
#[test]
fn pd_4_at_minute_thirty() {
    let d = with_error(30, Severity::P1);
    let automatic = WatchState::AutomaticRollback {
        since: at(30),
        trigger: Trigger::P1Error,
    };
    assert_eq!(watch(&d, at(30)).unwrap(), automatic);
    assert_eq!(watch(&d, at(30)).unwrap().rule(), RuleId::Pd4);
}

/// DT-P4 in the watch: a P4 error needs no rollback, so no decision clock
/// runs and no automatic rollback comes; a decision recorded anyway is
/// reported as usual.
#[test]
fn p4_errors_need_no_rollback() {
    let d = with_error(10, Severity::P4);
    let deferred = WatchState::NoRollbackNeeded { error_at: at(10) };
    assert_eq!(watch(&d, at(11)).unwrap(), deferred);
    assert_eq!(
        watch(&d, at(300)).unwrap(),
        deferred,
        "never an automatic rollback"
    );
    assert_eq!(deferred.rule(), RuleId::DtP4);
    let decided = with_decision(d, 20, Outcome::Defer);
    assert_eq!(
        watch(&decided, at(25)).unwrap(),
        WatchState::Decided {
            outcome: Outcome::Defer,
            at: at(20),
            due: at(40),
            on_time: true
        }
    );
}

/// PD-4: errors classified P1 roll back at once, decision or not.
#[test]
fn pd_4_p1_errors_roll_back_at_once() {
    let d = with_error(12, Severity::P1);
    let automatic = WatchState::AutomaticRollback {
        since: at(12),
        trigger: Trigger::P1Error,
    };
    assert_eq!(watch(&d, at(12)).unwrap(), automatic);
    assert_eq!(watch(&d, at(13)).unwrap(), automatic);
    let decided = with_decision(d, 15, Outcome::ForwardFix);
    assert_eq!(watch(&decided, at(20)).unwrap(), automatic);
    assert_eq!(automatic.rule(), RuleId::Pd4);
    // Only P1: a P2 waits for its decision.
    let p2 = with_error(12, Severity::P2);
    assert!(matches!(
        watch(&p2, at(13)).unwrap(),
        WatchState::DecisionRequired { .. }
    ));
}

#[test]
fn a_policy_moves_the_watch_windows() {
    let policy = Policy::default()
        .with_watch_windows(WatchWindows {
            error_free_minutes: 60,
            decision_minutes: 15,
        })
        .unwrap();
    assert_eq!(
        policy.watch(&deployment(), at(45)).unwrap(),
        WatchState::Watching { until: at(60) }
    );
    let d = with_error(50, Severity::P2);
    assert_eq!(
        policy.watch(&d, at(65)).unwrap(),
        WatchState::AutomaticRollback {
            since: at(65),
            trigger: Trigger::DecisionTimeout
        }
    );
}

mod impossible_timelines {
    use super::*;

    #[test]
    fn now_before_the_deploy() {
        let err = watch(&deployment(), at(-1)).unwrap_err();
        insta::assert_snapshot!(
            err,
            @"now `2026-02-16T08:59:00Z` is before deployed_at `2026-02-16T09:00:00Z` (PD-1)"
        );
    }

    #[test]
    fn an_error_before_the_deploy() {
        let err = watch(&with_error(-5, Severity::P2), at(10)).unwrap_err();
        insta::assert_snapshot!(
            err,
            @"first_error.at `2026-02-16T08:55:00Z` is before deployed_at `2026-02-16T09:00:00Z` (PD-2)"
        );
    }

    #[test]
    fn an_error_after_now() {
        let err = watch(&with_error(20, Severity::P2), at(10)).unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidTimeline {
                field: "now",
                other: "first_error.at",
                ..
            }
        ));
    }

    #[test]
    fn a_decision_before_the_error_or_after_now() {
        let early = with_decision(with_error(10, Severity::P2), 5, Outcome::Rollback);
        let err = watch(&early, at(20)).unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidTimeline {
                field: "decision.at",
                rule: RuleId::Pd2,
                ..
            }
        ));
        let future = with_decision(with_error(10, Severity::P2), 25, Outcome::Rollback);
        let err = watch(&future, at(20)).unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidTimeline {
                field: "now",
                other: "decision.at",
                ..
            }
        ));
    }

    #[test]
    fn a_decision_without_an_error() {
        let d = with_decision(deployment(), 5, Outcome::Rollback);
        insta::assert_snapshot!(
            watch(&d, at(10)).unwrap_err(),
            @"decision `rollback` answers no first_error (PD-2)"
        );
    }

    #[test]
    fn windows_past_the_end_of_time_are_errors_not_panics() {
        let end = DateTime::<Utc>::MAX_UTC;
        let d = Deployment::new(end);
        let err = watch(&d, end).unwrap_err();
        assert!(matches!(
            err,
            Error::TimeOutOfRange {
                field: "deployed_at",
                minutes: 30,
                rule: RuleId::Pd1,
                ..
            }
        ));
        let mut late = Deployment::new(end - TimeDelta::minutes(40));
        late.first_error = Some(FirstError {
            at: end - TimeDelta::minutes(20),
            severity: Severity::P2,
        });
        let err = watch(&late, end).unwrap_err();
        assert!(matches!(
            err,
            Error::TimeOutOfRange {
                field: "first_error.at",
                rule: RuleId::Pd2,
                ..
            }
        ));
    }
}

mod json {
    use super::*;
    use serde_json::json;

    #[test]
    fn deployments_read_rfc_3339() {
        let d: Deployment = serde_json::from_value(json!({
            "deployed_at": "2026-02-16T09:00:00Z",
            "first_error": {"at": "2026-02-16T10:10:00+01:00", "severity": "P2"},
        }))
        .unwrap();
        assert_eq!(d, with_error(10, Severity::P2));
        let bad = serde_json::from_value::<Deployment>(json!({"deployed_at": "yesterday"}));
        assert!(bad.is_err());
        let unknown = serde_json::from_value::<Deployment>(
            json!({"deployed_at": "2026-02-16T09:00:00Z", "errors": []}),
        );
        assert!(
            unknown
                .unwrap_err()
                .to_string()
                .starts_with("unknown field `errors`")
        );
    }

    #[test]
    fn every_state_names_its_rule() {
        let states = [
            (
                watch(&deployment(), at(5)).unwrap(),
                json!({"state": "watching", "until": "2026-02-16T09:30:00Z", "rule": "PD-1"}),
            ),
            (
                watch(&deployment(), at(30)).unwrap(),
                json!({"state": "successful", "since": "2026-02-16T09:30:00Z", "rule": "PD-1"}),
            ),
            (
                watch(&with_error(10, Severity::P2), at(11)).unwrap(),
                json!({"state": "decision_required", "error_at": "2026-02-16T09:10:00Z", "by": "2026-02-16T09:40:00Z", "rule": "PD-2"}),
            ),
            (
                watch(&with_error(10, Severity::P2), at(40)).unwrap(),
                json!({"state": "automatic_rollback", "since": "2026-02-16T09:40:00Z", "trigger": "decision_timeout", "rule": "PD-3"}),
            ),
            (
                watch(&with_error(10, Severity::P1), at(10)).unwrap(),
                json!({"state": "automatic_rollback", "since": "2026-02-16T09:10:00Z", "trigger": "p1_error", "rule": "PD-4"}),
            ),
            (
                watch(
                    &with_decision(with_error(10, Severity::P2), 20, Outcome::Rollback),
                    at(20),
                )
                .unwrap(),
                json!({"state": "decided", "outcome": "rollback", "at": "2026-02-16T09:20:00Z", "due": "2026-02-16T09:40:00Z", "on_time": true, "rule": "PD-2"}),
            ),
            (
                watch(&with_error(10, Severity::P4), at(11)).unwrap(),
                json!({"state": "no_rollback_needed", "error_at": "2026-02-16T09:10:00Z", "rule": "DT-P4"}),
            ),
        ];
        for (state, expected) in states {
            assert_eq!(serde_json::to_value(state).unwrap(), expected);
        }
    }

    #[test]
    fn states_read_for_people() {
        let shown: Vec<String> = [
            watch(&deployment(), at(5)).unwrap(),
            watch(&deployment(), at(30)).unwrap(),
            watch(&with_error(10, Severity::P2), at(11)).unwrap(),
            watch(&with_error(10, Severity::P2), at(40)).unwrap(),
            watch(&with_error(10, Severity::P1), at(10)).unwrap(),
            watch(
                &with_decision(with_error(10, Severity::P2), 45, Outcome::ForwardFix),
                at(50),
            )
            .unwrap(),
            watch(&with_error(10, Severity::P4), at(50)).unwrap(),
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        insta::assert_snapshot!(shown.join("\n"), @r"
        watching until 2026-02-16T09:30:00Z (PD-1)
        release successful since 2026-02-16T09:30:00Z (PD-1)
        errors since 2026-02-16T09:10:00Z: rollback or forward fix due by 2026-02-16T09:40:00Z (PD-2)
        automatic rollback since 2026-02-16T09:40:00Z: no decision in time (PD-3)
        automatic rollback since 2026-02-16T09:10:00Z: P1 errors (PD-4)
        FORWARD FIX decided at 2026-02-16T09:45:00Z, late (due 2026-02-16T09:40:00Z) (PD-3)
        P4 errors since 2026-02-16T09:10:00Z: fix or defer, no rollback needed (DT-P4)
        ");
    }
}
