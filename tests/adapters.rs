//! The adapters: Alertmanager, PagerDuty and incident.io documents written
//! by hand from their public docs (`tests/fixtures/adapters/`), each with
//! its expected mapping, snapshot-tested; the standard's 16 February
//! incident and January month through each tracker, equal to the crate's
//! own fixtures; the boundaries of every mapping rule; and proptest:
//! whatever deserializes maps without a panic, and the report accounts for
//! every field read.

#![cfg(feature = "adapters")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::adapters::mapping::{AlertMapping, AlertRule, IncidentMapping, SignalKind};
use incident_response::adapters::{
    MappingReport, Translation, alertmanager, incident_io, pagerduty,
};
use incident_response::chrono::{DateTime, TimeDelta, Utc};
use incident_response::{
    Error, Incident, Month, Outcome, Policy, RuleId, Severity, severity::BrokenFeature,
    summarize_month,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/adapters/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn feb16() -> Incident {
    serde_json::from_str(include_str!("fixtures/incident_2026_02_16.json")).unwrap()
}

fn alerts(bytes: &[u8]) -> incident_response::adapters::Translation<alertmanager::AlertSignals> {
    alertmanager::signals(
        &alertmanager::read(bytes).unwrap(),
        &AlertMapping::default(),
    )
    .unwrap()
}

fn alerts_err(bytes: &[u8], mapping: &AlertMapping) -> Error {
    alertmanager::signals(&alertmanager::read(bytes).unwrap(), mapping).unwrap_err()
}

/// A webhook of one firing alert with `labels` and `annotations`.
fn one_alert(labels: Value, annotations: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "version": "4", "status": "firing",
        "alerts": [{"status": "firing", "labels": labels, "annotations": annotations,
                    "startsAt": "2026-02-16T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}]
    }))
    .unwrap()
}

fn pd_events(name: &str) -> incident_response::adapters::Translation<Vec<Incident>> {
    let events = pagerduty::read_events(&fixture(name)).unwrap();
    pagerduty::incidents_from_events(&events, &IncidentMapping::default()).unwrap()
}

fn pd_page(bytes: &[u8], mapping: &IncidentMapping) -> Result<Vec<Incident>, Error> {
    pagerduty::incidents(&pagerduty::read_page(bytes).unwrap(), mapping).map(|t| t.value)
}

fn io(name: &str) -> incident_response::adapters::Translation<Vec<Incident>> {
    let document = incident_io::read(&fixture(name)).unwrap();
    incident_io::incidents(&document, &IncidentMapping::default()).unwrap()
}

/// The moments at which the obligations of the 16 February incident are
/// compared: during it, at its end, after the post-mortem, a week on.
const MOMENTS: [&str; 5] = [
    "2026-02-16T10:01:00Z",
    "2026-02-16T10:20:00Z",
    "2026-02-16T10:45:00Z",
    "2026-02-20T00:00:00Z",
    "2026-03-01T00:00:00Z",
];

/// Durations and obligations of `incident` equal the crate's own fixture's.
#[track_caller]
fn same_as_feb16(incident: &Incident) {
    let expected = feb16();
    assert_eq!(
        serde_json::to_value(incident.durations().unwrap()).unwrap(),
        serde_json::to_value(expected.durations().unwrap()).unwrap()
    );
    for now in MOMENTS {
        assert_eq!(
            serde_json::to_value(incident.obligations(at(now)).unwrap()).unwrap(),
            serde_json::to_value(expected.obligations(at(now)).unwrap()).unwrap(),
            "obligations at {now}"
        );
    }
}

mod the_standards_incident {
    use super::*;

    /// IN-1 … IN-5: 16 February 2026 as a PagerDuty webhook v3 event
    /// sequence gives the durations and obligations of the crate's fixture.
    #[test]
    fn as_pagerduty_events_in_1_to_in_5() {
        let translation = pd_events("pagerduty_events_2026_02_16.json");
        assert_eq!(translation.value.len(), 1);
        let incident = &translation.value[0];
        same_as_feb16(incident);
        assert_eq!(incident.severity, Severity::P1);
        assert_eq!(
            incident.declared_at,
            Some(at("2026-02-16T10:02:00Z")),
            "the acknowledgement"
        );
        assert_eq!(
            incident.customer_notified_at,
            Some(at("2026-02-16T10:12:00Z")),
            "the status update"
        );
        assert_eq!(
            incident.resolved_at,
            Some(at("2026-02-16T10:20:00Z")),
            "incident.resolved's occurred_at"
        );
        assert_eq!(
            incident.source.as_deref(),
            Some("https://acme.pagerduty.com/incidents/Q1VRB2FUMBLE")
        );
        assert_eq!(incident.post_mortem.as_ref().unwrap().action_items.len(), 4);
        assert!(
            translation
                .mapping
                .missing
                .iter()
                .all(|m| !m.contains("started_at"))
        );
    }

    /// IN-1 … IN-5: the same incident as an incident.io incident.
    #[test]
    fn as_an_incident_io_incident_in_1_to_in_5() {
        let translation = io("incident_io_2026_02_16.json");
        assert_eq!(translation.value.len(), 1);
        let incident = &translation.value[0];
        same_as_feb16(incident);
        assert_eq!(incident.id, "INC-2026-02-16");
        assert_eq!(
            incident.decision.map(|d| d.outcome),
            Some(Outcome::Rollback)
        );
        assert_eq!(incident.rollback.and_then(|r| r.succeeded), Some(true));
        assert_eq!(incident.post_mortem.as_ref().unwrap().action_items.len(), 4);
    }

    /// ME-1, ME-2, ME-3: the standard's January 2026 as a PagerDuty REST
    /// page gives the standard's summary.
    #[test]
    fn january_as_a_pagerduty_page_me_1_me_2_me_3() {
        let incidents = pd_page(
            &fixture("pagerduty_january_2026.json"),
            &IncidentMapping::default(),
        )
        .unwrap();
        let summary = summarize_month("2026-01".parse::<Month>().unwrap(), &incidents, 16).unwrap();
        let counts: Vec<u64> = Severity::ALL
            .iter()
            .map(|s| summary.incidents.of(*s))
            .collect();
        assert_eq!(counts, [1, 3, 8, 15], "ME-1, the three P5 counted as P4");
        assert_eq!(summary.mttr.mean, Some(TimeDelta::minutes(25)), "ME-2");
        assert_eq!(summary.mttd.mean, Some(TimeDelta::minutes(8)), "ME-2");
        assert_eq!(summary.rollbacks.attempted, 1, "ME-3");
        assert_eq!(summary.rollbacks.succeeded, 1, "ME-3");
        assert_eq!(
            summary.rollbacks.mean,
            Some(TimeDelta::seconds(252)),
            "ME-3: 4.2 min"
        );
        insta::assert_snapshot!("january_2026_from_pagerduty", summary.to_string());
    }
}

