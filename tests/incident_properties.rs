//! Invariants of incident timelines, checked by proptest on random
//! incidents: totality, invariance under a shift of time, and obligations
//! that never go back to pending as `now` moves on.

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
    Error, Incident, Outcome, Severity, incident::ActionItem, incident::Horizon,
    incident::ObligationStatus, incident::PostMortemRecord, incident::RollbackRecord,
};
use proptest::prelude::*;

/// Minutes, clustered where the deadlines are, or `None`.
fn step() -> impl Strategy<Value = Option<i64>> {
    proptest::option::of(prop_oneof![0..=90i64, 0..=20_000i64])
}

/// The offsets of an incident's timeline, in minutes after detection,
/// each step from the one before, so that the timeline is in order.
#[derive(Debug, Clone)]
struct Timeline {
    severity: Severity,
    impacting: Option<bool>,
    started_before: Option<i64>,
    escalated: Option<i64>,
    declared: Option<i64>,
    decision: Option<(i64, Outcome)>,
    restored: Option<i64>,
    resolved: Option<i64>,
    notified: Option<i64>,
    rollback: Option<(i64, Option<i64>)>,
    root_cause: bool,
    post_mortem: Option<(i64, usize)>,
}

prop_compose! {
    fn timeline()(
        severity in util::severity(),
        impacting in proptest::option::of(any::<bool>()),
        started_before in step(),
        escalated in step(),
        declared in step(),
        decision in proptest::option::of((0..=300i64, util::outcome())),
        restored in step(),
        resolved in step(),
        notified in step(),
        rollback in proptest::option::of((0..=300i64, proptest::option::of(0..=30i64))),
        root_cause in any::<bool>(),
        post_mortem in proptest::option::of((0..=20_000i64, 0..3usize)),
    ) -> Timeline {
        Timeline {
            severity, impacting, started_before, escalated, declared, decision, restored,
            resolved, notified, rollback, root_cause, post_mortem,
        }
    }
}

impl Timeline {
    /// The incident, detected at `detected`, in order by construction.
    fn incident(&self, detected: DateTime<Utc>) -> Incident {
        let at = |minutes: i64| detected + TimeDelta::minutes(minutes);
        let mut incident = Incident::new("INC-P", self.severity, detected);
        incident.customer_impacting = self.impacting;
        incident.started_at = self.started_before.map(|m| at(-m));
        incident.escalated_at = self.escalated.map(at);
        // The chain detected ≤ declared ≤ decision ≤ restored ≤ resolved.
        let mut last = 0;
        let mut next = |offset: Option<i64>| {
            offset.map(|m| {
                last += m;
                at(last)
            })
        };
        incident.declared_at = next(self.declared);
        incident.decision = self.decision.and_then(|(m, outcome)| {
            next(Some(m)).map(|t| incident_response::decision::TakenDecision::new(outcome, t))
        });
        incident.restored_at = next(self.restored);
        incident.resolved_at = next(self.resolved);
        // Escalated no later than resolved.
        if let (Some(escalated), Some(resolved)) = (incident.escalated_at, incident.resolved_at) {
            incident.escalated_at = Some(escalated.min(resolved));
        }
        incident.customer_notified_at = self.notified.map(at);
        incident.rollback = self.rollback.map(|(start, length)| {
            let rollback = RollbackRecord::new(at(start));
            match length {
                Some(l) => rollback.with_finished(at(start + l), true),
                None => rollback,
            }
        });
        if self.root_cause {
            incident.root_cause = Some("a cause".into());
        }
        incident.post_mortem = self.post_mortem.map(|(m, items)| {
            let mut record = PostMortemRecord::new(at(m));
            for i in 0..items {
                record = record
                    .with_action_item(ActionItem::new(format!("item {i}"), Horizon::Immediate));
            }
            record
        });
        incident
    }
}

