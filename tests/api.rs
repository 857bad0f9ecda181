//! Properties of the public types that callers rely on.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::{Error, Severity};

fn assert_send_sync<T: Send + Sync + 'static>() {}

/// Every public type, by the path a caller names it with: each is checked
/// `Send + Sync`, and the list is held to the source below, so a new
/// public type cannot be left out.
macro_rules! public_types {
    ($name:ident, $test:ident: $($path:ty),* $(,)?) => {
        const $name: &[&str] = &[$(stringify!($path)),*];

        #[test]
        fn $test() {
            $(assert_send_sync::<$path>();)*
        }
    };
}

public_types! {
    LIBRARY_TYPES, library_types_are_send_and_sync:
    incident_response::Classification,
    incident_response::Decision,
    incident_response::DecisionTable,
    incident_response::Deployment,
    incident_response::Durations,
    incident_response::Error,
    incident_response::Incident,
    incident_response::IncidentContext,
    incident_response::Month,
    incident_response::MonthOfIncidents,
    incident_response::MonthlySummary,
    incident_response::Obligations,
    incident_response::Outcome,
    incident_response::Policy,
    incident_response::PostMortem,
    incident_response::Readiness,
    incident_response::ReleaseEvidence,
    incident_response::RollbackPlan,
    incident_response::RollbackRelease,
    incident_response::RollbackRun,
    incident_response::RollbackVerdict,
    incident_response::RuleId,
    incident_response::Severity,
    incident_response::Signals,
    incident_response::Trends,
    incident_response::Watch,
    incident_response::WatchState,
    incident_response::controls::ControlArea,
    incident_response::decision::Answer,
    incident_response::decision::Assumption,
    incident_response::decision::Basis,
    incident_response::decision::Cause,
    incident_response::decision::Change,
    incident_response::decision::Counterfactual,
    incident_response::decision::DecisionBrief,
    incident_response::decision::Fix,
    incident_response::decision::PathStep<'static>,
    incident_response::decision::QuoteNote,
    incident_response::decision::Revert,
    incident_response::decision::TableRow,
    incident_response::decision::TakenDecision,
    incident_response::error::Requirement,
    incident_response::incident::ActionItem,
    incident_response::incident::Horizon,
    incident_response::incident::NotApplicable,
    incident_response::incident::Obligation,
    incident_response::incident::ObligationStatus,
    incident_response::incident::PostMortemRecord,
    incident_response::incident::RollbackRecord,
    incident_response::incident::Standing,
    incident_response::evidence::EvidencePage<'static>,
    incident_response::evidence::EvidenceReport<'static>,
    incident_response::evidence::InputFile,
    incident_response::metrics::Better,
    incident_response::metrics::Direction,
    incident_response::metrics::Delivery,
    incident_response::metrics::DurationStats,
    incident_response::metrics::FailedRelease,
    incident_response::metrics::Figure,
    incident_response::metrics::GoalStatus,
    incident_response::metrics::Goals,
    incident_response::metrics::Release,
    incident_response::metrics::RollbackStats,
    incident_response::metrics::SeverityCounts,
    incident_response::metrics::TrendFigure,
    incident_response::metrics::TrendLine,
    incident_response::metrics::TrendPoint,
    incident_response::policy::AppliedPolicy,
    incident_response::policy::Deadlines,
    incident_response::policy::DecisionWindows,
    incident_response::policy::Difference,
    incident_response::policy::Fingerprint,
    incident_response::policy::GatePolicy,
    incident_response::policy::MetricsPolicy,
    incident_response::policy::PolicyDraft,
    incident_response::policy::PolicyField,
    incident_response::policy::RollbackPolicy,
    incident_response::policy::Thresholds,
    incident_response::policy::Value,
    incident_response::policy::WatchWindows,
    incident_response::postmortem::Missing,
    incident_response::release::DetectedError,
    incident_response::release::GateCheck,
    incident_response::release::GateStatus,
    incident_response::release::RollbackTest,
    incident_response::release::SetAsideDecision,
    incident_response::release::SetAsideReason,
    incident_response::release::Soak,
    incident_response::release::Trigger,
    incident_response::release::Violation,
    incident_response::rollback::ExecutedStep,
    incident_response::rollback::PlannedStep,
    incident_response::rollback::RuleCheck,
    incident_response::rollback::Speed,
    incident_response::rollback::StepKind,
    incident_response::rule::Engine,
    incident_response::rule::Section,
    incident_response::rule::Standard,
    incident_response::severity::Alert,
    incident_response::severity::BrokenFeature,
    incident_response::severity::ClassificationBrief,
    incident_response::severity::MatchedRules,
    incident_response::severity::Responders,
    incident_response::severity::ResponsePlan,
}

