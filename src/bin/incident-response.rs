//! `incident-response`: every answer of the crate from the command line,
//! for release pipelines, shell scripts and incident bots.
//!
//! A thin adapter: it reads JSON documents (a file, or `-` for stdin)
//! through the library's `json` door, calls the library, and writes JSON
//! (or the `Display` text with `--format text`). All logic is in the
//! library; this file only reads, writes, maps answers to exit codes and,
//! when asked with `--now now`, reads the clock. Built with the `cli`
//! feature.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use incident_response::adapters::mapping::{AlertMapping, IncidentMapping};
use incident_response::adapters::{self, MappingReport};
use incident_response::chrono::{DateTime, Utc};
use incident_response::evidence::{EvidenceReport, InputFile};
use incident_response::json::{self, JsonError, Reply};
use incident_response::metrics::Release;
use incident_response::{Classification, Decision, Incident, Month, Outcome, Policy};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How the tool ends, and what each ending means: the one list the help
/// prints and `main` returns.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Exit {
    Answer,
    Io,
    Input,
    Policy,
    Rollback,
    ForwardFix,
    Hybrid,
    Defer,
    AutomaticRollback,
    Blocked,
    RollbackFailed,
    VectorFailed,
}

impl Exit {
    const ALL: [Exit; 12] = [
        Exit::Answer,
        Exit::Io,
        Exit::Input,
        Exit::Policy,
        Exit::Rollback,
        Exit::ForwardFix,
        Exit::Hybrid,
        Exit::Defer,
        Exit::AutomaticRollback,
        Exit::Blocked,
        Exit::RollbackFailed,
        Exit::VectorFailed,
    ];

    const fn code(self) -> u8 {
        match self {
            Exit::Answer => 0,
            Exit::Io => 1,
            Exit::Input => 2,
            Exit::Policy => 3,
            Exit::Rollback => 10,
            Exit::ForwardFix => 11,
            Exit::Hybrid => 12,
            Exit::Defer => 13,
            Exit::AutomaticRollback => 20,
            Exit::Blocked => 30,
            Exit::RollbackFailed => 31,
            Exit::VectorFailed => 40,
        }
    }

    const fn meaning(self) -> &'static str {
        match self {
            Exit::Answer => "an answer was written",
            Exit::Io => "the input or output could not be read or written (a missing file)",
            Exit::Input => {
                "bad input: malformed JSON, a wrong type, an unknown field, an invalid value or timeline, a document over --max-bytes, or a bad argument; with --lines, some line failed"
            }
            Exit::Policy => "the --policy file is invalid",
            Exit::Rollback => "decide --exit-code: rollback",
            Exit::ForwardFix => "decide --exit-code: forward fix",
            Exit::Hybrid => "decide --exit-code: hybrid",
            Exit::Defer => "decide --exit-code: defer",
            Exit::AutomaticRollback => "watch --exit-code: the rollback is automatic now",
            Exit::Blocked => "gate: the release is blocked (always, unless --exit-zero)",
            Exit::RollbackFailed => {
                "verify-rollback: the rollback failed (always, unless --exit-zero)"
            }
            Exit::VectorFailed => "vectors: at least one vector failed",
        }
    }

    const fn of_outcome(outcome: Outcome) -> Exit {
        match outcome {
            Outcome::Rollback => Exit::Rollback,
            Outcome::ForwardFix => Exit::ForwardFix,
            Outcome::Hybrid => Exit::Hybrid,
            Outcome::Defer => Exit::Defer,
        }
    }
}

/// `--exit-code` of decide: `Exit with 10 rollback, 11 forward_fix, …`.
fn decide_exits() -> String {
    let codes: Vec<String> = Outcome::ALL
        .iter()
        .map(|&outcome| format!("{} {outcome}", Exit::of_outcome(outcome).code()))
        .collect();
    format!("Exit with {}", codes.join(", "))
}

/// The exit codes, for `--help`.
fn exit_codes() -> String {
    let mut help = String::from("Exit codes:\n");
    for exit in Exit::ALL {
        help.push_str(&format!("  {:>2}  {}\n", exit.code(), exit.meaning()));
    }
    help
}

/// The answers of the Rollback and Incident Response Standard
/// (EATGF-DSS-INC-01), from JSON documents.
#[derive(Parser)]
#[command(name = "incident-response", version, after_help = exit_codes())]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// A custom policy (JSON), validated; the standard when left out.
    #[arg(long, global = true, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// `json` (the default, but for `postmortem` and `table`) or `text`,
    /// the form for people. `--lines` always writes JSON.
    #[arg(long, global = true, value_enum)]
    format: Option<Format>,
    /// Indent the JSON of a single answer (`--lines` writes one answer a
    /// line); on `table` and `postmortem`, it asks for JSON.
    #[arg(long, global = true)]
    pretty: bool,
    /// The largest document read, in bytes (each line, with `--lines`):
    /// a larger one is refused before it is read whole.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = 16 << 20)]
    max_bytes: u64,
    /// Read a format teams already have instead of the crate's own: an
    /// Alertmanager webhook (classify, decide), a PagerDuty REST page,
    /// PagerDuty webhook v3 events or an incident.io document
    /// (obligations, durations, postmortem, report). The JSON answer
    /// carries the mapping report under `mapping`.
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    from: Option<From>,
    /// The mapping --from applies (JSON): an alert mapping for
    /// `alertmanager`, an incident mapping otherwise; the documented
    /// default when left out.
    #[arg(long, global = true, value_name = "FILE", requires = "from")]
    mapping: Option<PathBuf>,
    /// Write the mapping report, for people, to stderr, and leave it out
    /// of the JSON answer.
    #[arg(long, global = true, requires = "from")]
    explain_mapping: bool,
}

/// The foreign formats of `--from`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum From {
    /// A Prometheus Alertmanager webhook body (version 4), or Grafana's.
    Alertmanager,
    /// A PagerDuty REST API v2 `GET /incidents` page.
    Pagerduty,
    /// A JSON array of PagerDuty webhook v3 bodies.
    PagerdutyEvents,
    /// An incident.io API v2 incident or list, with its follow-ups.
    IncidentIo,
}

