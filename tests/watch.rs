//! §2 Phase 5, the post-deploy watch: each PD rule with its boundaries,
//! exactly 30 minutes included, the errors that come after the first, the
//! decisions that do not count, and the impossible timelines refused.

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
    Deployment, Error, Outcome, Policy, RuleId, Severity, WatchState, policy::WatchWindows,
    release::SetAsideReason, release::Trigger, watch,
};
use util::feb16;

/// The deploy is at 09:00; `at(m)` is `m` minutes later.
fn at(minutes_after_deploy: i64) -> DateTime<Utc> {
    feb16(9, 0, 0) + TimeDelta::minutes(minutes_after_deploy)
}

fn deployment() -> Deployment {
    Deployment::new(at(0))
}

fn with_error(minute: i64, severity: Severity) -> Deployment {
    deployment().with_error(at(minute), severity)
}

fn with_decision(d: Deployment, minute: i64, outcome: Outcome) -> Deployment {
    d.with_decision(outcome, at(minute))
}

/// The state at `now` of a deploy.
#[track_caller]
fn state(d: &Deployment, now: i64) -> WatchState {
    watch(d, at(now)).unwrap().state()
}

/// An automatic rollback with no decision set aside.
fn automatic(since: i64, trigger: Trigger) -> WatchState {
    WatchState::AutomaticRollback {
        since: at(since),
        trigger,
        set_aside: None,
    }
}

fn required(error_at: i64, by: i64) -> WatchState {
    WatchState::DecisionRequired {
        error_at: at(error_at),
        by: at(by),
        set_aside: None,
    }
}

/// The set-aside decision of a state, if any.
fn set_aside(state: WatchState) -> Option<(Outcome, SetAsideReason)> {
    set_aside_at(state).map(|(outcome, _, reason)| (outcome, reason))
}

/// The set-aside decision of a state with its time.
fn set_aside_at(state: WatchState) -> Option<(Outcome, DateTime<Utc>, SetAsideReason)> {
    match state {
        WatchState::DecisionRequired { set_aside, .. }
        | WatchState::AutomaticRollback { set_aside, .. } => {
            set_aside.map(|s| (s.outcome, s.at, s.reason))
        }
        _ => None,
    }
}

/// The instant and trigger of an automatic rollback, if it is one.
fn since(state: WatchState) -> Option<(DateTime<Utc>, Trigger)> {
    match state {
        WatchState::AutomaticRollback { since, trigger, .. } => Some((since, trigger)),
        _ => None,
    }
}

/// PD-1: no errors within 30 minutes: the release is successful.
#[test]
fn pd_1_successful_after_thirty_error_free_minutes() {
    let d = deployment();
    let watching = WatchState::Watching { until: at(30) };
    assert_eq!(state(&d, 0), watching);
    assert_eq!(state(&d, 29), watching);
    let just_before = at(30) - TimeDelta::seconds(1);
    assert_eq!(watch(&d, just_before).unwrap(), watching);
    let successful = WatchState::Successful { since: at(30) };
    assert_eq!(state(&d, 30), successful);
    assert_eq!(state(&d, 31), successful);
    assert_eq!(successful.rule(), RuleId::Pd1);
    assert_eq!(watching.rule(), RuleId::Pd1);
}

/// PD-1: an error at exactly 30 minutes is "within 30 minutes". An error
/// recorded later still counts: the release was successful until then, and
/// the error needs its decision (PD-2), or rolls back at once if P1 (PD-4).
#[test]
fn pd_1_errors_at_and_after_minute_thirty_still_count() {
    assert_eq!(state(&with_error(30, Severity::P2), 31), required(30, 60));
    assert_eq!(state(&with_error(45, Severity::P3), 50), required(45, 75));
    let p1_later = with_decision(with_error(31, Severity::P1), 33, Outcome::Rollback);
    let state = state(&p1_later, 40);
    assert_eq!(since(state), Some((at(31), Trigger::P1Error)));
    assert_eq!(
        set_aside_at(state),
        Some((Outcome::Rollback, at(33), SetAsideReason::OvertakenByP1))
    );
}