mod alertmanager_mapping {
    use super::*;

    /// SEV-P2-ERRORS, SEV-P3-LATENCY: the firing group: the worst error
    /// rate counts, latency in seconds becomes milliseconds, an alert the
    /// mapping does not name is ignored and says why.
    #[test]
    fn a_firing_group_sev_p2_errors() {
        let translation = alerts(&fixture("alertmanager_firing.json"));
        let signals = translation.value.signals;
        assert_eq!(signals.error_rate, 0.12, "the worst of 0.12 and 0.08");
        assert_eq!(signals.latency_ms, 2400);
        let classification = incident_response::classify(&signals).unwrap();
        assert_eq!(classification.severity(), Severity::P2);
        assert!(classification.rules().contains(RuleId::SevP2Errors));
        assert!(classification.rules().contains(RuleId::SevP3Latency));
        assert_eq!(translation.value.firing, 4);
        assert_eq!(translation.value.mapped, 3);
        assert!(translation.mapping.warnings.is_empty());
        assert!(
            translation
                .mapping
                .ignored
                .iter()
                .any(|i| i.field == "alerts[2]"),
            "{:#?}",
            translation.mapping.ignored
        );
    }

    /// A resolved group is no new signal: left out, and "no signal mapped".
    #[test]
    fn a_resolved_group_is_not_a_signal() {
        let translation = alerts(&fixture("alertmanager_resolved.json"));
        assert_eq!(translation.value.signals, incident_response::Signals::new());
        assert_eq!(translation.value.resolved, 2);
        assert_eq!(translation.mapping.left_out[0].count, 2);
        assert!(translation.mapping.warnings[0].starts_with("no signal mapped"));
    }

    /// SEV-P1-OUTAGE: no data (a target down, a metric absent) is a total
    /// outage, not a healthy P4.
    #[test]
    fn no_data_is_a_total_outage_sev_p1_outage() {
        let translation = alerts(&fixture("alertmanager_target_down.json"));
        assert_eq!(translation.value.signals.error_rate, 1.0);
        let classification = incident_response::classify(&translation.value.signals).unwrap();
        assert_eq!(classification.severity(), Severity::P1);
        assert!(classification.rules().contains(RuleId::SevP1Outage));
        assert_eq!(translation.value.mapped, 2);
    }

    /// Grafana's variant: its one value stands for the missing annotation.
    #[test]
    fn grafanas_variant_parses() {
        let translation = alerts(&fixture("grafana_firing.json"));
        assert_eq!(translation.value.signals.error_rate, 0.07);
        assert!(
            translation
                .mapping
                .assumed
                .iter()
                .any(|a| a.contains("Grafana value"))
        );
        assert!(
            translation
                .mapping
                .ignored
                .iter()
                .any(|i| i.field == "orgId")
        );
    }

    /// An empty set of signals says so, instead of a silent P4; a decision
    /// on it is refused.
    #[test]
    fn no_signal_mapped_is_said_and_refused_by_decide() {
        let bytes = one_alert(
            json!({"alertname": "DiskFull", "severity": "critical"}),
            json!({}),
        );
        let translation = alerts(&bytes);
        assert_eq!(translation.value.mapped, 0);
        assert!(translation.mapping.warnings[0].starts_with("no signal mapped: 1 firing alert"));
        let err = translation.value.context(&Policy::default()).unwrap_err();
        assert!(err.to_string().contains("no signal mapped"), "{err}");
    }

    /// PD-4 is the team's call: `severity: critical` declares nothing by
    /// default, P1 when the mapping says so, and then the decision is P1.
    #[test]
    fn severity_labels_declare_only_through_the_mapping() {
        let bytes = one_alert(
            json!({"alertname": "HighErrorRate", "incident_response_signal": "error_rate", "severity": "critical"}),
            json!({"value": "0.02"}),
        );
        let plain = alerts(&bytes);
        assert_eq!(plain.value.declared_severity, None);
        assert_eq!(
            plain.value.context(&Policy::default()).unwrap().severity,
            Severity::P3
        );
        let mut mapping = AlertMapping::default();
        mapping.severities.insert("critical".into(), Severity::P1);
        let webhook = alertmanager::read(&bytes).unwrap();
        let declared = alertmanager::signals(&webhook, &mapping).unwrap();
        assert_eq!(declared.value.declared_severity, Some(Severity::P1));
        assert_eq!(
            declared.value.context(&Policy::default()).unwrap().severity,
            Severity::P1
        );
    }

    /// A rule of the mapping names the signal of an alert without the label.
    #[test]
    fn a_rule_of_the_mapping_names_a_signal() {
        let bytes = one_alert(json!({"alertname": "CheckoutBroken"}), json!({}));
        let mut mapping = AlertMapping::default();
        mapping.alerts.push(AlertRule::new(
            [("alertname", "CheckoutBroken")],
            SignalKind::CriticalFeatureBroken,
        ));
        let webhook = alertmanager::read(&bytes).unwrap();
        let translation = alertmanager::signals(&webhook, &mapping).unwrap();
        assert_eq!(
            translation.value.signals.feature_broken,
            BrokenFeature::Critical
        );
    }

    /// The value is refused by name when it is missing, not a number, or
    /// out of range; so is a signal label naming no signal.
    #[test]
    fn bad_values_are_refused_by_name() {
        let label = json!({"alertname": "E", "incident_response_signal": "error_rate"});
        let missing = alerts_err(
            &one_alert(label.clone(), json!({})),
            &AlertMapping::default(),
        );
        assert_eq!(missing.field(), Some("alerts[0].annotations.value"));
        let nan = alerts_err(
            &one_alert(label.clone(), json!({"value": "NaN"})),
            &AlertMapping::default(),
        );
        assert!(nan.to_string().contains("outside 0.0..=1.0"), "{nan}");
        let text = alerts_err(
            &one_alert(label.clone(), json!({"value": "n/a"})),
            &AlertMapping::default(),
        );
        insta::assert_snapshot!(text, @"alerts[0].annotations.value `n/a` is not a number: a error_rate alert needs its value");
        let percent = alerts_err(
            &one_alert(label, json!({"value": "12"})),
            &AlertMapping::default(),
        );
        assert!(percent.to_string().contains("a fraction"), "{percent}");
        let unknown = alerts_err(
            &one_alert(
                json!({"incident_response_signal": "errors"}),
                json!({"value": "1"}),
            ),
            &AlertMapping::default(),
        );
        assert_eq!(
            unknown.field(),
            Some("alerts[0].labels.incident_response_signal")
        );
    }