fn detected() -> DateTime<Utc> {
    util::feb16(10, 0, 0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]

    /// IN-1 … IN-5: an incident in order gives durations, obligations and a
    /// post-mortem at any `now` from its last event on, without an error.
    #[test]
    fn in_order_incidents_always_answer(t in timeline(), later in 0..=30_000i64) {
        let incident = t.incident(detected());
        let now = incident.last_event_at() + TimeDelta::minutes(later);
        let durations = incident.durations().unwrap();
        prop_assert!(durations.time_to_detect.is_none_or(|d| d >= TimeDelta::zero()));
        let obligations = incident.obligations(now).unwrap();
        prop_assert_eq!(obligations.iter().len(), 5);
        for o in obligations.iter() {
            prop_assert_eq!(o.late_by().is_some(), o.status() == ObligationStatus::Breached);
            prop_assert!(o.late_by().is_none_or(|l| l > TimeDelta::zero()));
            prop_assert!(o.time_left().is_none_or(|l| l >= TimeDelta::zero()));
        }
        let report = incident.post_mortem_report().unwrap();
        prop_assert_eq!(report.is_complete(), report.missing.is_empty());
    }

    /// Any timestamps at all, in any order: an answer or a typed timeline
    /// error, never a panic.
    #[test]
    fn any_incident_answers_or_is_refused_by_name(
        t in timeline(),
        shuffle in proptest::collection::vec(-20_000i64..20_000, 4),
    ) {
        let mut incident = t.incident(detected());
        let at = |m: i64| detected() + TimeDelta::minutes(m);
        incident.started_at = incident.started_at.map(|_| at(shuffle[0]));
        incident.resolved_at = incident.resolved_at.map(|_| at(shuffle[1]));
        incident.customer_notified_at = Some(at(shuffle[2]));
        let now = at(shuffle[3]);
        for result in [incident.durations().map(|_| ()), incident.obligations(now).map(|_| ())] {
            match result {
                Ok(()) => {}
                Err(Error::InvalidTimeline { .. }) => {}
                Err(other) => prop_assert!(false, "unexpected {other}"),
            }
        }
    }

    /// IN-1 … IN-5: shifting every timestamp and `now` by the same amount
    /// changes no duration and no status.
    #[test]
    fn a_shift_in_time_changes_nothing(
        t in timeline(),
        later in 0..=30_000i64,
        shift in -5_000_000i64..5_000_000,
    ) {
        let incident = t.incident(detected());
        let shifted = t.incident(detected() + TimeDelta::minutes(shift));
        let now = incident.last_event_at() + TimeDelta::minutes(later);
        let shifted_now = now + TimeDelta::minutes(shift);
        prop_assert_eq!(incident.durations().unwrap(), shifted.durations().unwrap());
        let before = incident.obligations(now).unwrap();
        let after = shifted.obligations(shifted_now).unwrap();
        for (a, b) in before.iter().zip(after.iter()) {
            prop_assert_eq!((a.status(), a.late_by(), a.time_left()), (b.status(), b.late_by(), b.time_left()));
        }
    }

    /// IN-1 … IN-5: as `now` moves on, a met or breached obligation never
    /// goes back to pending, and a breached one is never met.
    #[test]
    fn obligations_never_go_back_to_pending(
        t in timeline(),
        first in 0..=30_000i64,
        more in 0..=30_000i64,
    ) {
        let incident = t.incident(detected());
        let now = incident.last_event_at() + TimeDelta::minutes(first);
        let earlier = incident.obligations(now).unwrap();
        let later = incident.obligations(now + TimeDelta::minutes(more)).unwrap();
        for (a, b) in earlier.iter().zip(later.iter()) {
            match a.status() {
                ObligationStatus::Met => prop_assert_eq!(b.status(), ObligationStatus::Met),
                ObligationStatus::Breached => prop_assert_eq!(b.status(), ObligationStatus::Breached),
                ObligationStatus::NotApplicable => {
                    prop_assert_eq!(b.status(), ObligationStatus::NotApplicable);
                }
                ObligationStatus::Pending => {}
            }
        }
    }
}
