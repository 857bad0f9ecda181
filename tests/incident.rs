//! §1 and §5: incidents as timelines. The standard's own incident of 16
//! February 2026 as a fixture, each `IN-…` rule at its boundaries, the
//! durations, the post-mortem, the timeline checks and the JSON contract.

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
    Error, Incident, Obligations, Outcome, Policy, PostMortem, RuleId, Severity,
    controls::ControlArea, incident::ActionItem, incident::Horizon, incident::NotApplicable,
    incident::ObligationStatus, incident::PostMortemRecord, incident::Standing, policy::Deadlines,
};
use serde_json::json;
use util::feb16;

const FIXTURE: &str = include_str!("fixtures/incident_2026_02_16.json");

/// The standard's incident of 16 February 2026 (§5).
fn feb16_incident() -> Incident {
    serde_json::from_str(FIXTURE).unwrap()
}

/// `T+m` minutes from the detection of the 16 Feb incident (10:00 UTC).
fn t(minutes: i64) -> DateTime<Utc> {
    feb16(10, 0, 0) + TimeDelta::minutes(minutes)
}

/// An incident of `severity` detected at T+0, nothing else stated.
fn open(severity: Severity) -> Incident {
    Incident::new("INC-1", severity, t(0))
}

/// (status, due, late by, time left) of `rule`.
#[track_caller]
fn status(
    obligations: &Obligations,
    rule: RuleId,
) -> (
    ObligationStatus,
    Option<DateTime<Utc>>,
    Option<TimeDelta>,
    Option<TimeDelta>,
) {
    let o = obligations.get(rule).unwrap();
    (o.status(), o.due(), o.late_by(), o.time_left())
}

mod the_standards_incident {
    use super::*;

    /// IN-1 … IN-5 all met for the standard's incident, judged a day later.
    #[test]
    fn every_obligation_is_met() {
        let obligations = feb16_incident().obligations(t(24 * 60)).unwrap();
        let statuses: Vec<(RuleId, ObligationStatus)> =
            obligations.iter().map(|o| (o.rule(), o.status())).collect();
        assert_eq!(
            statuses,
            [
                (RuleId::In1, ObligationStatus::Met),
                (RuleId::In2, ObligationStatus::Met),
                (RuleId::In3, ObligationStatus::Met),
                (RuleId::In4, ObligationStatus::Met),
                (RuleId::In5, ObligationStatus::Met),
            ]
        );
        assert!(!obligations.any_breached());
        assert_eq!(obligations.next_deadline(), None);
        let in1 = obligations.get(RuleId::In1).unwrap();
        assert_eq!((in1.due(), in1.done_at()), (Some(t(30)), Some(t(12))));
        let in2 = obligations.get(RuleId::In2).unwrap();
        assert_eq!((in2.due(), in2.done_at()), (Some(t(60)), Some(t(5))));
        let in3 = obligations.get(RuleId::In3).unwrap();
        assert_eq!((in3.due(), in3.done_at()), (Some(t(60)), Some(t(20))));
        let in5 = obligations.get(RuleId::In5).unwrap();
        assert_eq!(in5.due(), Some(t(20) + TimeDelta::days(7)));
        assert_eq!(in5.done_at(), Some(t(30)));
    }

    /// The durations the standard's figures come from: detection 5 min,
    /// restored in 10, resolved 20 min after detection and 25 after the
    /// start (its MTTR), the rollback 4.2 min.
    #[test]
    fn durations_reproduce_the_standards_figures() {
        let d = feb16_incident().durations().unwrap();
        assert_eq!(d.time_to_detect, Some(TimeDelta::minutes(5)));
        assert_eq!(d.time_to_restore, Some(TimeDelta::minutes(10)));
        assert_eq!(d.detection_to_resolution, Some(TimeDelta::minutes(20)));
        assert_eq!(d.time_to_resolve, Some(TimeDelta::minutes(25)));
        assert_eq!(d.time_to_notify, Some(TimeDelta::minutes(12)));
        assert_eq!(d.time_to_decide, Some(TimeDelta::minutes(5)));
        assert_eq!(d.rollback, Some(TimeDelta::seconds(252)));
        assert_eq!(
            serde_json::to_value(d).unwrap(),
            json!({
                "time_to_detect_secs": 300,
                "time_to_restore_secs": 600,
                "detection_to_resolution_secs": 1200,
                "time_to_resolve_secs": 1500,
                "time_to_notify_secs": 720,
                "time_to_decide_secs": 300,
                "rollback_secs": 252,
                "engine": format!("incident-response {}", env!("CARGO_PKG_VERSION")),
            })
        );
    }