    /// A mapping whose matcher is empty would match every alert: refused;
    /// a mapping's unknown field is refused (the crate's own contract).
    #[test]
    fn mappings_are_validated() {
        let mut mapping = AlertMapping::default();
        mapping.no_data.push(Default::default());
        let err = alerts_err(&one_alert(json!({}), json!({})), &mapping);
        assert_eq!(err.field(), Some("no_data[4]"));
        let unknown = incident_response::json::foreign::alert_mapping(br#"{"signal_labels": "x"}"#)
            .unwrap_err();
        assert!(unknown.to_string().contains("unknown field"), "{unknown}");
    }

    /// An incident mapping read from its JSON is the one written, and is
    /// validated: an empty name is refused at its map.
    #[test]
    fn incident_mappings_are_read_and_validated() {
        let mapping = incident_response::json::foreign::incident_mapping(
            br#"{"priorities": {"SEV-1": "P1"}}"#,
        )
        .unwrap();
        assert_eq!(mapping.priorities.len(), 1);
        assert_eq!(mapping.priorities.get("SEV-1"), Some(&Severity::P1));
        let empty =
            incident_response::json::foreign::incident_mapping(br#"{"priorities": {" ": "P1"}}"#)
                .unwrap_err();
        assert_eq!(empty.path.as_deref(), Some("priorities"), "{empty}");
    }

    /// One translation per alert, in order, a resolved one included.
    #[test]
    fn per_alert() {
        let webhook = alertmanager::read(&fixture("alertmanager_firing.json")).unwrap();
        let each = alertmanager::signals_per_alert(&webhook, &AlertMapping::default()).unwrap();
        let rates: Vec<f64> = each.iter().map(|t| t.value.signals.error_rate).collect();
        assert_eq!(rates, [0.12, 0.0, 0.0, 0.08]);
        assert_eq!(each[1].value.signals.latency_ms, 2400);
        assert!(each[2].mapping.warnings[0].starts_with("no signal mapped"));
    }

    /// An alert without a status fires while its `endsAt` is the zero time
    /// and is resolved once `endsAt` is a real moment, and says so.
    #[test]
    fn without_a_status_the_end_says_whether_it_fires() {
        let alert = |ends: &str| {
            serde_json::to_vec(&json!({
                "version": "4", "status": "firing",
                "alerts": [{"labels": {"alertname": "E", "incident_response_signal": "error_rate"},
                            "annotations": {"value": "0.2"},
                            "startsAt": "2026-02-16T10:00:00Z", "endsAt": ends}]
            }))
            .unwrap()
        };
        let firing = alerts(&alert("0001-01-01T00:00:00Z"));
        assert_eq!((firing.value.firing, firing.value.resolved), (1, 0));
        assert_eq!(firing.value.signals.error_rate, 0.2);
        assert!(
            firing
                .mapping
                .assumed
                .contains(&"alerts[0] has no status: firing from its endsAt".to_owned()),
            "{:#?}",
            firing.mapping.assumed
        );
        let ended = alerts(&alert("2026-02-16T10:30:00Z"));
        assert_eq!((ended.value.firing, ended.value.resolved), (0, 1));
        assert_eq!(ended.value.signals.error_rate, 0.0);
        assert!(
            ended
                .mapping
                .assumed
                .contains(&"alerts[0] has no status: resolved from its endsAt".to_owned()),
            "{:#?}",
            ended.mapping.assumed
        );
    }

    /// SEV-P2-LATENCY: a latency is a finite number at least 0; a negative
    /// or infinite one is refused by name.
    #[test]
    fn a_latency_must_be_finite_and_not_negative() {
        let label = json!({"alertname": "Slow", "incident_response_signal": "latency_ms"});
        for value in ["-5", "inf"] {
            let err = alerts_err(
                &one_alert(label.clone(), json!({"value": value})),
                &AlertMapping::default(),
            );
            assert_eq!(err.field(), Some("alerts[0].annotations.value"), "{value}");
            assert!(
                err.to_string().contains("is not a latency"),
                "{value}: {err}"
            );
        }
        let ok = alerts(&one_alert(label, json!({"value": "0"})));
        assert_eq!(ok.value.mapped, 1);
    }

    /// A rule of the mapping names the signal only of an alert holding
    /// every one of its labels.
    #[test]
    fn a_rule_matches_only_an_alert_with_all_its_labels() {
        let mut mapping = AlertMapping::default();
        mapping.alerts.push(AlertRule::new(
            [("alertname", "CheckoutBroken"), ("service", "checkout")],
            SignalKind::CriticalFeatureBroken,
        ));
        let bytes = one_alert(
            json!({"alertname": "CheckoutBroken", "service": "search"}),
            json!({}),
        );
        let translation =
            alertmanager::signals(&alertmanager::read(&bytes).unwrap(), &mapping).unwrap();
        assert_eq!(translation.value.mapped, 0);
        assert_eq!(
            translation.value.signals.feature_broken,
            BrokenFeature::None
        );
        assert!(translation.mapping.warnings[0].starts_with("no signal mapped"));
    }

    /// A mapping naming an empty label or urgency is refused by the name
    /// of its field.
    #[test]
    fn empty_names_in_a_mapping_are_refused() {
        let mut mapping = AlertMapping::default();
        mapping.signal_label = " ".into();
        let err = alerts_err(&one_alert(json!({}), json!({})), &mapping);
        assert_eq!(err.field(), Some("signal_label"));
        assert!(
            err.to_string().contains("must name a label or field"),
            "{err}"
        );
        let mut incidents = IncidentMapping::default();
        incidents.urgencies.insert(String::new(), Severity::P3);
        let err = pd_page(&fixture("pagerduty_rest_page.json"), &incidents).unwrap_err();
        assert_eq!(err.field(), Some("urgencies"));
    }
}

mod pagerduty_mapping {
    use super::*;

    /// IN-3: P1, P2, an unprioritised incident (from its urgency, and
    /// said), a P5 (as P4).
    #[test]
    fn a_rest_page_in_3() {
        let translation = pagerduty::incidents(
            &pagerduty::read_page(&fixture("pagerduty_rest_page.json")).unwrap(),
            &IncidentMapping::default(),
        )
        .unwrap();
        let severities: Vec<Severity> = translation.value.iter().map(|i| i.severity).collect();
        assert_eq!(
            severities,
            [Severity::P1, Severity::P2, Severity::P2, Severity::P4]
        );
        assert!(
            translation
                .mapping
                .assumed
                .iter()
                .any(|a| a.contains("urgency `high` is P2"))
        );
        assert_eq!(translation.value[3].resolved_at, None, "still triggered");
        assert!(translation.value.iter().all(|i| i.source.is_some()));
    }

    /// IN-3: without an urgency map, an unprioritised incident is refused
    /// by name; so is a priority the mapping does not know.
    #[test]
    fn unprioritised_refused_without_urgencies_in_3() {
        let mut mapping = IncidentMapping::default();
        mapping.urgencies.clear();
        let err = pd_page(&fixture("pagerduty_rest_page.json"), &mapping).unwrap_err();
        assert_eq!(err.rule(), Some(RuleId::In3));
        assert_eq!(err.field(), Some("incidents[2].urgency"));
        let sev1 = br#"{"incidents": [{"id": "Q", "created_at": "2026-03-01T00:00:00Z", "priority": {"summary": "SEV-1"}}]}"#;
        let err = pd_page(sev1, &IncidentMapping::default()).unwrap_err();
        insta::assert_snapshot!(err, @"incidents[0].priority.summary `SEV-1` is not in the mapping's priorities (P1, P2, P3, P4, P5): every SLA needs a severity");
    }

    /// Escalation from priority_updated; a reopening undoes the resolution,
    /// the last resolution counts; an escalation to a responder is ignored.
    #[test]
    fn events_with_a_reopen() {
        let translation = pd_events("pagerduty_events_reopen.json");
        let incident = &translation.value[0];
        assert_eq!(incident.severity, Severity::P2);
        assert_eq!(incident.detected_at, at("2026-03-04T08:00:00Z"));
        assert_eq!(incident.escalated_at, Some(at("2026-03-04T08:40:00Z")));
        assert_eq!(incident.resolved_at, Some(at("2026-03-04T10:15:00Z")));
        assert!(
            translation
                .mapping
                .assumed
                .iter()
                .any(|a| a.contains("reopened"))
        );
        assert!(
            translation
                .mapping
                .ignored
                .iter()
                .any(|i| i.why.contains("another responder"))
        );
    }

    /// Events out of order are read in the order they occurred.
    #[test]
    fn events_fold_in_time_order() {
        let mut events: Vec<Value> =
            serde_json::from_slice(&fixture("pagerduty_events_reopen.json")).unwrap();
        events.reverse();
        let events = pagerduty::read_events(&serde_json::to_vec(&events).unwrap()).unwrap();
        let reversed =
            pagerduty::incidents_from_events(&events, &IncidentMapping::default()).unwrap();
        assert_eq!(
            reversed.value,
            pd_events("pagerduty_events_reopen.json").value
        );
    }
    /// A REST incident's `resolved_at` counts only when its status is
    /// resolved; a resolved incident without one is read as unresolved,
    /// with a warning.
    #[test]
    fn the_rest_status_decides_the_resolution() {
        let end = "2026-03-01T01:00:00Z";
        for status in ["triggered", "acknowledged"] {
            let open = pd_one(json!({"status": status, "resolved_at": end})).unwrap();
            assert_eq!(open.value[0].resolved_at, None, "{status}");
            assert!(
                open.mapping
                    .ignored
                    .iter()
                    .any(|i| i.field == "incidents[0].resolved_at"
                        && i.why == "the incident is not resolved"),
                "{status}: {:#?}",
                open.mapping.ignored
            );
        }
        let resolved = pd_one(json!({"status": "resolved", "resolved_at": end})).unwrap();
        assert_eq!(resolved.value[0].resolved_at, Some(at(end)));
        assert!(resolved.mapping.warnings.is_empty());
        let without = pd_one(json!({"status": "resolved"})).unwrap();
        assert_eq!(without.value[0].resolved_at, None);
        assert_eq!(
            without.mapping.warnings,
            ["Q: resolved, but with no resolved_at: read as unresolved"]
        );
    }

    /// A flag reads yes/no or true/false in any case, and refuses any
    /// other text by name.
    #[test]
    fn a_flag_is_yes_or_no() {
        let flag = |value: &str| {
            pd_one(json!({"custom_fields": [{"name": "customer_impacting", "value": value}]}))
        };
        for (text, read) in [
            ("No", false),
            ("false", false),
            (" YES ", true),
            ("True", true),
        ] {
            assert_eq!(
                flag(text).unwrap().value[0].customer_impacting,
                Some(read),
                "{text}"
            );
        }
        let err = flag("maybe").unwrap_err();
        assert_eq!(err.field(), Some("incidents[0].custom_fields[0].value"));
        assert!(err.to_string().contains("is not yes or no"), "{err}");
    }

    /// IN-5: an action items field holding one title as text is one
    /// action item.
    #[test]
    fn one_action_item_as_text_in_5() {
        let translation = pd_one(json!({"custom_fields": [
            {"name": "post_mortem_held_at", "value": "2026-03-02T00:00:00Z"},
            {"name": "action_items", "value": "Add a canary"}]}))
        .unwrap();
        let post_mortem = translation.value[0].post_mortem.as_ref().unwrap();
        let titles: Vec<&str> = post_mortem
            .action_items
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles, ["Add a canary"]);
    }

    /// IN-5: action items without a post-mortem are reported ignored, not
    /// used, and the missing post-mortem time is said.
    #[test]
    fn action_items_without_a_post_mortem_are_ignored_in_5() {
        let translation =
            pd_one(json!({"custom_fields": [{"name": "action_items", "value": ["Add a canary"]}]}))
                .unwrap();
        assert_eq!(translation.value[0].post_mortem, None);
        let field = "incidents[0].custom_fields[0].value";
        assert!(!translation.mapping.used.iter().any(|u| u.from == field));
        assert!(translation.mapping.ignored.iter().any(|i| i.field == field
            && i.why == "action items without a post-mortem are not read (IN-5)"));
        assert!(
            translation.mapping.missing.contains(
                &"Q: post_mortem.held_at: action items without a post-mortem are not read (IN-5)"
                    .to_owned()
            )
        );
    }
}

/// `mk(&[("incident.triggered", "10:00", Some("P3"), "high"), …])`: v3
/// events of one incident on 16 February 2026; `None` is a null priority.
fn mk(events: &[(&str, &str, Option<&str>, &str)]) -> Result<Vec<Incident>, Error> {
    let events: Vec<Value> = events
        .iter()
        .map(|(kind, at, priority, urgency)| {
            json!({"event": {"event_type": kind, "occurred_at": format!("2026-02-16T{at}:00Z"),
                "data": {"id": "Q1", "type": "incident", "created_at": "2026-02-16T10:00:00Z",
                         "priority": priority.map(|p| json!({"summary": p})), "urgency": urgency}}})
        })
        .collect();
    let events = pagerduty::read_events(&serde_json::to_vec(&events).unwrap()).unwrap();
    pagerduty::incidents_from_events(&events, &IncidentMapping::default()).map(|t| t.value)
}

/// A REST page of one incident `Q`, created 1 March 2026 at P3, with
/// `fields` added, mapped by default.
fn pd_one(fields: Value) -> Result<Translation<Vec<Incident>>, Error> {
    let mut incident =
        json!({"id": "Q", "created_at": "2026-03-01T00:00:00Z", "priority": {"summary": "P3"}});
    for (key, value) in fields.as_object().unwrap() {
        incident[key] = value.clone();
    }
    let page = serde_json::to_vec(&json!({"incidents": [incident]})).unwrap();
    pagerduty::incidents(
        &pagerduty::read_page(&page).unwrap(),
        &IncidentMapping::default(),
    )
}

/// v3 `events` (a JSON list) mapped with `mapping`, with the report.
fn pd_list(events: &Value, mapping: &IncidentMapping) -> Translation<Vec<Incident>> {
    let events = pagerduty::read_events(&serde_json::to_vec(events).unwrap()).unwrap();
    pagerduty::incidents_from_events(&events, mapping).unwrap()
}

mod after_review {
    use super::*;