impl From {
    const fn format(self) -> adapters::Format {
        match self {
            From::Alertmanager => adapters::Format::Alertmanager,
            From::Pagerduty => adapters::Format::Pagerduty,
            From::PagerdutyEvents => adapters::Format::PagerdutyEvents,
            From::IncidentIo => adapters::Format::IncidentIo,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Signals → the severity, every rule that matched, and what it
    /// requires (who to page, the deadlines).
    Classify {
        #[command(flatten)]
        stream: Stream,
        /// A short answer: severity, rule, next action, deadlines, policy.
        #[arg(long)]
        brief: bool,
        /// With --from alertmanager: one answer per firing alert that
        /// feeds a signal (`{"alerts": [...]}`, in the group's order), not
        /// one for the group.
        #[arg(long, requires = "from")]
        per_alert: bool,
    },
    /// An incident context (`severity`, or `signals` to classify) →
    /// rollback, forward fix, hybrid or defer.
    #[command(after_help = exit_codes())]
    Decide {
        #[command(flatten)]
        stream: Stream,
        /// A short answer: outcome, deciding rule, next action, deadline,
        /// policy.
        #[arg(long)]
        brief: bool,
        #[arg(long, conflicts_with = "lines", help = decide_exits())]
        exit_code: bool,
    },
    /// A deployment → where its post-deploy watch stands at --now.
    #[command(after_help = exit_codes())]
    Watch {
        #[command(flatten)]
        stream: Stream,
        #[command(flatten)]
        now: Now,
        #[arg(
            long,
            conflicts_with = "lines",
            help = format!("Exit with {} when the rollback is automatic now", Exit::AutomaticRollback.code())
        )]
        exit_code: bool,
    },
    /// An incident → its obligations IN-1 … IN-5 at --now.
    Obligations {
        #[command(flatten)]
        stream: Stream,
        #[command(flatten)]
        now: Now,
    },
    /// An incident → its durations (time to detect, restore, resolve …).
    Durations(Stream),
    /// An incident → its post-mortem report (Markdown by default).
    Postmortem(Stream),
    /// A JSON array of incidents → the summary of --month.
    Report {
        /// The incidents: a file, or `-` for stdin.
        #[arg(default_value = "-")]
        input: String,
        /// The month, `2026-01`.
        #[arg(long)]
        month: String,
        /// The month's production releases: a count (`16`), or a file of
        /// release records (`[{"id", "deployed_at", "service"}]`), which
        /// gives DORA's change failure rate, deployment frequency and
        /// failed-deployment recovery time.
        #[arg(long, value_name = "COUNT|FILE")]
        releases: String,
    },
    /// The auditor's evidence of a month: one self-contained HTML page
    /// (the summary and goals, the trends as charts, every incident with
    /// its obligations and post-mortem, the rollback verdicts attached,
    /// the policy, the control areas, and the SHA-256 of every input).
    Evidence {
        /// The incidents: a JSON array, a file or `-` for stdin.
        input: String,
        /// The month, `2026-01`.
        #[arg(long)]
        month: String,
        /// The month's production releases: a count (`0` for none), or a
        /// file of release records (DORA's figures).
        #[arg(long, value_name = "COUNT|FILE")]
        releases: String,
        /// The months before, for the trends: a JSON array of months of
        /// incidents, oldest first, ending the month before.
        #[arg(long, value_name = "FILE")]
        previous: Option<String>,
        /// A rollback check (`{"release": …, "run": …}`) whose verdict the
        /// page attaches; repeat it for each run.
        #[arg(long, value_name = "FILE")]
        rollback: Vec<String>,
        /// Write the page to FILE rather than stdout.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A JSON array of months of incidents (`{"month", "releases",
    /// "incidents"}`, oldest first) → the trends (ME-5).
    Trends {
        /// The months: a file, or `-` for stdin.
        #[arg(default_value = "-")]
        input: String,
    },
    #[command(
        about = format!(
            "Release evidence → ready, or blocked with every violated rule (RG-1 … RG-7). Exits {} when blocked",
            Exit::Blocked.code()
        ),
        after_help = exit_codes()
    )]
    Gate {
        #[command(flatten)]
        stream: Stream,
        #[command(flatten)]
        exit: GateExit,
    },
    /// A release to roll back (`from_version`, `target_version`,
    /// `schema_change`) → its rollback runbook, step by step.
    Plan(Stream),
    #[command(
        about = format!(
            "`{{\"release\": …, \"run\": …}}` → the verdict on a rollback run (RB-1 … RB-7). Exits {} when the rollback failed",
            Exit::RollbackFailed.code()
        ),
        after_help = exit_codes()
    )]
    VerifyRollback {
        #[command(flatten)]
        stream: Stream,
        #[command(flatten)]
        exit: GateExit,
    },
    /// The decision table (Markdown by default).
    Table,
    /// Runs the test vectors of a directory (every `*.json` file, in name
    /// order): one line per vector, ✓ or ✗ with what differed, then the
    /// total. Text by default; `--format json` for the results.
    #[command(after_help = exit_codes())]
    Vectors {
        /// The directory of vector files.
        #[arg(default_value = "standard/vectors")]
        dir: PathBuf,
    },
    /// The JSON Schema of an input or output.
    Schema {
        /// Which type.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(json::SCHEMAS))]
        name: String,
    },
    /// A valid sample document of an input, to start from.
    Example {
        /// Which input: `signals` (classify), `incident-context` (decide),
        /// `deployment` (watch), `incident` (obligations, durations,
        /// postmortem), `months` (trends), `releases` (report
        /// --releases), `release-evidence` (gate),
        /// `rollback-release` (plan), `rollback-check` (verify-rollback),
        /// `policy` (--policy).
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(json::EXAMPLES.map(|(name, _)| name)))]
        name: String,
    },
}