    /// IN-4 and IN-5: the post-mortem carries the standard's figures.
    #[test]
    fn the_post_mortem_has_the_standards_figures() {
        let report = PostMortem::from_incident(&feb16_incident()).unwrap();
        let text = report.to_string();
        for figure in [
            "- **Title:** API v1.3.0 Deployment Incident (Feb 16, 2026)",
            "- **Root Cause:** N+1 database query pattern in dashboard feature",
            "- **Detection:** 5 minutes",
            "- **Response:** 10 minutes (rollback)",
            "- **Recovery:** 10 minutes",
            "- **Severity:** P1 (resolved in 20 min)",
            "- **Prevention:** 4 action items",
        ] {
            assert!(text.contains(figure), "{figure} not in\n{text}");
        }
        assert!(report.is_complete());
        assert_eq!(
            report.controls,
            [ControlArea::IncidentResponse, ControlArea::ChangeRecovery]
        );
        insta::assert_snapshot!("post_mortem_2026_02_16", text);
    }

    /// IN-1: the same incident, customers notified at T+35: breached by 5 min.
    #[test]
    fn in_1_notified_at_t_35_is_breached_by_five_minutes() {
        let mut late = feb16_incident();
        late.customer_notified_at = Some(t(35));
        let obligations = late.obligations(t(60)).unwrap();
        assert_eq!(
            status(&obligations, RuleId::In1),
            (
                ObligationStatus::Breached,
                Some(t(30)),
                Some(TimeDelta::minutes(5)),
                None
            )
        );
        assert!(obligations.any_breached());
    }

    /// The obligations a bot sees at T+3 min, as people read them.
    #[test]
    fn obligations_read_for_people() {
        let incident = feb16_incident();
        let mut at_t3 = Incident::new(&incident.id, Severity::P1, t(0))
            .with_started_at(t(-5))
            .with_declared_at(t(2));
        at_t3.customer_impacting = Some(true);
        let obligations = at_t3.obligations(t(3)).unwrap();
        insta::assert_snapshot!(obligations, @r"
        obligations at 2026-02-16T10:03:00Z:
          IN-1 customers notified: pending, due 2026-02-16T10:30:00Z, 27 min left
          IN-2 rollback or forward fix decided: pending, due 2026-02-16T11:00:00Z, 57 min left
          IN-3 resolved within the SLA: pending, due 2026-02-16T11:00:00Z, 57 min left
          IN-4 root cause documented: pending, due once resolved
          IN-5 post-mortem with prevention action items: pending, due once resolved
          next deadline: IN-1 2026-02-16T10:30:00Z (27 min left)
          standard applied: EATGF-DSS-INC-01 v1.0
        ");
    }
}

/// An open P2 an hour in: IN-1 pending with 1 h left, IN-2 and IN-3 with
/// 3 h left, IN-4 and IN-5 pending without a due time; next is IN-1.
#[test]
fn in_1_to_in_5_an_open_p2_an_hour_in() {
    let obligations = open(Severity::P2).obligations(t(60)).unwrap();
    let pending = ObligationStatus::Pending;
    assert_eq!(
        status(&obligations, RuleId::In1),
        (pending, Some(t(120)), None, Some(TimeDelta::hours(1)))
    );
    assert_eq!(
        status(&obligations, RuleId::In2),
        (pending, Some(t(240)), None, Some(TimeDelta::hours(3)))
    );
    assert_eq!(
        status(&obligations, RuleId::In3),
        (pending, Some(t(240)), None, Some(TimeDelta::hours(3)))
    );
    assert_eq!(
        status(&obligations, RuleId::In4),
        (pending, None, None, None)
    );
    assert_eq!(
        status(&obligations, RuleId::In5),
        (pending, None, None, None)
    );
    assert_eq!(obligations.next_deadline().unwrap().rule(), RuleId::In1);
}

/// IN-1 … IN-3 count from the escalation: a P3 escalated to P1 at T+2 h is
/// not born breached.
#[test]
fn in_3_clocks_start_at_the_escalation() {
    let escalated = open(Severity::P1).with_escalated_at(t(120));
    let obligations = escalated.obligations(t(125)).unwrap();
    assert_eq!(obligations.get(RuleId::In1).unwrap().due(), Some(t(150)));
    assert_eq!(obligations.get(RuleId::In2).unwrap().due(), Some(t(180)));
    assert_eq!(obligations.get(RuleId::In3).unwrap().due(), Some(t(180)));
    assert!(!obligations.any_breached());
}

/// IN-1 and IN-2 do not apply to a P4; IN-3 does (24 h).
#[test]
fn in_1_and_in_2_do_not_apply_to_a_p4() {
    let obligations = open(Severity::P4).obligations(t(10)).unwrap();
    for rule in [RuleId::In1, RuleId::In2] {
        let o = obligations.get(rule).unwrap();
        assert_eq!(o.status(), ObligationStatus::NotApplicable, "{rule}");
        assert_eq!(
            o.not_applicable(),
            Some(NotApplicable::NoDeadlineForSeverity)
        );
        assert_eq!(
            o.standing(),
            Standing::NotApplicable(NotApplicable::NoDeadlineForSeverity)
        );
        assert_eq!(o.due(), None);
    }
    assert_eq!(
        obligations.get(RuleId::In3).unwrap().due(),
        Some(t(24 * 60))
    );
    // For people, each says why.
    assert_eq!(
        obligations.get(RuleId::In1).unwrap().to_string(),
        "IN-1 customers notified: not applicable (the severity sets no deadline)"
    );
    let internal = open(Severity::P2).with_customer_impacting(false);
    let internal = internal.obligations(t(10)).unwrap();
    assert_eq!(
        internal.get(RuleId::In5).unwrap().to_string(),
        "IN-5 post-mortem with prevention action items: not applicable (not customer-impacting)"
    );
}

/// IN-1 and IN-5 do not apply to an incident that did not affect
/// customers; not stated counts as affecting them.
#[test]
fn in_5_only_for_customer_impacting_incidents() {
    let internal = open(Severity::P2).with_customer_impacting(false);
    let obligations = internal.obligations(t(10)).unwrap();
    for rule in [RuleId::In1, RuleId::In5] {
        let o = obligations.get(rule).unwrap();
        assert_eq!(o.status(), ObligationStatus::NotApplicable, "{rule}");
        assert_eq!(
            o.not_applicable(),
            Some(NotApplicable::NotCustomerImpacting)
        );
    }
    let unstated = open(Severity::P2).obligations(t(10)).unwrap();
    assert_eq!(
        unstated.get(RuleId::In5).unwrap().status(),
        ObligationStatus::Pending
    );
    // Unresolved, the post-mortem has no due time yet: pending, no time left.
    assert_eq!(
        unstated.get(RuleId::In5).unwrap().standing(),
        Standing::Pending { time_left: None }
    );
    // The notification is due at 2 h: 1 h 50 min left at 10 min.
    assert_eq!(
        unstated.get(RuleId::In1).unwrap().standing(),
        Standing::Pending {
            time_left: Some(TimeDelta::minutes(110))
        }
    );
}

mod boundaries {
    use super::*;