    /// Fail closed: an error answer, an empty document and an empty event
    /// list are refused by name, not read as a quiet month.
    #[test]
    fn nothing_is_not_a_quiet_month() {
        let error = pd_page(
            br#"{"error": {"message": "Unauthorized", "code": 2006}}"#,
            &IncidentMapping::default(),
        )
        .unwrap_err();
        assert_eq!(error.field(), Some("error"));
        assert_eq!(
            pd_page(b"{}", &IncidentMapping::default())
                .unwrap_err()
                .field(),
            Some("incidents")
        );
        let empty = incident_io::incidents(
            &incident_io::read(b"{}").unwrap(),
            &IncidentMapping::default(),
        )
        .unwrap_err();
        assert_eq!(empty.field(), Some("incidents"));
        assert!(pagerduty::incidents_from_events(&[], &IncidentMapping::default()).is_err());
        let more = pagerduty::incidents(
            &pagerduty::read_page(br#"{"incidents": [], "more": true}"#).unwrap(),
            &IncidentMapping::default(),
        )
        .unwrap();
        assert!(more.mapping.warnings[0].contains("more: true"));
    }

    /// IN-3: the first priority of an incident triggered by urgency alone
    /// replaces it, not an escalation; a null priority does not fall back to
    /// the urgency; a priority raised after resolution raises the severity.
    #[test]
    fn urgency_then_priority_in_3() {
        let lower = mk(&[
            ("incident.triggered", "10:00", None, "high"),
            ("incident.priority_updated", "10:05", Some("P3"), "high"),
        ])
        .unwrap();
        assert_eq!(
            (lower[0].severity, lower[0].escalated_at),
            (Severity::P3, None)
        );
        let higher = mk(&[
            ("incident.triggered", "10:00", None, "high"),
            ("incident.priority_updated", "10:05", Some("P1"), "high"),
        ])
        .unwrap();
        assert_eq!(
            (higher[0].severity, higher[0].escalated_at),
            (Severity::P1, None),
            "due at 11:00, not 11:05"
        );
        let cleared = mk(&[
            ("incident.triggered", "10:00", Some("P3"), "high"),
            ("incident.priority_updated", "10:05", None, "high"),
        ])
        .unwrap();
        assert_eq!(
            (cleared[0].severity, cleared[0].escalated_at),
            (Severity::P3, None)
        );
        let late = mk(&[
            ("incident.triggered", "10:00", Some("P3"), "high"),
            ("incident.resolved", "10:30", Some("P3"), "high"),
            ("incident.priority_updated", "11:00", Some("P1"), "high"),
        ])
        .unwrap();
        assert_eq!(
            (late[0].severity, late[0].escalated_at),
            (Severity::P1, None)
        );
        let escalated = mk(&[
            ("incident.triggered", "10:00", Some("P3"), "high"),
            ("incident.priority_updated", "10:40", Some("P2"), "high"),
        ])
        .unwrap();
        assert_eq!(escalated[0].escalated_at, Some(at("2026-02-16T10:40:00Z")));
    }

    /// Without triggered or priority_updated, the latest priority any event
    /// carries is the severity.
    #[test]
    fn a_priority_on_any_event() {
        let incidents = mk(&[
            ("incident.acknowledged", "10:01", Some("P2"), "high"),
            ("incident.resolved", "10:30", Some("P2"), "high"),
        ])
        .unwrap();
        assert_eq!(incidents[0].severity, Severity::P2);
    }

    /// IN-1: PagerDuty lists every custom field, the unset ones `null`: a
    /// null `customer_notified_at` does not erase the status update's
    /// notification; a custom field set and then cleared is forgotten.
    #[test]
    fn a_null_custom_field_erases_only_itself_in_1() {
        let field = |name: &str, value: Value| json!({"name": name, "value": value});
        let events = json!([
            {"event": {"event_type": "incident.triggered", "occurred_at": "2026-02-16T10:00:00Z",
                       "data": {"id": "Q1", "type": "incident", "priority": {"summary": "P1"}}}},
            {"event": {"event_type": "incident.status_update_published", "occurred_at": "2026-02-16T10:12:00Z",
                       "data": {"incident": {"id": "Q1"}, "type": "incident_status_update", "message": "…"}}},
            {"event": {"event_type": "incident.custom_field_values.updated", "occurred_at": "2026-02-16T10:15:00Z",
                       "data": {"incident": {"id": "Q1"}, "custom_fields": [
                           field("customer_notified_at", Value::Null), field("release", json!("v1.3.0"))]}}},
            {"event": {"event_type": "incident.custom_field_values.updated", "occurred_at": "2026-02-16T10:16:00Z",
                       "data": {"incident": {"id": "Q1"}, "custom_fields": [field("release", Value::Null)]}}}
        ]);
        let events = pagerduty::read_events(&serde_json::to_vec(&events).unwrap()).unwrap();
        let incident = &pagerduty::incidents_from_events(&events, &IncidentMapping::default())
            .unwrap()
            .value[0];
        assert_eq!(
            incident.customer_notified_at,
            Some(at("2026-02-16T10:12:00Z"))
        );
        assert_eq!(incident.release, None, "set, then cleared");
    }

    /// A bad event keeps its path and position.
    #[test]
    fn a_bad_event_is_named() {
        let err = pagerduty::read_events(
            br#"[{"event": {"event_type": "incident.triggered", "occurred_at": 5}}]"#,
        )
        .unwrap_err();
        assert_eq!(err.path.as_deref(), Some("[0].event.occurred_at"), "{err}");
    }

    /// SEV-P1-OUTAGE: Grafana's own no-data alert, which keeps the rule's
    /// labels, is no data; a truncated group is read with a warning.
    #[test]
    fn grafana_no_data_sev_p1_outage() {
        let bytes = one_alert(
            json!({"alertname": "DatasourceNoData", "incident_response_signal": "error_rate", "rulename": "ApiErrorRate"}),
            json!({}),
        );
        assert_eq!(alerts(&bytes).value.signals.error_rate, 1.0);
        let mut body: Value = serde_json::from_slice(&fixture("alertmanager_firing.json")).unwrap();
        body["truncatedAlerts"] = json!(3);
        let truncated = alerts(&serde_json::to_vec(&body).unwrap());
        assert!(truncated.mapping.warnings[0].contains("truncatedAlerts"));
        let nothing = alerts(&fixture("alertmanager_resolved.json"))
            .value
            .classifiable()
            .unwrap_err();
        assert!(
            nothing.to_string().contains("no signal mapped"),
            "{nothing}"
        );
    }

    /// A fact the incident cannot keep is reported ignored, not used; two
    /// facts named alike are refused.
    #[test]
    fn dropped_facts_are_ignored_and_names_unique() {
        let page = br#"{"incidents": [{"id": "Q", "created_at": "2026-03-01T00:00:00Z", "priority": {"summary": "P3"},
            "custom_fields": [{"name": "decision", "value": "rollback"}, {"name": "rollback_finished_at", "value": "2026-03-01T01:00:00Z"}]}]}"#;
        let translation = pagerduty::incidents(
            &pagerduty::read_page(page).unwrap(),
            &IncidentMapping::default(),
        )
        .unwrap();
        assert_eq!(translation.value[0].decision, None);
        assert_eq!(translation.value[0].rollback, None);
        for field in [
            "incidents[0].custom_fields[0].value",
            "incidents[0].custom_fields[1].value",
        ] {
            assert!(
                !translation.mapping.used.iter().any(|u| u.from == field),
                "{field} not used"
            );
            assert!(
                translation.mapping.ignored.iter().any(|i| i.field == field),
                "{field} ignored"
            );
        }
        let mut mapping = IncidentMapping::default();
        mapping.pagerduty_fields.insert(
            incident_response::adapters::mapping::IncidentField::Release,
            "root_cause".into(),
        );
        assert_eq!(
            mapping.validate().unwrap_err().field(),
            Some("pagerduty_fields")
        );
    }

    /// An incident still in triage without a severity is left out and
    /// counted, not a refusal of the whole list.
    #[test]
    fn triage_without_severity() {
        let document = br#"{"incidents": [{"id": "1", "reference": "INC-1", "created_at": "2026-03-01T00:00:00Z",
            "severity": null, "incident_status": {"category": "triage"}}]}"#;
        let translation = incident_io::incidents(
            &incident_io::read(document).unwrap(),
            &IncidentMapping::default(),
        )
        .unwrap();
        assert!(translation.value.is_empty());
        assert_eq!(
            translation.mapping.left_out[0].reason,
            "triage without a severity"
        );
    }
    /// A priority raised at the very moment of detection is the severity
    /// from the start, not an escalation.
    #[test]
    fn a_priority_raised_at_detection_is_no_escalation() {
        let incidents = mk(&[
            ("incident.triggered", "10:00", Some("P3"), "high"),
            ("incident.priority_updated", "10:00", Some("P2"), "high"),
        ])
        .unwrap();
        assert_eq!(
            (incidents[0].severity, incidents[0].escalated_at),
            (Severity::P2, None)
        );
    }

    /// The severity stays the most severe reached: a lowered priority
    /// neither lowers it nor is an escalation.
    #[test]
    fn a_lowered_priority_keeps_the_most_severe() {
        let incidents = mk(&[
            ("incident.triggered", "10:00", Some("P2"), "high"),
            ("incident.priority_updated", "10:10", Some("P3"), "high"),
        ])
        .unwrap();
        assert_eq!(
            (incidents[0].severity, incidents[0].escalated_at),
            (Severity::P2, None)
        );
    }

    /// The same priority set again after the resolution raises nothing:
    /// the escalation before the resolution stands.
    #[test]
    fn the_same_priority_after_resolution_keeps_the_escalation() {
        let incidents = mk(&[
            ("incident.triggered", "10:00", Some("P3"), "high"),
            ("incident.priority_updated", "10:10", Some("P2"), "high"),
            ("incident.resolved", "10:30", Some("P2"), "high"),
            ("incident.priority_updated", "11:00", Some("P2"), "high"),
        ])
        .unwrap();
        assert_eq!(
            (incidents[0].severity, incidents[0].escalated_at),
            (Severity::P2, Some(at("2026-02-16T10:10:00Z")))
        );
    }

    /// IN-1: a status update is the customer notification only when the
    /// mapping says so; otherwise it is ignored and the notification missing.
    #[test]
    fn a_status_update_notifies_customers_only_through_the_mapping_in_1() {
        let events = json!([
            {"event": {"event_type": "incident.triggered", "occurred_at": "2026-02-16T10:00:00Z",
                       "data": {"id": "Q1", "type": "incident", "priority": {"summary": "P1"}}}},
            {"event": {"event_type": "incident.status_update_published", "occurred_at": "2026-02-16T10:12:00Z",
                       "data": {"incident": {"id": "Q1"}, "type": "incident_status_update", "message": "…"}}}
        ]);
        let notified = pd_list(&events, &IncidentMapping::default());
        assert_eq!(
            notified.value[0].customer_notified_at,
            Some(at("2026-02-16T10:12:00Z"))
        );
        let mut mapping = IncidentMapping::default();
        mapping.status_update_notifies_customers = false;
        let silent = pd_list(&events, &mapping);
        assert_eq!(silent.value[0].customer_notified_at, None);
        assert!(
            silent
                .mapping
                .ignored
                .iter()
                .any(|i| i.field == "[1].event" && i.why.contains("changes no fact")),
            "{:#?}",
            silent.mapping.ignored
        );
        assert!(
            silent
                .mapping
                .missing
                .iter()
                .any(|m| m.starts_with("Q1: customer_notified_at"))
        );
    }

    /// Custom fields are read from custom_field_values.updated events only:
    /// another event's are reported ignored, not read.
    #[test]
    fn custom_fields_on_other_events_are_ignored() {
        let events = json!([
            {"event": {"event_type": "incident.triggered", "occurred_at": "2026-02-16T10:00:00Z",
                       "data": {"id": "Q1", "type": "incident", "priority": {"summary": "P3"},
                                "custom_fields": [{"name": "release", "value": "v1.3.0"}]}}}
        ]);
        let translation = pd_list(&events, &IncidentMapping::default());
        assert_eq!(translation.value[0].release, None);
        assert!(
            translation
                .mapping
                .ignored
                .iter()
                .any(|i| i.field == "[0].event.data.custom_fields"
                    && i.why == "read from incident.custom_field_values.updated events"),
            "{:#?}",
            translation.mapping.ignored
        );
    }

    /// Without triggered or priority_updated, the latest priority is
    /// reported used, and only it: an earlier event's stays ignored.
    #[test]
    fn the_latest_priority_is_used_the_earlier_ignored() {
        let event = |kind: &str, at: &str, priority: &str| {
            json!({"event": {"event_type": kind, "occurred_at": format!("2026-02-16T{at}:00Z"),
                "data": {"id": "Q1", "type": "incident", "created_at": "2026-02-16T10:00:00Z",
                         "priority": {"summary": priority}}}})
        };
        let events = json!([
            event("incident.acknowledged", "10:01", "P3"),
            event("incident.resolved", "10:30", "P2")
        ]);
        let translation = pd_list(&events, &IncidentMapping::default());
        assert_eq!(translation.value[0].severity, Severity::P2);
        let report = &translation.mapping;
        assert!(
            report
                .used
                .iter()
                .any(|u| u.from == "[1].event.data.priority.summary" && u.to == "severity")
        );
        assert!(
            !report
                .ignored
                .iter()
                .any(|i| i.field == "[1].event.data.priority")
        );
        assert!(
            report
                .ignored
                .iter()
                .any(|i| i.field == "[0].event.data.priority"),
            "{:#?}",
            report.ignored
        );
    }
}

