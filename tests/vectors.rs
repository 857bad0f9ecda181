//! The test vectors of `standard/vectors/`, run as an auditor runs them:
//! `incident-response vectors standard/vectors`, every vector passing,
//! every rule and every boundary the rules name covered, and a wrong
//! vector failing with a line that says what differed.

#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use incident_response::json::vectors::{self, Vector, VectorCommand};
use incident_response::{Policy, RuleId};
use proptest::prelude::*;
use serde_json::json;

const DIR: &str = "standard/vectors";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_incident-response"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Every vector of every file, with its file's name.
fn all_vectors() -> Vec<(String, Vector)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for path in files {
        let file = vectors::read_file(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        all.extend(file.vectors.into_iter().map(|v| (name.clone(), v)));
    }
    all
}

/// A scratch directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The tool runs every vector, one line each, and they all pass; what it
/// prints is what an auditor reads.
#[test]
fn every_vector_passes_through_the_tool() {
    let out = run(&["vectors", DIR]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let count = all_vectors().len();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), count + 1, "one line per vector and the total");
    assert_eq!(
        lines.last(),
        Some(&format!("{count} passed, 0 failed").as_str())
    );
    assert!(
        lines[..count].iter().all(|line| line.contains(": ✓ ")),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("vectors_of_the_standard", out.stdout);
    // The default directory is the standard's.
    assert_eq!(run(&["vectors"]).stdout, out.stdout);
}

/// Every rule of the catalogue has a vector, and every vector names the
/// clause it comes from.
#[test]
fn every_rule_has_a_vector() {
    let all = all_vectors();
    let covered: BTreeSet<RuleId> = all.iter().map(|(_, v)| v.rule).collect();
    let missing: Vec<&RuleId> = RuleId::ALL
        .iter()
        .filter(|r| !covered.contains(r))
        .collect();
    assert!(missing.is_empty(), "rules without a vector: {missing:?}");
    for (file, vector) in &all {
        assert!(
            vector.clause.contains('"'),
            "{file}: {} quotes no words",
            vector.name
        );
        assert!(
            !vector.expect.is_empty(),
            "{file}: {} expects nothing",
            vector.name
        );
    }
    let names: BTreeSet<&str> = all.iter().map(|(_, v)| v.name.as_str()).collect();
    assert_eq!(names.len(), all.len(), "every vector has a name of its own");
}

/// Every boundary the rules name has a vector on each side of it: the
/// 30 minutes, the <5 min, the 72 h, the 48 h, the P2 goal.
#[test]
fn every_boundary_has_a_vector_on_it() {
    let all = all_vectors();
    let has = |rule: RuleId, words: &str| {
        all.iter()
            .any(|(_, v)| v.rule == rule && v.name.contains(words))
    };
    let boundaries = [
        (RuleId::Dt4, "29 min"),
        (RuleId::Dt4, "exactly 30 min"),
        (RuleId::Dt5, "29 min"),
        (RuleId::Dt5, "exactly 30 min"),
        (RuleId::Pd1, "29 min"),
        (RuleId::Pd2, "exactly 30 min"),
        (RuleId::Pd3, "by 30 min"),
        (RuleId::In1, "exactly 30 min"),
        (RuleId::In1, "31 min"),
        (RuleId::Rg5, "299 s"),
        (RuleId::Rg5, "exactly 5 min"),
        (RuleId::Rb7, "exactly 5 min"),
        (RuleId::Rb7, "4 min 59 s"),
        (RuleId::Rb6, "exactly 10 min"),
        (RuleId::Rg3, "exactly 72 h"),
        (RuleId::Rg3, "71.5 h"),
        (RuleId::Rg2, "exactly 48 h"),
        (RuleId::Rg2, "47 h"),
        (RuleId::Me6, "exactly 10 min"),
        (RuleId::Me6, "9 min 59 s"),
        (RuleId::SevP2Errors, "just above 5 %"),
        (RuleId::SevP3Errors, "exactly 5 %"),
        (RuleId::SevP2Latency, "above 5 s"),
        (RuleId::SevP3Latency, "exactly 5 s"),
    ];
    for (rule, words) in boundaries {
        assert!(has(rule, words), "no {rule} vector on \"{words}\"");
    }
}