/// PD-2: errors detected: a decision is due 30 minutes after the first.
#[test]
fn pd_2_decision_due_thirty_minutes_after_the_first_error() {
    let d = with_error(10, Severity::P2);
    assert_eq!(state(&d, 10), required(10, 40));
    assert_eq!(state(&d, 39), required(10, 40));
    assert_eq!(state(&d, 39).rule(), RuleId::Pd2);
    // A second P2 error does not restart the clock.
    let second = d.clone().with_error(at(25), Severity::P3);
    assert_eq!(state(&second, 30), required(10, 40));
}

/// PD-2: a decision at or before the deadline is on time and stops the
/// clock; one minute after it, the rollback is already automatic (PD-3).
#[test]
fn pd_2_decisions_at_29_and_30_count_at_31_they_are_too_late() {
    let d = with_error(10, Severity::P3);
    for minute in [39, 40] {
        let decided = with_decision(d.clone(), minute, Outcome::ForwardFix);
        let state = state(&decided, 45);
        assert_eq!(
            state,
            WatchState::Decided {
                outcome: Outcome::ForwardFix,
                at: at(minute),
                due: at(40),
            },
            "decided {} min after the error",
            minute - 10
        );
        assert_eq!(state.rule(), RuleId::Pd2);
    }
    let late = with_decision(d, 41, Outcome::ForwardFix);
    let state = state(&late, 45);
    assert_eq!(state.rule(), RuleId::Pd3);
    assert_eq!(
        set_aside(state),
        Some((Outcome::ForwardFix, SetAsideReason::TooLate))
    );
}

/// PD-2: "Rollback or forward fix?": a hybrid is both and counts; a
/// `defer` is only for P4 (DT-P4) and does not stop the clock of a P2 or P3
/// error, which the state says.
#[test]
fn pd_2_a_defer_does_not_stop_the_clock_a_hybrid_does() {
    for severity in [Severity::P2, Severity::P3] {
        let deferred = with_decision(with_error(10, severity), 15, Outcome::Defer);
        let waiting = state(&deferred, 20);
        assert!(
            matches!(waiting, WatchState::DecisionRequired { by, .. } if by == at(40)),
            "{waiting}"
        );
        assert_eq!(
            set_aside(waiting),
            Some((Outcome::Defer, SetAsideReason::NotRollbackOrForwardFix))
        );
        assert_eq!(waiting.rule(), RuleId::Pd2);
        let timed_out = state(&deferred, 40);
        assert!(
            matches!(timed_out, WatchState::AutomaticRollback { since, trigger: Trigger::DecisionTimeout, .. } if since == at(40)),
            "{timed_out}"
        );
        assert_eq!(
            set_aside(timed_out),
            Some((Outcome::Defer, SetAsideReason::NotRollbackOrForwardFix))
        );
    }
    for outcome in [Outcome::Rollback, Outcome::ForwardFix, Outcome::Hybrid] {
        let decided = with_decision(with_error(10, Severity::P2), 15, outcome);
        assert_eq!(
            state(&decided, 50),
            WatchState::Decided {
                outcome,
                at: at(15),
                due: at(40)
            }
        );
    }
}

/// PD-3: no decision by 30 minutes after the first error: rollback automatic.
#[test]
fn pd_3_rollback_automatic_at_thirty_minutes_without_a_decision() {
    let d = with_error(10, Severity::P2);
    assert_eq!(state(&d, 39), required(10, 40));
    let timeout = automatic(40, Trigger::DecisionTimeout);
    assert_eq!(state(&d, 40), timeout);
    assert_eq!(state(&d, 41), timeout);
    assert_eq!(timeout.rule(), RuleId::Pd3);
    assert!(timeout.is_automatic_rollback());
    assert!(!required(10, 40).is_automatic_rollback());
    assert!(watch(&d, at(40)).unwrap().is_automatic_rollback());
    assert!(!watch(&d, at(39)).unwrap().is_automatic_rollback());
    assert_ne!(
        watch(&d, at(39)).unwrap(),
        timeout,
        "a watch equals its own state only"
    );
}

