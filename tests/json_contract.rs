//! The JSON contract as every door reads it (`incident_response::json`):
//! review items 13 (arrays are not objects), 14 (Python's floats), 15
//! (messages that name the field and what it accepts, never a Rust type),
//! 19 (the optional `"id"`) and 22 (`signals` in place of `severity`).
//! Needs the `json` feature: `cargo test --all-features`.

#![cfg(feature = "json")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::json::{self, ErrorKind, JsonError};
use incident_response::{
    Deployment, Incident, IncidentContext, MonthOfIncidents, Policy, ReleaseEvidence,
    RollbackRelease, RollbackRun, Severity, Signals, classify, policy::PolicyDraft,
};
use proptest::prelude::*;
use serde_json::{Value, json};

mod util;

/// The refusal of `document` as `T`.
#[track_caller]
fn refusal<T: serde::de::DeserializeOwned + std::fmt::Debug>(document: &str) -> JsonError {
    json::read::<T>(document.as_bytes()).unwrap_err()
}

/// Review item 13: an array where an object is expected is refused, at the
/// top and at any depth, with a message that says so.
mod arrays_are_not_objects {
    use super::*;

    /// SEV-P1-OUTAGE: `[0.5, 6000, true]` no longer classifies as P1.
    #[test]
    fn sev_p1_outage_positional_signals_are_refused() {
        let err = refusal::<Signals>("[0.5, 6000, true]");
        assert_eq!(
            err.to_string(),
            "invalid type: array, expected an object at line 1 column 1"
        );
        assert_eq!(err.kind, ErrorKind::InvalidInput);
    }