mod incident_io_mapping {
    use super::*;

    /// Test and tutorial incidents, and declined, merged and canceled ones,
    /// are left out and counted; live ones are unresolved.
    #[test]
    fn every_status_category() {
        let translation = io("incident_io_categories.json");
        let left: Vec<(String, u64)> = translation
            .mapping
            .left_out
            .iter()
            .map(|l| (l.reason.clone(), l.count))
            .collect();
        for reason in [
            "mode test",
            "mode tutorial",
            "status declined",
            "status merged",
            "status canceled",
        ] {
            assert!(left.contains(&(reason.to_owned(), 1)), "{reason}: {left:?}");
        }
        assert_eq!(
            translation.value.len(),
            5,
            "triage, live, learning, closed, paused"
        );
        let resolved = translation
            .value
            .iter()
            .filter(|i| i.resolved_at.is_some())
            .count();
        assert_eq!(resolved, 2, "learning and closed");
    }
    /// The report says the incident's `id` is used only when the incident
    /// has one: beside a reference, to match follow-ups; alone, as the id.
    #[test]
    fn the_id_is_reported_used_only_when_present() {
        let read = |extra: Value| {
            let mut incident =
                json!({"created_at": "2026-03-01T00:00:00Z", "severity": {"name": "Minor"}});
            for (key, value) in extra.as_object().unwrap() {
                incident[key] = value.clone();
            }
            let document = serde_json::to_vec(&json!({"incidents": [incident]})).unwrap();
            let translation = incident_io::incidents(
                &incident_io::read(&document).unwrap(),
                &IncidentMapping::default(),
            )
            .unwrap();
            let id_used: Vec<String> = translation
                .mapping
                .used
                .iter()
                .filter(|u| u.from == "incidents[0].id")
                .map(|u| u.to.clone())
                .collect();
            (translation.value[0].id.clone(), id_used)
        };
        assert_eq!(
            read(json!({"reference": "INC-7"})),
            ("INC-7".into(), Vec::<String>::new())
        );
        assert_eq!(
            read(json!({"reference": "INC-7", "id": "01H"})),
            ("INC-7".into(), vec!["(matches follow-ups)".to_owned()])
        );
        assert_eq!(
            read(json!({"id": "01H"})),
            ("01H".into(), vec!["id".to_owned()])
        );
    }
}