/// PD-3: a decision recorded after the deadline never takes the place of
/// the automatic rollback; it is reported beside it as too late.
#[test]
fn pd_3_a_late_decision_is_reported_beside_the_automatic_rollback() {
    let late = with_decision(with_error(10, Severity::P2), 55, Outcome::ForwardFix);
    let state = state(&late, 56);
    assert_eq!(since(state), Some((at(40), Trigger::DecisionTimeout)));
    assert_eq!(
        set_aside_at(state),
        Some((Outcome::ForwardFix, at(55), SetAsideReason::TooLate))
    );
    assert_eq!(state.rule(), RuleId::Pd3);
    assert_eq!(
        state.to_string(),
        "automatic rollback since 2026-02-16T09:40:00Z: no decision in time (PD-3); \
         FORWARD FIX decided at 2026-02-16T09:55:00Z came after the deadline, too late to count (PD-3)"
    );
}

/// PD-4: a P1 error at exactly minute 30 of the watch rolls back at once.
#[test]
fn pd_4_at_minute_thirty() {
    let d = with_error(30, Severity::P1);
    assert_eq!(state(&d, 30), automatic(30, Trigger::P1Error));
    assert_eq!(state(&d, 30).rule(), RuleId::Pd4);
}

/// PD-4: errors classified P1 roll back at once, decision or not.
#[test]
fn pd_4_p1_errors_roll_back_at_once() {
    let d = with_error(12, Severity::P1);
    assert_eq!(state(&d, 12), automatic(12, Trigger::P1Error));
    assert_eq!(state(&d, 13), automatic(12, Trigger::P1Error));
    let decided = with_decision(d, 15, Outcome::ForwardFix);
    assert_eq!(
        set_aside(state(&decided, 20)),
        Some((Outcome::ForwardFix, SetAsideReason::OvertakenByP1))
    );
    assert_eq!(state(&decided, 20).rule(), RuleId::Pd4);
    // Only P1: a P2 waits for its decision.
    assert_eq!(state(&with_error(12, Severity::P2), 13), required(12, 42));
}

/// PD-4 fires at the first P1, even when a lesser error came first and
/// even after a decision that counted.
#[test]
fn pd_4_a_p1_after_a_lesser_first_error() {
    let regraded = with_error(10, Severity::P2).with_error(at(20), Severity::P1);
    assert_eq!(state(&regraded, 21), automatic(20, Trigger::P1Error));
    // Recorded in any order.
    let unordered = with_error(20, Severity::P1).with_error(at(10), Severity::P2);
    assert_eq!(state(&unordered, 21), automatic(20, Trigger::P1Error));
    // A forward fix decided on time is overtaken by a later P1.
    let decided = with_decision(with_error(10, Severity::P2), 15, Outcome::ForwardFix);
    assert!(matches!(state(&decided, 19), WatchState::Decided { .. }));
    let then_p1 = decided.with_error(at(25), Severity::P1);
    let overtaken = state(&then_p1, 26);
    assert_eq!(since(overtaken), Some((at(25), Trigger::P1Error)));
    assert_eq!(
        set_aside_at(overtaken),
        Some((Outcome::ForwardFix, at(15), SetAsideReason::OvertakenByP1))
    );
    assert_eq!(overtaken.rule(), RuleId::Pd4);
    // A P4 first, then a P1.
    let p4_then_p1 = with_error(5, Severity::P4).with_error(at(50), Severity::P1);
    assert_eq!(state(&p4_then_p1, 50), automatic(50, Trigger::P1Error));
}

