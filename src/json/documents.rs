//! What a door offers about the documents themselves: the JSON Schema of
//! every input and answer, by name, and a valid sample of every input.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::decision::Decision;
use crate::decision::context::IncidentContext;
use crate::decision::table::DecisionTable;
use crate::incident::{Durations, Incident, Obligations};
use crate::json::read::JsonError;
use crate::metrics::{MonthOfIncidents, MonthlySummary, Release, Trends};
use crate::policy::Policy;
use crate::postmortem::PostMortem;
use crate::release::gate::{Readiness, ReleaseEvidence};
use crate::release::watch::{Deployment, Watch};
use crate::rollback::{RollbackPlan, RollbackRelease, RollbackRun, RollbackVerdict};
use crate::severity::{Classification, Signals};

/// An input as it is read.
fn input<T: JsonSchema>() -> Schema {
    schemars::schema_for!(T)
}

/// An answer as it is written: every field present, `null` included.
fn output<T: JsonSchema>() -> Schema {
    SchemaSettings::default()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// One table of names and types, from which the list of names and the
/// lookup are both written.
macro_rules! schemas {
    ($($name:literal => $kind:ident::<$ty:ty>,)*) => {
        /// Every name [`schema`] knows, inputs and answers: `signals`,
        /// `classification`, `incident-context`, …
        pub const SCHEMAS: &[&str] = &[$($name),*];

        /// The JSON Schema of an input (as it is read) or an answer (as it
        /// is written, every field present) by its name in [`SCHEMAS`].
        ///
        /// ```
        /// let schema = incident_response::json::schema("signals")?;
        /// assert_eq!(schema.get("title").and_then(|t| t.as_str()), Some("Signals"));
        /// # Ok::<(), incident_response::json::JsonError>(())
        /// ```
        ///
        /// # Errors
        ///
        /// [`JsonError`] for a name not in [`SCHEMAS`], listing them.
        pub fn schema(name: &str) -> Result<Schema, JsonError> {
            match name {
                $($name => Ok($kind::<$ty>()),)*
                _ => Err(JsonError::invalid_document(format!(
                    "no schema is named `{name}`: expected one of {}",
                    SCHEMAS.join(", ")
                ))),
            }
        }
    };
}

schemas! {
    "signals" => input::<Signals>,
    "classification" => output::<Classification>,
    "incident-context" => input::<IncidentContext>,
    "decision" => output::<Decision>,
    "decision-table" => output::<DecisionTable>,
    "deployment" => input::<Deployment>,
    "watch" => output::<Watch>,
    "incident" => input::<Incident>,
    "obligations" => output::<Obligations>,
    "durations" => output::<Durations>,
    "post-mortem" => output::<PostMortem>,
    "monthly-summary" => output::<MonthlySummary>,
    "month-of-incidents" => input::<MonthOfIncidents>,
    "releases" => input::<Vec<Release>>,
    "trends" => output::<Trends>,
    "policy" => input::<Policy>,
    "release-evidence" => input::<ReleaseEvidence>,
    "readiness" => output::<Readiness>,
    "rollback-release" => input::<RollbackRelease>,
    "rollback-plan" => output::<RollbackPlan>,
    "rollback-run" => input::<RollbackRun>,
    "rollback-verdict" => output::<RollbackVerdict>,
}

/// The inputs [`example`] has a sample of, each with the command that
/// reads it.
pub const EXAMPLES: [(&str, &str); 10] = [
    ("signals", include_str!("documents/signals.json")),
    (
        "incident-context",
        include_str!("documents/incident-context.json"),
    ),
    ("deployment", include_str!("documents/deployment.json")),
    ("incident", include_str!("documents/incident.json")),
    ("months", include_str!("documents/months.json")),
    ("releases", include_str!("documents/releases.json")),
    (
        "release-evidence",
        include_str!("documents/release-evidence.json"),
    ),
    (
        "rollback-release",
        include_str!("documents/rollback-release.json"),
    ),
    (
        "rollback-check",
        include_str!("documents/rollback-check.json"),
    ),
    ("policy", include_str!("documents/policy.json")),
];

/// A valid sample document of an input, by its name in [`EXAMPLES`]: the
/// document of `classify` (`signals`), `decide` (`incident-context`),
/// `watch` (`deployment`), the incident commands (`incident`), `trends`
/// (`months`), the gate (`release-evidence`), a plan (`rollback-release`),
/// a verdict (`rollback-check`) and `--policy` (`policy`).
///
/// # Errors
///
/// [`JsonError`] for a name not in [`EXAMPLES`], listing them.
pub fn example(name: &str) -> Result<&'static str, JsonError> {
    EXAMPLES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, document)| *document)
        .ok_or_else(|| {
            let names: Vec<&str> = EXAMPLES.iter().map(|(name, _)| *name).collect();
            JsonError::invalid_document(format!(
                "no example is named `{name}`: expected one of {}",
                names.join(", ")
            ))
        })
}
