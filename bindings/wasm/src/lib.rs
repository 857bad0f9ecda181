//! `incident_response_wasm`: the npm package's door to the crate, compiled
//! to WebAssembly.
//!
//! Every function here is the crate's `json` door, whole: the package's
//! JavaScript writes the caller's object as the JSON document the door
//! reads, the door answers, and the answer comes back as the JSON of the
//! contract (which the JavaScript parses) or as the text the command-line
//! tool prints with `--format text`. A refusal comes back as the JSON of
//! the crate's [`JsonError`], which the JavaScript throws as an
//! `IncidentResponseError`. No rule is written here; the only choices made
//! here are the door's: the names of the entry points, and the clock,
//! which is the JavaScript's to read (`now` always comes in as text).
//!
//! Nothing here panics (the lints deny it, as in the library): a wasm trap
//! would leave the module unusable, so every failure is a refusal.

use std::fmt;

use incident_response::chrono::{DateTime, Utc};
use incident_response::json::{self, JsonError};
use incident_response::rule::{RuleId, Section, Standard};
use incident_response::{Decision, Outcome, Severity};

use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;

/// What a call gives back: the answer's JSON or text, or the refusal's JSON,
/// which wasm-bindgen throws as a string for the JavaScript to read.
type Answered = Result<String, String>;

/// The form an answer is asked for in.
fn shown<T: Serialize + fmt::Display>(answer: Result<T, JsonError>, text: bool) -> Answered {
    let answer = answer.map_err(|error| refusal(&error))?;
    if text {
        // As Python's `str()`: the line's end is the printer's to add.
        let mut text = answer.to_string();
        if text.ends_with('\n') {
            text.pop();
        }
        return Ok(text);
    }
    serde_json::to_string(&answer).map_err(|e| refusal(&JsonError::invalid_document(e.to_string())))
}

/// A refusal as JSON: the crate's [`JsonError`], and its one line as the
/// command-line tool prints it.
fn refusal(error: &JsonError) -> String {
    #[derive(Serialize)]
    struct Refusal<'a> {
        #[serde(flatten)]
        error: &'a JsonError,
        display: String,
    }
    let refusal = Refusal {
        error,
        display: error.to_string(),
    };
    serde_json::to_string(&refusal).unwrap_or_else(|_| {
        r#"{"kind":"invalid_input","path":null,"line":null,"column":null,"message":"the refusal could not be written","rule":null,"display":"the refusal could not be written"}"#.to_owned()
    })
}

/// A refusal of an argument, at the path of its name (`now`, `releases`).
fn refused_argument(name: &str, message: String) -> JsonError {
    let mut error = JsonError::invalid_document(message);
    error.path = Some(name.to_owned());
    error
}

/// The moment `now` names, read as the command-line tool reads `--now`.
fn moment(now: Option<String>) -> Result<DateTime<Utc>, JsonError> {
    let Some(text) = now else {
        return Err(refused_argument(
            "now",
            "now is required: an RFC 3339 timestamp or a Date".to_owned(),
        ));
    };
    // As the command-line tool reads `--now`: RFC 3339, nothing more.
    DateTime::parse_from_rfc3339(&text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|e| refused_argument("now", format!("`{text}` is not an RFC 3339 timestamp: {e}")))
}

/// Every threshold, deadline and window the crate applies, validated: the
/// standard's, or one read from a policy document.
#[wasm_bindgen]
pub struct Policy(incident_response::Policy);

#[wasm_bindgen]
impl Policy {
    /// The standard's policy.
    pub fn standard() -> Policy {
        Policy(incident_response::Policy::STANDARD)
    }

    /// A policy from the JSON text of the policy document, validated.
    ///
    /// # Errors
    ///
    /// The refusal's JSON, of kind `invalid_policy` for an inconsistent one.
    pub fn read(document: &str) -> Result<Policy, String> {
        json::policy(document.as_bytes())
            .map(Policy)
            .map_err(|error| refusal(&error))
    }

    /// Whether every value is the standard's.
    pub fn is_standard(&self) -> bool {
        self.0.is_standard()
    }

    /// The policy's fingerprint, 16 hex digits, which every answer carries.
    pub fn fingerprint(&self) -> String {
        self.0.fingerprint().to_string()
    }

    /// Whether two policies have every value alike.
    pub fn equals(&self, other: &Policy) -> bool {
        self.0 == other.0
    }

    /// The policy document, every value present, as JSON.
    ///
    /// # Errors
    ///
    /// The refusal's JSON, were the document not writable.
    pub fn document(&self) -> Answered {
        serde_json::to_string(&self.0)
            .map_err(|e| refusal(&JsonError::invalid_document(e.to_string())))
    }

