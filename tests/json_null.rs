//! The JSON contract of `null`, the same for every input: absent, `null`
//! and present, field by field, for `Signals` and `IncidentContext`.
//! Monitoring exporters write `null` for a metric they have no sample for;
//! it must never be an error where leaving the field out is not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::{IncidentContext, Outcome, Severity, Signals, classify, decide};
use serde_json::{Value, json};

/// What `null` means for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Null {
    /// Not stated: the same as leaving the field out.
    NotStated,
    /// A stated fact, "there is none", which decides the same as the
    /// default but is not an assumption.
    StatesNone,
}

/// Which input a field belongs to.
#[derive(Debug, Clone, Copy)]
enum Input {
    Signals,
    Context,
}

/// Every optional field of both inputs: its input, its name, a value other
/// than its default, and what `null` means for it.
fn fields() -> Vec<(Input, &'static str, Value, Null)> {
    vec![
        (Input::Signals, "error_rate", json!(0.1), Null::NotStated),
        (Input::Signals, "latency_ms", json!(3_000), Null::NotStated),
        (Input::Signals, "data_loss", json!(true), Null::NotStated),
        (
            Input::Signals,
            "customer_data_exposed",
            json!(true),
            Null::NotStated,
        ),
        (
            Input::Signals,
            "feature_broken",
            json!("critical"),
            Null::NotStated,
        ),
        (
            Input::Signals,
            "gradual_degradation",
            json!(true),
            Null::NotStated,
        ),
        (Input::Context, "data_loss", json!(true), Null::NotStated),
        (
            Input::Context,
            "cause",
            json!({"kind": "deployment", "revert": "simple"}),
            Null::NotStated,
        ),
        (
            Input::Context,
            "backup_restore_minutes",
            json!(10),
            Null::StatesNone,
        ),
        (
            Input::Context,
            "fix",
            json!({"ready": true, "estimated_deploy_minutes": 10, "simple_and_safe": true}),
            Null::StatesNone,
        ),
    ]
}

/// The optional field inside a fix: `hot_reload`, `null` as not stated.
#[test]
fn a_fix_reads_a_null_hot_reload_as_not_stated() {
    let fix = |hot_reload: Value| {
        let context: IncidentContext = serde_json::from_value(json!({
            "severity": "P2",
            "fix": {"ready": true, "estimated_deploy_minutes": 10, "simple_and_safe": true, "hot_reload": hot_reload},
        }))
        .unwrap();
        context.fix.unwrap().unwrap().hot_reload
    };
    assert!(!fix(Value::Null));
    assert!(fix(json!(true)));
}

/// The object with `field` set to `value`, or left out when `value` is `None`.
fn object(input: Input, field: &str, value: Option<Value>) -> Value {
    let mut object = match input {
        Input::Signals => json!({}),
        Input::Context => json!({"severity": "P2"}),
    };
    if let Some(value) = value {
        object[field] = value;
    }
    object
}

#[test]
fn absent_null_and_present_for_every_field_of_every_input() {
    for (input, field, present, null) in fields() {
        let absent = object(input, field, None);
        let nulled = object(input, field, Some(Value::Null));
        let stated = object(input, field, Some(present));
        match input {
            Input::Signals => {
                let read = |v: &Value| serde_json::from_value::<Signals>(v.clone());
                let absent = read(&absent).unwrap();
                assert_eq!(absent, Signals::default());
                assert_eq!(read(&nulled).unwrap(), absent, "{field}: null");
                assert_ne!(read(&stated).unwrap(), absent, "{field}: present");
                assert_eq!(null, Null::NotStated);
                assert_eq!(
                    classify(&read(&nulled).unwrap()).unwrap().severity(),
                    Severity::P4
                );
            }
            Input::Context => {
                let read = |v: &Value| serde_json::from_value::<IncidentContext>(v.clone());
                let absent = read(&absent).unwrap();
                assert_eq!(absent, IncidentContext::new(Severity::P2));
                let nulled = read(&nulled).unwrap();
                assert_eq!(nulled == absent, null == Null::NotStated, "{field}: null");
                assert_eq!(
                    decide(&nulled).unwrap().outcome(),
                    decide(&absent).unwrap().outcome(),
                    "{field}: null decides as not stated"
                );
                assert_eq!(decide(&absent).unwrap().outcome(), Outcome::Rollback);
                assert_ne!(read(&stated).unwrap(), absent, "{field}: present");
            }
        }
    }
}

#[test]
fn a_null_revert_is_named_for_what_it_is() {
    let err = serde_json::from_value::<IncidentContext>(
        json!({"severity": "P2", "cause": {"kind": "deployment", "revert": null}}),
    )
    .unwrap_err();
    insta::assert_snapshot!(
        err,
        @"`revert` is `null`; a cause of `kind` `deployment` needs `simple` or `complex`"
    );
    let err = serde_json::from_value::<IncidentContext>(
        json!({"severity": "P2", "cause": {"kind": "deployment"}}),
    )
    .unwrap_err();
    insta::assert_snapshot!(err, @"missing field `revert`");
    // Where `revert` does not belong, `null` is not stated, like absent.
    let migration: IncidentContext = serde_json::from_value(
        json!({"severity": "P2", "cause": {"kind": "database_migration", "revert": null}}),
    )
    .unwrap();
    assert_eq!(
        migration.cause,
        Some(incident_response::decision::Cause::DatabaseMigration)
    );
}