/// The mapping report of every fixture, for people who audit it.
#[test]
fn snapshots_of_every_fixture() {
    for name in [
        "alertmanager_firing",
        "alertmanager_resolved",
        "alertmanager_target_down",
        "grafana_firing",
    ] {
        let translation = alerts(&fixture(&format!("{name}.json")));
        insta::assert_json_snapshot!(name, translation);
    }
    for name in ["pagerduty_rest_page"] {
        let page = pagerduty::read_page(&fixture(&format!("{name}.json"))).unwrap();
        insta::assert_json_snapshot!(
            name,
            pagerduty::incidents(&page, &IncidentMapping::default()).unwrap()
        );
    }
    for name in ["pagerduty_events_2026_02_16", "pagerduty_events_reopen"] {
        insta::assert_json_snapshot!(name, pd_events(&format!("{name}.json")));
    }
    for name in ["incident_io_2026_02_16", "incident_io_categories"] {
        insta::assert_json_snapshot!(name, io(&format!("{name}.json")));
    }
    insta::assert_snapshot!(
        "alertmanager_firing_text",
        alerts(&fixture("alertmanager_firing.json"))
            .mapping
            .to_string()
    );
}

/// The defaults `docs/integrations.md` prints are the defaults.
#[test]
fn the_documented_defaults_are_the_defaults() {
    let doc = include_str!("../docs/integrations.md");
    let blocks: Vec<&str> = doc
        .split("```json\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let alert: AlertMapping = serde_json::from_str(blocks[0]).unwrap();
    assert_eq!(alert, AlertMapping::default());
    let incident: IncidentMapping = serde_json::from_str(blocks[1]).unwrap();
    assert_eq!(incident, IncidentMapping::default());
}

/// The report accounts for exactly what it lists: each field used or
/// ignored, and the fields within a field ignored whole; never a field it
/// does not name.
#[test]
fn a_report_accounts_for_what_it_lists_and_nothing_else() {
    let report = alerts(&fixture("alertmanager_firing.json")).mapping;
    assert!(!report.used.is_empty() && !report.ignored.is_empty());
    for used in &report.used {
        assert!(report.accounts_for(&used.from), "{}", used.from);
    }
    for ignored in &report.ignored {
        assert!(report.accounts_for(&ignored.field), "{}", ignored.field);
        assert!(report.accounts_for(&format!("{}.inner", ignored.field)));
    }
    for unknown in [
        "no_such_field",
        "alerts[0].labels.no_such_label",
        "alerts[99]",
    ] {
        assert!(!report.accounts_for(unknown), "{unknown}");
    }
}

/// Every key of `value` (an object) is accounted for by `report` at `at`;
/// a `null` is not stated, as everywhere in the crate, and reads as absent.
fn accounted(report: &MappingReport, at: &str, value: &Value) -> Result<(), String> {
    let Some(object) = value.as_object() else {
        return Ok(());
    };
    for (key, _) in object.iter().filter(|(_, v)| !v.is_null()) {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        if !report.accounts_for(&path) {
            return Err(format!("{path} is neither used nor ignored"));
        }
    }
    Ok(())
}

/// JSON made of the formats' own field names, so that documents often
/// deserialize.
fn foreign_json() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "version",
        "status",
        "alerts",
        "labels",
        "annotations",
        "startsAt",
        "endsAt",
        "values",
        "alertname",
        "incident_response_signal",
        "value",
        "severity",
        "incidents",
        "incident",
        "id",
        "title",
        "created_at",
        "resolved_at",
        "priority",
        "summary",
        "urgency",
        "custom_fields",
        "name",
        "event",
        "event_type",
        "occurred_at",
        "data",
        "type",
        "reference",
        "mode",
        "incident_status",
        "category",
        "incident_timestamp_values",
        "incident_timestamp",
        "custom_field_entries",
        "values",
        "value_text",
        "follow_ups",
        "incident_id",
        "html_url",
        "permalink",
        "extra",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-2.0f64..2.0).prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "firing",
            "resolved",
            "error_rate",
            "no_data",
            "latency_seconds",
            "0.2",
            "NaN",
            "4",
            "P1",
            "P5",
            "high",
            "low",
            "2026-02-16T10:00:00Z",
            "0001-01-01T00:00:00Z",
            "2026-02-16T09:00:00Z",
            "incident.triggered",
            "incident.resolved",
            "incident.reopened",
            "incident.priority_updated",
            "incident",
            "Critical",
            "test",
            "closed",
            "live",
            "Resolved",
            "impact_started_at",
            "decision",
            "rollback",
            "TargetDown",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone().prop_map(str::to_owned), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Webhooks of the documented shape: alerts with labels from the