    /// Done exactly at the due time is met; a second later, breached. Not
    /// done at the due time is pending; a second later, breached.
    fn edges(rule: RuleId, due: DateTime<Utc>, done_at: impl Fn(DateTime<Utc>) -> Incident) {
        let second = TimeDelta::seconds(1);
        let judged = |incident: Incident, now| {
            let obligations = incident.obligations(now).unwrap();
            *obligations.get(rule).unwrap()
        };
        let on_time = judged(done_at(due), due + TimeDelta::days(30));
        assert_eq!(
            on_time.status(),
            ObligationStatus::Met,
            "{rule} done at due"
        );
        let late = judged(done_at(due + second), due + TimeDelta::days(30));
        assert_eq!(
            late.status(),
            ObligationStatus::Breached,
            "{rule} a second late"
        );
        assert_eq!(late.late_by(), Some(second));
        assert_eq!(on_time.standing(), Standing::Met);
        assert_eq!(late.standing(), Standing::Breached { late_by: second });
    }

    #[test]
    fn in_1_notified_at_and_after_its_due_time() {
        edges(RuleId::In1, t(30), |at| {
            open(Severity::P1).with_customer_notified_at(at)
        });
        // Not done: pending at the due time, breached a second after.
        let incident = open(Severity::P1);
        let at_due = incident.obligations(t(30)).unwrap();
        assert_eq!(
            status(&at_due, RuleId::In1),
            (
                ObligationStatus::Pending,
                Some(t(30)),
                None,
                Some(TimeDelta::zero())
            )
        );
        let after = incident.obligations(t(30) + TimeDelta::seconds(1)).unwrap();
        assert_eq!(status(&after, RuleId::In1).0, ObligationStatus::Breached);
    }

    #[test]
    fn in_2_decided_at_and_after_its_due_time() {
        edges(RuleId::In2, t(60), |at| {
            open(Severity::P1).with_decision(Outcome::ForwardFix, at)
        });
        edges(RuleId::In2, t(240), |at| {
            open(Severity::P2).with_decision(Outcome::Hybrid, at)
        });
    }

    /// IN-2 for a P4 under a policy that gives it a decision deadline: its
    /// decision is "Fix or defer", so a `defer` meets it.
    #[test]
    fn in_2_a_p4_may_defer() {
        let policy = Policy::default()
            .with_deadlines(Deadlines::STANDARD.with_decision_minutes(Severity::P4, Some(2_880)))
            .unwrap();
        let deferred = open(Severity::P4).with_decision(Outcome::Defer, t(5));
        let obligations = policy.obligations(&deferred, t(100)).unwrap();
        assert_eq!(status(&obligations, RuleId::In2).0, ObligationStatus::Met);
    }

