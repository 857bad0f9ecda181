//! `incident-response`: every answer of the crate from the command line,
//! for release pipelines, shell scripts and incident bots.
//!
//! A thin adapter: it reads JSON documents (a file, or `-` for stdin),
//! calls the library, and writes JSON (or the `Display` text with
//! `--format text`). All logic is in the library; this file only reads,
//! writes, maps errors to exit codes and, when asked with `--now now`, reads
//! the clock. Built with the `cli` feature.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use incident_response::chrono::{DateTime, Utc};
use incident_response::{
    Classification, Decision, Deployment, Incident, IncidentContext, Month, Outcome, Policy,
    PolicyDraft, ReleaseEvidence, RollbackRelease, RollbackRun, Signals, WatchState,
};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::Serialize;
use serde::de::DeserializeOwned;

const EXIT_CODES: &str = "\
Exit codes:
  0   an answer was written
  1   the input or output could not be read or written (a missing file)
  2   bad input: malformed JSON, a wrong type, an unknown field, an invalid
      value or timeline, or a bad argument; with --lines, some line failed
  3   the --policy file is invalid
  decide --exit-code:  10 rollback, 11 forward_fix, 12 hybrid, 13 defer
  watch --exit-code:   20 automatic rollback now, 0 otherwise
  gate --exit-code:    30 blocked
  verify-rollback --exit-code: 31 the rollback failed";

/// The answers of the Rollback and Incident Response Standard
/// (EATGF-DSS-INC-01), from JSON documents.
#[derive(Parser)]
#[command(name = "incident-response", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// A custom policy (JSON), validated; the standard when left out.
    #[arg(long, global = true, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// `json` (the default, but for `postmortem` and `table`) or `text`,
    /// the form for people.
    #[arg(long, global = true, value_enum)]
    format: Option<Format>,
    /// Indent the JSON (not with --lines, which writes one answer a line).
    #[arg(long, global = true)]
    pretty: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Signals → the severity and every rule that matched.
    Classify(Stream),
    /// An incident context → rollback, forward fix, hybrid or defer.
    #[command(after_help = EXIT_CODES)]
    Decide {
        #[command(flatten)]
        stream: Stream,
        /// Exit with 10 rollback, 11 forward_fix, 12 hybrid, 13 defer.
        #[arg(long, conflicts_with = "lines")]
        exit_code: bool,
    },
    /// A deployment → where its post-deploy watch stands at --now.
    #[command(after_help = EXIT_CODES)]
    Watch {
        #[command(flatten)]
        stream: Stream,
        #[command(flatten)]
        now: Now,
        /// Exit with 20 when the rollback is automatic now.
        #[arg(long, conflicts_with = "lines")]
        exit_code: bool,
    },
    /// An incident → its obligations IN-1 … IN-5 at --now.
    Obligations {
        #[command(flatten)]
        stream: Stream,
        #[command(flatten)]
        now: Now,
    },
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
        /// The month's production releases.
        #[arg(long)]
        releases: u64,
    },
    /// Release evidence → ready, or blocked with every violated rule
    /// (RG-1 … RG-7).
    #[command(after_help = EXIT_CODES)]
    Gate {
        #[command(flatten)]
        stream: Stream,
        /// Exit with 30 when the release is blocked.
        #[arg(long, conflicts_with = "lines")]
        exit_code: bool,
    },
    /// A release to roll back (`from_version`, `target_version`,
    /// `schema_change`) → its rollback runbook, step by step.
    Plan(Stream),
    /// `{"release": …, "run": …}` → the verdict on a rollback run (RB-1 …
    /// RB-7).
    #[command(after_help = EXIT_CODES)]
    VerifyRollback {
        #[command(flatten)]
        stream: Stream,
        /// Exit with 31 when the rollback failed.
        #[arg(long, conflicts_with = "lines")]
        exit_code: bool,
    },
    /// The decision table (Markdown by default).
    Table,
    /// The JSON Schema of an input or output.
    Schema {
        /// Which type.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

/// Where the documents come from.
#[derive(Args)]
struct Stream {
    /// The document: a file, or `-` for stdin.
    #[arg(default_value = "-")]
    input: String,
    /// Newline-delimited JSON: one answer per input line; a bad line gets
    /// an error object and the stream goes on.
    #[arg(long)]
    lines: bool,
}

#[derive(Args)]
struct Now {
    /// The moment to judge at, RFC 3339 (`2026-02-16T10:30:00Z`), or `now`
    /// to read this machine's clock.
    #[arg(long, value_name = "TIME")]
    now: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Signals,
    Classification,
    IncidentContext,
    Decision,
    DecisionTable,
    Deployment,
    Watch,
    Incident,
    Obligations,
    Durations,
    PostMortem,
    MonthlySummary,
    Trends,
    Policy,
    ReleaseEvidence,
    Readiness,
    RollbackRelease,
    RollbackPlan,
    RollbackRun,
    RollbackVerdict,
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
    fn code(&self) -> u8 {
        match self {
            Failure::Closed => 0,
            Failure::Io(_) => 1,
            Failure::Input(_) => 2,
            Failure::Policy(_) => 3,
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
        Ok(code) => ExitCode::from(code),
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("incident-response: {failure}");
            ExitCode::from(failure.code())
        }
    }
}

/// The name an input is reported under.
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

fn read_all(input: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    open(input)?
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Io(format!("{}: {e}", display_name(input))))?;
    Ok(bytes)
}