/// PD-2: a decision taken before the error that starts the clock (after an
/// earlier P4 error) does not answer it: the P2 still needs its decision,
/// and without one rolls back at its deadline.
#[test]
fn pd_2_a_decision_before_the_clock_error_does_not_count() {
    let d = with_decision(with_error(5, Severity::P4), 7, Outcome::ForwardFix)
        .with_error(at(20), Severity::P2);
    let waiting = state(&d, 30);
    assert!(
        matches!(waiting, WatchState::DecisionRequired { error_at, by, .. } if error_at == at(20) && by == at(50)),
        "{waiting}"
    );
    assert_eq!(
        set_aside_at(waiting),
        Some((Outcome::ForwardFix, at(7), SetAsideReason::BeforeTheError))
    );
    let timed_out = state(&d, 120);
    assert_eq!(since(timed_out), Some((at(50), Trigger::DecisionTimeout)));
    assert_eq!(
        set_aside(timed_out),
        Some((Outcome::ForwardFix, SetAsideReason::BeforeTheError))
    );
}

/// PD-4: a decision at the very instant of the P1 error is overtaken by
/// it, not taken before it.
#[test]
fn pd_4_a_decision_at_the_p1_instant_is_overtaken() {
    let d = with_decision(with_error(10, Severity::P1), 10, Outcome::ForwardFix);
    assert_eq!(
        set_aside(state(&d, 12)),
        Some((Outcome::ForwardFix, SetAsideReason::OvertakenByP1))
    );
}

/// PD-4: the reason a decision is set aside follows the trigger: after a
/// P1, any later decision is overtaken, not "too late".
#[test]
fn pd_4_a_decision_after_a_p1_is_overtaken_not_late() {
    let d = with_decision(with_error(10, Severity::P1), 50, Outcome::ForwardFix);
    let overtaken = state(&d, 55);
    assert_eq!(since(overtaken), Some((at(10), Trigger::P1Error)));
    assert_eq!(
        set_aside(overtaken),
        Some((Outcome::ForwardFix, SetAsideReason::OvertakenByP1))
    );
}

/// PD-3 and PD-4 together: the automatic rollback dates from whichever came
/// first; at a tie, the P1 error.
#[test]
fn pd_3_and_pd_4_the_earliest_trigger_wins() {
    let timeout_first = with_error(10, Severity::P2).with_error(at(45), Severity::P1);
    assert_eq!(
        state(&timeout_first, 50),
        automatic(40, Trigger::DecisionTimeout)
    );
    let tie = with_error(10, Severity::P2).with_error(at(40), Severity::P1);
    assert_eq!(state(&tie, 40), automatic(40, Trigger::P1Error));
}

/// DT-P4 in the watch: a P4 error needs no rollback, so no decision clock
/// runs, nothing is ever late and no automatic rollback comes, whatever is
/// decided, or when.
#[test]
fn dt_p4_errors_need_no_rollback_and_are_never_late() {
    let d = with_error(10, Severity::P4);
    let no_rollback = WatchState::NoRollbackNeeded {
        error_at: at(10),
        decision: None,
    };
    assert_eq!(state(&d, 11), no_rollback);
    assert_eq!(state(&d, 300), no_rollback, "never an automatic rollback");
    assert_eq!(no_rollback.rule(), RuleId::DtP4);
    for outcome in [Outcome::Defer, Outcome::Rollback] {
        let decided = with_decision(d.clone(), 70, outcome);
        let state = state(&decided, 70);
        assert_eq!(
            state,
            WatchState::NoRollbackNeeded {
                error_at: at(10),
                decision: Some(incident_response::decision::TakenDecision::new(
                    outcome,
                    at(70)
                )),
            }
        );
        assert_eq!(state.rule(), RuleId::DtP4);
        assert!(!state.to_string().contains("late"), "{state}");
    }
}

/// DT-P4 and PD-2: the clock starts at the first error that needs a
/// decision, not at an earlier P4.
#[test]
fn dt_p4_the_clock_starts_at_the_first_error_that_needs_a_decision() {
    let d = with_error(5, Severity::P4).with_error(at(20), Severity::P2);
    assert_eq!(state(&d, 30), required(20, 50));
    assert_eq!(state(&d, 50), automatic(50, Trigger::DecisionTimeout));
}