    /// IN-2, IN-3 and IN-5: not done at the due time is pending; a second
    /// later, breached.
    #[test]
    fn in_2_in_3_and_in_5_pending_until_due_then_breached() {
        let second = TimeDelta::seconds(1);
        let cases = [
            (open(Severity::P2), RuleId::In2, t(240)),
            (open(Severity::P3), RuleId::In3, t(8 * 60)),
            (
                open(Severity::P2).with_resolved_at(t(100)),
                RuleId::In5,
                t(100) + TimeDelta::days(7),
            ),
        ];
        for (incident, rule, due) in cases {
            let at_due = incident.obligations(due).unwrap();
            assert_eq!(
                status(&at_due, rule),
                (
                    ObligationStatus::Pending,
                    Some(due),
                    None,
                    Some(TimeDelta::zero())
                ),
                "{rule}"
            );
            let after = incident.obligations(due + second).unwrap();
            assert_eq!(
                status(&after, rule),
                (ObligationStatus::Breached, Some(due), Some(second), None),
                "{rule}"
            );
        }
    }

    /// IN-1: a breach by under a second is never "late by 0".
    #[test]
    fn in_1_a_breach_under_a_second_shows() {
        let late =
            open(Severity::P1).with_customer_notified_at(t(30) + TimeDelta::milliseconds(300));
        let obligations = late.obligations(t(40)).unwrap();
        let in1 = obligations.get(RuleId::In1).unwrap();
        assert_eq!(in1.status(), ObligationStatus::Breached);
        assert!(in1.to_string().contains("late by under 1 s"), "{in1}");
        let json = serde_json::to_value(obligations).unwrap();
        assert_eq!(json["obligations"][0]["late_by_secs"], 1);
    }

    /// IN-2: restoring service by the deadline leaves nothing to decide; a
    /// `defer` is no rollback-or-forward-fix decision.
    #[test]
    fn in_2_met_by_restoration_not_by_a_defer() {
        let restored = open(Severity::P1).with_restored_at(t(20));
        let obligations = restored.obligations(t(90)).unwrap();
        let in2 = obligations.get(RuleId::In2).unwrap();
        assert_eq!(
            (in2.status(), in2.done_at()),
            (ObligationStatus::Met, Some(t(20)))
        );
        let deferred = open(Severity::P2).with_decision(Outcome::Defer, t(10));
        let obligations = deferred.obligations(t(241)).unwrap();
        assert_eq!(
            status(&obligations, RuleId::In2).0,
            ObligationStatus::Breached
        );
    }

    #[test]
    fn in_3_resolved_at_and_after_its_due_time() {
        edges(RuleId::In3, t(60), |at| {
            open(Severity::P1).with_resolved_at(at)
        });
        edges(RuleId::In3, t(8 * 60), |at| {
            open(Severity::P3).with_resolved_at(at)
        });
        edges(RuleId::In3, t(24 * 60), |at| {
            open(Severity::P4).with_resolved_at(at)
        });
    }

    /// IN-4: due seven days after resolution; a root cause carries no time,
    /// so once stated it is met.
    #[test]
    fn in_4_root_cause_due_seven_days_after_resolution() {
        let resolved = open(Severity::P2).with_resolved_at(t(100));
        let due = t(100) + TimeDelta::days(7);
        let at_due = resolved.obligations(due).unwrap();
        assert_eq!(
            status(&at_due, RuleId::In4),
            (
                ObligationStatus::Pending,
                Some(due),
                None,
                Some(TimeDelta::zero())
            )
        );
        let after = resolved.obligations(due + TimeDelta::seconds(1)).unwrap();
        assert_eq!(
            status(&after, RuleId::In4),
            (
                ObligationStatus::Breached,
                Some(due),
                Some(TimeDelta::seconds(1)),
                None
            )
        );
        let documented = resolved.with_root_cause("a typo");
        let met = documented.obligations(due + TimeDelta::days(1)).unwrap();
        assert_eq!(
            met.get(RuleId::In4).unwrap().status(),
            ObligationStatus::Met
        );
    }

    /// IN-5: a post-mortem held by the due time with an action item; held
    /// without one is not done; held a second late is breached.
    #[test]
    fn in_5_post_mortem_with_action_items_by_its_due_time() {
        let due = t(100) + TimeDelta::days(7);
        edges(RuleId::In5, due, |at| {
            open(Severity::P2)
                .with_resolved_at(t(100))
                .with_post_mortem(
                    PostMortemRecord::new(at)
                        .with_action_item(ActionItem::new("Add a test", Horizon::Immediate)),
                )
        });
        let empty = open(Severity::P2)
            .with_resolved_at(t(100))
            .with_post_mortem(PostMortemRecord::new(t(200)));
        let obligations = empty.obligations(t(300)).unwrap();
        assert_eq!(
            status(&obligations, RuleId::In5).0,
            ObligationStatus::Pending
        );
    }