/// A document read strictly, with the JSON path of what is wrong:
/// `cause.revert: unknown variant …`. The path is tracked only when the
/// document fails, on a second reading: tracking allocates for every key.
/// Bytes that are not UTF-8 are bad input like any other.
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    if let Ok(value) = serde_json::from_slice(bytes) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        // `.` is the document itself; `?` a place serde could not name.
        if path == "." || path.ends_with('?') {
            e.into_inner().to_string()
        } else {
            format!("{path}: {}", e.into_inner())
        }
    })?;
    deserializer.end().map_err(|e| e.to_string())?;
    Ok(value)
}

fn load_policy(path: Option<&PathBuf>) -> Result<Policy, Failure> {
    let Some(path) = path else {
        return Ok(Policy::default());
    };
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Failure::Io(format!("{name}: {e}")))?;
    let draft: PolicyDraft = parse(&bytes).map_err(|e| Failure::Policy(format!("{name}: {e}")))?;
    Policy::try_from(draft).map_err(|e| Failure::Policy(format!("{name}: {e}")))
}

fn parse_now(now: &str) -> Result<DateTime<Utc>, Failure> {
    if now == "now" {
        return Ok(std::time::SystemTime::now().into());
    }
    DateTime::parse_from_rfc3339(now)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Failure::Input(format!("--now `{now}`: {e}, expected RFC 3339 or `now`")))
}

fn run(cli: &Cli) -> Result<u8, Failure> {
    let policy = load_policy(cli.policy.as_ref())?;
    let out = Output {
        format: cli.format,
        pretty: cli.pretty,
    };
    match &cli.command {
        Command::Classify(stream) => out.answer(stream, |s: Signals| policy.classify(&s), |_| 0),
        Command::Decide { stream, exit_code } => out.answer(
            stream,
            |c: IncidentContext| policy.decide(&c),
            |d: &Decision| {
                if *exit_code {
                    outcome_code(d.outcome())
                } else {
                    0
                }
            },
        ),
        Command::Watch {
            stream,
            now,
            exit_code,
        } => {
            let now = parse_now(&now.now)?;
            out.answer(
                stream,
                |d: Deployment| policy.watch(&d, now),
                |w| {
                    u8::from(
                        *exit_code && matches!(w.state(), WatchState::AutomaticRollback { .. }),
                    ) * 20
                },
            )
        }
        Command::Obligations { stream, now } => {
            let now = parse_now(&now.now)?;
            out.answer(stream, |i: Incident| policy.obligations(&i, now), |_| 0)
        }
        Command::Postmortem(stream) => Output {
            format: Some(cli.format.unwrap_or(Format::Text)),
            ..out
        }
        .answer(stream, |i: Incident| i.post_mortem_report(), |_| 0),
        Command::Report {
            input,
            month,
            releases,
        } => {
            let month: Month = month
                .parse()
                .map_err(|e| Failure::Input(format!("--month: {e}")))?;
            let name = display_name(input);
            let incidents: Vec<Incident> =
                parse(&read_all(input)?).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
            let summary = policy
                .summarize_month(month, &incidents, *releases)
                .map_err(|e| Failure::Input(format!("{name}: {e}")))?;
            out.write_one(&summary)?;
            Ok(0)
        }
        Command::Gate { stream, exit_code } => out.answer(
            stream,
            |e: ReleaseEvidence| Ok(policy.check_release(&e)),
            |r| if *exit_code && !r.is_ready() { 30 } else { 0 },
        ),
        Command::Plan(stream) => out.answer(
            stream,
            |r: RollbackRelease| Ok(policy.rollback_plan(r)),
            |_| 0,
        ),
        Command::VerifyRollback { stream, exit_code } => out.answer(
            stream,
            |check: RollbackCheck| {
                let plan = policy.rollback_plan(check.release);
                policy.verify_rollback(&plan, &check.run)
            },
            |v| if *exit_code && !v.succeeded { 31 } else { 0 },
        ),
        Command::Table => {
            let out = Output {
                format: Some(cli.format.unwrap_or(Format::Text)),
                ..out
            };
            out.write_one(&policy.decision_table())?;
            Ok(0)
        }
        Command::Schema { kind } => {
            out.write_json(&schema(*kind))?;
            Ok(0)
        }
    }
}

const fn outcome_code(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Rollback => 10,
        Outcome::ForwardFix => 11,
        Outcome::Hybrid => 12,
        Outcome::Defer => 13,
    }
}

/// How answers are written.
#[derive(Clone, Copy)]
struct Output {
    format: Option<Format>,
    pretty: bool,
}