/// PD-1 and PD-2: the watch names the policy whose windows it applied.
#[test]
fn pd_2_the_watch_names_its_policy() {
    let d = with_error(10, Severity::P2);
    let standard = watch(&d, at(11)).unwrap();
    assert_eq!(
        standard.to_string(),
        "errors since 2026-02-16T09:10:00Z: rollback or forward fix due by 2026-02-16T09:40:00Z (PD-2); standard applied: EATGF-DSS-INC-01 v1.0"
    );
    let policy = Policy::default()
        .with_watch_windows(WatchWindows::STANDARD.with_decision_minutes(15))
        .unwrap();
    let custom = policy.watch(&d, at(11)).unwrap();
    assert_eq!(
        custom.to_string(),
        format!(
            "errors since 2026-02-16T09:10:00Z: rollback or forward fix due by 2026-02-16T09:25:00Z (PD-2); policy applied: custom {:016x} on EATGF-DSS-INC-01 v1.0, with watch.decision_minutes `15` (the standard's `30`)",
            policy.fingerprint()
        )
    );
    let json = serde_json::to_value(custom).unwrap();
    assert_eq!(json["state"], "decision_required");
    assert_eq!(json["policy"]["custom"], true);
    assert_eq!(
        json["policy"]["differences"][0]["field"],
        "watch.decision_minutes"
    );
}