/// Where the documents come from.
#[derive(Args)]
struct Stream {
    /// The document: a file, or `-` for stdin.
    #[arg(default_value = "-")]
    input: String,
    /// Newline-delimited JSON: exactly one JSON answer per input line, in
    /// order; a bad or blank line gets an error object and the stream goes
    /// on. A document's `"id"` is echoed by its answer.
    #[arg(long)]
    lines: bool,
}

/// How a gate ends: blocked is a failure, unless asked otherwise.
#[derive(Args)]
struct GateExit {
    /// Exit 0 even when blocked or failed: for the rare caller who only
    /// wants the report.
    #[arg(long)]
    exit_zero: bool,
    /// Accepted for scripts written before the gate failed by default;
    /// blocking is the default now.
    #[arg(long, hide = true)]
    exit_code: bool,
}

#[derive(Args)]
struct Now {
    /// The moment to judge at, RFC 3339 (`2026-02-16T10:30:00Z`), or `now`
    /// to read this machine's clock. Events recorded after it are set
    /// aside, as not yet happened.
    #[arg(long, value_name = "TIME")]
    now: String,
}

/// Why the tool stops, with its exit code.
enum Failure {
    /// Whoever read the output closed it (`| head -1`): stop quietly.
    Closed,
    /// The input or output could not be read or written.
    Io(String),
    /// Bad input or arguments.
    Input(String),
    /// The policy file is invalid.
    Policy(String),
}

impl Failure {
    fn exit(&self) -> Exit {
        match self {
            Failure::Closed => Exit::Answer,
            Failure::Io(_) => Exit::Io,
            Failure::Input(_) => Exit::Input,
            Failure::Policy(_) => Exit::Policy,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Closed => f.write_str("stdout closed"),
            Failure::Io(m) | Failure::Input(m) | Failure::Policy(m) => f.write_str(m),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("incident-response: {failure}");
            ExitCode::from(failure.exit().code())
        }
    }
}

/// A failure to write the answers: quiet when the reader went away.
fn stdout_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Io(format!("stdout: {e}"))
    }
}

/// The same, from serde_json's writer.
fn json_failure(e: serde_json::Error) -> Failure {
    match e.io_error_kind() {
        Some(io::ErrorKind::BrokenPipe) => Failure::Closed,
        _ => Failure::Io(format!("stdout: {e}")),
    }
}

/// The name an input is reported under.
fn display_name(input: &str) -> &str {
    if input == "-" { "stdin" } else { input }
}

fn open(input: &str) -> Result<BufReader<Box<dyn Read>>, Failure> {
    let source: Box<dyn Read> = if input == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(input).map_err(|e| Failure::Io(format!("{input}: {e}")))?)
    };
    Ok(BufReader::with_capacity(1 << 16, source))
}

/// The whole document, refused once it is larger than `max` bytes: read at
/// most one byte more than that.
fn read_all(input: &str, max: u64) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    open(input)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Io(format!("{}: {e}", display_name(input))))?;
    if bytes.len() as u64 > max {
        return Err(Failure::Input(too_large(display_name(input), max)));
    }
    Ok(bytes)
}

fn too_large(name: &str, max: u64) -> String {
    format!("{name}: the document is larger than {max} bytes (--max-bytes)")
}

fn load_policy(path: Option<&PathBuf>, max: u64) -> Result<Policy, Failure> {
    let Some(path) = path else {
        return Ok(Policy::default());
    };
    let name = path.display().to_string();
    let bytes = read_all(&name, max).map_err(|failure| match failure {
        Failure::Input(message) => Failure::Policy(message),
        other => other,
    })?;
    json::policy(&bytes).map_err(|e| Failure::Policy(format!("{name}: {e}")))
}

/// The moment `--now` names: a fixed time, or this machine's clock, read
/// for each document, so that a bot on a stream judges each line at the
/// moment it arrives.
#[derive(Clone, Copy)]
enum Clock {
    At(DateTime<Utc>),
    Machine,
}

impl Clock {
    fn now(self) -> DateTime<Utc> {
        match self {
            Clock::At(at) => at,
            Clock::Machine => std::time::SystemTime::now().into(),
        }
    }
}

fn parse_now(now: &str) -> Result<Clock, Failure> {
    if now == "now" {
        return Ok(Clock::Machine);
    }
    DateTime::parse_from_rfc3339(now)
        .map(|t| Clock::At(t.with_timezone(&Utc)))
        .map_err(|e| Failure::Input(format!("--now `{now}`: {e}, expected RFC 3339 or `now`")))
}

/// One document's answer: what to write, with the document's `"id"`, and
/// how the tool would end on it alone.
struct Answered<O> {
    reply: Reply<O>,
    exit: Exit,
}

impl<O> Answered<O> {
    /// Ending with `exit` when `when` holds.
    fn ending(self, when: bool, exit: Exit) -> Self {
        if when {
            Answered { exit, ..self }
        } else {
            self
        }
    }
}

/// The whole answer.
fn whole<O>(reply: Reply<O>) -> Answered<O> {
    Answered {
        reply,
        exit: Exit::Answer,
    }
}

/// The answer whole, or in brief (`--brief`).
fn answered<W, B>(reply: Reply<W>, brief: bool, short: impl Fn(&W) -> B) -> Answered<Shown<W, B>> {
    whole(reply.map(|answer| {
        if brief {
            Shown::Brief(short(&answer))
        } else {
            Shown::Whole(answer)
        }
    }))
}

