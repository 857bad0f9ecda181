//! Snapshots of what people and other programs read: explanations and JSON
//! Schemas. A diff here is a review of what users will see.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

mod util;

use incident_response::{
    Classification, Decision, Deployment, IncidentContext, Policy, Severity, Signals, Watch,
    WatchState, classify, decide, decision::Cause, decision_table, severity::BrokenFeature,
};
use schemars::{JsonSchema, generate::SchemaSettings, schema_for};

#[test]
fn display_of_a_classification_with_several_rules() {
    let classification = classify(
        &Signals::new()
            .with_error_rate(0.08)
            .with_latency_ms(3_100)
            .with_feature_broken(BrokenFeature::NonCritical),
    )
    .unwrap();
    insta::assert_snapshot!(classification, @r#"
    P2 HIGH
      SEV-P2-ERRORS: "Alert fired (API error rate >5%)"
      SEV-P3-LATENCY: "API latency 2-5 seconds (no errors, just slow)"
      SEV-P3-FEATURE: "Non-critical feature broken (UI glitch, minor data)"
      resolve within 4 h
      alert: Page on-call Engineering Lead
      response: Focused incident team (3-5 engineers)
      notify customers within 2 h
      decide rollback or forward fix within 4 h
      standard applied: EATGF-DSS-INC-01 v1.0
    "#);
}

#[test]
fn display_of_a_p1_classification() {
    let classification =
        classify(&Signals::new().with_error_rate(1.0).with_data_loss(true)).unwrap();
    insta::assert_snapshot!(classification.to_string());
}

#[test]
fn display_of_every_response_plan() {
    let plans: Vec<String> = Severity::ALL
        .iter()
        .map(|severity| severity.response().to_string())
        .collect();
    insta::assert_snapshot!(plans.join("\n"));
}

#[test]
fn json_of_a_classification() {
    let classification = classify(
        &Signals::new()
            .with_latency_ms(7_000)
            .with_gradual_degradation(true),
    )
    .unwrap();
    insta::assert_json_snapshot!(classification);
}

#[test]
fn schema_of_signals() {
    insta::assert_json_snapshot!(schema_for!(Signals));
}

/// The schema of what the crate writes: `Option` fields are always present
/// (as `null`), unlike in the schema of what it reads.
fn output_schema<T: JsonSchema>() -> schemars::Schema {
    SchemaSettings::default()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

#[test]
fn schema_of_classification() {
    insta::assert_json_snapshot!(output_schema::<Classification>());
}

#[test]
fn schema_of_policy() {
    insta::assert_json_snapshot!(schema_for!(Policy));
}

/// One explanation per path of the decision table: the text responders
/// paste into the incident channel.
#[test]
fn display_of_a_decision_on_every_path() {
    for (n, row) in decision_table().rows().iter().enumerate() {
        let decision = decide(row.example()).unwrap();
        insta::assert_snapshot!(format!("decision_path_{:02}", n + 1), decision.to_string());
    }
}

#[test]
fn json_of_a_decision() {
    let context = IncidentContext::new(Severity::P1)
        .with_data_loss(false)
        .with_cause(Cause::DatabaseMigration)
        .with_backup_restore_minutes(45);
    insta::assert_json_snapshot!(decide(&context).unwrap());
}

#[test]
fn the_decision_table_in_markdown() {
    insta::assert_snapshot!(decision_table().to_markdown());
}

#[test]
fn schema_of_incident_context() {
    insta::assert_json_snapshot!(schema_for!(IncidentContext));
}

#[test]
fn schema_of_decision() {
    insta::assert_json_snapshot!(output_schema::<Decision>());
}

#[test]
fn schema_of_deployment() {
    insta::assert_json_snapshot!(schema_for!(Deployment));
}

#[test]
fn schema_of_watch_state() {
    insta::assert_json_snapshot!(output_schema::<WatchState>());
}

#[test]
fn schema_of_watch() {
    insta::assert_json_snapshot!(output_schema::<Watch>());
}

#[test]
fn schema_of_incident() {
    insta::assert_json_snapshot!(schema_for!(incident_response::Incident));
}

#[test]
fn schema_of_durations() {
    insta::assert_json_snapshot!(output_schema::<incident_response::Durations>());
}

#[test]
fn schema_of_obligations() {
    insta::assert_json_snapshot!(output_schema::<incident_response::Obligations>());
}

#[test]
fn schema_of_post_mortem() {
    insta::assert_json_snapshot!(output_schema::<incident_response::PostMortem>());
}

#[test]
fn schema_of_monthly_summary() {
    insta::assert_json_snapshot!(output_schema::<incident_response::MonthlySummary>());
}

#[test]
fn schema_of_month_of_incidents() {
    insta::assert_json_snapshot!(schema_for!(incident_response::MonthOfIncidents));
}

#[test]
fn schema_of_releases() {
    insta::assert_json_snapshot!(schema_for!(Vec<incident_response::metrics::Release>));
}

#[test]
fn schema_of_trends() {
    insta::assert_json_snapshot!(output_schema::<incident_response::Trends>());
}

#[test]
fn schema_of_decision_table() {
    insta::assert_json_snapshot!(output_schema::<incident_response::DecisionTable>());
}

#[test]
fn schema_of_release_evidence() {
    insta::assert_json_snapshot!(schema_for!(incident_response::ReleaseEvidence));
}

#[test]
fn schema_of_readiness() {
    insta::assert_json_snapshot!(output_schema::<incident_response::Readiness>());
}

#[test]
fn schema_of_rollback_release() {
    insta::assert_json_snapshot!(schema_for!(incident_response::RollbackRelease));
}

#[test]
fn schema_of_rollback_plan() {
    insta::assert_json_snapshot!(output_schema::<incident_response::RollbackPlan>());
}

#[test]
fn schema_of_rollback_run() {
    insta::assert_json_snapshot!(schema_for!(incident_response::RollbackRun));
}

#[test]
fn schema_of_rollback_verdict() {
    insta::assert_json_snapshot!(output_schema::<incident_response::RollbackVerdict>());
}