#[test]
fn a_policy_moves_the_watch_windows() {
    let policy = Policy::default()
        .with_watch_windows(
            WatchWindows::STANDARD
                .with_error_free_minutes(60)
                .with_decision_minutes(15),
        )
        .unwrap();
    assert_eq!(
        policy.watch(&deployment(), at(45)).unwrap(),
        WatchState::Watching { until: at(60) }
    );
    let d = with_error(50, Severity::P2);
    assert_eq!(
        policy.watch(&d, at(65)).unwrap(),
        automatic(65, Trigger::DecisionTimeout)
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
        let d = with_error(10, Severity::P2).with_error(at(-5), Severity::P3);
        let err = watch(&d, at(10)).unwrap_err();
        insta::assert_snapshot!(
            err,
            @"errors[1].at `2026-02-16T08:55:00Z` is before deployed_at `2026-02-16T09:00:00Z` (PD-2)"
        );
    }

    /// PD-2, item 22 of the review: an error recorded after `now` had not
    /// happened yet at `now`: it is set aside and counted, not refused, so
    /// a bot whose clock lags by a second gets the state of that second.
    #[test]
    fn pd_2_an_error_after_now_is_set_aside() {
        let d = with_error(20, Severity::P2);
        let lagging = watch(&d, at(10)).unwrap();
        assert_eq!(lagging.state(), WatchState::Watching { until: at(30) });
        assert_eq!(lagging.events_after_now(), 1);
        assert!(
            lagging
                .to_string()
                .contains("; 1 event after now set aside, not yet happened; "),
            "{lagging}"
        );
        let json = serde_json::to_value(lagging).unwrap();
        assert_eq!(json["events_after_now"], 1);
        let caught_up = watch(&d, at(20)).unwrap();
        assert_eq!(caught_up.events_after_now(), 0);
        assert!(matches!(
            caught_up.state(),
            WatchState::DecisionRequired { error_at, .. } if error_at == at(20)
        ));
    }

    /// PD-2: a decision before the first error is impossible; one after
    /// `now` had not been taken yet.
    #[test]
    fn pd_2_a_decision_before_the_first_error_or_after_now() {
        let early = with_decision(with_error(10, Severity::P2), 5, Outcome::Rollback);
        let err = watch(&early, at(20)).unwrap_err();
        assert!(matches!(
            &err,
            Error::InvalidTimeline {
                field,
                other,
                rule: RuleId::Pd2,
                ..
            } if field == "decision.at" && other == "errors[0].at"
        ));
        let future = with_decision(with_error(10, Severity::P2), 25, Outcome::Rollback);
        let state = watch(&future, at(20)).unwrap();
        assert_eq!(
            state.state(),
            WatchState::DecisionRequired {
                error_at: at(10),
                by: at(40),
                set_aside: None
            }
        );
        assert_eq!(state.events_after_now(), 1);
        // Replayed at 09:50, after the rollback decided at 09:25: decided.
        assert_eq!(
            watch(&future, at(50)).unwrap().state(),
            WatchState::Decided {
                outcome: Outcome::Rollback,
                at: at(25),
                due: at(40)
            }
        );
    }

    #[test]
    fn a_decision_without_an_error() {
        let d = with_decision(deployment(), 5, Outcome::Rollback);
        insta::assert_snapshot!(
            watch(&d, at(10)).unwrap_err(),
            @"decision `rollback` answers no recorded error (PD-2)"
        );
    }

    #[test]
    fn windows_past_the_end_of_time_are_errors_not_panics() {
        let end = DateTime::<Utc>::MAX_UTC;
        let err = watch(&Deployment::new(end), end).unwrap_err();
        assert!(matches!(
            err,
            Error::TimeOutOfRange {
                field: "deployed_at",
                minutes: 30,
                rule: RuleId::Pd1,
                ..
            }
        ));
        let late = Deployment::new(end - TimeDelta::minutes(40))
            .with_error(end - TimeDelta::minutes(20), Severity::P2);
        let err = watch(&late, end).unwrap_err();
        assert!(matches!(
            err,
            Error::TimeOutOfRange {
                field: "errors[].at",
                rule: RuleId::Pd2,
                ..
            }
        ));
    }

    /// PD-4 near the end of time: only what the answer needs is computed,
    /// so a P1 at chrono's last instant still rolls back.
    #[test]
    fn pd_4_at_the_end_of_time() {
        let end = DateTime::<Utc>::MAX_UTC;
        let d = Deployment::new(end).with_error(end, Severity::P1);
        assert_eq!(
            watch(&d, end).unwrap(),
            WatchState::AutomaticRollback {
                since: end,
                trigger: Trigger::P1Error,
                set_aside: None
            }
        );
        let p2_then_p1 = Deployment::new(end - TimeDelta::minutes(10))
            .with_error(end - TimeDelta::minutes(10), Severity::P2)
            .with_error(end, Severity::P1);
        assert_eq!(
            watch(&p2_then_p1, end).unwrap().rule(),
            RuleId::Pd4,
            "the P2's deadline lies past the end of time; the P1 does not need it"
        );
        let p4 = Deployment::new(end).with_error(end, Severity::P4);
        assert_eq!(watch(&p4, end).unwrap().rule(), RuleId::DtP4);
    }
}

mod json {
    use super::*;
    use serde_json::json;

    #[test]
    fn deployments_read_rfc_3339() {
        let d: Deployment = serde_json::from_value(json!({
            "deployed_at": "2026-02-16T09:00:00Z",
            "errors": [{"at": "2026-02-16T10:10:00+01:00", "severity": "P2"}],
        }))
        .unwrap();
        assert_eq!(d, with_error(10, Severity::P2));
        let bad = serde_json::from_value::<Deployment>(json!({"deployed_at": "yesterday"}));
        assert!(bad.is_err());
        let unknown = serde_json::from_value::<Deployment>(
            json!({"deployed_at": "2026-02-16T09:00:00Z", "first_error": null}),
        );
        assert!(
            unknown
                .unwrap_err()
                .to_string()
                .starts_with("unknown field `first_error`")
        );
    }

    #[test]
    fn null_is_not_stated() {
        let d: Deployment = serde_json::from_value(json!({
            "deployed_at": "2026-02-16T09:00:00Z", "errors": null, "decision": null,
        }))
        .unwrap();
        assert_eq!(d, deployment());
    }

