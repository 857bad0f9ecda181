//! Arbitrary bytes as a policy's JSON → validation, then `classify` and
//! `decide` under every policy that validates.
#![no_main]

use incident_response::{
    decision::Cause, policy::DecisionWindows, IncidentContext, Policy, policy::PolicyDraft, decision::Revert, Severity, Signals, json,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(draft) = json::read::<PolicyDraft>(data) else {
        return;
    };
    let Ok(policy) = Policy::try_from(draft) else {
        return;
    };
    assert!(policy.validate().is_ok());
    let _ = serde_json::to_string(&policy).unwrap();
    for signals in [
        Signals::new(),
        Signals::new().with_error_rate(1.0),
        Signals::new().with_error_rate(0.07).with_latency_ms(u64::MAX),
        Signals::new().with_latency_ms(policy.thresholds().p3_latency_ms),
    ] {
        let classification = policy.classify(&signals).unwrap();
        let _ = classification.to_string();
        let _ = serde_json::to_string(&classification).unwrap();
    }
    let windows: &DecisionWindows = policy.decision_windows();
    for severity in Severity::ALL {
        let context = IncidentContext::new(severity)
            .with_cause(Cause::Deployment {
                revert: Revert::Complex,
            })
            .with_backup_restore_minutes(windows.backup_restore_minutes);
        let decision = policy.decide(&context).unwrap();
        let _ = decision.to_string();
        let _ = serde_json::to_string(&decision).unwrap();
        let _ = policy.response(severity).to_string();
    }
    let _ = policy.decision_table().to_markdown();
});