fn run(cli: &Cli) -> Result<Exit, Failure> {
    let policy = load_policy(cli.policy.as_ref(), cli.max_bytes)?;
    let out = Output::of(cli)?;
    let max = cli.max_bytes;
    if let Some(foreign) = Foreign::of(cli)? {
        return run_foreign(cli, &foreign, &policy, out);
    }
    match &cli.command {
        Command::Classify { stream, brief, .. } => {
            out.no_text_with(*brief, "--brief")?;
            out.answer(stream, max, Exit::Answer, |bytes| {
                let reply = json::classify(&policy, bytes)?;
                Ok(answered(reply, *brief, Classification::brief))
            })
        }
        Command::Decide {
            stream,
            brief,
            exit_code,
        } => {
            out.no_text_with(*brief, "--brief")?;
            out.answer(stream, max, Exit::Answer, |bytes| {
                let reply = json::decide(&policy, bytes)?;
                let outcome = reply.answer.outcome();
                let answer = answered(reply, *brief, Decision::brief);
                Ok(answer.ending(*exit_code, Exit::of_outcome(outcome)))
            })
        }
        Command::Watch {
            stream,
            now,
            exit_code,
        } => {
            let now = parse_now(&now.now)?;
            out.answer(stream, max, Exit::Answer, |bytes| {
                let reply = json::watch(&policy, bytes, now.now())?;
                let automatic = reply.answer.is_automatic_rollback();
                Ok(whole(reply).ending(*exit_code && automatic, Exit::AutomaticRollback))
            })
        }
        Command::Obligations { stream, now } => {
            let now = parse_now(&now.now)?;
            out.answer(stream, max, Exit::Answer, |bytes| {
                json::obligations(&policy, bytes, now.now()).map(whole)
            })
        }
        Command::Durations(stream) => out.answer(stream, max, Exit::Answer, |bytes| {
            json::durations(bytes).map(whole)
        }),
        Command::Postmortem(stream) => {
            out.defaulting_to_text()
                .answer(stream, max, Exit::Answer, |bytes| {
                    json::post_mortem(bytes).map(whole)
                })
        }
        Command::Report {
            input,
            month,
            releases,
        } => {
            let bytes = read_all(input, max)?;
            let summary = match releases.parse::<u64>() {
                Ok(count) => json::summarize_month(&policy, month, count, &bytes),
                Err(_) => {
                    let records = read_all(releases, max)?;
                    json::summarize_month_with_releases(&policy, month, &records, &bytes)
                }
            }
            .map_err(|e| refused_report(input, releases, &e))?;
            out.write_one(None, &summary)?;
            Ok(Exit::Answer)
        }
        Command::Trends { input } => {
            let bytes = read_all(input, max)?;
            let trends = json::trends(&policy, &bytes)
                .map_err(|e| Failure::Input(format!("{}: {e}", display_name(input))))?;
            out.write_one(None, &trends)?;
            Ok(Exit::Answer)
        }
        Command::Gate { stream, exit } => {
            out.answer(stream, max, gate_empty(exit, Exit::Blocked), |bytes| {
                let reply = json::check_release(&policy, bytes)?;
                let blocked = !reply.answer.is_ready() && !exit.exit_zero;
                Ok(whole(reply).ending(blocked, Exit::Blocked))
            })
        }
        Command::Plan(stream) => out.answer(stream, max, Exit::Answer, |bytes| {
            json::rollback_plan(&policy, bytes).map(whole)
        }),
        Command::VerifyRollback { stream, exit } => out.answer(
            stream,
            max,
            gate_empty(exit, Exit::RollbackFailed),
            |bytes| {
                let reply = json::verify_rollback(&policy, bytes)?;
                let failed = !reply.answer.succeeded() && !exit.exit_zero;
                Ok(whole(reply).ending(failed, Exit::RollbackFailed))
            },
        ),
        Command::Vectors { dir } => run_vectors(&policy, dir, out, max),
        Command::Evidence {
            input,
            month,
            releases,
            previous,
            rollback,
            output,
        } => {
            if out.format.is_some() || out.pretty {
                return Err(Failure::Input(
                    "evidence writes one HTML page: leave out --format and --pretty".into(),
                ));
            }
            let given = EvidenceFiles {
                incidents: input,
                releases,
                previous: previous.as_deref(),
                rollbacks: rollback,
            };
            let html = evidence_page(&policy, month, &given, max)?;
            match output {
                Some(path) => std::fs::write(path, html)
                    .map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?,
                None => io::stdout()
                    .lock()
                    .write_all(html.as_bytes())
                    .map_err(stdout_failure)?,
            }
            Ok(Exit::Answer)
        }
        Command::Table => {
            out.defaulting_to_text()
                .write_one(None, &json::decision_table(&policy))?;
            Ok(Exit::Answer)
        }
        Command::Schema { name } => {
            if out.format == Some(Format::Text) {
                return Err(Failure::Input(
                    "schema writes JSON Schema, which has no text form: leave out --format text"
                        .into(),
                ));
            }
            let schema = json::schema(name).map_err(|e| Failure::Input(e.to_string()))?;
            out.write_json(&schema)?;
            Ok(Exit::Answer)
        }
        Command::Example { name } => {
            let document = json::example(name).map_err(|e| Failure::Input(e.to_string()))?;
            io::stdout()
                .lock()
                .write_all(document.as_bytes())
                .map_err(stdout_failure)?;
            Ok(Exit::Answer)
        }
    }
}

/// The vectors of `dir`, file by file in name order: a line each, and
/// the total; `VectorFailed` when any failed.
fn run_vectors(policy: &Policy, dir: &PathBuf, out: Output, max: u64) -> Result<Exit, Failure> {
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| Failure::Io(format!("{name}: {e}")))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Failure::Io(format!("{name}: {e}")))?
            .path();
        if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Failure::Input(format!("{name}: no vector files (*.json)")));
    }
    let mut results = Vec::new();
    for path in &files {
        let file_name = path.display().to_string();
        let bytes = read_all(&file_name, max)?;
        let vectors = json::vectors::read_file(&bytes)
            .map_err(|e| Failure::Input(format!("{file_name}: {e}")))?;
        let short = path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        for vector in &vectors.vectors {
            results.push((short.clone(), json::vectors::run(policy, vector)));
        }
    }
    let failed = results.iter().filter(|(_, r)| !r.passed()).count();
    let passed = results.len() - failed;
    if out.format == Some(Format::Json) {
        let results: Vec<VectorLine<'_>> = results
            .iter()
            .map(|(file, result)| VectorLine {
                file,
                passed: result.passed(),
                result,
            })
            .collect();
        out.write_json(&VectorTotal {
            results,
            passed,
            failed,
            engine: incident_response::ENGINE,
        })?;
    } else {
        let mut stdout = BufWriter::new(io::stdout().lock());
        for (file, result) in &results {
            writeln!(stdout, "{file}: {result}").map_err(stdout_failure)?;
        }
        writeln!(stdout, "{passed} passed, {failed} failed").map_err(stdout_failure)?;
        stdout.flush().map_err(stdout_failure)?;
    }
    Ok(if failed == 0 {
        Exit::Answer
    } else {
        Exit::VectorFailed
    })
}

