//! Arbitrary bytes as `ReleaseEvidence` JSON → the gate, under the
//! standard: every violation names a rule of the gate, once; rendered.
#![no_main]

use incident_response::{ReleaseEvidence, check_release};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(evidence) = serde_json::from_slice::<ReleaseEvidence>(data) else {
        return;
    };
    let readiness = check_release(&evidence);
    let rules: Vec<_> = readiness.violations.iter().map(|v| v.rule).collect();
    let mut sorted = rules.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(rules, sorted, "each rule once, in order");
    assert_eq!(readiness.is_ready(), rules.is_empty());
    let _ = readiness.to_string();
    let _ = serde_json::to_string(&readiness).unwrap();
});
