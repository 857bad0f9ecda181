//! Arbitrary bytes as `{"release": …, "run": …}` JSON → the plan and the
//! verdict: a verdict that succeeds holds RB-1 … RB-5; rendered.
#![no_main]

use incident_response::{Error, RollbackPlan, RollbackRelease, RollbackRun, verify};
use libfuzzer_sys::fuzz_target;

#[derive(serde::Deserialize)]
struct Check {
    release: RollbackRelease,
    run: RollbackRun,
}

fuzz_target!(|data: &[u8]| {
    let Ok(check) = serde_json::from_slice::<Check>(data) else {
        return;
    };
    let plan = RollbackPlan::for_release(check.release);
    let _ = plan.to_string();
    let _ = serde_json::to_string(&plan).unwrap();
    match verify(&plan, &check.run) {
        Ok(verdict) => {
            if verdict.succeeded {
                assert!(verdict.checks.iter().take(5).all(|c| c.held), "{verdict}");
            }
            let _ = verdict.to_string();
            let _ = serde_json::to_string(&verdict).unwrap();
            let _ = verdict.record();
            let _ = verdict.as_rollback_test(true);
        }
        Err(Error::EmptyRun { .. } | Error::InvalidTimeline { .. }) => {}
        Err(other) => panic!("unexpected {other}"),
    }
});