/// The files `evidence` reads.
struct EvidenceFiles<'a> {
    incidents: &'a str,
    releases: &'a str,
    previous: Option<&'a str>,
    rollbacks: &'a [String],
}

/// A file read whole, with its name as given and its SHA-256.
struct Hashed {
    bytes: Vec<u8>,
    file: InputFile,
}

fn read_hashed(role: &str, name: &str, max: u64) -> Result<Hashed, Failure> {
    let bytes = read_all(name, max)?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let file = InputFile::new(role, display_name(name), bytes.len() as u64, hex);
    Ok(Hashed { bytes, file })
}

/// A refusal of the document read from `name`.
fn refused(name: &str) -> impl Fn(JsonError) -> Failure + '_ {
    move |e| Failure::Input(format!("{}: {e}", display_name(name)))
}

/// The evidence page of `month` from the files given: every input read
/// once, hashed, and named on the page.
fn evidence_page(
    policy: &Policy,
    month: &str,
    given: &EvidenceFiles<'_>,
    max: u64,
) -> Result<String, Failure> {
    let month: Month = month
        .parse()
        .map_err(|e: incident_response::Error| Failure::Input(format!("--month: {e}")))?;
    let incidents_file = read_hashed("incidents", given.incidents, max)?;
    let incidents: Vec<Incident> =
        json::read(&incidents_file.bytes).map_err(refused(given.incidents))?;
    let mut inputs = vec![incidents_file.file];
    let count = given.releases.parse::<u64>().ok();
    let records: Vec<Release> = match count {
        Some(_) => Vec::new(),
        None => {
            let file = read_hashed("releases", given.releases, max)?;
            let records = json::read(&file.bytes).map_err(refused(given.releases))?;
            inputs.push(file.file);
            records
        }
    };
    let previous: Vec<incident_response::MonthOfIncidents> = match given.previous {
        Some(name) => {
            let file = read_hashed("previous months", name, max)?;
            // The months before are checked on their own first, so that a
            // refusal names their file.
            json::trends(policy, &file.bytes).map_err(refused(name))?;
            let months: Vec<incident_response::MonthOfIncidents> =
                json::read(&file.bytes).map_err(refused(name))?;
            let last = months.last().map(|m| m.month);
            if last.and_then(Month::next) != Some(month) {
                let last = last.map_or_else(|| "none".to_owned(), |m| m.to_string());
                return Err(Failure::Input(format!(
                    "{} (--previous): the months before must end the month before {month}, not at {last}",
                    display_name(name)
                )));
            }
            inputs.push(file.file);
            months
        }
        None => Vec::new(),
    };
    let mut verdicts = Vec::new();
    for name in given.rollbacks {
        let file = read_hashed("rollback run", name, max)?;
        let verdict = json::verify_rollback(policy, &file.bytes).map_err(refused(name))?;
        verdicts.push((display_name(name).to_owned(), verdict.answer));
        inputs.push(file.file);
    }
    let mut report = EvidenceReport::new(month, &incidents, count.unwrap_or(0));
    if count.is_none() {
        report = report.with_release_records(&records);
    }
    report = report.with_previous(&previous);
    for (name, verdict) in &verdicts {
        report = report.with_rollback(name, verdict);
    }
    for input in inputs {
        report = report.with_input(input);
    }
    let page = policy
        .evidence(&report)
        .map_err(|e| refused_report(given.incidents, given.releases, &JsonError::from(e)))?;
    Ok(page.to_string())
}

/// One vector's result in `vectors --format json`.
#[derive(Serialize)]
struct VectorLine<'a> {
    file: &'a str,
    passed: bool,
    #[serde(flatten)]
    result: &'a json::vectors::VectorResult,
}

/// `vectors --format json`: every result, and the total.
#[derive(Serialize)]
struct VectorTotal<'a> {
    results: Vec<VectorLine<'a>>,
    passed: usize,
    failed: usize,
    engine: incident_response::rule::Engine,
}

/// What `--from` reads, with the mapping it applies.
#[derive(Clone)]
struct Foreign {
    from: From,
    alerts: AlertMapping,
    incidents: IncidentMapping,
    explain: bool,
}

impl Foreign {
    fn of(cli: &Cli) -> Result<Option<Self>, Failure> {
        let Some(from) = cli.from else {
            return Ok(None);
        };
        let mut foreign = Foreign {
            from,
            alerts: AlertMapping::default(),
            incidents: IncidentMapping::default(),
            explain: cli.explain_mapping,
        };
        if let Some(path) = &cli.mapping {
            let name = path.display().to_string();
            let bytes = read_all(&name, cli.max_bytes)?;
            let invalid = |e: JsonError| Failure::Input(format!("{name} (--mapping): {e}"));
            if from == From::Alertmanager {
                foreign.alerts = json::foreign::alert_mapping(&bytes).map_err(invalid)?;
            } else {
                foreign.incidents = json::foreign::incident_mapping(&bytes).map_err(invalid)?;
            }
        }
        Ok(Some(foreign))
    }