    #[test]
    fn every_state_names_its_rule() {
        let states = [
            (
                state(&deployment(), 5),
                json!({"state": "watching", "until": "2026-02-16T09:30:00Z", "rule": "PD-1"}),
            ),
            (
                state(&deployment(), 30),
                json!({"state": "successful", "since": "2026-02-16T09:30:00Z", "rule": "PD-1"}),
            ),
            (
                state(&with_error(10, Severity::P2), 11),
                json!({"state": "decision_required", "error_at": "2026-02-16T09:10:00Z", "by": "2026-02-16T09:40:00Z", "set_aside": null, "rule": "PD-2"}),
            ),
            (
                state(&with_error(10, Severity::P2), 40),
                json!({"state": "automatic_rollback", "since": "2026-02-16T09:40:00Z", "trigger": "decision_timeout", "set_aside": null, "rule": "PD-3"}),
            ),
            (
                state(&with_error(10, Severity::P1), 10),
                json!({"state": "automatic_rollback", "since": "2026-02-16T09:10:00Z", "trigger": "p1_error", "set_aside": null, "rule": "PD-4"}),
            ),
            (
                state(
                    &with_decision(with_error(10, Severity::P2), 20, Outcome::Rollback),
                    20,
                ),
                json!({"state": "decided", "outcome": "rollback", "at": "2026-02-16T09:20:00Z", "due": "2026-02-16T09:40:00Z", "rule": "PD-2"}),
            ),
            (
                state(&with_error(10, Severity::P4), 11),
                json!({"state": "no_rollback_needed", "error_at": "2026-02-16T09:10:00Z", "decision": null, "rule": "DT-P4"}),
            ),
            (
                state(
                    &with_decision(with_error(10, Severity::P2), 45, Outcome::ForwardFix),
                    50,
                ),
                json!({"state": "automatic_rollback", "since": "2026-02-16T09:40:00Z", "trigger": "decision_timeout",
                       "set_aside": {"outcome": "forward_fix", "at": "2026-02-16T09:45:00Z", "reason": "too_late"},
                       "rule": "PD-3"}),
            ),
        ];
        for (state, expected) in states {
            assert_eq!(serde_json::to_value(state).unwrap(), expected);
        }
    }

