//! Obligations never go from met or breached back to pending as `now`
//! grows, and a shift of every timestamp and `now` changes no status.
#![no_main]

use arbitrary::Arbitrary;
use incident_response::chrono::{DateTime, TimeDelta, Utc};
use incident_response::{incident::ActionItem, incident::Horizon, Incident, incident::ObligationStatus, Outcome, incident::PostMortemRecord, Severity};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    severity: u8,
    impacting: Option<bool>,
    started_before: Option<u16>,
    escalated: Option<u16>,
    steps: [Option<u16>; 4],
    outcome: u8,
    notified: Option<u16>,
    root_cause: bool,
    post_mortem: Option<(u32, u8)>,
    first: u32,
    more: u32,
    shift: i32,
}

fn incident(input: &Input, detected: DateTime<Utc>) -> Incident {
    let at = |minutes: i64| detected + TimeDelta::minutes(minutes);
    let severity = [Severity::P1, Severity::P2, Severity::P3, Severity::P4][usize::from(input.severity % 4)];
    let mut incident = Incident::new("FUZZ", severity, detected);
    incident.customer_impacting = input.impacting;
    incident.started_at = input.started_before.map(|m| at(-i64::from(m)));
    let mut last = 0i64;
    let mut chain = input.steps.iter().map(|step| {
        step.map(|m| {
            last += i64::from(m);
            at(last)
        })
    });
    incident.declared_at = chain.next().flatten();
    let outcome = [Outcome::Rollback, Outcome::ForwardFix, Outcome::Hybrid, Outcome::Defer][usize::from(input.outcome % 4)];
    incident.decision = chain.next().flatten().map(|t| incident_response::decision::TakenDecision::new(outcome, t));
    incident.restored_at = chain.next().flatten();
    incident.resolved_at = chain.next().flatten();
    incident.escalated_at = input.escalated.map(|m| {
        let escalated = at(i64::from(m));
        incident.resolved_at.map_or(escalated, |resolved| escalated.min(resolved))
    });
    incident.customer_notified_at = input.notified.map(|m| at(i64::from(m)));
    if input.root_cause {
        incident.root_cause = Some("cause".into());
    }
    incident.post_mortem = input.post_mortem.map(|(m, items)| {
        let mut record = PostMortemRecord::new(at(i64::from(m)));
        for _ in 0..items % 3 {
            record = record.with_action_item(ActionItem::new("item", Horizon::Immediate));
        }
        record
    });
    incident
}

fuzz_target!(|input: Input| {
    let detected = DateTime::<Utc>::from_timestamp(1_771_236_000, 0).unwrap();
    let incident = incident(&input, detected);
    let now = incident.last_event_at() + TimeDelta::minutes(i64::from(input.first % 100_000));
    let later = now + TimeDelta::minutes(i64::from(input.more % 100_000));
    let (Ok(earlier), Ok(after)) = (incident.obligations(now), incident.obligations(later)) else {
        panic!("an incident in order always has obligations");
    };
    for (a, b) in earlier.iter().zip(after.iter()) {
        match a.status() {
            ObligationStatus::Met | ObligationStatus::Breached | ObligationStatus::NotApplicable => {
                assert_eq!(a.status(), b.status(), "{} at {now} then {later}", a.rule());
            }
            ObligationStatus::Pending => {}
        }
    }
    let shift = TimeDelta::minutes(i64::from(input.shift));
    let shifted = incident_shifted(&input, detected + shift);
    let moved = shifted.obligations(now + shift).unwrap();
    for (a, b) in earlier.iter().zip(moved.iter()) {
        assert_eq!((a.status(), a.late_by(), a.time_left()), (b.status(), b.late_by(), b.time_left()));
    }
    let _ = earlier.to_string();
    let _ = serde_json::to_string(&earlier).unwrap();
});

fn incident_shifted(input: &Input, detected: DateTime<Utc>) -> Incident {
    incident(input, detected)
}