/// A wrong vector fails, with a line that names the rule, the vector, the
/// field, what was expected and what was found; the tool exits 40.
#[test]
fn a_wrong_vector_fails_with_a_clear_line() {
    let dir = scratch("wrong-vector");
    let wrong = json!({
        "title": "deliberately wrong",
        "vectors": [{
            "name": "exactly 5 % errors is P2",
            "rule": "SEV-P2-ERRORS",
            "clause": "§5: \"Alert fired (API error rate >5%)\"",
            "command": "classify",
            "input": {"error_rate": 0.05},
            "expect": {"/severity": "P2"}
        }, {
            "name": "10 % errors is P2",
            "rule": "SEV-P2-ERRORS",
            "clause": "§1: \"Payment transactions failing (10% error rate)\"",
            "command": "classify",
            "input": {"error_rate": 0.10},
            "expect": {"/severity": "P2", "/response/resolution_sla_minutes": 240}
        }]
    });
    std::fs::write(dir.join("wrong.json"), wrong.to_string()).unwrap();
    let out = run(&["vectors", dir.to_str().unwrap()]);
    assert_eq!(out.code, 40, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "wrong.json: ✗ SEV-P2-ERRORS exactly 5 % errors is P2: /severity expected \"P2\", found \"P3\"\n\
         wrong.json: ✓ SEV-P2-ERRORS 10 % errors is P2\n\
         1 passed, 1 failed\n"
    );
    let json = run(&["vectors", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json.code, 40);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        (json["passed"].clone(), json["failed"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(
        json["results"][0]["mismatches"],
        json!([{"pointer": "/severity", "expected": "P2", "found": "P3"}])
    );
}

/// A vector file that is not one is refused with its path and field, exit
/// 2; a directory without vectors, too.
#[test]
fn a_malformed_vector_file_is_refused_by_name() {
    let dir = scratch("malformed-vector");
    let bad = r#"{"title": "x", "vectors": [{"name": "n", "rule": "SEV-P9", "clause": "c", "command": "classify", "input": {}, "expect": {}}]}"#;
    std::fs::write(dir.join("bad.json"), bad).unwrap();
    let out = run(&["vectors", dir.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("bad.json: vectors[0].rule"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`SEV-P9` is not in the catalogue"),
        "{}",
        out.stderr
    );

    let unknown = r#"{"title": "x", "vectors": [{"name": "n", "rule": "RG-1", "clause": "c", "command": "deploy", "input": {}, "expect": {}}]}"#;
    std::fs::write(dir.join("bad.json"), unknown).unwrap();
    let out = run(&["vectors", dir.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("vectors[0].command"), "{}", out.stderr);

    // A vector that could pass without checking anything is refused.
    let base = json!({"name": "n", "rule": "SEV-P4-DEFAULT", "clause": "\"c\"", "command": "classify", "input": {}, "expect": {"/severity": "P4"}});
    let with = |field: &str, value: serde_json::Value| {
        let mut vector = base.clone();
        vector[field] = value;
        json!({"title": "x", "vectors": [vector]}).to_string()
    };
    for (file, path, words) in [
        (with("expect", json!({})), "vectors[0].expect", "expects nothing"),
        (with("expect", json!({"severity": "P4"})), "vectors[0].expect", "is not a JSON pointer"),
        (with("now", json!("2026-02-16T10:00:00Z")), "vectors[0].now", "\"classify\" reads no `now`"),
        (json!({"title": "x", "vectors": []}).to_string(), "vectors", "holds no vector"),
        (
            with("command", json!("watch")).replace(r#""expect":{"#, r#""expect":{"/state":"watching","#),
            "vectors[0].now",
            "\"watch\" needs `now`",
        ),
        (
            r#"{"title": "x", "vectors": [{"name": "n", "rule": "SEV-P4-DEFAULT", "clause": "c", "command": "classify", "input": {}, "expect": {"/severity": "P4", "/severity": "P1"}}]}"#.to_owned(),
            "vectors[0].expect",
            "pointer `/severity` appears twice",
        ),
    ] {
        std::fs::write(dir.join("bad.json"), &file).unwrap();
        let out = run(&["vectors", dir.to_str().unwrap()]);
        assert_eq!(out.code, 2, "{file}");
        assert!(out.stderr.contains(path) && out.stderr.contains(words), "{file}: {}", out.stderr);
    }

    let empty = scratch("no-vectors");
    let out = run(&["vectors", empty.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no vector files"), "{}", out.stderr);
}

/// A vector that needs a moment and has none is answered as a refusal,
/// which its expectations then miss: never a pass, never a panic.
#[test]
fn a_vector_without_its_moment_fails() {
    let vector: Vector = serde_json::from_value(json!({
        "name": "obligations without now",
        "rule": "IN-1",
        "clause": "\"Customer notification within 30 min\"",
        "command": "obligations",
        "input": {"id": "I", "severity": "P1", "detected_at": "2026-02-16T10:00:00Z"},
        "expect": {"/obligations/0/status": "pending"}
    }))
    .unwrap();
    assert_eq!(vector.command, VectorCommand::Obligations);
    let result = vectors::run(&Policy::STANDARD, &vector);
    assert!(!result.passed());
    assert_eq!(
        result.answer["error"]["message"],
        "the vector needs `now` for \"obligations\""
    );
}

proptest! {
    /// A vector holding the answer's own severity passes, and one holding
    /// any other severity fails, naming the severity found.
    #[test]
    fn a_vector_passes_exactly_when_its_expectation_holds(
        error_rate in 0.0..=1.0f64,
        latency_ms in 0..10_000u64,
        wrong in 0..3usize,
    ) {
        let input = json!({"error_rate": error_rate, "latency_ms": latency_ms});
        let signals = serde_json::from_value(input.clone()).unwrap();
        let severity = Policy::STANDARD.classify(&signals).unwrap().severity().to_string();
        let vector = |expected: &str| -> Vector {
            serde_json::from_value(json!({
                "name": "n", "rule": "SEV-P4-DEFAULT", "clause": "\"c\"",
                "command": "classify", "input": input, "expect": {"/severity": expected}
            })).unwrap()
        };
        prop_assert!(vectors::run(&Policy::STANDARD, &vector(&severity)).passed());
        let others: Vec<&str> = ["P1", "P2", "P3", "P4"].into_iter().filter(|s| *s != severity).collect();
        let result = vectors::run(&Policy::STANDARD, &vector(others[wrong]));
        prop_assert!(!result.passed());
        prop_assert_eq!(result.mismatches[0].found.clone(), Some(json!(severity)));
    }
}

/// Numbers compare by value at any depth (`240` is `240.0`); arrays and
/// objects compare whole: an element or a key too few or too many is a
/// mismatch.
#[test]
fn expectations_compare_numbers_by_value_and_the_rest_whole() {
    let passes = |command: &str, input: serde_json::Value, pointer: &str, expected| {
        let vector: Vector = serde_json::from_value(json!({
            "name": "n", "rule": "ME-5", "clause": "\"c\"",
            "command": command, "input": input, "expect": {pointer: expected}
        }))
        .unwrap();
        vectors::run(&Policy::STANDARD, &vector).passed()
    };
    let signals = json!({"error_rate": 0.10});
    let response = json!({
        "severity": "P2", "resolution_sla_minutes": 240.0, "alert": "page_engineering_lead",
        "responders": "focused_team", "customer_notification_minutes": 120.0, "decision_minutes": 240.0
    });
    assert!(passes(
        "classify",
        signals.clone(),
        "/response/decision_minutes",
        json!(240.0)
    ));
    assert!(passes(
        "classify",
        signals.clone(),
        "/response",
        response.clone()
    ));
    let mut more = response.clone();
    more["extra"] = json!(1);
    assert!(!passes("classify", signals.clone(), "/response", more));
    let mut fewer = response;
    fewer.as_object_mut().unwrap().remove("alert");
    assert!(!passes("classify", signals, "/response", fewer));

    let months = json!([
        {"month": "2026-01", "releases": 10, "incidents": []},
        {"month": "2026-02", "releases": 12, "incidents": []}
    ]);
    assert!(passes(
        "trends",
        months.clone(),
        "/lines/4/values",
        json!([10.0, 12.0])
    ));
    assert!(!passes(
        "trends",
        months.clone(),
        "/lines/4/values",
        json!([10.0])
    ));
    assert!(!passes(
        "trends",
        months,
        "/lines/4/values",
        json!([10.0, 12.0, 0])
    ));
}

/// Expectations that are not an object are refused with what is expected.
#[test]
fn expectations_are_an_object_of_pointers() {
    let file = r#"{"title": "x", "vectors": [{"name": "n", "rule": "SEV-P4-DEFAULT", "clause": "\"c\"", "command": "classify", "input": {}, "expect": ["/severity"]}]}"#;
    let err = vectors::read_file(file.as_bytes()).unwrap_err();
    assert_eq!(err.path.as_deref(), Some("vectors[0].expect"));
    assert_eq!(
        err.message,
        r#"invalid type: array, expected an object of JSON pointers and the values expected there"#
    );
}