    /// IN-4: the documentation window lives in the policy, validated.
    #[test]
    fn in_4_the_documentation_window_is_the_policy_s() {
        let policy = Policy::default()
            .with_deadlines(Deadlines::STANDARD.with_documentation_minutes(24 * 60))
            .unwrap();
        let resolved = open(Severity::P2).with_resolved_at(t(100));
        let obligations = policy.obligations(&resolved, t(101)).unwrap();
        assert_eq!(
            obligations.get(RuleId::In4).unwrap().due(),
            Some(t(100) + TimeDelta::days(1))
        );
        let applied = format!(
            "policy applied: custom {:016x} on EATGF-DSS-INC-01 v1.0, with deadlines.documentation_minutes `1440` (the standard's `10080`)",
            policy.fingerprint()
        );
        assert!(obligations.to_string().contains(&applied), "{obligations}");
        let err = Policy::default()
            .with_deadlines(Deadlines::STANDARD.with_documentation_minutes(0))
            .unwrap_err();
        insta::assert_snapshot!(err, @"deadlines.documentation_minutes `0` must be at least 1 (IN-4)");
    }
}

mod timelines {
    use super::*;

    /// IN-3: every pair of timestamps out of order is refused, naming both.
    #[test]
    fn every_out_of_order_pair_is_refused_with_both_names() {
        let base = || open(Severity::P2);
        let cases: Vec<(Incident, &str, &str)> = vec![
            (base().with_started_at(t(1)), "detected_at", "started_at"),
            (
                base().with_escalated_at(t(-1)),
                "escalated_at",
                "detected_at",
            ),
            (base().with_declared_at(t(-1)), "declared_at", "detected_at"),
            (
                base()
                    .with_declared_at(t(5))
                    .with_decision(Outcome::Rollback, t(4)),
                "decision.at",
                "declared_at",
            ),
            (
                base()
                    .with_decision(Outcome::Rollback, t(5))
                    .with_restored_at(t(4)),
                "restored_at",
                "decision.at",
            ),
            (
                base().with_restored_at(t(5)).with_resolved_at(t(4)),
                "resolved_at",
                "restored_at",
            ),
            (base().with_resolved_at(t(-1)), "resolved_at", "detected_at"),
            (
                base().with_customer_notified_at(t(-1)),
                "customer_notified_at",
                "detected_at",
            ),
            (
                base().with_rollback(
                    incident_response::incident::RollbackRecord::new(t(5))
                        .with_finished(t(4), true),
                ),
                "rollback.finished_at",
                "rollback.started_at",
            ),
            (
                base().with_post_mortem(PostMortemRecord::new(t(-1))),
                "post_mortem.held_at",
                "detected_at",
            ),
            (
                base().with_escalated_at(t(50)).with_resolved_at(t(40)),
                "resolved_at",
                "escalated_at",
            ),
            (
                base()
                    .with_started_at(t(-5))
                    .with_rollback(incident_response::incident::RollbackRecord::new(t(-6))),
                "rollback.started_at",
                "started_at",
            ),
        ];
        for (incident, field, other) in cases {
            let err = incident.validate().unwrap_err();
            assert!(
                matches!(&err, Error::InvalidTimeline { field: f, other: o, .. } if f == field && o == other),
                "{field} before {other}: {err}"
            );
            assert_eq!(incident.durations().unwrap_err(), err);
            assert_eq!(incident.obligations(t(100)).unwrap_err(), err);
        }
        let err = base()
            .with_restored_at(t(10))
            .with_resolved_at(t(9))
            .validate()
            .unwrap_err();
        insta::assert_snapshot!(
            err,
            @"resolved_at `2026-02-16T10:09:00Z` is before restored_at `2026-02-16T10:10:00Z` (IN-3)"
        );
    }