    /// DT-1: `["P1", true]` no longer decides a rollback.
    #[test]
    fn dt_1_a_positional_context_is_refused() {
        let err = json::read_context(br#"["P1", true]"#, &Policy::STANDARD).unwrap_err();
        assert_eq!(err.message, "invalid type: array, expected an object");
        let nested =
            refusal::<IncidentContext>(r#"{"severity": "P2", "cause": ["deployment", "simple"]}"#);
        assert_eq!(
            (nested.path.as_deref(), nested.message.as_str()),
            (Some("cause"), "invalid type: array, expected an object")
        );
        let step = refusal::<RollbackRun>(r#"{"steps": [["drain", "2026-02-16T10:00:00Z"]]}"#);
        assert_eq!(step.path.as_deref(), Some("steps[0]"));
    }
}

/// Review item 14: a whole number written `2731.0` is an integer; a
/// fraction is refused in words; NaN is named.
mod pythons_floats {
    use super::*;

    /// SEV-P3-LATENCY: `2.731 * 1000` as Python writes it.
    #[test]
    fn sev_p3_latency_a_whole_float_is_an_integer() {
        let signals = json::read::<Signals>(br#"{"latency_ms": 2731.0}"#).unwrap();
        assert_eq!(signals.latency_ms, 2731);
        assert_eq!(classify(&signals).unwrap().severity(), Severity::P3);
        let err = refusal::<Signals>(r#"{"latency_ms": 2731.5}"#);
        assert_eq!(
            err.to_string(),
            "latency_ms: invalid type: floating point `2731.5`, expected a whole number of milliseconds at line 1 column 21"
        );
        let minutes = json::read::<IncidentContext>(
            br#"{"severity": "P2", "backup_restore_minutes": 20.0, "fix": {"ready": true, "estimated_deploy_minutes": 1e1, "simple_and_safe": true}}"#,
        )
        .unwrap();
        assert_eq!(minutes.backup_restore_minutes, Some(Some(20)));
        let negative = refusal::<IncidentContext>(
            r#"{"severity": "P2", "fix": {"ready": true, "estimated_deploy_minutes": -1, "simple_and_safe": true}}"#,
        );
        assert_eq!(
            negative.path.as_deref(),
            Some("fix.estimated_deploy_minutes")
        );
        assert_eq!(
            negative.message,
            "invalid value: integer `-1`, expected a whole number of minutes from 0 to 4294967295"
        );
    }

    /// SEV-P2-ERRORS: `NaN` and `Infinity`, which Python's `json.dumps`
    /// writes and JSON does not allow, are named.
    #[test]
    fn sev_p2_errors_nan_is_named() {
        for (word, document) in [
            ("NaN", r#"{"error_rate": NaN}"#),
            ("Infinity", r#"{"error_rate": Infinity}"#),
            ("-Infinity", r#"{"error_rate": -Infinity}"#),
            ("NaN", "{\n  \"latency_ms\": 1,\n  \"error_rate\": NaN\n}"),
        ] {
            let err = refusal::<Signals>(document);
            assert_eq!(err.kind, ErrorKind::Syntax, "{document}");
            assert_eq!(
                err.message,
                format!(
                    "`{word}` is not a number JSON allows; write `null` for a value not measured"
                ),
                "{document}"
            );
            assert_eq!(err.path.as_deref(), Some("error_rate"));
        }
    }
}

/// Review item 15: every message names the field and what is accepted
/// there; none holds a Rust type name; a byte-order mark is accepted.
mod messages {
    use super::*;

    /// DT-1 … DT-5: the issue's own documents.
    #[test]
    fn dt_1_to_dt_5_messages_name_what_is_accepted() {
        let cases = [
            (
                r#"{"severity": 2}"#,
                "severity: invalid type: integer `2`, expected one of \"P1\", \"P2\", \"P3\", \"P4\" at line 1 column 14",
            ),
            (
                r#"{"severity": null}"#,
                "severity: invalid type: null, expected one of \"P1\", \"P2\", \"P3\", \"P4\" at line 1 column 17",
            ),
            (
                r#"{"severity": "P2", "cause": 3}"#,
                "cause: invalid type: integer `3`, expected an object at line 1 column 29",
            ),
        ];
        for (document, message) in cases {
            assert_eq!(refusal::<IncidentContext>(document).to_string(), message);
        }
        assert_eq!(
            refusal::<Signals>(r#"{"feature_broken": true}"#).to_string(),
            "feature_broken: invalid type: boolean `true`, expected one of \"none\", \"non_critical\", \"critical\" at line 1 column 23"
        );
        assert_eq!(
            refusal::<Incident>(r#"{"id": "x", "severity": "P1", "detected_at": "yesterday"}"#)
                .message,
            "invalid value: string \"yesterday\", expected an RFC 3339 formatted date and time string (input contains invalid characters)"
        );
    }

    /// SEV-P2-ERRORS: a leading UTF-8 byte-order mark is no error.
    #[test]
    fn sev_p2_errors_a_byte_order_mark_is_accepted() {
        let signals = json::read::<Signals>(b"\xef\xbb\xbf{\"error_rate\": 0.1}").unwrap();
        assert_eq!(classify(&signals).unwrap().severity(), Severity::P2);
    }

    /// Every leaf of every sample document, given every wrong JSON type:
    /// the refusal names the field's path, and no message holds a Rust
    /// type name.
    #[test]
    fn no_message_holds_a_rust_type_name() {
        let samples: [(&str, Reader); 9] = [
            ("signals", |b| json::read_document::<Signals>(b).map(drop)),
            ("incident-context", |b| {
                json::read_context(b, &Policy::STANDARD).map(drop)
            }),
            ("deployment", |b| {
                json::read_document::<Deployment>(b).map(drop)
            }),
            ("incident", |b| json::read::<Incident>(b).map(drop)),
            ("months", |b| {
                json::read::<Vec<MonthOfIncidents>>(b).map(drop)
            }),
            ("release-evidence", |b| {
                json::read_document::<ReleaseEvidence>(b).map(drop)
            }),
            ("rollback-release", |b| {
                json::read_document::<RollbackRelease>(b).map(drop)
            }),
            ("rollback-check", |b| {
                json::read_document::<RollbackCheck>(b).map(drop)
            }),
            ("policy", |b| json::read::<PolicyDraft>(b).map(drop)),
        ];
        let forbidden = [
            "u8",
            "u16",
            "u32",
            "u64",
            "usize",
            "i8",
            "i16",
            "i32",
            "i64",
            "f32",
            "f64",
            "struct ",
            "enum ",
            "Json",
            "unit value",
            "option",
            "tuple",
            "borrowed",
            "newtype",
            "Vec",
            "String",
            "DateTime",
        ];
        let wrong = [
            json!("x"),
            json!(5),
            json!(2.5),
            json!(-1),
            json!(1e300),
            json!(true),
            json!([1]),
            json!({"a": 1}),
        ];
        let mut refused = 0;
        for (name, read) in samples {
            let path = format!(
                "{}/src/json/documents/{name}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let sample: Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            read(sample.to_string().as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
            for (leaf, _) in leaves(&sample, String::new()) {
                for value in &wrong {
                    let mut document = sample.clone();
                    *pointer(&mut document, &leaf) = value.clone();
                    let Err(err) = read(document.to_string().as_bytes()) else {
                        continue;
                    };
                    refused += 1;
                    let text = err.to_string();
                    for word in forbidden {
                        assert!(!text.contains(word), "{name} {leaf} = {value}: {text}");
                    }
                    if err.kind != ErrorKind::Syntax && err.rule.is_none() {
                        let (path, leaf_path) =
                            (err.path.clone().unwrap_or_default(), dotted(&leaf));
                        // At the leaf, above it (a whole object refused),
                        // or inside the value put there.
                        let near = leaf_path.starts_with(&path) || path.starts_with(&leaf_path);
                        assert!(
                            !path.is_empty() && near,
                            "{name} {leaf} = {value}: refused at `{path}`: {text}"
                        );
                    }
                }
            }
        }
        assert!(refused > 500, "only {refused} refusals");
    }

    /// A door's reading of one kind of document.
    type Reader = fn(&[u8]) -> Result<(), JsonError>;

    /// The input of `verify-rollback`.
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "read to be refused, never used")]
    struct RollbackCheck {
        release: RollbackRelease,
        run: RollbackRun,
    }

    /// Every leaf of `value` with its JSON pointer.
    fn leaves(value: &Value, at: String) -> Vec<(String, Value)> {
        match value {
            Value::Object(map) => map
                .iter()
                .flat_map(|(k, v)| leaves(v, format!("{at}/{k}")))
                .collect(),
            Value::Array(items) if !items.is_empty() => items
                .iter()
                .enumerate()
                .flat_map(|(i, v)| leaves(v, format!("{at}/{i}")))
                .collect(),
            leaf => vec![(at, leaf.clone())],
        }
    }

    fn pointer<'a>(value: &'a mut Value, at: &str) -> &'a mut Value {
        value.pointer_mut(at).unwrap()
    }

    /// `/steps/3/ok` as the door writes it: `steps[3].ok`.
    fn dotted(pointer: &str) -> String {
        let mut path = String::new();
        for part in pointer.split('/').skip(1) {
            if part.bytes().all(|b| b.is_ascii_digit()) {
                path.push_str(&format!("[{part}]"));
            } else {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(part);
            }
        }
        path
    }
}

/// Review items 19 and 22: every input may carry an `"id"`, which its
/// answer echoes; `signals` may stand in place of `severity`.
mod documents {
    use super::*;

    /// SEV-P2-ERRORS: the `"id"` is taken out before the signals are read,
    /// and echoed first by the answer.
    #[test]
    fn sev_p2_errors_the_id_is_echoed() {
        let document =
            json::read_document::<Signals>(br#"{"error_rate": 0.1, "id": "alert-7"}"#).unwrap();
        assert_eq!(document.id.as_deref(), Some("alert-7"));
        let answer = classify(&document.body).unwrap();
        let echoed = serde_json::to_value(json::echo(document.id.as_deref(), &answer)).unwrap();
        assert_eq!(echoed["id"], "alert-7");
        assert_eq!(echoed["severity"], "P2");
        let text = serde_json::to_string(&json::echo(document.id.as_deref(), &answer)).unwrap();
        assert!(
            text.starts_with(r#"{"id":"alert-7","severity":"P2""#),
            "{text}"
        );
        let not_a_string = json::read_document::<Signals>(br#"{"id": 5}"#).unwrap_err();
        assert_eq!(not_a_string.path.as_deref(), Some("id"));
        assert_eq!(
            json::probe_id(br#"{"id": "r-1", "error_rate": "high"}"#).as_deref(),
            Some("r-1")
        );
        assert_eq!(json::probe_id(br#"{"error_rate": "#), None);
    }

    /// SEV-P1-DATA, DT-2: signals in place of a severity, classified under
    /// the policy, data loss carried into the context.
    #[test]
    fn sev_p1_data_signals_in_place_of_a_severity() {
        let read = |text: &str| json::read_context(text.as_bytes(), &Policy::STANDARD);
        let document = read(r#"{"id": "x", "signals": {"data_loss": true}}"#).unwrap();
        assert_eq!(document.id.as_deref(), Some("x"));
        assert_eq!(
            document.body,
            IncidentContext::new(Severity::P1).with_data_loss(true)
        );
        let stated = read(r#"{"signals": {"latency_ms": 6000}, "data_loss": true}"#).unwrap();
        assert_eq!(
            stated.body,
            IncidentContext::new(Severity::P2).with_data_loss(true)
        );
        let both = read(r#"{"signals": {}, "severity": "P1"}"#).unwrap_err();
        assert_eq!(both.path.as_deref(), Some("signals"));
        assert_eq!(
            both.message,
            "give `severity` or `signals`, not both: the signals classify as a severity"
        );
        let neither = read(r#"{"cause": {"kind": "unknown"}}"#).unwrap_err();
        assert_eq!(
            neither.message,
            "missing field `severity` (or `signals`, which classify as one)"
        );
        let invalid = read(r#"{"signals": {"error_rate": 1.5}}"#).unwrap_err();
        assert_eq!(
            invalid.to_string(),
            "signals.error_rate `1.5` is outside 0.0..=1.0"
        );
        let contradiction =
            read(r#"{"signals": {"data_loss": true}, "data_loss": false}"#).unwrap_err();
        assert_eq!(contradiction.path.as_deref(), Some("data_loss"));
        assert!(
            json::read_document::<IncidentContext>(br#"{"signals": {}}"#).is_err(),
            "only a decision takes signals"
        );
        let custom = Policy::try_from(
            json::read::<PolicyDraft>(br#"{"thresholds": {"p3_latency_ms": 1500}}"#).unwrap(),
        )
        .unwrap();
        let slow = json::read_context(br#"{"signals": {"latency_ms": 1600}}"#, &custom).unwrap();
        assert_eq!(
            slow.body.severity,
            Severity::P3,
            "classified under the policy"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// SEV-P3-LATENCY: an integer written as `n.0`, as Python writes it,
    /// reads as `n`, and the door agrees with serde on every document both
    /// accept.
    #[test]
    fn sev_p3_latency_whole_floats_read_as_integers(
        latency in 0..100_000u64,
        rate in 0.0..=1.0f64,
        feature in prop_oneof![Just("none"), Just("non_critical"), Just("critical")],
        with_id in any::<bool>(),
    ) {
        let id = if with_id { r#""id": "p", "# } else { "" };
        let integer = format!(r#"{{{id}"latency_ms": {latency}, "error_rate": {rate:?}, "feature_broken": "{feature}"}}"#);
        let float = format!(r#"{{{id}"latency_ms": {latency}.0, "error_rate": {rate:?}, "feature_broken": "{feature}"}}"#);
        let door = json::read_document::<Signals>(integer.as_bytes()).unwrap();
        let python = json::read_document::<Signals>(float.as_bytes()).unwrap();
        prop_assert_eq!(&door, &python);
        prop_assert_eq!(door.id.is_some(), with_id);
        if !with_id {
            let serde: Signals = serde_json::from_str(&integer).unwrap();
            prop_assert_eq!(door.body, serde);
        }
    }
}

/// The door's entry points agree with the typed API they are thin over: on
/// every kind of context, and on random signals, the door's JSON is the
/// library's answer's JSON.
mod the_door_is_thin {
    use super::*;
    use incident_response::decide;

    /// DT-1 … DT-5: every kind of context, through the door and through
    /// `decide`.
    #[test]
    fn dt_1_to_dt_5_the_door_decides_as_the_library() {
        for context in util::every_kind_of_context() {
            let document = serde_json::to_vec(&context).unwrap();
            let reply = json::decide(&Policy::STANDARD, &document).unwrap();
            assert_eq!(
                serde_json::to_value(&reply).unwrap(),
                serde_json::to_value(decide(&context).unwrap()).unwrap(),
                "{context:?}"
            );
            let back: IncidentContext = json::read(&document).unwrap();
            assert_eq!(back, context);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// SEV-P1-OUTAGE … SEV-P4-DEFAULT: random signals, through the
        /// door and through `classify`, and their id echoed.
        #[test]
        fn sev_p4_default_the_door_classifies_as_the_library(
            rate in 0.0..=1.0f64,
            latency in 0..20_000u64,
            flags in any::<(bool, bool, bool)>(),
            id in proptest::option::of("[a-z0-9-]{1,12}"),
        ) {
            let signals = Signals::new()
                .with_error_rate(rate)
                .with_latency_ms(latency)
                .with_data_loss(flags.0)
                .with_customer_data_exposed(flags.1)
                .with_gradual_degradation(flags.2);
            let mut document = serde_json::to_value(signals).unwrap();
            if let Some(id) = &id {
                document["id"] = Value::String(id.clone());
            }
            let reply = json::classify(&Policy::STANDARD, document.to_string().as_bytes()).unwrap();
            let mut expected = serde_json::to_value(classify(&signals).unwrap()).unwrap();
            if let Some(id) = &id {
                expected["id"] = Value::String(id.clone());
            }
            prop_assert_eq!(serde_json::to_value(&reply).unwrap(), expected);
            prop_assert_eq!(reply.id, id);
        }
    }

    /// Every schema the door names, and every example it offers, which its
    /// entry point reads.
    #[test]
    fn every_schema_and_example_is_served() {
        for name in json::SCHEMAS {
            let schema = json::schema(name).unwrap();
            assert!(schema.get("title").is_some(), "{name}");
        }
        assert!(
            json::schema("nothing")
                .unwrap_err()
                .message
                .starts_with("no schema is named `nothing`")
        );
        // Each example is read by its entry point, and answered.
        let policy = Policy::default();
        let now = "2026-02-16T12:00:00Z".parse().unwrap();
        for (name, document) in json::EXAMPLES {
            let bytes = document.as_bytes();
            let answered = match name {
                "signals" => json::classify(&policy, bytes).map(drop),
                "incident-context" => json::decide(&policy, bytes).map(drop),
                "deployment" => json::watch(&policy, bytes, now).map(drop),
                "incident" => json::obligations(&policy, bytes, now)
                    .and(json::durations(bytes))
                    .map(drop)
                    .and(json::post_mortem(bytes).map(drop)),
                "months" => json::trends(&policy, bytes).map(drop),
                "releases" => {
                    json::summarize_month_with_releases(&policy, "2026-02", bytes, b"[]").map(drop)
                }
                "release-evidence" => json::check_release(&policy, bytes).map(drop),
                "rollback-release" => json::rollback_plan(&policy, bytes).map(drop),
                "rollback-check" => json::verify_rollback(&policy, bytes).map(drop),
                "policy" => json::policy(bytes).map(drop),
                other => panic!("an example no entry point reads: {other}"),
            };
            assert_eq!(answered, Ok(()), "{name}");
        }
        let inconsistent = json::policy(br#"{"thresholds": {"p3_latency_ms": 9000}}"#).unwrap_err();
        assert_eq!(inconsistent.kind, ErrorKind::InvalidPolicy);
        assert_eq!(
            inconsistent.path.as_deref(),
            Some("thresholds.p3_latency_ms")
        );
        assert_eq!(
            inconsistent.rule,
            Some(incident_response::RuleId::SevP3Latency)
        );
    }
}

/// The kind and the path of a refusal made after reading, which callers
/// branch on: the Python and npm packages raise one class per kind.
mod refusal_kinds {
    use super::*;
    use incident_response::chrono::{DateTime, Utc};

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    /// IN-3: a resolution before the detection is `invalid_timeline`, at
    /// its field.
    #[test]
    fn in_3_a_timeline_out_of_order_is_an_invalid_timeline() {
        let err = json::durations(
            br#"{"id": "I1", "severity": "P2", "detected_at": "2026-02-16T10:00:00Z", "resolved_at": "2026-02-16T09:00:00Z"}"#,
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidTimeline);
        assert_eq!(err.path.as_deref(), Some("resolved_at"));
    }

    /// IN-1: a deadline past the last representable time is
    /// `time_out_of_range`, at the field it counts from.
    #[test]
    fn in_1_a_deadline_past_the_last_time_is_time_out_of_range() {
        let err = json::obligations(
            &Policy::STANDARD,
            br#"{"id": "I1", "severity": "P1", "detected_at": "+262142-12-31T23:59:00Z"}"#,
            at("+262142-12-31T23:59:30Z"),
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::TimeOutOfRange);
        assert_eq!(err.path.as_deref(), Some("detected_at"));
    }

    /// ME-1: an incident of a month refused keeps its own kind, at its
    /// index, wherever it stands in the array.
    #[test]
    fn me_1_a_month_s_bad_incident_is_refused_at_its_index() {
        let incidents = br#"[
            {"id": "I1", "severity": "P2", "detected_at": "2026-02-16T10:00:00Z", "resolved_at": "2026-02-16T09:00:00Z"},
            {"id": "I2", "severity": "P3", "detected_at": "2026-02-17T10:00:00Z"}
        ]"#;
        let err = json::summarize_month(&Policy::STANDARD, "2026-02", 4, incidents).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidTimeline);
        assert_eq!(err.path.as_deref(), Some("[0].resolved_at"));
    }

    /// ME-4: a release record refused is named within `releases`.
    #[test]
    fn me_4_a_bad_release_record_is_named_within_releases() {
        let releases = br#"[
            {"id": "v1", "deployed_at": "2026-02-01T09:00:00Z"},
            {"id": "v2", "deployed_at": "soon"}
        ]"#;
        let err =
            json::summarize_month_with_releases(&Policy::STANDARD, "2026-02", releases, b"[]")
                .unwrap_err();
        assert_eq!(err.path.as_deref(), Some("releases[1].deployed_at"));
    }
}

/// The strict reading at the edges of what it accepts: integers at their
/// type's bounds, whole floats of either sign, enums written as an object,
/// and what each refusal says is expected, in JSON's words.
mod strict_reading {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// An integer at its type's bounds is accepted; one past them is
    /// refused with the range.
    #[test]
    fn integers_are_accepted_to_their_bounds_and_no_further() {
        assert_eq!(json::read::<u8>(b"255").unwrap(), 255);
        assert_eq!(json::read::<i8>(b"127").unwrap(), 127);
        assert_eq!(json::read::<i8>(b"5").unwrap(), 5);
        assert_eq!(json::read::<i8>(b"-3").unwrap(), -3);
        assert_eq!(json::read::<i8>(b"-128").unwrap(), -128);
        assert_eq!(json::read::<i128>(b"5").unwrap(), 5);
        assert_eq!(
            refusal::<u8>("256").message,
            "invalid value: integer `256`, expected a whole number from 0 to 255"
        );
        assert_eq!(
            refusal::<i8>("128").message,
            "invalid value: integer `128`, expected a whole number from -128 to 127"
        );
        assert_eq!(
            refusal::<i8>("-129").message,
            "invalid value: integer `-129`, expected a whole number from -128 to 127"
        );
    }

    /// A whole float is the integer it writes, of either sign, within the
    /// type's range; `-0.0` is 0.
    #[test]
    fn whole_floats_of_either_sign_are_integers() {
        assert_eq!(json::read::<i8>(b"-3.0").unwrap(), -3);
        assert_eq!(json::read::<i8>(b"-128.0").unwrap(), -128);
        assert_eq!(json::read::<u8>(b"255.0").unwrap(), 255);
        assert_eq!(json::read::<u8>(b"-0.0").unwrap(), 0);
        assert_eq!(
            json::read::<u64>(b"1e19").unwrap(),
            10_000_000_000_000_000_000
        );
        assert_eq!(
            refusal::<u8>("-1.0").message,
            "invalid value: floating point `-1.0`, expected a whole number from 0 to 255"
        );
        assert_eq!(
            refusal::<i8>("-129.0").message,
            "invalid value: floating point `-129.0`, expected a whole number from -128 to 127"
        );
        assert_eq!(
            refusal::<u64>("1e300").message,
            "invalid value: floating point `1e+300`, expected a whole number from 0 to 18446744073709551615"
        );
        assert_eq!(
            refusal::<i64>("-1e300").message,
            "invalid value: floating point `-1e+300`, expected a whole number from -9223372036854775808 to 9223372036854775807"
        );
    }

    /// What a refusal says is expected: JSON's words, from the value's own
    /// type, for a value and for a key.
    #[test]
    fn a_refusal_names_what_is_expected_in_json_s_words() {
        for (message, expected) in [
            (
                refusal::<Vec<u8>>(r#""x""#).message,
                r#"invalid type: string "x", expected an array"#,
            ),
            (
                refusal::<()>("5").message,
                "invalid type: integer `5`, expected null",
            ),
            (
                refusal::<bool>(r#""yes""#).message,
                r#"invalid type: string "yes", expected a boolean"#,
            ),
        ] {
            assert_eq!(message, expected);
        }
        // A key's own type: `serde_json` quotes the key without its first
        // letter (its bug, not this crate's), so only the end is compared.
        let key = refusal::<BTreeMap<bool, u8>>(r#"{"maybe": 1}"#).message;
        assert!(key.ends_with("expected a boolean"), "{key}");
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Mode {
        Fast,
        Limit(u8),
    }

    /// An enum may be written as an object of one key, its variant: `null`
    /// for a unit variant. A second key is refused.
    #[test]
    fn an_enum_as_an_object_has_one_key() {
        assert_eq!(
            json::read::<Mode>(br#"{"Fast": null}"#).unwrap(),
            Mode::Fast
        );
        assert_eq!(
            json::read::<Mode>(br#"{"Limit": 5}"#).unwrap(),
            Mode::Limit(5)
        );
        for document in [
            r#"{"Fast": null, "Limit": 5}"#,
            r#"{"Limit": 5, "Fast": null}"#,
        ] {
            assert_eq!(
                refusal::<Mode>(document).message,
                r#"invalid value: object of more than one key, expected one of "Fast", "Limit""#,
                "{document}"
            );
        }
    }

    /// `signals` given twice is refused, as any key is.
    #[test]
    fn sev_p2_errors_signals_given_twice_are_refused() {
        let err = json::read_context(
            br#"{"signals": {"error_rate": 0.10}, "signals": {"error_rate": 0.01}, "cause": {"kind": "deployment", "revert": "simple"}}"#,
            &Policy::STANDARD,
        )
        .unwrap_err();
        assert_eq!(err.message, "duplicate field `signals`");
    }
}

/// A reply displays as its answer.
#[test]
fn sev_p2_errors_a_reply_displays_as_its_answer() {
    let reply = json::classify(&Policy::STANDARD, br#"{"id": "a-7", "error_rate": 0.10}"#).unwrap();
    let classification = classify(&Signals::new().with_error_rate(0.10)).unwrap();
    assert_eq!(reply.to_string(), classification.to_string());
    assert!(reply.to_string().contains("P2"), "{reply}");
}