    /// An answer with its mapping report: in the JSON under `mapping`, or
    /// on stderr with `--explain-mapping`; the warnings on stderr always.
    fn mapped<T>(&self, answer: T, report: MappingReport) -> Mapped<T> {
        if self.explain {
            eprint!("{report}");
            return Mapped {
                answer,
                alerts: None,
                mapping: None,
            };
        }
        for warning in &report.warnings {
            eprintln!("incident-response: warning: {warning}");
        }
        Mapped {
            answer,
            alerts: None,
            mapping: Some(report),
        }
    }

    /// The same, for an answer on alerts.
    fn alerted<T>(
        &self,
        answer: T,
        translation: adapters::Translation<adapters::alertmanager::AlertSignals>,
    ) -> Mapped<T> {
        let alerts = Alerted::of(&translation.value);
        Mapped {
            alerts: Some(alerts),
            ..self.mapped(answer, translation.mapping)
        }
    }

    /// The incidents of a document, refused unless there is exactly one.
    fn incident(
        &self,
        bytes: &[u8],
        command: &str,
    ) -> Result<(Incident, MappingReport), JsonError> {
        let translation = json::foreign::incidents(self.from.format(), &self.incidents, bytes)?;
        let mut incidents = translation.value;
        match (incidents.pop(), incidents.is_empty()) {
            (Some(incident), true) => Ok((incident, translation.mapping)),
            (None, _) => Err(JsonError::invalid_document(format!(
                "no incident to answer: {}",
                left_out(&translation.mapping)
            ))),
            (Some(_), false) => Err(JsonError::invalid_document(format!(
                "the document holds {} incidents; {command} answers one: pick it with jq first (see docs/integrations.md)",
                incidents.len() + 1
            ))),
        }
    }
}

/// What a translation left out, for a refusal.
fn left_out(report: &MappingReport) -> String {
    if report.left_out.is_empty() {
        return "the document holds none".to_owned();
    }
    let parts: Vec<String> = report
        .left_out
        .iter()
        .map(|l| format!("{} left out ({})", l.count, l.reason))
        .collect();
    parts.join(", ")
}

/// An answer and the report of the translation it came from; for alerts,
/// what the group showed beside the signals.
#[derive(Serialize)]
struct Mapped<T> {
    #[serde(flatten)]
    answer: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    alerts: Option<Alerted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mapping: Option<MappingReport>,
}

/// What a group of alerts showed: when it was detected, how many alerts
/// fired, fed a signal, were resolved, and the severity its labels declare.
#[derive(Serialize)]
struct Alerted {
    detected_at: Option<DateTime<Utc>>,
    firing: u64,
    mapped: u64,
    resolved: u64,
    declared_severity: Option<incident_response::Severity>,
}

impl Alerted {
    fn of(signals: &adapters::alertmanager::AlertSignals) -> Self {
        Alerted {
            detected_at: signals.detected_at,
            firing: signals.firing,
            mapped: signals.mapped,
            resolved: signals.resolved,
            declared_severity: signals.declared_severity,
        }
    }
}

impl<T: fmt::Display> fmt::Display for Mapped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.answer.fmt(f)
    }
}

/// Several answers to one document (`--per-alert`): `{"alerts": [...]}`,
/// and their texts one after another.
#[derive(Serialize)]
struct Many<T> {
    alerts: Vec<T>,
}

impl<T: fmt::Display> fmt::Display for Many<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, answer) in self.alerts.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{answer}")?;
        }
        Ok(())
    }
}

fn unsupported(from: From, command: &str) -> Failure {
    let reads = if from == From::Alertmanager {
        "an Alertmanager webhook is read by classify and decide"
    } else {
        "incidents are read by obligations, durations, postmortem and report"
    };
    Failure::Input(format!(
        "{command} does not read --from {}: {reads}",
        from.format()
    ))
}