impl Output {
    /// Reads the documents of `stream`, answers each with `answer`, writes
    /// the answers; the exit code of a single answer is `code`'s.
    fn answer<I, O>(
        self,
        stream: &Stream,
        answer: impl Fn(I) -> Result<O, incident_response::Error>,
        code: impl Fn(&O) -> u8,
    ) -> Result<u8, Failure>
    where
        I: DeserializeOwned,
        O: Serialize + fmt::Display,
    {
        let name = display_name(&stream.input);
        if !stream.lines {
            let bytes = read_all(&stream.input)?;
            let input: I = parse(&bytes).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
            let output = answer(input).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
            self.write_one(&output)?;
            return Ok(code(&output));
        }
        self.lines(stream, name, answer)
    }

    /// Newline-delimited JSON: one answer per line, an error object for a
    /// bad line, buffered both ways.
    fn lines<I, O>(
        self,
        stream: &Stream,
        name: &str,
        answer: impl Fn(I) -> Result<O, incident_response::Error>,
    ) -> Result<u8, Failure>
    where
        I: DeserializeOwned,
        O: Serialize + fmt::Display,
    {
        let mut reader = open(&stream.input)?;
        let stdout = io::stdout();
        let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
        let io_error = stdout_failure;
        let mut line: Vec<u8> = Vec::new();
        let mut text = String::new();
        let mut number: u64 = 0;
        let mut failed = false;
        loop {
            // Answers reach a live reader (a bot on `tail -F`) as soon as
            // the input waiting is answered; a file is flushed per buffer.
            if reader.buffer().is_empty() {
                out.flush().map_err(io_error)?;
            }
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| Failure::Io(format!("{name}: {e}")))?;
            if read == 0 {
                break;
            }
            number += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let result =
                parse::<I>(&line).and_then(|input| answer(input).map_err(|e| e.to_string()));
            match result {
                Ok(output) if self.format == Some(Format::Text) => {
                    use std::fmt::Write as _;
                    text.clear();
                    let _ = write!(text, "{output}");
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                    out.write_all(text.as_bytes()).map_err(io_error)?;
                }
                Ok(output) => {
                    serde_json::to_writer(&mut out, &output).map_err(json_failure)?;
                    out.write_all(b"\n").map_err(io_error)?;
                }
                Err(error) => {
                    failed = true;
                    let report = LineError {
                        error: format!("{name}: line {number}: {error}"),
                        line: number,
                    };
                    serde_json::to_writer(&mut out, &report).map_err(json_failure)?;
                    out.write_all(b"\n").map_err(io_error)?;
                }
            }
        }
        out.flush().map_err(io_error)?;
        Ok(if failed { 2 } else { 0 })
    }

    fn write_one<O: Serialize + fmt::Display>(self, output: &O) -> Result<(), Failure> {
        if self.format == Some(Format::Text) {
            let text = output.to_string();
            let mut stdout = io::stdout().lock();
            let written = if text.ends_with('\n') {
                write!(stdout, "{text}")
            } else {
                writeln!(stdout, "{text}")
            };
            return written.map_err(stdout_failure);
        }
        self.write_json(output)
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

/// The input of `verify-rollback`: the release rolled back, and the run.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RollbackCheck {
    release: RollbackRelease,
    run: RollbackRun,
}

/// The error object of a bad line of `--lines`.
#[derive(Serialize)]
struct LineError {
    error: String,
    line: u64,
}

/// The JSON Schema of a type: inputs as they are read, outputs as they are
/// written (every field present).
fn schema(kind: SchemaKind) -> schemars::Schema {
    fn input<T: JsonSchema>() -> schemars::Schema {
        schemars::schema_for!(T)
    }
    fn output<T: JsonSchema>() -> schemars::Schema {
        SchemaSettings::default()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<T>()
    }
    use incident_response::{
        DecisionTable, Durations, MonthlySummary, Obligations, PostMortem, Trends, Watch,
    };
    match kind {
        SchemaKind::Signals => input::<Signals>(),
        SchemaKind::Classification => output::<Classification>(),
        SchemaKind::IncidentContext => input::<IncidentContext>(),
        SchemaKind::Decision => output::<Decision>(),
        SchemaKind::DecisionTable => output::<DecisionTable>(),
        SchemaKind::Deployment => input::<Deployment>(),
        SchemaKind::Watch => output::<Watch>(),
        SchemaKind::Incident => input::<Incident>(),
        SchemaKind::Obligations => output::<Obligations>(),
        SchemaKind::Durations => output::<Durations>(),
        SchemaKind::PostMortem => output::<PostMortem>(),
        SchemaKind::MonthlySummary => output::<MonthlySummary>(),
        SchemaKind::Trends => output::<Trends>(),
        SchemaKind::Policy => input::<Policy>(),
        SchemaKind::ReleaseEvidence => input::<incident_response::ReleaseEvidence>(),
        SchemaKind::Readiness => output::<incident_response::Readiness>(),
        SchemaKind::RollbackRelease => input::<RollbackRelease>(),
        SchemaKind::RollbackPlan => output::<incident_response::RollbackPlan>(),
        SchemaKind::RollbackRun => input::<RollbackRun>(),
        SchemaKind::RollbackVerdict => output::<incident_response::RollbackVerdict>(),
    }
}
