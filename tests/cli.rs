//! The `incident-response` binary as a user runs it: every subcommand on
//! the README's documents, every exit code, bad input of every kind,
//! `--lines` with a bad line in the middle, and `schema` against the
//! library's own snapshots. Needs the `cli` feature:
//! `cargo test --all-features`.

#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

const FIXTURE: &str = "tests/fixtures/incident_2026_02_16.json";

/// What a run printed and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

/// The binary started with `args`, every stream piped.
#[track_caller]
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_incident-response"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs the binary with `args`, `stdin` piped in.
#[track_caller]
fn run(args: &[&str], stdin: &str) -> Run {
    let mut child = spawn(args);
    // The tool may stop before reading its input (a bad argument): a
    // broken pipe here is not a failure of the test.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A file in a scratch directory of this test binary.
/// Each line of a `--lines` output, as JSON.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn scratch(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("incident-response-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

mod subcommands {
    use super::*;

    /// SEV-P2-ERRORS: the README's signals classify as P2.
    #[test]
    fn classify_the_readme_signals() {
        let out = run(&["classify"], r#"{"error_rate": 0.10}"#);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = out.json();
        assert_eq!(json["severity"], "P2");
        assert_eq!(json["rules"][0]["id"], "SEV-P2-ERRORS");
        let text = run(&["classify", "--format", "text"], r#"{"error_rate": 0.10}"#);
        assert!(text.stdout.starts_with("P2 HIGH\n"), "{}", text.stdout);
    }

    /// DT-3: the README's context decides a rollback.
    #[test]
    fn decide_the_readme_context() {
        let context = r#"{"severity": "P2", "cause": {"kind": "deployment", "revert": "simple"}}"#;
        let out = run(&["decide", "-"], context);
        assert_eq!(out.code, 0);
        let json = out.json();
        assert_eq!(json["outcome"], "rollback");
        assert_eq!(json["deciding_rule"], "DT-3");
        let pretty = run(&["decide", "--pretty"], context);
        assert!(
            pretty.stdout.contains("\n  \"outcome\": \"rollback\""),
            "{}",
            pretty.stdout
        );
    }

    /// PD-4: the standard's deploy, a P1 error: automatic rollback.
    #[test]
    fn watch_a_deploy() {
        let deployment = json!({
            "deployed_at": "2026-02-16T09:35:00Z",
            "errors": [{"at": "2026-02-16T10:00:00Z", "severity": "P1"}],
        })
        .to_string();
        let out = run(&["watch", "--now", "2026-02-16T10:01:00Z"], &deployment);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.json()["state"], "automatic_rollback");
        assert_eq!(out.json()["rule"], "PD-4");
        let coded = run(
            &["watch", "--now", "2026-02-16T10:01:00Z", "--exit-code"],
            &deployment,
        );
        assert_eq!(coded.code, 20);
        let quiet = json!({"deployed_at": "2026-02-16T09:35:00Z"}).to_string();
        let watching = run(
            &["watch", "--now", "2026-02-16T09:40:00Z", "--exit-code"],
            &quiet,
        );
        assert_eq!(watching.code, 0);
        // The clock is read only when asked.
        let now = run(&["watch", "--now", "now"], &quiet);
        assert_eq!(now.code, 0, "{}", now.stderr);
        assert_eq!(now.json()["state"], "successful");
        let missing = run(&["watch"], &quiet);
        assert_eq!(missing.code, 2);
        assert!(missing.stderr.contains("--now"), "{}", missing.stderr);
    }

    /// IN-1 … IN-5: the standard's incident, every obligation met.
    #[test]
    fn obligations_of_the_standard_s_incident() {
        let out = run(
            &["obligations", FIXTURE, "--now", "2026-02-17T10:00:00Z"],
            "",
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = out.json();
        let statuses: Vec<&str> = json["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["status"].as_str().unwrap())
            .collect();
        assert_eq!(statuses, ["met"; 5]);
    }

    /// IN-4 and IN-5: the post-mortem, Markdown by default.
    #[test]
    fn postmortem_in_markdown() {
        let out = run(&["postmortem", FIXTURE], "");
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout
                .contains("- **Severity:** P1 (resolved in 20 min)"),
            "{}",
            out.stdout
        );
        let json = run(&["postmortem", FIXTURE, "--format", "json"], "");
        assert_eq!(json.json()["resolved_in_secs"], 1200);
    }

    /// ME-1: a month's summary from a JSON array of incidents.
    #[test]
    fn report_a_month() {
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
        let incidents = Value::Array(vec![fixture]).to_string();
        let out = run(
            &["report", "--month", "2026-02", "--releases", "4"],
            &incidents,
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = out.json();
        assert_eq!(json["month"], "2026-02");
        assert_eq!(json["incidents"]["P1"], 1);
        assert_eq!(json["change_failure_rate"], 0.25);
        let text = run(
            &[
                "report",
                "--month",
                "2026-02",
                "--releases",
                "4",
                "--format",
                "text",
            ],
            &incidents,
        );
        assert!(
            text.stdout.starts_with("February 2026 Incident Summary:\n"),
            "{}",
            text.stdout
        );
        let bad_month = run(
            &["report", "--month", "2026-13", "--releases", "4"],
            &incidents,
        );
        assert_eq!(bad_month.code, 2);
        assert!(
            bad_month.stderr.contains("month `2026-13`"),
            "{}",
            bad_month.stderr
        );
    }

    /// The decision table: the README's Markdown, or JSON.
    #[test]
    fn table_in_markdown_and_json() {
        let out = run(&["table"], "");
        assert_eq!(out.code, 0);
        let readme = std::fs::read_to_string("README.md").unwrap();
        assert!(
            readme.contains(&out.stdout),
            "the README publishes the table the tool prints"
        );
        let json = run(&["table", "--format", "json"], "").json();
        assert_eq!(json["rows"].as_array().unwrap().len(), 10);
        assert_eq!(json["rows"][0]["outcome"], "hybrid");
    }

    /// The schema of every type is the one the library's snapshots hold.
    #[test]
    fn schema_of_every_type_is_the_snapshot() {
        let kinds = [
            ("signals", "signals"),
            ("classification", "classification"),
            ("incident-context", "incident_context"),
            ("decision", "decision"),
            ("deployment", "deployment"),
            ("watch", "watch"),
            ("incident", "incident"),
            ("obligations", "obligations"),
            ("durations", "durations"),
            ("post-mortem", "post_mortem"),
            ("monthly-summary", "monthly_summary"),
            ("month-of-incidents", "month_of_incidents"),
            ("releases", "releases"),
            ("trends", "trends"),
            ("policy", "policy"),
            ("decision-table", "decision_table"),
            ("release-evidence", "release_evidence"),
            ("readiness", "readiness"),
            ("rollback-release", "rollback_release"),
            ("rollback-plan", "rollback_plan"),
            ("rollback-run", "rollback_run"),
            ("rollback-verdict", "rollback_verdict"),
        ];
        for (kind, snapshot) in kinds {
            let out = run(&["schema", kind], "");
            assert_eq!(out.code, 0, "{kind}: {}", out.stderr);
            let path = format!("tests/snapshots/snapshots__schema_of_{snapshot}.snap");
            let snap = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let body = snap.splitn(3, "---\n").nth(2).unwrap();
            let expected: Value = serde_json::from_str(body).unwrap();
            assert_eq!(out.json(), expected, "{kind}");
        }
    }
}

mod bad_input {
    use super::*;

    #[test]
    fn malformed_json_is_exit_2_with_its_place() {
        let out = run(&["classify"], r#"{"error_rate": 0.1"#);
        assert_eq!(out.code, 2);
        assert!(
            out.stderr
                .starts_with("incident-response: stdin: EOF while parsing"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("line 1 column"), "{}", out.stderr);
        assert!(!out.stderr.contains("panicked"));
    }

    #[test]
    fn a_wrong_type_names_the_json_path() {
        let file = scratch(
            "context.json",
            r#"{"severity": "P2", "cause": {"kind": "deployment", "revert": "complx"}}"#,
        );
        let out = run(&["decide", &file], "");
        assert_eq!(out.code, 2);
        assert_eq!(
            out.stderr.trim_end(),
            format!(
                "incident-response: {file}: cause.revert: unknown variant `complx`, expected `simple` or `complex` at line 1 column 69"
            )
        );
        let wrong = run(&["classify"], r#"{"latency_ms": "slow"}"#);
        assert_eq!(wrong.code, 2);
        assert!(
            wrong
                .stderr
                .contains("latency_ms: invalid type: string \"slow\""),
            "{}",
            wrong.stderr
        );
    }

    #[test]
    fn an_unknown_field_is_exit_2() {
        let out = run(&["classify"], r#"{"data_los": true}"#);
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.contains("unknown field `data_los`"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn an_invalid_value_or_timeline_is_exit_2() {
        let rate = run(&["classify"], r#"{"error_rate": 1.5}"#);
        assert_eq!(rate.code, 2);
        assert!(
            rate.stderr
                .contains("error_rate `1.5` is outside 0.0..=1.0"),
            "{}",
            rate.stderr
        );
        let early = json!({
            "deployed_at": "2026-02-16T09:35:00Z",
            "errors": [{"at": "2026-02-16T09:00:00Z", "severity": "P2"}],
        })
        .to_string();
        let out = run(&["watch", "--now", "2026-02-16T10:00:00Z"], &early);
        assert_eq!(out.code, 2);
        assert!(
            out.stderr
                .contains("errors[0].at `2026-02-16T09:00:00Z` is before deployed_at"),
            "{}",
            out.stderr
        );
        let bad_now = run(&["watch", "--now", "yesterday"], &early);
        assert_eq!(bad_now.code, 2);
        assert!(
            bad_now.stderr.contains("--now `yesterday`"),
            "{}",
            bad_now.stderr
        );
    }

    #[test]
    fn an_empty_stdin_is_exit_2() {
        let out = run(&["classify"], "");
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.contains("EOF while parsing a value"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn a_missing_file_is_exit_1() {
        let out = run(&["classify", "no-such-file.json"], "");
        assert_eq!(out.code, 1);
        assert!(
            out.stderr
                .starts_with("incident-response: no-such-file.json: "),
            "{}",
            out.stderr
        );
    }

    /// SEV-P3-LATENCY: an invalid policy is exit 3, naming the field and rule.
    #[test]
    fn an_invalid_policy_is_exit_3() {
        let policy = scratch(
            "bad-policy.json",
            r#"{"thresholds": {"p3_latency_ms": 6000}}"#,
        );
        let out = run(&["--policy", &policy, "classify"], "{}");
        assert_eq!(out.code, 3);
        assert!(
            out.stderr.contains("thresholds.p3_latency_ms `6000` must be below thresholds.p2_latency_ms `5000` (SEV-P3-LATENCY)"),
            "{}",
            out.stderr
        );
        let malformed = scratch(
            "malformed-policy.json",
            r#"{"thresholds": {"p3_latency": 1}}"#,
        );
        let out = run(&["classify", "--policy", &malformed], "{}");
        assert_eq!(out.code, 3);
        assert!(
            out.stderr
                .contains("thresholds.p3_latency: unknown field `p3_latency`"),
            "{}",
            out.stderr
        );
        let good = scratch("policy.json", r#"{"thresholds": {"p3_latency_ms": 1500}}"#);
        let out = run(&["classify", "--policy", &good], r#"{"latency_ms": 1800}"#);
        assert_eq!(out.code, 0);
        assert_eq!(out.json()["severity"], "P3");
        assert_eq!(out.json()["policy"]["custom"], true);
    }

    #[test]
    fn a_bad_argument_is_exit_2() {
        assert_eq!(run(&["classify", "--format", "yaml"], "{}").code, 2);
        assert_eq!(run(&["nonsense"], "").code, 2);
        assert_eq!(run(&["decide", "--lines", "--exit-code"], "").code, 2);
    }
}

/// DT-1 … DT-5: `--exit-code` gives each outcome its own code.
#[test]
fn dt_1_to_dt_5_each_outcome_has_its_exit_code() {
    let cases = [
        (r#"{"severity": "P1"}"#, 10),
        (
            r#"{"severity": "P2", "fix": {"ready": true, "estimated_deploy_minutes": 5, "simple_and_safe": true}}"#,
            11,
        ),
        (
            r#"{"severity": "P1", "cause": {"kind": "database_migration"}}"#,
            12,
        ),
        (r#"{"severity": "P4"}"#, 13),
    ];
    for (context, code) in cases {
        let out = run(&["decide", "--exit-code"], context);
        assert_eq!(out.code, code, "{context}");
        assert!(out.stdout.starts_with('{'), "the answer is still written");
        assert_eq!(run(&["decide"], context).code, 0, "without --exit-code");
    }
}

/// SEV-P2-ERRORS over a stream: a bad line in the middle gets an error
/// object on its own line, a blank line too, the stream goes on, and the
/// exit code says so: answer N is the answer to line N.
#[test]
fn sev_p2_errors_lines_with_a_bad_line_in_the_middle() {
    let stream = "{\"error_rate\": 0.1}\n{\"error_rate\": \"high\"}\n\n{\"latency_ms\": 6000}\n";
    let out = run(&["classify", "--lines"], stream);
    assert_eq!(out.code, 2);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["severity"], "P2");
    assert_eq!(lines[1]["error"]["line"], 2);
    assert_eq!(lines[1]["error"]["path"], "error_rate");
    assert_eq!(
        lines[1]["error"]["message"],
        "invalid type: string \"high\", expected a number"
    );
    assert_eq!(lines[2]["error"]["line"], 3);
    assert_eq!(
        lines[2]["error"]["message"],
        "a blank line: each line is one JSON document"
    );
    assert_eq!(lines[3]["severity"], "P2");
    let good = run(
        &["decide", "--lines"],
        "{\"severity\": \"P1\"}\n{\"severity\": \"P4\"}\n",
    );
    assert_eq!(good.code, 0);
    let outcomes: Vec<Value> = json_lines(&good.stdout)
        .iter()
        .map(|line| line["outcome"].clone())
        .collect();
    assert_eq!(outcomes, ["rollback", "defer"]);
}

mod streams {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;

    /// An answer reaches a live reader as soon as its line is answered, not
    /// when a buffer fills: the README's bot on `tail -F`.
    #[test]
    fn sev_p2_errors_answers_reach_a_live_reader() {
        let mut child = spawn(&["classify", "--lines"]);
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"{\"error_rate\": 0.1}\n").unwrap();
        stdin.flush().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut first = String::new();
            BufReader::new(stdout).read_line(&mut first).unwrap();
            sender.send(first).unwrap();
        });
        let first = receiver.recv_timeout(Duration::from_secs(10));
        drop(stdin);
        let _ = child.wait();
        let first = first.expect("no answer while the input stayed open");
        assert!(first.contains("\"SEV-P2-ERRORS\""), "{first}");
    }

    /// A line that is not UTF-8, or ends in CRLF: the stream goes on.
    /// Answers in a stream are JSON always: `--format text` is refused.
    #[test]
    fn sev_p2_errors_lines_of_every_kind() {
        let mut input = b"{\"error_rate\": 0.1}\r\n{\"error_rate\": \"".to_vec();
        input.extend_from_slice(&[0xff, 0xfe]);
        input.extend_from_slice(b"\"}\n{\"latency_ms\": 3000}\n");
        let mut child = spawn(&["classify", "--lines"]);
        child.stdin.take().unwrap().write_all(&input).unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let lines = json_lines(&String::from_utf8(output.stdout).unwrap());
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["severity"], "P2");
        assert_eq!(lines[1]["error"]["line"], 2);
        assert_eq!(lines[2]["severity"], "P3");
        let text = run(
            &["decide", "--lines", "--format", "text"],
            "{\"severity\": \"P4\"}\n",
        );
        assert_eq!(text.code, 2);
        assert!(
            text.stderr
                .contains("--lines writes one JSON answer per line"),
            "{}",
            text.stderr
        );
    }

    /// A document or a policy that is not UTF-8 is bad input (2) or an
    /// invalid policy (3), not an I/O failure.
    #[test]
    fn bytes_that_are_not_utf_8() {
        let mut child = spawn(&["classify"]);
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"{\"error_rate\": \"\xff\"}")
            .unwrap();
        assert_eq!(child.wait_with_output().unwrap().status.code(), Some(2));
        let dir =
            std::env::temp_dir().join(format!("incident-response-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let policy = dir.join("policy.json");
        std::fs::write(&policy, b"{\"thresholds\": \xff}").unwrap();
        let out = run(&["classify", "--policy", policy.to_str().unwrap()], "{}");
        assert_eq!(out.code, 3, "{}", out.stderr);
    }

    /// Whoever reads the answers may stop early: no error for that.
    #[test]
    fn a_reader_that_stops_early_is_no_failure() {
        let lines = "{\"error_rate\": 0.1}\n".repeat(200_000);
        let mut child = spawn(&["classify", "--lines"]);
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(lines.as_bytes());
        });
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let status = child.wait().unwrap();
        let _ = writer.join();
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert_eq!(status.code(), Some(0), "{stderr}");
        assert!(stderr.is_empty(), "{stderr}");
    }
}

/// Bad input to every subcommand that reads one is exit 2, naming it.
#[test]
fn in_1_bad_input_to_every_subcommand() {
    let cases: [&[&str]; 7] = [
        &["watch", "--now", "2026-02-16T10:00:00Z"],
        &["obligations", "--now", "2026-02-16T10:00:00Z"],
        &["postmortem"],
        &["report", "--month", "2026-01", "--releases", "1"],
        &["gate"],
        &["plan"],
        &["verify-rollback"],
    ];
    for args in cases {
        let out = run(args, r#"{"unknown_field": 1}"#);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with("incident-response: stdin: "),
            "{args:?}: {}",
            out.stderr
        );
    }
}

mod releases {
    use super::*;

    const EVIDENCE: &str = r#"{
        "release": "v1.3.0", "ci_passed": true,
        "staging_deployed_at": "2026-02-12T09:00:00Z", "production_deploy_at": "2026-02-16T09:30:00Z",
        "soak": {"hours": 72.0, "performance_measured": true, "errors_measured": true, "data_consistency_measured": true},
        "rollback_test": {"traffic_active": true, "duration_secs": 252, "records_lost": 0, "previous_version_stable": true},
        "rollback_script": true
    }"#;

    /// RG-1 … RG-7 from a script, review item 16: the gate fails closed.
    /// Ready is 0, blocked is 30 always; `--exit-zero` opts out, and the
    /// old `--exit-code` is still accepted.
    #[test]
    fn rg_5_the_gate_blocks_by_default() {
        let ready = run(&["gate"], EVIDENCE);
        assert_eq!(ready.code, 0, "{}", ready.stderr);
        assert_eq!(ready.json()["status"], "ready");
        let slow = EVIDENCE.replace("\"duration_secs\": 252", "\"duration_secs\": 300");
        let blocked = run(&["gate"], &slow);
        assert_eq!(blocked.code, 30);
        assert_eq!(blocked.json()["violations"][0]["rule"], "RG-5");
        assert_eq!(run(&["gate", "--exit-code"], &slow).code, 30);
        let report = run(&["gate", "--exit-zero"], &slow);
        assert_eq!(report.code, 0);
        assert_eq!(report.json()["status"], "blocked");
        let stream = format!(
            "{}\n{}\n",
            EVIDENCE.replace('\n', " "),
            slow.replace('\n', " ")
        );
        let lines = run(&["gate", "--lines"], &stream);
        assert_eq!(lines.code, 30, "a blocked release in a stream blocks it");
        let with_bad = run(&["gate", "--lines"], &format!("{stream}{{\"ci\": true}}\n"));
        assert_eq!(with_bad.code, 2, "a bad line is fixed first");
        let bad_then_blocked = run(&["gate", "--lines"], &format!("{{\"ci\": true}}\n{stream}"));
        assert_eq!(bad_then_blocked.code, 2);
        let help = run(&["gate", "--help"], "");
        assert!(
            help.stdout
                .contains("30  gate: the release is blocked (always, unless --exit-zero)"),
            "{}",
            help.stdout
        );
        assert!(help.stdout.contains("--exit-zero"), "{}", help.stdout);
    }

    /// RB-1 … RB-7 from a script: the plan, then the verdict on a run.
    #[test]
    fn rb_3_plan_and_verify_a_rollback() {
        let release =
            r#"{"from_version": "1.3.0", "target_version": "1.2.3", "schema_change": true}"#;
        let plan = run(&["plan", "--format", "text"], release);
        assert_eq!(plan.code, 0, "{}", plan.stderr);
        assert!(
            plan.stdout.starts_with("ROLLBACK 1.3.0 → 1.2.3"),
            "{}",
            plan.stdout
        );
        let good = std::fs::read_to_string("tests/fixtures/rollback_run_v1.3.0.json").unwrap();
        let check = format!(r#"{{"release": {release}, "run": {good}}}"#);
        let verdict = run(&["verify-rollback"], &check);
        assert_eq!(verdict.code, 0, "{}", verdict.stderr);
        assert_eq!(verdict.json()["succeeded"], true);
        let lost = check.replace("\"records_lost\": 0", "\"records_lost\": 7");
        let failed = run(&["verify-rollback"], &lost);
        assert_eq!(failed.code, 31, "a failed rollback exits 31 by default");
        assert_eq!(failed.json()["succeeded"], false);
        assert_eq!(run(&["verify-rollback", "--exit-zero"], &lost).code, 0);
        // Review item 1: a failed step, or one left out, fails too.
        let unreverted = check.replacen(
            "\"step\": \"revert_schema\", \"started_at\": \"2026-02-16T10:05:20Z\", \"finished_at\": \"2026-02-16T10:06:30Z\", \"ok\": true",
            "\"step\": \"revert_schema\", \"started_at\": \"2026-02-16T10:05:20Z\", \"finished_at\": \"2026-02-16T10:06:30Z\", \"ok\": false",
            1,
        );
        assert_ne!(unreverted, check);
        let failed = run(&["verify-rollback", "--format", "text"], &unreverted);
        assert_eq!(failed.code, 31);
        assert!(
            failed.stdout.contains("✗ RB-2 traffic was drained before the schema was reverted: revert_schema failed: the schema change was not reverted"),
            "{}",
            failed.stdout
        );
        // Review item 21: a library error names its place with its index.
        let backwards = check.replacen(
            "\"finished_at\": \"2026-02-16T10:08:30Z\"",
            "\"finished_at\": \"2026-02-16T10:06:00Z\"",
            1,
        );
        let refused = run(&["verify-rollback"], &backwards);
        assert_eq!(refused.code, 2);
        assert!(
            refused.stderr.contains("run.steps[3].finished_at `2026-02-16T10:06:00Z` is before run.steps[3].started_at `2026-02-16T10:06:30Z` (RB-6)"),
            "{}",
            refused.stderr
        );
    }
}

/// Review item 17: the README's rollback script, run as GitHub Actions runs
/// scripts (`bash -euo pipefail`): each outcome runs its branch, and a bad
/// context stops it with the script's own message.
#[test]
fn dt_1_to_dt_5_the_readme_script_runs_under_set_e() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let (start, end) = (
        "<!-- rollback-script:start -->\n```sh\n",
        "```\n<!-- rollback-script:end -->",
    );
    let from = readme
        .find(start)
        .expect("the README lost its rollback script")
        + start.len();
    let script = &readme[from..from + readme[from..].find(end).unwrap()];
    assert!(script.contains("set -euo pipefail"), "{script}");
    let dir = std::env::temp_dir().join(format!("incident-response-script-{}", std::process::id()));
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(dir.join("script.sh"), script).unwrap();
    let tool = bin.join("incident-response");
    let _ = std::fs::remove_file(&tool);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_incident-response"), &tool).unwrap();
    for stub in [
        "rollback-api-v1.3.0.sh",
        "deploy-hotfix.sh",
        "deploy-schema-patch.sh",
    ] {
        let path = dir.join(stub);
        std::fs::write(&path, format!("#!/bin/sh\necho {stub} >> ran.log\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let cases = [
        (r#"{"severity": "P1"}"#, 0, "rollback-api-v1.3.0.sh\n", ""),
        (
            r#"{"severity": "P2", "fix": {"ready": true, "estimated_deploy_minutes": 5, "simple_and_safe": true}}"#,
            0,
            "deploy-hotfix.sh\n",
            "",
        ),
        (
            r#"{"severity": "P1", "cause": {"kind": "database_migration"}}"#,
            0,
            "rollback-api-v1.3.0.sh\ndeploy-schema-patch.sh\n",
            "",
        ),
        (
            r#"{"severity": "P4"}"#,
            0,
            "",
            "deferred: fix in the next sprint\n",
        ),
        (r#"{"severity": "P9"}"#, 1, "", ""),
    ];
    for (context, code, ran, stdout) in cases {
        std::fs::write(dir.join("context.json"), context).unwrap();
        let _ = std::fs::remove_file(dir.join("ran.log"));
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
        let out = Command::new("bash")
            .args(["-euo", "pipefail", "script.sh"])
            .current_dir(&dir)
            .env("PATH", path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{context}: {stderr}");
        assert_eq!(
            std::fs::read_to_string(dir.join("ran.log")).unwrap_or_default(),
            ran,
            "{context}"
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "{context}");
        if code == 1 {
            assert!(
                stderr.contains("severity: unknown variant `P9`"),
                "{stderr}"
            );
            assert!(stderr.ends_with("no decision: see stderr\n"), "{stderr}");
        }
    }
}

/// The command-line review items 18 … 22, each as a user runs it.
mod review {
    use super::*;

    /// ME-5, IN-3, review item 18: every answer has a command: `trends`
    /// from months of incidents, `durations` from an incident.
    #[test]
    fn me_5_trends_and_durations_have_commands() {
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
        let months = json!([
            {"month": "2026-01", "releases": 14, "incidents": []},
            {"month": "2026-02", "releases": 16, "incidents": [fixture]},
        ])
        .to_string();
        let out = run(&["trends"], &months);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = out.json();
        assert_eq!(json["months"], json!(["2026-01", "2026-02"]));
        assert_eq!(json["lines"][0]["values"], json!([0, 1]));
        let text = run(&["trends", "--format", "text"], &months);
        assert!(
            text.stdout
                .starts_with("TRENDS (Last 2 Months):\n├─ P1 incidents: 0 → 1 (worsening)\n"),
            "{}",
            text.stdout
        );
        let gap = months.replace("2026-01", "2025-12");
        assert_eq!(run(&["trends"], &gap).code, 2);
        let none = run(&["trends"], "[]");
        assert_eq!(none.code, 2);
        assert!(
            none.stderr
                .contains("trends need at least one month (ME-5)"),
            "{}",
            none.stderr
        );
        let durations = run(&["durations", FIXTURE], "");
        assert_eq!(durations.code, 0, "{}", durations.stderr);
        assert_eq!(durations.json()["id"], "INC-2026-02-16");
        assert_eq!(durations.json()["time_to_resolve_secs"], 1500);
        let text = run(&["durations", FIXTURE, "--format", "text"], "");
        assert!(
            text.stdout
                .contains("time to resolve (started → resolved): 25 min\n"),
            "{}",
            text.stdout
        );
    }

    /// SEV-P2-ERRORS, review item 19: a stream keeps its alignment. One
    /// JSON answer per line, in order, an `"id"` echoed, an error object
    /// with separate fields, and `postmortem --lines` in JSON.
    #[test]
    fn sev_p2_errors_streams_keep_their_alignment() {
        let stream = "{\"id\": \"a\", \"error_rate\": 0.1}\n   \n{\"id\": \"b\", \"latency_ms\": 2.5}\n{\"id\": \"c\"}\n";
        let out = run(&["classify", "--lines"], stream);
        assert_eq!(out.code, 2);
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 4);
        assert_eq!(
            (&lines[0]["id"], &lines[0]["severity"]),
            (&json!("a"), &json!("P2"))
        );
        assert_eq!(lines[1]["error"]["line"], 2);
        assert_eq!(lines[2]["id"], "b");
        assert_eq!(
            lines[2]["error"],
            json!({
                "kind": "invalid_input", "path": "latency_ms", "line": 3, "column": 29,
                "message": "invalid type: floating point `2.5`, expected a whole number of milliseconds",
                "rule": null,
            })
        );
        assert_eq!(
            (&lines[3]["id"], &lines[3]["severity"]),
            (&json!("c"), &json!("P4"))
        );
        let incident = std::fs::read_to_string(FIXTURE).unwrap().replace('\n', " ");
        let reports = run(
            &["postmortem", "--lines"],
            &format!("{incident}\n{incident}\n"),
        );
        assert_eq!(reports.code, 0, "{}", reports.stderr);
        let reports = json_lines(&reports.stdout);
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[1]["resolved_in_secs"], 1200);
        let single = run(&["classify"], r#"{"id": "one", "error_rate": 0.1}"#);
        assert_eq!(single.json()["id"], "one");
    }

    /// SEV-P1-OUTAGE, DT-1, SEV-P3-LATENCY, review items 13 … 15 as the
    /// review ran them: positional arrays refused, Python's floats read,
    /// messages that name the field and what it accepts, a byte-order mark.
    #[test]
    fn sev_p1_outage_the_json_contract_from_the_command_line() {
        let positional = run(&["classify"], "[0.5, 6000, true]");
        assert_eq!(positional.code, 2);
        assert_eq!(
            positional.stderr,
            "incident-response: stdin: invalid type: array, expected an object at line 1 column 1\n"
        );
        assert_eq!(run(&["decide"], r#"["P1", true]"#).code, 2);
        let python = run(&["classify"], r#"{"latency_ms": 2731.0}"#);
        assert_eq!(python.code, 0, "{}", python.stderr);
        assert_eq!(python.json()["severity"], "P3");
        let fraction = run(&["classify"], r#"{"latency_ms": 2731.5}"#);
        assert!(fraction.stderr.contains("latency_ms: invalid type: floating point `2731.5`, expected a whole number of milliseconds"), "{}", fraction.stderr);
        let nan = run(&["classify"], r#"{"error_rate": NaN}"#);
        assert!(
            nan.stderr
                .contains("error_rate: `NaN` is not a number JSON allows"),
            "{}",
            nan.stderr
        );
        for (document, says) in [
            (
                r#"{"severity": 2}"#,
                r#"severity: invalid type: integer `2`, expected one of "P1", "P2", "P3", "P4""#,
            ),
            (
                r#"{"severity": null}"#,
                r#"severity: invalid type: null, expected one of "P1", "P2", "P3", "P4""#,
            ),
            (
                r#"{"severity": "P2", "cause": 3}"#,
                "cause: invalid type: integer `3`, expected an object",
            ),
        ] {
            let out = run(&["decide"], document);
            assert!(out.stderr.contains(says), "{document}: {}", out.stderr);
            assert!(!out.stderr.contains("Json"), "{}", out.stderr);
        }
        let feature = run(&["classify"], r#"{"feature_broken": true}"#);
        assert!(feature.stderr.contains(r#"feature_broken: invalid type: boolean `true`, expected one of "none", "non_critical", "critical""#), "{}", feature.stderr);
        let bom = run(&["classify"], "\u{feff}{\"error_rate\": 0.1}");
        assert_eq!(bom.code, 0, "{}", bom.stderr);
    }

    /// SEV-P1-OUTAGE, review item 20: `classify` says who to page and the
    /// deadlines, in JSON and in text.
    #[test]
    fn sev_p1_outage_classify_says_who_to_page() {
        let out = run(&["classify"], r#"{"error_rate": 1.0}"#);
        assert_eq!(
            out.json()["response"],
            json!({
                "severity": "P1", "resolution_sla_minutes": 60, "alert": "page_vp_engineering",
                "responders": "all_hands", "customer_notification_minutes": 30, "decision_minutes": 60,
            })
        );
        let text = run(&["classify", "--format", "text"], r#"{"error_rate": 1.0}"#).stdout;
        assert!(text.contains("  alert: Page on-call VP Engineering immediately\n  response: All hands on deck; pause other work\n  notify customers within 30 min\n"), "{text}");
    }

    /// DT-3, SEV-P2-ERRORS, review item 21: the small things. `--brief`,
    /// `schema --format text` refused, `--pretty` on `table`, a document
    /// over `--max-bytes` refused before it is read whole.
    #[test]
    fn dt_3_brief_answers_and_small_things() {
        let context = r#"{"id": "r1", "severity": "P2", "cause": {"kind": "deployment", "revert": "simple"}}"#;
        let brief = run(&["decide", "--brief"], context);
        assert_eq!(
            brief.json(),
            json!({
                "id": "r1", "outcome": "rollback", "deciding_rule": "DT-3",
                "next_action": "Use pre-tested rollback script", "decide_within_minutes": 240,
                "fingerprint": "1de47ddf74e8e269",
            })
        );
        assert!(brief.stdout.len() < 200, "{}", brief.stdout);
        let classified = run(&["classify", "--brief"], r#"{"error_rate": 0.1}"#).json();
        assert_eq!(classified["rule"], "SEV-P2-ERRORS");
        assert_eq!(classified["next_action"], "Page on-call Engineering Lead");
        assert_eq!(
            run(&["decide", "--brief", "--format", "text"], context).code,
            2
        );
        let schema = run(&["schema", "signals", "--format", "text"], "");
        assert_eq!(schema.code, 2);
        assert!(
            schema.stderr.contains("schema writes JSON Schema"),
            "{}",
            schema.stderr
        );
        let table = run(&["table", "--pretty"], "");
        assert_eq!(table.code, 0);
        assert!(table.stdout.starts_with("{\n  \""), "{}", table.stdout);
        assert_eq!(run(&["table", "--pretty", "--format", "text"], "").code, 2);
        let big = format!("{{\"error_rate\": 0.1{}}}", " ".repeat(100));
        let refused = run(&["classify", "--max-bytes", "64"], &big);
        assert_eq!(refused.code, 2);
        assert!(
            refused
                .stderr
                .contains("stdin: the document is larger than 64 bytes (--max-bytes)"),
            "{}",
            refused.stderr
        );
        let lines = run(
            &["classify", "--lines", "--max-bytes", "64"],
            &format!("{big}\n{{}}\n"),
        );
        let lines = json_lines(&lines.stdout);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0]["error"]["message"],
            "line 1: the document is larger than 64 bytes (--max-bytes)"
        );
        assert_eq!(lines[1]["severity"], "P4");
    }

    /// PD-2, IN-1, review item 22: both clocks answer as of `--now`: events
    /// after it are set aside and counted, so a bot whose clock lags
    /// gets an answer, and a closed incident can be replayed.
    #[test]
    fn pd_2_and_in_1_answers_as_of_now() {
        let deployment = json!({
            "deployed_at": "2026-02-16T09:35:00Z",
            "errors": [{"at": "2026-02-16T10:00:00Z", "severity": "P1"}],
        })
        .to_string();
        let lagging = run(&["watch", "--now", "2026-02-16T09:59:59Z"], &deployment);
        assert_eq!(lagging.code, 0, "{}", lagging.stderr);
        assert_eq!(lagging.json()["state"], "watching");
        assert_eq!(lagging.json()["events_after_now"], 1);
        let replay = run(
            &["obligations", FIXTURE, "--now", "2026-02-16T10:03:00Z"],
            "",
        );
        assert_eq!(replay.code, 0, "{}", replay.stderr);
        let json = replay.json();
        assert_eq!(json["id"], "INC-2026-02-16");
        assert_eq!(json["events_after_now"], 7);
        assert_eq!(json["obligations"][0]["status"], "pending");
        assert_eq!(
            json["obligations"][0]["quote"],
            "Communication: Customer notification within 30 min"
        );
    }

    /// DT-1, SEV-P1-DATA, review item 22: one command from signals to a
    /// decision.
    #[test]
    fn dt_1_decide_from_signals() {
        let out = run(
            &["decide", "--brief"],
            r#"{"signals": {"error_rate": 1.0}, "cause": {"kind": "deployment", "revert": "simple"}}"#,
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(
            (
                out.json()["outcome"].clone(),
                out.json()["deciding_rule"].clone()
            ),
            (json!("rollback"), json!("DT-1"))
        );
        let full = run(&["decide"], r#"{"signals": {"data_loss": true}}"#).json();
        assert_eq!(
            full["context"],
            json!({"severity": "P1", "data_loss": true})
        );
        let both = run(&["decide"], r#"{"signals": {}, "severity": "P2"}"#);
        assert_eq!(both.code, 2);
        assert!(
            both.stderr
                .contains("signals: give `severity` or `signals`, not both"),
            "{}",
            both.stderr
        );
    }

    /// RG-1 … RG-7, RB-1 … RB-5, IN-1, ME-5, review item 22: `example`
    /// prints a valid document of every input, which its command answers.
    #[test]
    fn rg_1_every_input_has_an_example_its_command_answers() {
        let cases: [(&str, &[&str]); 9] = [
            ("signals", &["classify"]),
            ("incident-context", &["decide"]),
            ("deployment", &["watch", "--now", "2026-02-16T10:30:00Z"]),
            (
                "incident",
                &["obligations", "--now", "2026-02-24T00:00:00Z"],
            ),
            ("months", &["trends"]),
            ("release-evidence", &["gate"]),
            ("rollback-release", &["plan"]),
            ("rollback-check", &["verify-rollback"]),
            ("policy", &["schema", "policy"]),
        ];
        for (kind, command) in cases {
            let example = run(&["example", kind], "");
            assert_eq!(example.code, 0, "{kind}: {}", example.stderr);
            let document: Value = serde_json::from_str(&example.stdout).unwrap();
            assert!(document.is_object() || document.is_array(), "{kind}");
            let answer = run(command, &example.stdout);
            assert_eq!(answer.code, 0, "{kind}: {}", answer.stderr);
            assert!(answer.stdout.starts_with('{'), "{kind}: {}", answer.stdout);
        }
        let policy = scratch(
            "example-policy.json",
            &run(&["example", "policy"], "").stdout,
        );
        let custom = run(
            &["classify", "--policy", &policy],
            r#"{"latency_ms": 1600}"#,
        );
        assert_eq!(custom.json()["severity"], "P3");
    }
}

/// The second review of item 16 and 22: a gate fails closed on every path.
mod fail_closed {
    use super::*;

    const EVIDENCE: &str = r#"{"release": "v1.3.0", "ci_passed": true}"#;

    /// RG-1: a stream of no document at all decides nothing, so it blocks;
    /// a reader that goes away early changes no verdict.
    #[test]
    fn rg_1_no_document_and_a_closed_reader_still_block() {
        let empty = run(&["gate", "--lines"], "");
        assert_eq!(empty.code, 30);
        assert!(
            empty
                .stderr
                .contains("no document: nothing to decide on, so it blocks"),
            "{}",
            empty.stderr
        );
        assert_eq!(run(&["verify-rollback", "--lines"], "").code, 31);
        assert_eq!(run(&["gate", "--lines", "--exit-zero"], "").code, 0);
        assert_eq!(
            run(&["classify", "--lines"], "").code,
            0,
            "nothing to classify is no failure"
        );
        let mut child = spawn(&["gate"]);
        drop(child.stdout.take());
        child
            .stdin
            .take()
            .unwrap()
            .write_all(EVIDENCE.as_bytes())
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(30),
            "the reader went away; the release is blocked still"
        );
    }

    /// PD-1: `--now now` in a stream judges each line when it arrives.
    #[test]
    fn pd_1_now_is_read_for_each_line() {
        let line = r#"{"deployed_at": "2026-02-16T09:35:00Z"}"#;
        let out = run(
            &["watch", "--lines", "--now", "now"],
            &format!("{line}\n{line}\n"),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l["state"] == "successful"));
    }

    /// RG-4 … RG-6: the verdict's JSON carries the gate's rollback test; the
    /// gate blocks until traffic is stated, then passes on a good run.
    #[test]
    fn rg_4_a_verdict_feeds_the_gate() {
        let check = std::fs::read_to_string("src/json/documents/rollback-check.json").unwrap();
        let verdict = run(&["verify-rollback"], &check).json();
        let mut test = verdict["rollback_test"].clone();
        assert_eq!(
            test,
            json!({"duration_secs": 252, "records_lost": 0, "previous_version_stable": true})
        );
        let mut evidence: Value = serde_json::from_str(
            &std::fs::read_to_string("src/json/documents/release-evidence.json").unwrap(),
        )
        .unwrap();
        evidence["rollback_test"] = test.clone();
        let unstated = run(&["gate"], &evidence.to_string());
        assert_eq!(unstated.code, 30);
        assert_eq!(
            unstated.json()["violations"][0]["found"],
            "traffic not stated"
        );
        test["traffic_active"] = json!(true);
        evidence["rollback_test"] = test;
        assert_eq!(run(&["gate"], &evidence.to_string()).code, 0);
        let failed = check.replace("\"records_lost\": 0", "\"records_lost\": 2");
        let broken = run(&["verify-rollback", "--exit-zero"], &failed).json();
        assert_eq!(broken["rollback_test"]["broken_rules"], json!(["RB-5"]));
    }

    /// The `"id"`: `null` is not stated; given twice, refused.
    #[test]
    fn sev_p4_default_the_id_null_or_twice() {
        let null = run(&["classify"], r#"{"id": null}"#);
        assert_eq!(null.code, 0, "{}", null.stderr);
        assert!(null.json().get("id").is_none());
        let twice = run(&["classify"], r#"{"id": "a", "id": "b"}"#);
        assert_eq!(twice.code, 2);
        assert!(
            twice.stderr.contains("duplicate field `id`"),
            "{}",
            twice.stderr
        );
    }
}
