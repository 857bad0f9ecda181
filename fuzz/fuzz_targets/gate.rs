//! Arbitrary bytes as `ReleaseEvidence` JSON → the gate, under the
//! standard: every violation names a rule of the gate, once; rendered.
#![no_main]

use incident_response::{Error, ReleaseEvidence, check_release, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(evidence) = json::read_document::<ReleaseEvidence>(data) else {
        return;
    };
    // Evidence no rule can judge (negative hours) is refused by name.
    let readiness = match check_release(&evidence.body) {
        Ok(readiness) => readiness,
        Err(Error::InvalidInput { .. }) => return,
        Err(other) => panic!("unexpected {other}"),
    };
    let rules: Vec<_> = readiness.violations().iter().map(|v| v.rule).collect();
    let mut sorted = rules.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(rules, sorted, "each rule once, in order");
    assert_eq!(readiness.is_ready(), rules.is_empty());
    let _ = readiness.to_string();
    let _ = serde_json::to_string(&readiness).unwrap();
});