/// mapping's vocabulary and others, values good and bad, both statuses.
fn webhook_json() -> impl Strategy<Value = Value> {
    let label = prop::sample::select(vec![
        ("incident_response_signal", "error_rate"),
        ("incident_response_signal", "latency_seconds"),
        ("incident_response_signal", "latency_ms"),
        ("incident_response_signal", "no_data"),
        ("incident_response_signal", "data_loss"),
        ("incident_response_signal", "critical_feature_broken"),
        ("alertname", "TargetDown"),
        ("alertname", "HighErrorRate"),
        ("severity", "critical"),
        ("service", "api"),
    ]);
    let annotation = prop::sample::select(vec![
        ("value", "0.12"),
        ("value", "0.001"),
        ("value", "2.4"),
        ("value", "6000"),
        ("summary", "it is bad"),
    ]);
    let alert = (
        prop::collection::btree_map(
            label.prop_map(|(k, v)| (k.to_owned(), v.to_owned())),
            Just(()),
            0..4,
        ),
        prop::collection::vec(annotation, 0..3),
        prop::sample::select(vec![Some("firing"), Some("resolved"), None]),
        any::<bool>(),
    )
        .prop_map(|(labels, annotations, status, zero_end)| {
            let labels: serde_json::Map<String, Value> = labels
                .into_keys()
                .map(|(k, v)| (k, Value::String(v)))
                .collect();
            let annotations: serde_json::Map<String, Value> = annotations
                .into_iter()
                .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
                .collect();
            let mut alert = json!({
                "labels": labels, "annotations": annotations,
                "startsAt": "2026-02-16T10:00:00Z",
                "endsAt": if zero_end { "0001-01-01T00:00:00Z" } else { "2026-02-16T10:30:00Z" },
                "fingerprint": "f",
            });
            if let Some(status) = status {
                alert["status"] = json!(status);
            }
            alert
        });
    prop::collection::vec(alert, 0..5).prop_map(
        |alerts| json!({"version": "4", "status": "firing", "receiver": "r", "alerts": alerts}),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Any webhook of the documented shape maps or is refused by name; a
    /// translation always classifies, and its report accounts for every
    /// field of every alert; one per alert agrees with the group: the group
    /// is the worst of its alerts.
    #[test]
    fn alertmanager_accounts_for_every_field(value in webhook_json()) {
        let webhook = alertmanager::read(&serde_json::to_vec(&value).unwrap()).unwrap();
        match alertmanager::signals(&webhook, &AlertMapping::default()) {
            Ok(translation) => {
                let group = incident_response::classify(&translation.value.signals).unwrap().severity();
                accounted(&translation.mapping, "", &value).map_err(TestCaseError::fail)?;
                for (i, alert) in value["alerts"].as_array().unwrap().iter().enumerate() {
                    accounted(&translation.mapping, &format!("alerts[{i}]"), alert).map_err(TestCaseError::fail)?;
                }
                let each = alertmanager::signals_per_alert(&webhook, &AlertMapping::default()).unwrap();
                let worst = each
                    .iter()
                    .map(|t| incident_response::classify(&t.value.signals).unwrap().severity())
                    .max()
                    .unwrap_or(Severity::P4);
                prop_assert_eq!(group, worst);
            }
            Err(error) => prop_assert!(matches!(error, Error::Unmappable { .. }), "{}", error),
        }
    }

    /// Any Alertmanager webhook that deserializes maps without a panic; a
    /// translation always classifies; the report accounts for every field
    /// of the group and of each alert.
    #[test]
    fn alertmanager_is_total(value in foreign_json()) {
        let bytes = serde_json::to_vec(&value).unwrap();
        if let Ok(webhook) = alertmanager::read(&bytes)
            && let Ok(translation) = alertmanager::signals(&webhook, &AlertMapping::default())
        {
            prop_assert!(incident_response::classify(&translation.value.signals).is_ok());
            accounted(&translation.mapping, "", &value).map_err(TestCaseError::fail)?;
            for (i, alert) in value["alerts"].as_array().into_iter().flatten().enumerate() {
                accounted(&translation.mapping, &format!("alerts[{i}]"), alert).map_err(TestCaseError::fail)?;
            }
        }
    }

    /// Any PagerDuty page or event list, and any incident.io document, that
    /// deserializes maps without a panic; every incident has a valid
    /// timeline; the report accounts for every field of each incident.
    #[test]
    fn trackers_are_total(value in foreign_json()) {
        let bytes = serde_json::to_vec(&value).unwrap();
        let mapping = IncidentMapping::default();
        if let Ok(page) = pagerduty::read_page(&bytes)
            && let Ok(translation) = pagerduty::incidents(&page, &mapping)
        {
            for incident in &translation.value {
                prop_assert!(incident.validate().is_ok());
            }
            accounted(&translation.mapping, "", &value).map_err(TestCaseError::fail)?;
            for (i, incident) in value["incidents"].as_array().into_iter().flatten().enumerate() {
                accounted(&translation.mapping, &format!("incidents[{i}]"), incident).map_err(TestCaseError::fail)?;
            }
        }
        if let Ok(events) = pagerduty::read_events(&bytes)
            && let Ok(translation) = pagerduty::incidents_from_events(&events, &mapping)
        {
            for incident in &translation.value {
                prop_assert!(incident.validate().is_ok());
            }
        }
        if let Ok(document) = incident_io::read(&bytes)
            && let Ok(translation) = incident_io::incidents(&document, &mapping)
        {
            for incident in &translation.value {
                prop_assert!(incident.validate().is_ok());
            }
            accounted(&translation.mapping, "", &value).map_err(TestCaseError::fail)?;
        }
    }
}
