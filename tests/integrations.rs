//! `docs/integrations.md` as a user runs it: every recipe's command taken
//! from the page itself and run by bash (`-eo pipefail`, as GitHub Actions
//! runs a step) with the tool on `PATH`, on the fixtures of
//! `tests/fixtures/adapters/`; and `--from` on every command that reads
//! it, with `--mapping`, `--explain-mapping`, `--per-alert` and `--lines`.

#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use incident_response::chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};

const DOC: &str = include_str!("../docs/integrations.md");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/adapters").join(name)
}

/// The fenced block whose first line is `# recipe: {name}`, without it.
fn recipe(name: &str) -> String {
    let marker = format!("# recipe: {name}\n");
    let start = DOC
        .find(&marker)
        .unwrap_or_else(|| panic!("no recipe {name}"))
        + marker.len();
    let rest = &DOC[start..];
    rest[..rest.find("```").unwrap()].to_owned()
}

/// The script of a YAML block scalar: the lines below the line ending in
/// `key`, indented deeper than it, de-indented.
fn block_scalar(yaml: &str, key: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_end().ends_with(key))
        .unwrap();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = indent(lines[at]);
    let body: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || indent(l) > base)
        .copied()
        .collect();
    let inner = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent(l))
        .min()
        .unwrap();
    body.iter()
        .map(|l| l.get(inner..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `script` with `bash --noprofile --norc -eo pipefail` in `dir`,
/// the tool on `PATH`, `env` set, `stdin` piped in.
fn bash(script: &str, dir: &Path, env: &[(&str, &str)], stdin: &[u8]) -> Run {
    let tool = Path::new(env!("CARGO_BIN_EXE_incident-response"));
    let path = format!(
        "{}:{}",
        tool.parent().unwrap().display(),
        std::env::var("PATH").unwrap()
    );
    let mut child = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The tool itself with `args`, `stdin` piped in.
fn tool(args: &[&str], stdin: &[u8]) -> Run {
    let script = std::iter::once("incident-response".to_owned())
        .chain(args.iter().map(|a| format!("'{a}'")))
        .collect::<Vec<_>>()
        .join(" ");
    bash(&script, root(), &[], stdin)
}

fn json_of(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr))
}

/// A fresh directory under `target/` for a recipe to work in.
fn workdir(name: &str) -> PathBuf {
    let dir = root().join("target/recipes").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

mod recipes {
    use super::*;

    /// SEV-P2-ERRORS: the Alertmanager receiver's script, on the firing
    /// group, prints what the page says it prints.
    #[test]
    fn alertmanager_receiver_sev_p2_errors() {
        let script = recipe("alertmanager-receiver");
        let body = std::fs::read(fixture("alertmanager_firing.json")).unwrap();
        let run = bash(&script, root(), &[], &body);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            run.stdout.trim(),
            r#"{"severity":"P2","rules":["SEV-P2-ERRORS","SEV-P3-LATENCY"],"warnings":[]}"#
        );
        assert!(DOC.contains(run.stdout.trim()), "the page shows the output");
    }

    /// ME-1, ME-2, ME-3: the monthly report from PagerDuty pages, joined by
    /// the recipe's own jq, is the standard's January.
    #[test]
    fn pagerduty_month_me_1_me_2_me_3() {
        let dir = workdir("pagerduty-month");
        std::fs::create_dir_all(dir.join("pages")).unwrap();
        // Two pages, as the API returns them with `offset`.
        let page: Value =
            serde_json::from_slice(&std::fs::read(fixture("pagerduty_january_2026.json")).unwrap())
                .unwrap();
        let incidents = page["incidents"].as_array().unwrap();
        let (first, second) = incidents.split_at(20);
        for (i, part) in [first, second].into_iter().enumerate() {
            let page = json!({"incidents": part, "limit": 20, "offset": i * 20, "more": i == 0});
            std::fs::write(dir.join(format!("pages/{i}.json")), page.to_string()).unwrap();
        }
        let run = bash(&recipe("pagerduty-month"), &dir, &[], b"");
        assert_eq!(run.code, 0, "{}", run.stderr);
        for line in [
            "P1 Incidents: 1",
            "P2 Incidents: 3",
            "P3 Incidents: 8",
            "P4 Incidents: 15",
            "Total MTTR (mean time to resolve): 25 min",
            "Total MTTD (mean time to detect): 8 min",
            "Rollback count: 1",
            "Rollback success rate: 100% (1/1 successful)",
            "Rollback time (average): 4.2 min",
        ] {
            assert!(run.stdout.contains(line), "{line} not in\n{}", run.stdout);
        }
    }

    fn rfc3339(at: DateTime<Utc>) -> String {
        at.to_rfc3339_opts(incident_response::chrono::SecondsFormat::Secs, true)
    }

    /// PD-4: the Argo Rollouts analysis job exits 0 (the measurement passes)
    /// on a quiet deployment and 20 (it fails, the rollout rolls back) on a
    /// P1 within the watch window, at the machine's own clock.
    #[test]
    fn argo_analysis_job_pd_4() {
        let yaml = recipe("argo-analysis");
        assert!(yaml.contains("provider:\n        job:"), "the job provider");
        let script = block_scalar(&yaml, "- |");
        assert!(script.contains("incident-response watch"), "{script}");
        let now: DateTime<Utc> = std::time::SystemTime::now().into();
        let deployed = rfc3339(now - TimeDelta::minutes(20));
        let quiet =
            json!({"id": "deploy-v1.3.1", "deployed_at": deployed, "errors": []}).to_string();
        let run = bash(&script, root(), &[("DEPLOYMENT", &quiet)], b"");
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let failing = json!({
            "id": "deploy-v1.3.0", "deployed_at": deployed,
            "errors": [{"at": rfc3339(now - TimeDelta::minutes(5)), "severity": "P1"}]
        })
        .to_string();
        let run = bash(&script, root(), &[("DEPLOYMENT", &failing)], b"");
        assert_eq!(run.code, 20, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("PD-4"), "{}", run.stdout);
    }

    /// RG-1 … RG-7: the GitHub Actions step, run as GitHub runs `shell:
    /// bash`, passes on ready evidence and fails on blocked evidence even
    /// through `tee`.
    #[test]
    fn github_gate_step_rg_1() {
        let yaml = recipe("github-gate");
        assert!(yaml.contains("shell: bash"));
        let script = block_scalar(&yaml, "run: |");
        let dir = workdir("github-gate");
        let ready = Command::new(env!("CARGO_BIN_EXE_incident-response"))
            .args(["example", "release-evidence"])
            .output()
            .unwrap()
            .stdout;
        std::fs::write(dir.join("release-evidence.json"), &ready).unwrap();
        let run = bash(&script, &dir, &[], b"");
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let mut blocked: Value = serde_json::from_slice(&ready).unwrap();
        blocked["ci_passed"] = json!(false);
        std::fs::write(dir.join("release-evidence.json"), blocked.to_string()).unwrap();
        let run = bash(&script, &dir, &[], b"");
        assert_eq!(run.code, 30, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("RG-1"), "{}", run.stdout);
        assert!(
            std::fs::read_to_string(dir.join("gate.txt"))
                .unwrap()
                .contains("RG-1"),
            "tee kept the report"
        );
    }
}

mod from {
    use super::*;

    fn path(name: &str) -> String {
        fixture(name).display().to_string()
    }

    /// The JSON answer carries the mapping report; `--explain-mapping`
    /// moves it to stderr, for people.
    #[test]
    fn the_mapping_report_in_the_answer_or_on_stderr() {
        let run = tool(
            &[
                "classify",
                "--from",
                "alertmanager",
                &path("alertmanager_firing.json"),
            ],
            b"",
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let answer = json_of(&run);
        assert_eq!(answer["severity"], "P2");
        assert_eq!(answer["mapping"]["format"], "alertmanager");
        let explained = tool(
            &[
                "classify",
                "--from",
                "alertmanager",
                "--explain-mapping",
                &path("alertmanager_firing.json"),
            ],
            b"",
        );
        assert!(json_of(&explained).get("mapping").is_none());
        assert!(
            explained.stderr.starts_with("Mapping from alertmanager:\n"),
            "{}",
            explained.stderr
        );
        assert!(
            explained
                .stderr
                .contains("used     alerts[0].annotations.value -> signals.error_rate")
        );
    }

    /// "No signal mapped" is a refusal, not a P4: by classify and by
    /// decide, with the input exit code and the reason on stderr.
    #[test]
    fn no_signal_mapped_is_refused() {
        for command in ["classify", "decide"] {
            let run = tool(
                &[
                    command,
                    "--from",
                    "alertmanager",
                    &path("alertmanager_resolved.json"),
                ],
                b"",
            );
            assert_eq!(run.code, 2, "{command}: {}", run.stdout);
            assert!(
                run.stderr.contains("no signal mapped: no alert is firing"),
                "{}",
                run.stderr
            );
            assert!(run.stdout.is_empty());
        }
        let unmapped = br#"{"version": "4", "alerts": [{"status": "firing", "labels": {"alertname": "Foo"}}]}"#;
        let run = tool(&["classify", "--from", "alertmanager", "-"], unmapped);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("no firing alert names a signal"),
            "{}",
            run.stderr
        );
    }

    /// An answer on alerts says when they were detected and how many fed
    /// it; with --format text the report goes to stderr.
    #[test]
    fn the_alerts_behind_an_answer() {
        let run = tool(
            &[
                "classify",
                "--from",
                "alertmanager",
                &path("alertmanager_firing.json"),
            ],
            b"",
        );
        let answer = json_of(&run);
        assert_eq!(
            answer["alerts"],
            json!({"detected_at": "2026-02-16T09:58:30Z", "firing": 4, "mapped": 3, "resolved": 0, "declared_severity": null})
        );
        let text = tool(
            &[
                "classify",
                "--from",
                "alertmanager",
                "--format",
                "text",
                &path("alertmanager_firing.json"),
            ],
            b"",
        );
        assert!(text.stdout.starts_with("P2"), "{}", text.stdout);
        assert!(
            text.stderr.starts_with("Mapping from alertmanager:"),
            "{}",
            text.stderr
        );
    }

    /// PD-4: a target down decides an automatic rollback, exit 10.
    #[test]
    fn decide_on_a_target_down_pd_4() {
        let run = tool(
            &[
                "decide",
                "--from",
                "alertmanager",
                "--exit-code",
                &path("alertmanager_target_down.json"),
            ],
            b"",
        );
        assert_eq!(run.code, 10, "{}{}", run.stdout, run.stderr);
        assert_eq!(json_of(&run)["severity"], "P1");
    }

    /// `--per-alert`: one answer per alert, in order; `--lines`: one answer
    /// per webhook body.
    #[test]
    fn per_alert_and_lines() {
        let run = tool(
            &[
                "classify",
                "--from",
                "alertmanager",
                "--per-alert",
                &path("alertmanager_firing.json"),
            ],
            b"",
        );
        let severities: Vec<Value> = json_of(&run)["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["severity"].clone())
            .collect();
        assert_eq!(
            severities,
            [json!("P2"), json!("P3"), json!("P2")],
            "the firing alerts that feed a signal"
        );
        let mut stream = Vec::new();
        for name in [
            "alertmanager_firing.json",
            "alertmanager_target_down.json",
            "grafana_firing.json",
        ] {
            let body: Value =
                serde_json::from_slice(&std::fs::read(fixture(name)).unwrap()).unwrap();
            stream.extend(body.to_string().into_bytes());
            stream.push(b'\n');
        }
        stream.extend(b"{\"alerts\": 7}\n");
        let run = tool(
            &["classify", "--from", "alertmanager", "--lines", "-"],
            &stream,
        );
        assert_eq!(run.code, 2, "a bad line");
        let lines: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["severity"], "P2");
        assert_eq!(lines[1]["severity"], "P1");
        assert_eq!(lines[2]["severity"], "P2");
        assert_eq!(lines[3]["error"]["path"], "alerts");
    }

    /// IN-1 … IN-5 from PagerDuty events and incident.io, through the tool.
    #[test]
    fn obligations_durations_and_postmortem_in_1() {
        for (from, name) in [
            ("pagerduty-events", "pagerduty_events_2026_02_16.json"),
            ("incident-io", "incident_io_2026_02_16.json"),
        ] {
            let run = tool(
                &[
                    "obligations",
                    "--from",
                    from,
                    "--now",
                    "2026-02-16T10:45:00Z",
                    &path(name),
                ],
                b"",
            );
            assert_eq!(run.code, 0, "{}", run.stderr);
            let answer = json_of(&run);
            let expected = tool(
                &[
                    "obligations",
                    "--now",
                    "2026-02-16T10:45:00Z",
                    "tests/fixtures/incident_2026_02_16.json",
                ],
                b"",
            );
            let mut expected = json_of(&expected);
            expected["id"] = answer["id"].clone();
            let mut without = answer.clone();
            without.as_object_mut().unwrap().remove("mapping");
            assert_eq!(without, expected, "{from}");
            let run = tool(
                &[
                    "durations",
                    "--from",
                    from,
                    "--explain-mapping",
                    &path(name),
                ],
                b"",
            );
            assert_eq!(json_of(&run)["time_to_resolve_secs"], 1500, "{from}");
            let run = tool(&["postmortem", "--from", from, &path(name)], b"");
            assert!(
                run.stdout.contains("**Severity:** P1 (resolved in 20 min)"),
                "{from}: {}",
                run.stdout
            );
        }
    }

    /// A page of several incidents is refused by obligations, with the count.
    #[test]
    fn one_incident_at_a_time() {
        let run = tool(
            &[
                "obligations",
                "--from",
                "pagerduty",
                "--now",
                "2026-03-31T00:00:00Z",
                &path("pagerduty_rest_page.json"),
            ],
            b"",
        );
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("holds 4 incidents"), "{}", run.stderr);
    }

    /// `--mapping` is read strictly and applied; a command that does not
    /// read the format says which do.
    #[test]
    fn mapping_files_and_wrong_commands() {
        let dir = workdir("mapping");
        let mapping = dir.join("alerts.json");
        std::fs::write(&mapping, r#"{"severities": {"critical": "P1"}}"#).unwrap();
        let body = serde_json::to_vec(&json!({"version": "4", "alerts": [{"status": "firing",
            "labels": {"alertname": "Slow", "incident_response_signal": "latency_ms", "severity": "critical"},
            "annotations": {"value": "2500"}, "startsAt": "2026-02-16T10:00:00Z"}]}))
        .unwrap();
        let run = tool(
            &[
                "decide",
                "--from",
                "alertmanager",
                "--mapping",
                &mapping.display().to_string(),
                "--brief",
                "-",
            ],
            &body,
        );
        assert_eq!(json_of(&run)["outcome"], "rollback", "{}", run.stderr);
        std::fs::write(&mapping, r#"{"severity": {"critical": "P1"}}"#).unwrap();
        let run = tool(
            &[
                "classify",
                "--from",
                "alertmanager",
                "--mapping",
                &mapping.display().to_string(),
                "-",
            ],
            &body,
        );
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("unknown field `severity`"),
            "{}",
            run.stderr
        );
        let run = tool(&["gate", "--from", "pagerduty", "-"], b"{}");
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("gate does not read --from pagerduty"),
            "{}",
            run.stderr
        );
    }

    /// The report from incident.io leaves out test and tutorial incidents
    /// and says how many in the answer.
    #[test]
    fn report_from_incident_io() {
        let run = tool(
            &[
                "report",
                "--from",
                "incident-io",
                "--month",
                "2026-03",
                "--releases",
                "4",
                &path("incident_io_categories.json"),
            ],
            b"",
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let answer = json_of(&run);
        let total: u64 = ["P1", "P2", "P3", "P4"]
            .iter()
            .map(|s| answer["incidents"][s].as_u64().unwrap())
            .sum();
        assert_eq!(total, 5);
        assert_eq!(answer["mapping"]["left_out"].as_array().unwrap().len(), 5);
    }
}