    /// IN-1 … IN-5 as of `now` (item 22 of the review): what the timeline
    /// records after `now` had not happened yet. A finished incident
    /// replayed at T+3 min shows what was due then; a bot whose clock lags
    /// the recorded events by a second gets the answer of that second.
    #[test]
    fn in_1_to_in_5_events_after_now_are_set_aside() {
        let closed = open(Severity::P2)
            .with_customer_notified_at(t(12))
            .with_decision(Outcome::Rollback, t(5))
            .with_restored_at(t(10))
            .with_resolved_at(t(30))
            .with_root_cause("N+1 query")
            .with_post_mortem(
                PostMortemRecord::new(t(40))
                    .with_action_item(ActionItem::new("bulk load", Horizon::Immediate)),
            );
        let at_3 = closed.obligations(t(3)).unwrap();
        assert_eq!(at_3.events_after_now(), 5);
        for rule in [RuleId::In1, RuleId::In2, RuleId::In3, RuleId::In5] {
            assert_eq!(status(&at_3, rule).0, ObligationStatus::Pending, "{rule}");
        }
        assert_eq!(
            status(&at_3, RuleId::In4).0,
            ObligationStatus::Pending,
            "a root cause carries no time: it counts once the timeline has happened"
        );
        assert!(
            at_3.to_string()
                .contains("  5 events after now set aside, not yet happened\n"),
            "{at_3}"
        );
        assert_eq!(serde_json::to_value(at_3).unwrap()["events_after_now"], 5);
        let at_20 = closed.obligations(t(20)).unwrap();
        assert_eq!(status(&at_20, RuleId::In1).0, ObligationStatus::Met);
        assert_eq!(status(&at_20, RuleId::In2).0, ObligationStatus::Met);
        assert_eq!(status(&at_20, RuleId::In3).0, ObligationStatus::Pending);
        assert_eq!(at_20.events_after_now(), 2);
        // An event at exactly `now` has happened: at T+12 min the
        // notification counts, and only the resolution and the post-mortem
        // are still to come.
        let at_12 = closed.obligations(t(12)).unwrap();
        assert_eq!(at_12.events_after_now(), 2);
        assert_eq!(status(&at_12, RuleId::In1).0, ObligationStatus::Met);
        let after = closed.obligations(t(41)).unwrap();
        assert_eq!(after.events_after_now(), 0);
        assert_eq!(status(&after, RuleId::In4).0, ObligationStatus::Met);
        assert_eq!(status(&after, RuleId::In5).0, ObligationStatus::Met);
        // Before detection, or before the escalation that set the severity,
        // there is nothing to judge.
        insta::assert_snapshot!(
            open(Severity::P2).obligations(t(-1)).unwrap_err(),
            @"now `2026-02-16T09:59:00Z` is before detected_at `2026-02-16T10:00:00Z` (IN-3)"
        );
        insta::assert_snapshot!(
            open(Severity::P1).with_escalated_at(t(30)).obligations(t(20)).unwrap_err(),
            @"now `2026-02-16T10:20:00Z` is before escalated_at `2026-02-16T10:30:00Z` (IN-3)"
        );
    }

    /// IN-3 near the end of time: a deadline past chrono's range is a typed
    /// error, never a panic.
    #[test]
    fn in_3_deadlines_past_the_end_of_time_are_errors() {
        let end = DateTime::<Utc>::MAX_UTC;
        let err = Incident::new("late", Severity::P4, end)
            .obligations(end)
            .unwrap_err();
        assert!(matches!(
            err,
            Error::TimeOutOfRange {
                field: "detected_at",
                rule: RuleId::In3,
                ..
            }
        ));
    }
}

mod json {
    use super::*;

    #[test]
    fn only_id_severity_and_detection_are_required() {
        let minimal: Incident = serde_json::from_value(json!({
            "id": "INC-1", "severity": "P2", "detected_at": "2026-02-16T10:00:00Z",
        }))
        .unwrap();
        assert_eq!(minimal, open(Severity::P2));
        let err = serde_json::from_value::<Incident>(json!({"id": "INC-1", "severity": "P2"}))
            .unwrap_err();
        assert!(err.to_string().contains("detected_at"), "{err}");
    }

    #[test]
    fn null_is_not_stated_and_unknown_fields_are_refused() {
        let nulls: Incident = serde_json::from_value(json!({
            "id": "INC-1", "severity": "P2", "detected_at": "2026-02-16T10:00:00Z",
            "title": null, "customer_impacting": null, "started_at": null, "escalated_at": null,
            "declared_at": null, "decision": null, "restored_at": null,
            "customer_notified_at": null, "resolved_at": null, "rollback": null,
            "release": null, "root_cause": null, "post_mortem": null,
        }))
        .unwrap();
        assert_eq!(nulls, open(Severity::P2));
        let unknown = serde_json::from_value::<Incident>(json!({
            "id": "INC-1", "severity": "P2", "detected_at": "2026-02-16T10:00:00Z", "sev": "P1",
        }));
        assert!(
            unknown
                .unwrap_err()
                .to_string()
                .starts_with("unknown field `sev`")
        );
        let item: ActionItem = serde_json::from_value(json!({
            "title": "x", "horizon": "short_term", "done": null,
        }))
        .unwrap();
        assert_eq!(item, ActionItem::new("x", Horizon::ShortTerm));
    }