#[cfg(feature = "json")]
public_types! {
    JSON_TYPES, json_types_are_send_and_sync:
    incident_response::json::Document<incident_response::Incident>,
    incident_response::json::ErrorKind,
    incident_response::json::JsonError,
    incident_response::json::Reply<incident_response::Decision>,
    incident_response::json::vectors::Mismatch,
    incident_response::json::vectors::Vector,
    incident_response::json::vectors::VectorCommand,
    incident_response::json::vectors::VectorFile,
    incident_response::json::vectors::VectorResult,
}

#[cfg(not(feature = "json"))]
const JSON_TYPES: &[&str] = &[];

#[cfg(feature = "adapters")]
public_types! {
    ADAPTER_TYPES, adapter_types_are_send_and_sync:
    incident_response::adapters::Format,
    incident_response::adapters::Ignored,
    incident_response::adapters::LeftOut,
    incident_response::adapters::MappingReport,
    incident_response::adapters::Translation<incident_response::adapters::alertmanager::AlertSignals>,
    incident_response::adapters::Used,
    incident_response::adapters::alertmanager::Alert,
    incident_response::adapters::alertmanager::AlertSignals,
    incident_response::adapters::alertmanager::Webhook,
    incident_response::adapters::incident_io::CustomFieldEntry,
    incident_response::adapters::incident_io::Document,
    incident_response::adapters::incident_io::FieldValue,
    incident_response::adapters::incident_io::FollowUp,
    incident_response::adapters::incident_io::IoIncident,
    incident_response::adapters::incident_io::Named,
    incident_response::adapters::incident_io::OptionValue,
    incident_response::adapters::incident_io::Status,
    incident_response::adapters::incident_io::TimestampValue,
    incident_response::adapters::incident_io::Value,
    incident_response::adapters::mapping::AlertMapping,
    incident_response::adapters::mapping::AlertRule,
    incident_response::adapters::mapping::IncidentField,
    incident_response::adapters::mapping::IncidentMapping,
    incident_response::adapters::mapping::SignalKind,
    incident_response::adapters::pagerduty::CustomField,
    incident_response::adapters::pagerduty::Event,
    incident_response::adapters::pagerduty::EventData,
    incident_response::adapters::pagerduty::Page,
    incident_response::adapters::pagerduty::Priority,
    incident_response::adapters::pagerduty::Reference,
    incident_response::adapters::pagerduty::RestIncident,
}

#[cfg(not(feature = "adapters"))]
const ADAPTER_TYPES: &[&str] = &[];

/// The public types the source declares (`pub struct`, `pub enum`), by name.
fn declared_types(dir: &std::path::Path, found: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let skipped = path.ends_with("bin")
                || (!cfg!(feature = "json") && path.ends_with("json"))
                || (!cfg!(feature = "adapters") && path.ends_with("adapters"));
            if !skipped {
                declared_types(&path, found);
            }
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let line = line.trim_start();
            for keyword in ["pub struct ", "pub enum "] {
                if let Some(rest) = line.strip_prefix(keyword) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    found.insert(name);
                }
            }
        }
    }
}

#[test]
fn every_public_type_is_checked() {
    let mut declared = std::collections::BTreeSet::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    declared_types(&src, &mut declared);
    let listed: std::collections::BTreeSet<String> = LIBRARY_TYPES
        .iter()
        .chain(JSON_TYPES)
        .chain(ADAPTER_TYPES)
        .map(|path| {
            let path = path.split('<').next().unwrap();
            path.rsplit("::").next().unwrap().trim().to_owned()
        })
        .collect();
    assert_eq!(declared, listed, "every public type is listed above");
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