/// The commands that read a foreign format.
fn run_foreign(
    cli: &Cli,
    foreign: &Foreign,
    policy: &Policy,
    out: Output,
) -> Result<Exit, Failure> {
    let max = cli.max_bytes;
    // Text has no room for the report: it goes to stderr, as asked with
    // --explain-mapping (a postmortem is text unless JSON is asked for).
    let text = match &cli.command {
        Command::Postmortem(stream) if !stream.lines => out.defaulting_to_text().text(),
        _ => out.text(),
    };
    let explained = Foreign {
        explain: foreign.explain || text,
        ..foreign.clone()
    };
    let foreign = &explained;
    let alerts = foreign.from == From::Alertmanager;
    match &cli.command {
        Command::Classify {
            stream,
            brief,
            per_alert,
        } if alerts => {
            out.no_text_with(*brief, "--brief")?;
            let shown = |classification: Classification| {
                if *brief {
                    Shown::Brief(classification.brief())
                } else {
                    Shown::Whole(classification)
                }
            };
            if *per_alert {
                return out.answer(stream, max, Exit::Answer, |bytes| {
                    // One answer per firing alert that feeds a signal; the
                    // group is refused, with its own reason, when none does.
                    let translations =
                        json::foreign::alert_signals_per_alert(&foreign.alerts, bytes)?;
                    if translations.iter().all(|t| t.value.mapped == 0) {
                        let group = json::foreign::alert_signals(&foreign.alerts, bytes)?;
                        group.value.classifiable()?;
                    }
                    let answers = translations
                        .into_iter()
                        .filter(|t| t.value.mapped > 0)
                        .map(|t| {
                            let classification = policy.classify(t.value.classifiable()?)?;
                            Ok(foreign.alerted(shown(classification), t))
                        })
                        .collect::<Result<Vec<_>, JsonError>>()?;
                    Ok(whole(Reply::new(None, Many { alerts: answers })))
                });
            }
            out.answer(stream, max, Exit::Answer, |bytes| {
                let translation = json::foreign::alert_signals(&foreign.alerts, bytes)?;
                let classification = policy.classify(translation.value.classifiable()?)?;
                let answer = foreign.alerted(shown(classification), translation);
                Ok(whole(Reply::new(None, answer)))
            })
        }
        Command::Decide {
            stream,
            brief,
            exit_code,
        } if alerts => {
            out.no_text_with(*brief, "--brief")?;
            out.answer(stream, max, Exit::Answer, |bytes| {
                let translation = json::foreign::alert_signals(&foreign.alerts, bytes)?;
                let context = translation.value.context(policy)?;
                let decision = policy.decide(&context)?;
                let outcome = decision.outcome();
                let shown = if *brief {
                    Shown::Brief(decision.brief())
                } else {
                    Shown::Whole(decision)
                };
                let answer = whole(Reply::new(None, foreign.alerted(shown, translation)));
                Ok(answer.ending(*exit_code, Exit::of_outcome(outcome)))
            })
        }
        Command::Obligations { stream, now } if !alerts => {
            let now = parse_now(&now.now)?;
            out.answer(stream, max, Exit::Answer, |bytes| {
                let (incident, report) = foreign.incident(bytes, "obligations")?;
                let answer = policy.obligations(&incident, now.now())?;
                Ok(whole(Reply::new(
                    Some(incident.id),
                    foreign.mapped(answer, report),
                )))
            })
        }
        Command::Durations(stream) if !alerts => out.answer(stream, max, Exit::Answer, |bytes| {
            let (incident, report) = foreign.incident(bytes, "durations")?;
            let answer = incident.durations()?;
            Ok(whole(Reply::new(
                Some(incident.id),
                foreign.mapped(answer, report),
            )))
        }),
        Command::Postmortem(stream) if !alerts => {
            out.defaulting_to_text()
                .answer(stream, max, Exit::Answer, |bytes| {
                    let (incident, report) = foreign.incident(bytes, "postmortem")?;
                    let answer = incident.post_mortem_report()?;
                    Ok(whole(Reply::new(None, foreign.mapped(answer, report))))
                })
        }
        Command::Report {
            input,
            month,
            releases,
        } if !alerts => {
            let bytes = read_all(input, max)?;
            let failed = |e: JsonError| Failure::Input(format!("{}: {e}", display_name(input)));
            let month: Month = month
                .parse()
                .map_err(|e: incident_response::Error| Failure::Input(format!("--month: {e}")))?;
            let translation =
                json::foreign::incidents(foreign.from.format(), &foreign.incidents, &bytes)
                    .map_err(failed)?;
            let summary = match releases.parse::<u64>() {
                Ok(count) => policy.summarize_month(month, &translation.value, count),
                Err(_) => {
                    let records = read_all(releases, max)?;
                    let records: Vec<Release> = json::read(&records)
                        .map_err(|e| Failure::Input(format!("{releases}: {e}")))?;
                    policy.summarize_month_with_releases(month, &translation.value, &records)
                }
            }
            .map_err(|e| failed(JsonError::from(e)))?;
            out.write_one(None, &foreign.mapped(summary, translation.mapping))?;
            Ok(Exit::Answer)
        }
        command => Err(unsupported(foreign.from, command_name(command))),
    }
}

/// A refusal of `report`, naming the file it is about: the release
/// records of `--releases` (at a `releases…` path), else the incidents.
fn refused_report(input: &str, releases: &str, error: &JsonError) -> Failure {
    if error
        .path
        .as_deref()
        .is_some_and(|p| p.starts_with("releases"))
    {
        Failure::Input(format!("{releases} (--releases): {error}"))
    } else {
        Failure::Input(format!("{}: {error}", display_name(input)))
    }
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Classify { .. } => "classify",
        Command::Decide { .. } => "decide",
        Command::Watch { .. } => "watch",
        Command::Obligations { .. } => "obligations",
        Command::Durations(_) => "durations",
        Command::Postmortem(_) => "postmortem",
        Command::Report { .. } => "report",
        Command::Trends { .. } => "trends",
        Command::Gate { .. } => "gate",
        Command::Plan(_) => "plan",
        Command::VerifyRollback { .. } => "verify-rollback",
        Command::Vectors { .. } => "vectors",
        Command::Evidence { .. } => "evidence",
        Command::Table => "table",
        Command::Schema { .. } => "schema",
        Command::Example { .. } => "example",
    }
}

/// How a gate ends on a stream with no document at all: it cannot decide,
/// so it blocks, unless told `--exit-zero`.
fn gate_empty(exit: &GateExit, blocked: Exit) -> Exit {
    if exit.exit_zero {
        Exit::Answer
    } else {
        blocked
    }
}

/// An answer whole, or in brief (`--brief`).
enum Shown<W, B> {
    Whole(W),
    Brief(B),
}

impl<W: Serialize, B: Serialize> Serialize for Shown<W, B> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Whole(answer) => answer.serialize(serializer),
            Shown::Brief(answer) => answer.serialize(serializer),
        }
    }
}

impl<W: fmt::Display, B: fmt::Display> fmt::Display for Shown<W, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Whole(answer) => answer.fmt(f),
            Shown::Brief(answer) => answer.fmt(f),
        }
    }
}

/// How answers are written.
#[derive(Clone, Copy)]
struct Output {
    /// The format asked for, if any.
    format: Option<Format>,
    /// Whether a single answer is text unless JSON is asked for.
    text_by_default: bool,
    pretty: bool,
}

impl Output {
    fn of(cli: &Cli) -> Result<Self, Failure> {
        if cli.pretty && cli.format == Some(Format::Text) {
            return Err(Failure::Input(
                "--pretty indents JSON; it has no meaning with --format text".into(),
            ));
        }
        Ok(Output {
            format: cli.format,
            text_by_default: false,
            pretty: cli.pretty,
        })
    }

    /// For a command whose single answer people read first: text, unless
    /// JSON is asked for (`--format json`, or `--pretty`). A stream is
    /// JSON still.
    fn defaulting_to_text(self) -> Self {
        Output {
            text_by_default: true,
            ..self
        }
    }

    /// Whether a single answer is written as text.
    fn text(self) -> bool {
        match self.format {
            Some(format) => format == Format::Text,
            None => self.text_by_default && !self.pretty,
        }
    }