    /// The fixture reads back to itself, and the obligations' JSON names
    /// each rule, its status and its control.
    #[test]
    fn the_fixture_round_trips_and_obligations_serialize() {
        let incident = feb16_incident();
        let again: Incident =
            serde_json::from_value(serde_json::to_value(&incident).unwrap()).unwrap();
        assert_eq!(again, incident);
        let mut late = incident;
        late.customer_notified_at = Some(t(35));
        let json = serde_json::to_value(late.obligations(t(40)).unwrap()).unwrap();
        assert_eq!(
            json["obligations"][0],
            json!({
                "rule": "IN-1",
                "status": "breached",
                "due": "2026-02-16T10:30:00Z",
                "done_at": "2026-02-16T10:35:00Z",
                "late_by_secs": 300,
                "time_left_secs": null,
                "not_applicable": null,
                "duty": "customers notified",
                "quote": "Communication: Customer notification within 30 min",
                "control_area": "incident_response",
            })
        );
        assert_eq!(json["any_breached"], true);
        assert_eq!(json["next_deadline"], serde_json::Value::Null);
        assert_eq!(json["policy"]["custom"], false);
    }
}

/// The control mapping: each obligation cites its row.
#[test]
fn in_1_obligations_cite_the_control_mapping() {
    let obligations = feb16_incident().obligations(t(100)).unwrap();
    for obligation in obligations.iter() {
        assert_eq!(obligation.control_area(), ControlArea::IncidentResponse);
    }
    assert_eq!(RuleId::Dt1.control_area(), ControlArea::ChangeRecovery);
    assert_eq!(RuleId::Rb6.control_area(), ControlArea::BusinessContinuity);
    assert_eq!(RuleId::Me1.control_area(), ControlArea::MetricsAndReporting);
    assert_eq!(
        RuleId::SevP1Outage.control_area(),
        ControlArea::IncidentResponse
    );
}

/// IN-5: a post-mortem held without a prevention action item lacks them;
/// a decision alone, or a rollback alone, makes the report evidence of
/// change recovery.
#[test]
fn in_5_a_post_mortem_without_action_items_lacks_them() {
    let held = open(Severity::P2)
        .with_resolved_at(t(45))
        .with_root_cause("a bad config")
        .with_post_mortem(PostMortemRecord::new(t(60)));
    let report = held.post_mortem_report().unwrap();
    let missing: Vec<(RuleId, &str)> = report.missing.iter().map(|m| (m.rule, m.what)).collect();
    assert_eq!(missing, [(RuleId::In5, "prevention action items")]);
    assert_eq!(report.controls, [ControlArea::IncidentResponse]);
    let decided = held.clone().with_decision(Outcome::ForwardFix, t(10));
    let rolled_back = held.with_rollback(incident_response::incident::RollbackRecord::new(t(10)));
    for incident in [decided, rolled_back] {
        assert_eq!(
            incident.post_mortem_report().unwrap().controls,
            [ControlArea::IncidentResponse, ControlArea::ChangeRecovery]
        );
    }
}

/// A post-mortem drafted before it is complete lists what is missing.
#[test]
fn in_4_and_in_5_a_draft_post_mortem_lists_what_is_missing() {
    let draft = open(Severity::P2).with_resolved_at(t(45));
    let report = draft.post_mortem_report().unwrap();
    let missing: Vec<(RuleId, &str)> = report.missing.iter().map(|m| (m.rule, m.what)).collect();
    assert_eq!(
        missing,
        [
            (RuleId::In4, "root cause"),
            (RuleId::In5, "post-mortem meeting")
        ]
    );
    insta::assert_snapshot!(report, @"
    ## Post-mortem: INC-1 (Feb 16, 2026)

    - **Title:** INC-1 (Feb 16, 2026)
    - **Impact:** unknown (needs restored_at)
    - **Root Cause:** not documented yet
    - **Detection:** unknown (needs started_at)
    - **Response:** unknown (needs restored_at)
    - **Recovery:** unknown (needs restored_at and resolved_at)
    - **Severity:** P2 (resolved in 45 min)
    - **Prevention:** 0 action items

    ### Completeness

    - missing under IN-4: root cause
    - missing under IN-5: post-mortem meeting

    ### Controls evidenced

    - Incident Response: ISO 27001:2022 A.5.26, A.6.10, A.16.1 (A.16.1 is a clause of ISO 27001:2013, kept as the standard lists it); NIST SSDF PO.1.2, PO.3.2; COBIT 2019 DSS06, MEA01; OWASP SAMM IM
    ");
}

/// Review items 6, 7, 11 and 12: each obligation quotes its own severity,
/// a blank root cause is not stated, a rollback may start before the
/// incident is detected, and the control mapping's slip is marked.
mod review {
    use super::*;

    /// IN-1, IN-2, IN-3: a P2's obligations quote the P2's words, not the
    /// P1's; every quote of every severity stands in the standard.
    #[test]
    fn in_1_to_in_3_each_severity_quotes_its_own_words() {
        let standard = util::normalize(util::STANDARD_TEXT);
        let expected = [
            (
                Severity::P1,
                [
                    "Communication: Customer notification within 30 min",
                    "Decision: Rollback or forward fix within 60 min",
                    "P1 CRITICAL (≤1 hour SLA)",
                ],
            ),
            (
                Severity::P2,
                [
                    "Communication: Customer notification within 2 hours",
                    "Decision: Rollback or forward fix within 4 hours",
                    "P2 HIGH (≤4 hour SLA)",
                ],
            ),
            (
                Severity::P3,
                [
                    "Communication: Customer notified within 4 hours",
                    "Decision: Forward fix or rollback (24-hour window)",
                    "P3 MEDIUM (≤8 hour SLA)",
                ],
            ),
            (
                Severity::P4,
                [
                    "Definition: Cosmetic or internal-only issue",
                    "Decision: Fix or defer (no rollback needed)",
                    "P4 LOW (≤24 hour SLA)",
                ],
            ),
        ];
        for (severity, quotes) in expected {
            let obligations = open(severity).obligations(t(1)).unwrap();
            let found: Vec<&str> = obligations.iter().map(|o| o.quote()).collect();
            assert_eq!(found[..3], quotes, "{severity}");
            let json = serde_json::to_value(obligations).unwrap();
            assert_eq!(json["obligations"][0]["quote"], quotes[0], "{severity}");
            for quote in &found {
                assert!(
                    standard.contains(&util::normalize(quote)),
                    "{quote} is not the standard's"
                );
            }
        }
    }

    /// IN-4: a blank root cause is not stated: the obligation stays
    /// pending, and the post-mortem says it is missing.
    #[test]
    fn in_4_a_blank_root_cause_is_not_documented() {
        for blank in ["", "   ", "\n\t"] {
            let incident = open(Severity::P2)
                .with_resolved_at(t(30))
                .with_root_cause(blank);
            assert_eq!(incident.documented_root_cause(), None);
            let obligations = incident.obligations(t(40)).unwrap();
            assert_eq!(
                status(&obligations, RuleId::In4).0,
                ObligationStatus::Pending,
                "{blank:?}"
            );
            let report = incident.post_mortem_report().unwrap();
            assert_eq!(report.root_cause, None);
            assert_eq!(report.missing[0].rule, RuleId::In4);
            let text = report.to_string();
            assert!(
                text.contains("- **Root Cause:** not documented yet\n"),
                "{text}"
            );
            assert!(!text.contains("Complete:"), "{text}");
        }
        let stated = open(Severity::P2).with_root_cause("  N+1 query  ");
        assert_eq!(stated.documented_root_cause(), Some("N+1 query"));
    }

    /// ME-3, IN-3: an automated rollback may start before anyone detects
    /// the incident; it may not start before the issue began, and that is
    /// a timeline error of the rollback, not of a resolution SLA.
    #[test]
    fn me_3_a_rollback_before_detection_is_accepted() {
        let early = open(Severity::P1)
            .with_started_at(t(-5))
            .with_rollback(
                incident_response::incident::RollbackRecord::new(t(-2)).with_finished(t(2), true),
            )
            .with_resolved_at(t(10));
        assert!(early.validate().is_ok());
        assert_eq!(
            early.durations().unwrap().rollback,
            Some(TimeDelta::minutes(4))
        );
        let before_the_issue = early
            .clone()
            .with_rollback(incident_response::incident::RollbackRecord::new(t(-6)));
        insta::assert_snapshot!(
            before_the_issue.validate().unwrap_err(),
            @"rollback.started_at `2026-02-16T09:54:00Z` is before started_at `2026-02-16T09:55:00Z` (ME-3)"
        );
    }

    /// IN-1: the control mapping keeps the standard's words and marks
    /// A.16.1, a clause of ISO 27001:2013, where it shows it.
    #[test]
    fn in_1_the_control_mapping_marks_a_16_1() {
        let area = RuleId::In1.control_area();
        assert_eq!(area, ControlArea::IncidentResponse);
        assert_eq!(area.iso_27001(), ["A.5.26", "A.6.10", "A.16.1"]);
        assert!(area.to_string().contains(
            "A.16.1 (A.16.1 is a clause of ISO 27001:2013, kept as the standard lists it)"
        ));
        assert!(
            ControlArea::ALL
                .iter()
                .skip(1)
                .all(|a| a.iso_27001_note().is_none())
        );
    }
}
