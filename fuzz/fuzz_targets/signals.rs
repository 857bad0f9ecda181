//! Arbitrary bytes as `Signals` JSON, read by the JSON door → `classify`, under the standard and
//! under a fuzzed policy; every output rendered. The first byte says how
//! many of the following bytes are the policy's JSON.
#![no_main]

use incident_response::{Policy, policy::PolicyDraft, Signals, classify, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let (policy, signals) = rest.split_at(usize::from(split).min(rest.len()));
    let Ok(signals) = json::read::<Signals>(signals) else {
        return;
    };
    if let Ok(classification) = classify(&signals) {
        let _ = classification.to_string();
        let _ = serde_json::to_string(&classification).unwrap();
    }
    let Ok(draft) = json::read::<PolicyDraft>(policy) else {
        return;
    };
    if let Ok(policy) = Policy::try_from(draft)
        && let Ok(classification) = policy.classify(&signals)
    {
        let _ = classification.to_string();
        let _ = serde_json::to_string(&classification).unwrap();
    }
});