    #[test]
    fn states_read_for_people() {
        let shown: Vec<String> = [
            state(&deployment(), 5),
            state(&deployment(), 30),
            state(&with_error(10, Severity::P2), 11),
            state(&with_error(10, Severity::P2), 40),
            state(&with_error(10, Severity::P1), 10),
            state(
                &with_decision(with_error(10, Severity::P2), 20, Outcome::Hybrid),
                25,
            ),
            state(
                &with_decision(with_error(10, Severity::P2), 45, Outcome::ForwardFix),
                50,
            ),
            state(
                &with_decision(with_error(10, Severity::P3), 15, Outcome::Defer),
                20,
            ),
            state(
                &with_decision(with_error(10, Severity::P1), 15, Outcome::ForwardFix),
                20,
            ),
            state(&with_error(10, Severity::P4), 50),
            state(
                &with_decision(with_error(10, Severity::P4), 70, Outcome::Defer),
                70,
            ),
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
        HYBRID decided at 2026-02-16T09:20:00Z, on time (due 2026-02-16T09:40:00Z) (PD-2)
        automatic rollback since 2026-02-16T09:40:00Z: no decision in time (PD-3); FORWARD FIX decided at 2026-02-16T09:45:00Z came after the deadline, too late to count (PD-3)
        errors since 2026-02-16T09:10:00Z: rollback or forward fix due by 2026-02-16T09:40:00Z (PD-2); DEFER decided at 2026-02-16T09:15:00Z does not count: the decision due is rollback or forward fix (PD-2)
        automatic rollback since 2026-02-16T09:10:00Z: P1 errors (PD-4); FORWARD FIX decided at 2026-02-16T09:15:00Z is overtaken by the automatic rollback (PD-4)
        P4 errors since 2026-02-16T09:10:00Z: fix or defer, no rollback needed (DT-P4)
        P4 errors since 2026-02-16T09:10:00Z: fix or defer, no rollback needed (DT-P4); DEFER decided at 2026-02-16T10:10:00Z
        ");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    prop_compose! {
        /// A deploy at 09:00 with up to four errors and maybe a decision,
        /// at minutes anywhere around it (out of order included).
        fn deployment_at()(
            errors in proptest::collection::vec((-10..120i64, util::severity()), 0..4),
            decision in proptest::option::of((-10..150i64, util::outcome())),
        ) -> Deployment {
            let mut d = deployment();
            for (minute, severity) in errors {
                d = d.with_error(at(minute), severity);
            }
            if let Some((minute, outcome)) = decision {
                d = d.with_decision(outcome, at(minute));
            }
            d
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]

        /// PD-1 … PD-4 on random timelines: an answer or a typed error;
        /// P4-only errors never roll back; a P1 always does, from no later
        /// than the first P1.
        #[test]
        fn pd_1_to_pd_4_hold_on_random_timelines(d in deployment_at(), now in -5..200i64) {
            let state = match watch(&d, at(now)) {
                Ok(watch) => watch.state(),
                Err(Error::InvalidTimeline { .. } | Error::DecisionWithoutError { .. }) => {
                    return Ok(());
                }
                Err(other) => return Err(TestCaseError::fail(format!("unexpected {other}"))),
            };
            // As of `now`: the errors recorded later had not happened.
            let seen: Vec<_> = d.errors.iter().filter(|e| e.at <= at(now)).collect();
            let first_p1 = seen.iter().filter(|e| e.severity == Severity::P1).map(|e| e.at).min();
            let only_p4 = !seen.is_empty() && seen.iter().all(|e| e.severity == Severity::P4);
            if only_p4 {
                prop_assert!(matches!(state, WatchState::NoRollbackNeeded { .. }), "{state}");
            }
            if let Some(p1) = first_p1 {
                prop_assert!(
                    matches!(state, WatchState::AutomaticRollback { since, .. } if since <= p1),
                    "{state}"
                );
            }
            if let WatchState::Decided { at: decided, due, outcome } = state {
                prop_assert!(decided <= due);
                prop_assert_ne!(outcome, Outcome::Defer);
            }
        }

        /// As `now` moves on, an automatic rollback stays one, from the same
        /// instant, and a counted decision stays counted; once every event
        /// has happened, nothing changes any more.
        #[test]
        fn the_watch_never_goes_back(d in deployment_at(), now in 0..200i64, more in 0..200i64) {
            let (Ok(earlier), Ok(later)) = (watch(&d, at(now)), watch(&d, at(now + more))) else {
                return Ok(());
            };
            prop_assert!(later.events_after_now() <= earlier.events_after_now());
            if earlier.events_after_now() > 0 {
                // Events still to come may change any state but an
                // automatic rollback, which no later event stops.
                if let WatchState::AutomaticRollback { since, .. } = earlier.state() {
                    let kept = matches!(
                        later.state(),
                        WatchState::AutomaticRollback { since: s, .. } if s <= since
                    );
                    prop_assert!(kept, "{} then {}", earlier, later);
                }
                return Ok(());
            }
            match earlier.state() {
                WatchState::AutomaticRollback { since, trigger, .. } => {
                    let same = matches!(
                        later.state(),
                        WatchState::AutomaticRollback { since: s, trigger: t, .. } if s == since && t == trigger
                    );
                    prop_assert!(same, "{} then {}", earlier, later);
                }
                WatchState::Decided { .. } => prop_assert_eq!(later.state(), earlier.state()),
                WatchState::Successful { .. } => prop_assert_eq!(later.state(), earlier.state()),
                _ => {}
            }
        }
    }
}