    fn no_text_with(self, flag: bool, name: &str) -> Result<(), Failure> {
        if flag && self.format == Some(Format::Text) {
            return Err(Failure::Input(format!(
                "{name} is a short JSON answer; it has no text form"
            )));
        }
        Ok(())
    }

    /// Reads the documents of `stream`, answers each with `answer`, writes
    /// the answers; the tool ends as the answers say.
    fn answer<O>(
        self,
        stream: &Stream,
        max: u64,
        empty: Exit,
        answer: impl Fn(&[u8]) -> Result<Answered<O>, JsonError>,
    ) -> Result<Exit, Failure>
    where
        O: Serialize + fmt::Display,
    {
        let name = display_name(&stream.input);
        if stream.lines {
            if self.format == Some(Format::Text) {
                return Err(Failure::Input(
                    "--lines writes one JSON answer per line; --format text is for a single document".into(),
                ));
            }
            return lines(stream, name, max, empty, answer);
        }
        let bytes = read_all(&stream.input, max)?;
        let answered = answer(&bytes).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
        match self.write_one(answered.reply.id.as_deref(), &answered.reply.answer) {
            // A reader that went away changes nothing of the answer: a
            // blocked release is blocked still.
            Ok(()) | Err(Failure::Closed) => Ok(answered.exit),
            Err(failure) => Err(failure),
        }
    }

    fn write_one<O: Serialize + fmt::Display>(
        self,
        id: Option<&str>,
        output: &O,
    ) -> Result<(), Failure> {
        if self.text() {
            let text = output.to_string();
            let mut stdout = io::stdout().lock();
            let written = if text.ends_with('\n') {
                write!(stdout, "{text}")
            } else {
                writeln!(stdout, "{text}")
            };
            return written.map_err(stdout_failure);
        }
        self.write_json(&json::echo(id, output))
    }

    fn write_json<O: Serialize + ?Sized>(self, output: &O) -> Result<(), Failure> {
        let mut stdout = io::stdout().lock();
        let written = if self.pretty {
            serde_json::to_writer_pretty(&mut stdout, output)
        } else {
            serde_json::to_writer(&mut stdout, output)
        };
        written.map_err(json_failure)?;
        writeln!(stdout).map_err(stdout_failure)
    }
}

/// The error object of a line of `--lines`: the stream's line, the id the
/// document gave if it could be read, and the door's refusal.
#[derive(Serialize)]
struct LineError<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    error: &'a JsonError,
}

/// What a stream has shown so far: how the tool ends on it.
#[derive(Default)]
struct Tally {
    documents: usize,
    failed_line: bool,
    worst: Option<Exit>,
}

impl Tally {
    /// A bad line is the first thing to fix; then a blocked release or a
    /// failed rollback; decide and watch give no exit code per line. A
    /// stream of no document at all ends as `empty` says.
    fn exit(&self, empty: Exit) -> Exit {
        match self.worst {
            _ if self.failed_line => Exit::Input,
            _ if self.documents == 0 => empty,
            Some(worst @ (Exit::Blocked | Exit::RollbackFailed)) => worst,
            _ => Exit::Answer,
        }
    }
}

/// Newline-delimited JSON: exactly one JSON answer per input line, in
/// order, an error object for a bad or blank line, buffered both ways.
fn lines<O>(
    stream: &Stream,
    name: &str,
    max: u64,
    empty: Exit,
    answer: impl Fn(&[u8]) -> Result<Answered<O>, JsonError>,
) -> Result<Exit, Failure>
where
    O: Serialize,
{
    let mut tally = Tally::default();
    match answer_lines(stream, name, max, &answer, &mut tally) {
        // A reader that went away ends the stream, not its verdicts.
        Ok(()) | Err(Failure::Closed) => {}
        Err(failure) => return Err(failure),
    }
    let exit = tally.exit(empty);
    if tally.documents == 0 && exit != Exit::Answer {
        eprintln!("incident-response: {name}: no document: nothing to decide on, so it blocks");
    }
    Ok(exit)
}

fn answer_lines<O: Serialize>(
    stream: &Stream,
    name: &str,
    max: u64,
    answer: &impl Fn(&[u8]) -> Result<Answered<O>, JsonError>,
    tally: &mut Tally,
) -> Result<(), Failure> {
    let mut reader = open(&stream.input)?;
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut line: Vec<u8> = Vec::new();
    let mut number: usize = 0;
    loop {
        // Answers reach a live reader (a bot on `tail -F`) as soon as the
        // input waiting is answered; a file is flushed per buffer.
        if reader.buffer().is_empty() {
            out.flush().map_err(stdout_failure)?;
        }
        line.clear();
        let read = (&mut reader)
            .take(max.saturating_add(1))
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Io(format!("{name}: {e}")))?;
        if read == 0 {
            break;
        }
        number += 1;
        tally.documents += 1;
        let result = if line.len() as u64 > max && !line.ends_with(b"\n") {
            skip_line(&mut reader).map_err(|e| Failure::Io(format!("{name}: {e}")))?;
            Err(JsonError::invalid_document(too_large(
                &format!("line {number}"),
                max,
            )))
        } else if line.iter().all(u8::is_ascii_whitespace) {
            Err(JsonError::invalid_document(
                "a blank line: each line is one JSON document",
            ))
        } else {
            answer(&line)
        };
        match result {
            Ok(answered) => {
                tally.worst = tally.worst.max(Some(answered.exit));
                let reply = answered.reply;
                serde_json::to_writer(&mut out, &reply).map_err(json_failure)?;
            }
            Err(mut error) => {
                tally.failed_line = true;
                error.line = Some(number);
                let id = json::probe_id(&line);
                let report = LineError {
                    id: id.as_deref(),
                    error: &error,
                };
                serde_json::to_writer(&mut out, &report).map_err(json_failure)?;
            }
        }
        out.write_all(b"\n").map_err(stdout_failure)?;
    }
    out.flush().map_err(stdout_failure)
}

/// The rest of a line too long to read.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let length = buffer.len();
                reader.consume(length);
            }
        }
    }
}