    /// The values that are not the standard's, as a JSON array of
    /// `{"field", "value", "standard"}`, or of their lines of text.
    ///
    /// # Errors
    ///
    /// The refusal's JSON, were the array not writable.
    pub fn differences(&self, text: bool) -> Answered {
        let differences = self.0.differences();
        let written = if text {
            let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
            serde_json::to_string(&lines)
        } else {
            serde_json::to_string(&differences)
        };
        written.map_err(|e| refusal(&JsonError::invalid_document(e.to_string())))
    }

    /// An entry point of the crate on one document: `classify`, `decide`,
    /// `decision-table`, `watch`, `obligations`, `durations`,
    /// `post-mortem`, `check-release`, `rollback-plan`,
    /// `verify-rollback`, `trends`. `now` is the RFC 3339 moment of
    /// `watch` and `obligations`; `text` asks for the text in place of
    /// the JSON (without the final line's end, which a printer adds).
    ///
    /// # Errors
    ///
    /// The refusal's JSON: the document's, or an unknown entry point's.
    pub fn ask(&self, entry: &str, document: &str, now: Option<String>, text: bool) -> Answered {
        let policy = &self.0;
        let bytes = document.as_bytes();
        match entry {
            "classify" => shown(json::classify(policy, bytes), text),
            "decide" => shown(json::decide(policy, bytes), text),
            "decision-table" => shown(Ok(json::decision_table(policy)), text),
            "watch" => shown(
                moment(now).and_then(|at| json::watch(policy, bytes, at)),
                text,
            ),
            "obligations" => shown(
                moment(now).and_then(|at| json::obligations(policy, bytes, at)),
                text,
            ),
            "durations" => shown(json::durations(bytes), text),
            "post-mortem" => shown(json::post_mortem(bytes), text),
            "check-release" => shown(json::check_release(policy, bytes), text),
            "rollback-plan" => shown(json::rollback_plan(policy, bytes), text),
            "verify-rollback" => shown(json::verify_rollback(policy, bytes), text),
            "trends" => shown(json::trends(policy, bytes), text),
            _ => Err(refusal(&JsonError::invalid_document(format!(
                "no entry point is named `{entry}`"
            )))),
        }
    }

    /// An incident context → the fields of its decision a bot reads first,
    /// as one number (see [`Brief`]), for the package to make its answer
    /// without a string crossing: the other fields it asks for whole
    /// ([`Policy::ask`]) when one of them is read.
    ///
    /// # Errors
    ///
    /// The refusal's JSON, as [`Policy::ask`]'s for `decide`.
    pub fn decide_brief(&self, document: &str) -> Result<f64, String> {
        let reply = json::decide(&self.0, document.as_bytes()).map_err(|error| refusal(&error))?;
        Ok(Brief::of(reply.id.is_some(), &reply.answer).0)
    }

    /// A month's incidents (a JSON array) → the summary of `month`
    /// (`"2026-01"`) with its `releases`, a whole number.
    ///
    /// # Errors
    ///
    /// The refusal's JSON: a month not `YYYY-MM`, releases not a whole
    /// number from 0, an incident's own refusal at its index.
    pub fn summarize_month(
        &self,
        month: &str,
        releases: f64,
        document: &str,
        text: bool,
    ) -> Answered {
        let count = releases_count(releases).ok_or_else(|| {
            refusal(&refused_argument(
                "releases",
                format!("releases `{releases}` must be a whole number of releases, at least 0"),
            ))
        })?;
        shown(
            json::summarize_month(&self.0, month, count, document.as_bytes()),
            text,
        )
    }

    /// A month's incidents (a JSON array) and its release records (a JSON
    /// array of `{"id", "deployed_at", "service"}`) → the summary of
    /// `month` with DORA's delivery figures.
    ///
    /// # Errors
    ///
    /// The refusal's JSON: a month not `YYYY-MM`, a release record at its
    /// path (`releases[0].deployed_at`), an incident's own refusal.
    pub fn summarize_month_with_releases(
        &self,
        month: &str,
        releases: &str,
        document: &str,
        text: bool,
    ) -> Answered {
        shown(
            json::summarize_month_with_releases(
                &self.0,
                month,
                releases.as_bytes(),
                document.as_bytes(),
            ),
            text,
        )
    }
}

/// The fields of a decision a bot reads first, as one number that
/// JavaScript holds exactly (under 2^53): the outcome's index in
/// [`Outcome::ALL`] (2 bits), the severity's in [`Severity::ALL`] (2 bits),
/// the deciding rule's in [`RuleId::ALL`] (7 bits), whether it rests on
/// assumptions (1 bit), whether the document had an `id` (1 bit), then the
/// minutes to decide within, plus one (0 for none). [`words`] gives the
/// words each index stands for; a test holds every field the package makes
/// from it to the command-line tool's JSON.
struct Brief(f64);

