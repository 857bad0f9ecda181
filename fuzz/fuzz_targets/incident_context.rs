//! Arbitrary bytes as `IncidentContext` JSON → `decide`, its
//! counterfactuals, its explanation and its JSON.
#![no_main]

use incident_response::{IncidentContext, Policy, decide, decision_table, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Through the JSON door: `severity`, or `signals` in its place.
    let Ok(document) = json::read_context(data, &Policy::STANDARD) else {
        return;
    };
    let context: IncidentContext = document.body;
    let decision = decide(&context).unwrap();
    let _ = decision.to_string();
    let _ = serde_json::to_string(&decision).unwrap();
    for counterfactual in decision.counterfactuals() {
        let changed = decide(&counterfactual.change.apply(context)).unwrap();
        assert_eq!(changed.outcome(), counterfactual.outcome, "{counterfactual}");
    }
    assert!(decision_table().row_of(&decision).is_some(), "{context:?}");
});
