//! Properties of the public types that callers rely on.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::{
    Classification, Counterfactual, Deadlines, Decision, DecisionTable, Deployment, Error,
    IncidentContext, MatchedRules, Policy, ResponsePlan, RuleId, Severity, Signals, Thresholds,
    WatchState,
};

fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Signals>();
    assert_send_sync::<Classification>();
    assert_send_sync::<MatchedRules>();
    assert_send_sync::<Severity>();
    assert_send_sync::<ResponsePlan>();
    assert_send_sync::<Policy>();
    assert_send_sync::<Thresholds>();
    assert_send_sync::<Deadlines>();
    assert_send_sync::<RuleId>();
    assert_send_sync::<Error>();
    assert_send_sync::<IncidentContext>();
    assert_send_sync::<Decision>();
    assert_send_sync::<Counterfactual>();
    assert_send_sync::<DecisionTable>();
    assert_send_sync::<Deployment>();
    assert_send_sync::<WatchState>();
}

#[test]
fn errors_are_std_errors() {
    fn is_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    let err: Error = "P0".parse::<Severity>().unwrap_err();
    is_error(&err);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err);
    assert_eq!(
        boxed.to_string(),
        "severity `P0` is not one of P1, P2, P3, P4"
    );
}
