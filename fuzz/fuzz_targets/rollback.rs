//! Arbitrary bytes as `{"release": …, "run": …}` JSON → the plan and the
//! verdict: a verdict that succeeds holds RB-1 … RB-5; rendered.
#![no_main]

use incident_response::{Error, RollbackPlan, RollbackRelease, RollbackRun, json, verify};
use libfuzzer_sys::fuzz_target;

#[derive(serde::Deserialize)]
struct Check {
    release: RollbackRelease,
    run: RollbackRun,
}

fuzz_target!(|data: &[u8]| {
    let Ok(check) = json::read::<Check>(data) else {
        return;
    };
    let Ok(plan) = RollbackPlan::for_release(check.release) else {
        return;
    };
    let _ = plan.to_string();
    let _ = serde_json::to_string(&plan).unwrap();
    match verify(&plan, &check.run) {
        Ok(verdict) => {
            if verdict.succeeded() {
                assert!(verdict.checks().iter().take(5).all(|c| c.held), "{verdict}");
                // Success needs every planned step to have passed.
                for planned in plan.steps() {
                    assert!(
                        check.run.steps.iter().any(|s| s.step == planned.step && s.ok),
                        "{verdict}"
                    );
                }
            }
            let test = verdict.as_rollback_test(true);
            assert_eq!(test.broken_rules.is_empty(), verdict.succeeded());
            let _ = verdict.to_string();
            let _ = serde_json::to_string(&verdict).unwrap();
            let _ = verdict.record();
        }
        Err(Error::EmptyRun { .. } | Error::InvalidTimeline { .. }) => {}
        Err(other) => panic!("unexpected {other}"),
    }
});