// Seven bits hold the deciding rule's index.
const _: () = assert!(RuleId::ALL.len() <= 128);

impl Brief {
    fn of(has_id: bool, decision: &Decision) -> Brief {
        let index = |found: Option<usize>| found.unwrap_or(0) as u64;
        let outcome = index(Outcome::ALL.iter().position(|&o| o == decision.outcome()));
        let severity = index(Severity::ALL.iter().position(|&s| s == decision.severity()));
        let rule = index(
            RuleId::ALL
                .iter()
                .position(|&r| r == decision.deciding_rule()),
        );
        let minutes = decision
            .decide_within_minutes()
            .map_or(0, |m| u64::from(m) + 1);
        let code = outcome
            | severity << 2
            | rule << 4
            | u64::from(decision.rests_on_assumptions()) << 11
            | u64::from(has_id) << 12
            | minutes << 13;
        // At most 13 + 33 bits: exact as a double.
        #[expect(clippy::cast_precision_loss, reason = "under 2^46")]
        Brief(code as f64)
    }
}

/// The words of a decision's [`Brief`], by index, as JSON: `{"outcomes":
/// [[outcome, next action], …], "severities": […], "rules": […],
/// "standard": …}`, each written as the contract writes it.
#[wasm_bindgen]
pub fn words() -> String {
    #[derive(Serialize)]
    struct Words {
        outcomes: Vec<(Outcome, &'static str)>,
        severities: [Severity; 4],
        rules: &'static [RuleId],
        standard: Standard,
    }
    let words = Words {
        outcomes: Outcome::ALL.iter().map(|&o| (o, o.next_action())).collect(),
        severities: Severity::ALL,
        rules: RuleId::ALL,
        standard: incident_response::STANDARD,
    };
    serde_json::to_string(&words).unwrap_or_default()
}

/// The releases of a month, when `releases` is a whole number from 0 that
/// JavaScript holds exactly.
fn releases_count(releases: f64) -> Option<u64> {
    const EXACT: f64 = 9_007_199_254_740_991.0;
    let whole =
        releases.is_finite() && releases.fract() == 0.0 && (0.0..=EXACT).contains(&releases);
    // In range and whole: the conversion is exact.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked above"
    )]
    whole.then_some(releases as u64)
}

/// The JSON Schema of an input or an answer, by name, as JSON.
///
/// # Errors
///
/// The refusal's JSON, for a name no schema has, listing them.
#[wasm_bindgen]
pub fn schema(name: &str) -> Answered {
    let schema = json::schema(name).map_err(|error| refusal(&error))?;
    serde_json::to_string(&schema).map_err(|e| refusal(&JsonError::invalid_document(e.to_string())))
}

/// A valid sample document of an input, by name, as JSON.
///
/// # Errors
///
/// The refusal's JSON, for a name no sample has, listing them.
#[wasm_bindgen]
pub fn example(name: &str) -> Answered {
    json::example(name)
        .map(str::to_owned)
        .map_err(|error| refusal(&error))
}

/// The names `schema` knows, as a JSON array.
#[wasm_bindgen]
pub fn schemas() -> String {
    serde_json::to_string(json::SCHEMAS).unwrap_or_default()
}

/// The names `example` knows, as a JSON array.
#[wasm_bindgen]
pub fn examples() -> String {
    let names: Vec<&str> = json::EXAMPLES.iter().map(|(name, _)| *name).collect();
    serde_json::to_string(&names).unwrap_or_default()
}

/// One rule of the crate's catalogue, as the package lists it.
#[derive(Serialize)]
struct Rule {
    id: RuleId,
    section: String,
    quoted_from: String,
    rule: &'static str,
    quote: &'static str,
    interpretation: Option<&'static str>,
    applied_by: Option<&'static str>,
}

/// Every rule of the catalogue (`RuleId::ALL`), in its order, as a JSON
/// array of `{"id", "section", "quoted_from", "rule", "quote",
/// "interpretation", "applied_by"}`; a section is written as the standard
/// titles it (`§3 Rollback Decision Matrix`).
#[wasm_bindgen]
pub fn rules() -> String {
    let title = |section: Section| section.to_string();
    let rules: Vec<Rule> = RuleId::ALL
        .iter()
        .map(|&id| Rule {
            id,
            section: title(id.section()),
            quoted_from: title(id.quoted_from()),
            rule: id.rule(),
            quote: id.quote(),
            interpretation: id.interpretation(),
            applied_by: id.applied_by(),
        })
        .collect();
    serde_json::to_string(&rules).unwrap_or_default()
}

/// The version of the crate the package is built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The standard the crate implements: `EATGF-DSS-INC-01 v1.0`.
#[wasm_bindgen]
pub fn standard() -> String {
    incident_response::STANDARD.to_string()
}
