//! incident.io (API v2) to [`Incident`]s, for the obligations of §1 and
//! §5, the post-mortem and the monthly report of §6.
//!
//! The document is what the API answers, its parts joined with `jq -s
//! add` if need be: `{"incident": {...}}` (`GET /v2/incidents/{id}`) or
//! `{"incidents": [...]}` (`GET /v2/incidents`), with the incidents'
//! follow-ups beside them (`{"follow_ups": [...]}`, `GET /v2/follow_ups`).
//!
//! | incident.io | `Incident` |
//! |---|---|
//! | `reference` (`INC-123`; else `id`) | `id` |
//! | `name` | `title` |
//! | `permalink` | `source` |
//! | `severity.name`, through the mapping's `severities` (`Critical` → P1, `Major` → P2, `Minor` → P3 by default) | `severity` |
//! | the timestamp "Reported" (else `created_at`) | `detected_at` |
//! | `incident_status.category` `learning` or `closed`, with the timestamp "Resolved" | `resolved_at` |
//! | timestamps "Impact started", "Accepted", "Decision made", "Fixed", "Customers notified", "Rollback started", "Rollback finished", "Post-incident review" | `started_at`, `declared_at`, `decision.at`, `restored_at`, `customer_notified_at`, `rollback`, `post_mortem.held_at` |
//! | custom fields "Decision", "Root cause", "Release", "Rollback succeeded", "Customer impacting" | `decision.outcome`, `root_cause`, `release`, `rollback.succeeded`, `customer_impacting` |
//! | follow-ups of the incident, `outstanding` or `completed` | `post_mortem.action_items` |
//!
//! Names are matched without regard to case or a trailing " at"
//! ("Resolved at" is "Resolved"), and every one is the mapping's
//! `incident_io_fields`. Left out, and counted in the report: incidents
//! of `mode` `test` or `tutorial`, and those `declined`, `merged` or
//! `canceled`, which were never incidents. An incident in `triage`, `live`
//! or `paused` is unresolved, whatever its timestamps. `duration_metrics`
//! are ignored: the crate computes every duration from the timestamps.
//!
//! ```
//! use incident_response::adapters::{incident_io, mapping::IncidentMapping};
//!
//! let document = br#"{"incident": {"id": "01H", "reference": "INC-7", "mode": "standard",
//!   "created_at": "2026-03-02T09:00:00Z", "severity": {"name": "Major"},
//!   "incident_status": {"category": "live"}}}"#;
//! let document = incident_io::read(document)?;
//! let translation = incident_io::incidents(&document, &IncidentMapping::default())?;
//! assert_eq!(translation.value[0].severity, incident_response::Severity::P2);
//! assert_eq!(translation.value[0].resolved_at, None, "live is unresolved");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::adapters::mapping::{IncidentField, IncidentMapping};
use crate::adapters::record::{self, Facts, Record, horizon_name};
use crate::adapters::{
    Format, MappingReport, Rest, Translation, read_foreign, timestamp, unmappable,
};
use crate::error::Error;
use crate::incident::{ActionItem, Incident};
use crate::rule::RuleId;

/// An API answer: one incident, a list, and their follow-ups.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// One incident (`GET /v2/incidents/{id}`).
    #[serde(default)]
    pub incident: Option<IoIncident>,
    /// A list of incidents (`GET /v2/incidents`).
    #[serde(default)]
    pub incidents: Option<Vec<IoIncident>>,
    /// Follow-ups, matched to their incident by `incident_id`.
    #[serde(default)]
    pub follow_ups: Option<Vec<FollowUp>>,
    /// Every other field (`pagination_meta`).
    #[serde(flatten)]
    rest: Rest,
}

/// An incident of the API v2.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct IoIncident {
    /// Its id: `01FDAG4SAP5TYPT98WGR2N7W91`.
    #[serde(default)]
    pub id: Option<String>,
    /// Its reference: `INC-123`.
    #[serde(default)]
    pub reference: Option<String>,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its page.
    #[serde(default)]
    pub permalink: Option<String>,
    /// `standard`, `retrospective`, `test` or `tutorial`.
    #[serde(default)]
    pub mode: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Its severity.
    #[serde(default)]
    pub severity: Option<Named>,
    /// Its status, with its category.
    #[serde(default)]
    pub incident_status: Option<Status>,
    /// Its timestamps, by name.
    #[serde(default)]
    pub incident_timestamp_values: Option<Vec<TimestampValue>>,
    /// Its custom fields, by name.
    #[serde(default)]
    pub custom_field_entries: Option<Vec<CustomFieldEntry>>,
    /// Every other field (`summary`, `duration_metrics`, `incident_type`).
    #[serde(flatten)]
    rest: Rest,
}

/// Something incident.io names: a severity, a timestamp, a custom field.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Named {
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Every other field (`id`, `rank`, `description`).
    #[serde(flatten)]
    rest: Rest,
}

/// An incident's status.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Status {
    /// `triage`, `declined`, `merged`, `canceled`, `live`, `learning`,
    /// `closed` or `paused`.
    #[serde(default)]
    pub category: Option<String>,
    /// Every other field (`name`, `id`).
    #[serde(flatten)]
    rest: Rest,
}

/// A timestamp's value.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct TimestampValue {
    /// Which timestamp.
    #[serde(default)]
    pub incident_timestamp: Option<Named>,
    /// Its value, if set.
    #[serde(default)]
    pub value: Option<Value>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// A timestamp's value: `{"value": "2021-08-17T13:28:57.801578Z"}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Value {
    /// The moment, RFC 3339.
    #[serde(default)]
    pub value: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// A custom field's entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct CustomFieldEntry {
    /// Which field.
    #[serde(default)]
    pub custom_field: Option<Named>,
    /// Its values.
    #[serde(default)]
    pub values: Vec<FieldValue>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// One value of a custom field.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct FieldValue {
    /// A text field's value.
    #[serde(default)]
    pub value_text: Option<String>,
    /// A select field's option.
    #[serde(default)]
    pub value_option: Option<OptionValue>,
    /// Every other field (`value_numeric`, `value_link`).
    #[serde(flatten)]
    rest: Rest,
}

/// A select field's option.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct OptionValue {
    /// Its value: "Rollback".
    #[serde(default)]
    pub value: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// A follow-up: an action item.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct FollowUp {
    /// The incident it follows (its `id`).
    #[serde(default)]
    pub incident_id: Option<String>,
    /// Its title.
    #[serde(default)]
    pub title: Option<String>,
    /// `outstanding`, `completed`, `deleted` or `not_doing`.
    #[serde(default)]
    pub status: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// Reads an API answer.
///
/// # Errors
///
/// [`JsonError`](crate::json::JsonError) where it is not what the API
/// documents.
pub fn read(bytes: &[u8]) -> Result<Document, crate::json::JsonError> {
    read_foreign(bytes)
}

/// The incidents of a document, in its order, test, tutorial, declined,
/// merged and canceled ones left out and counted.
///
/// # Errors
///
/// [`Error::Unmappable`] for an incident without id, creation time or a
/// severity the mapping maps, a custom field that is not what its fact
/// needs; [`Error::InvalidIncident`] for a timeline out of order.
pub fn incidents(
    document: &Document,
    mapping: &IncidentMapping,
) -> Result<Translation<Vec<Incident>>, Error> {
    mapping.validate()?;
    if document.incident.is_none() && document.incidents.is_none() {
        return Err(unmappable(
            "incidents",
            "(absent)",
            "is required: a list of incidents (`{\"incidents\": [...]}`) or one (`{\"incident\": {...}}`)",
            None,
        ));
    }
    let mut report = MappingReport::new(Format::IncidentIo);
    report.ignore_rest("", &document.rest);
    for (present, key) in [
        (document.incidents.is_some(), "incidents"),
        (document.incident.is_some(), "incident"),
        (document.follow_ups.is_some(), "follow_ups"),
    ] {
        if present {
            report.used(key, "(the incidents and their follow-ups)");
        }
    }
    let mut incidents = Vec::new();
    let all = document
        .incident
        .iter()
        .map(|one| ("incident".to_owned(), one))
        .chain(
            document
                .incidents
                .iter()
                .flatten()
                .enumerate()
                .map(|(i, each)| (format!("incidents[{i}]"), each)),
        );
    let mut follow_ups_read = vec![false; document.follow_ups.as_ref().map_or(0, Vec::len)];
    // Each incident's follow-ups, by its id: one pass over them.
    let mut by_incident: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, follow_up) in document.follow_ups.iter().flatten().enumerate() {
        if let Some(incident_id) = follow_up.incident_id.as_deref() {
            by_incident.entry(incident_id).or_default().push(i);
        }
    }
    for (at, incident) in all {
        if let Some(incident) = translate(
            &at,
            incident,
            document,
            &by_incident,
            &mut follow_ups_read,
            mapping,
            &mut report,
        )? {
            incidents.push(incident);
        }
    }
    for (i, read) in follow_ups_read.iter().enumerate() {
        if !read {
            report.ignored(format!("follow_ups[{i}]"), "follows no incident translated");
        }
    }
    Ok(Translation {
        value: incidents,
        mapping: report,
    })
}

/// Names as incident.io shows them and as the mapping names them, alike:
/// "Resolved at" is "resolved".
fn same_name(a: &str, b: &str) -> bool {
    let plain = |s: &str| {
        let lower = s.trim().to_lowercase();
        lower
            .strip_suffix(" at")
            .map(str::to_owned)
            .unwrap_or(lower)
    };
    plain(a) == plain(b)
}

fn field_named(mapping: &IncidentMapping, name: &str) -> Option<IncidentField> {
    mapping
        .incident_io_fields
        .iter()
        .find(|(_, wanted)| same_name(wanted, name))
        .map(|(field, _)| *field)
}

#[allow(
    clippy::too_many_arguments,
    reason = "an incident, the document around it and the report"
)]
fn translate(
    at: &str,
    incident: &IoIncident,
    document: &Document,
    by_incident: &BTreeMap<&str, Vec<usize>>,
    follow_ups_read: &mut [bool],
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Result<Option<Incident>, Error> {
    let (id_field, id) = match (&incident.reference, &incident.id) {
        (Some(reference), _) => ("reference", reference.clone()),
        (None, Some(id)) => ("id", id.clone()),
        (None, None) => {
            return Err(unmappable(
                format!("{at}.reference"),
                "(absent)",
                "is required, or `id`: it is the incident's `id`",
                None,
            ));
        }
    };
    if let Some(mode) = &incident.mode {
        report.used(
            format!("{at}.mode"),
            "(test and tutorial incidents left out)",
        );
        if mode == "test" || mode == "tutorial" {
            report.ignored(at.to_owned(), format!("mode `{mode}`: not a real incident"));
            report.left_out(&format!("mode {mode}"), id);
            return Ok(None);
        }
    }
    let category = incident
        .incident_status
        .as_ref()
        .and_then(|s| s.category.clone());
    if let Some(status) = &incident.incident_status {
        report.ignore_rest(&format!("{at}.incident_status"), &status.rest);
    }
    if let Some(category) = &category {
        report.used(
            format!("{at}.incident_status.category"),
            "(resolved when learning or closed)",
        );
        if matches!(category.as_str(), "declined" | "merged" | "canceled") {
            report.ignored(
                at.to_owned(),
                format!("status `{category}`: never an incident"),
            );
            report.left_out(&format!("status {category}"), id);
            return Ok(None);
        }
    }
    if category.as_deref() == Some("triage")
        && incident
            .severity
            .as_ref()
            .and_then(|s| s.name.as_ref())
            .is_none()
    {
        report.ignored(
            at.to_owned(),
            "in triage without a severity: not yet an incident",
        );
        report.left_out("triage without a severity", id);
        return Ok(None);
    }
    report.ignore_rest(at, &incident.rest);
    report.used(format!("{at}.{id_field}"), "id");
    if id_field == "reference" && incident.id.is_some() {
        report.used(format!("{at}.id"), "(matches follow-ups)");
    }
    let severity = severity_of(at, incident, mapping, report)?;
    let created = incident.created_at.as_deref().ok_or_else(|| {
        unmappable(
            format!("{at}.created_at"),
            "(absent)",
            "is required: the detection time, unless a \"Reported\" timestamp says it",
            None,
        )
    })?;
    let created_at = timestamp(&format!("{at}.created_at"), created)?;
    let mut facts = Facts::default();
    timestamps(at, incident, mapping, &mut facts, report)?;
    custom_fields(at, incident, mapping, &mut facts, report)?;
    if facts.has(IncidentField::DetectedAt) {
        report.ignored(
            format!("{at}.created_at"),
            "the \"Reported\" timestamp is the detection",
        );
    } else {
        report.used(format!("{at}.created_at"), "detected_at");
        report.assumed(format!(
            "{id}: no \"Reported\" timestamp: detected when created"
        ));
    }
    let resolved = matches!(category.as_deref(), Some("learning" | "closed"));
    if !resolved && let Some(undone) = facts.forget(IncidentField::ResolvedAt) {
        report.assumed(format!(
            "{id}: status `{}` is unresolved: its Resolved timestamp, {}, is not read",
            category.as_deref().unwrap_or("(none)"),
            crate::text::Timestamp(undone)
        ));
    }
    if resolved && !facts.has(IncidentField::ResolvedAt) {
        report.warn(format!(
            "{id}: status `{}` but no \"Resolved\" timestamp: read as unresolved",
            category.as_deref().unwrap_or("")
        ));
    }
    follow_ups(
        &id,
        incident.id.as_deref(),
        document,
        by_incident,
        follow_ups_read,
        mapping,
        &mut facts,
        report,
    );
    let record = Record {
        id,
        severity,
        detected_at: created_at,
        escalated_at: None,
        title: incident
            .name
            .clone()
            .inspect(|_| report.used(format!("{at}.name"), "title")),
        source: incident
            .permalink
            .clone()
            .inspect(|_| report.used(format!("{at}.permalink"), "source")),
    };
    report.missing(format!(
        "{}: escalated_at: incident.io's incident holds no severity history",
        record.id
    ));
    record::incident(record, facts, mapping, report).map(Some)
}

fn severity_of(
    at: &str,
    incident: &IoIncident,
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Result<crate::Severity, Error> {
    let field = format!("{at}.severity.name");
    let Some(severity) = &incident.severity else {
        return Err(unmappable(
            format!("{at}.severity"),
            "(absent)",
            "is required: every SLA needs a severity",
            Some(RuleId::In3),
        ));
    };
    report.ignore_rest(&format!("{at}.severity"), &severity.rest);
    let name = severity.name.as_deref().unwrap_or("");
    let mapped = mapping.severities.get(name).copied().ok_or_else(|| {
        let names: Vec<&str> = mapping.severities.keys().map(String::as_str).collect();
        unmappable(
            field.clone(),
            name,
            format!(
                "is not in the mapping's severities ({}): every SLA needs a severity",
                names.join(", ")
            ),
            Some(RuleId::In3),
        )
    })?;
    report.used(field, "severity");
    Ok(mapped)
}

fn timestamps(
    at: &str,
    incident: &IoIncident,
    mapping: &IncidentMapping,
    facts: &mut Facts,
    report: &mut MappingReport,
) -> Result<(), Error> {
    for (i, entry) in incident
        .incident_timestamp_values
        .iter()
        .flatten()
        .enumerate()
    {
        let here = format!("{at}.incident_timestamp_values[{i}]");
        report.ignore_rest(&here, &entry.rest);
        let name = entry
            .incident_timestamp
            .as_ref()
            .and_then(|t| t.name.as_deref())
            .unwrap_or("");
        if let Some(named) = &entry.incident_timestamp {
            report.ignore_rest(&format!("{here}.incident_timestamp"), &named.rest);
        }
        let field = field_named(mapping, name).filter(|f| f.is_time());
        let value = entry.value.as_ref().and_then(|v| v.value.as_deref());
        match (field, value) {
            (Some(field), Some(text)) => {
                report.used(
                    format!("{here}.incident_timestamp.name"),
                    format!("(names {})", field.incident_field()),
                );
                if let Some(v) = &entry.value {
                    report.ignore_rest(&format!("{here}.value"), &v.rest);
                }
                facts.time(
                    field,
                    &format!("{here}.value.value"),
                    timestamp(&format!("{here}.value.value"), text)?,
                );
            }
            (Some(_), None) => report.ignored(here, format!("timestamp \"{name}\" is not set")),
            (None, _) => report.ignored(
                here,
                format!("timestamp \"{name}\" is not in the mapping's incident_io_fields"),
            ),
        }
    }
    Ok(())
}

fn custom_fields(
    at: &str,
    incident: &IoIncident,
    mapping: &IncidentMapping,
    facts: &mut Facts,
    report: &mut MappingReport,
) -> Result<(), Error> {
    for (i, entry) in incident.custom_field_entries.iter().flatten().enumerate() {
        let here = format!("{at}.custom_field_entries[{i}]");
        report.ignore_rest(&here, &entry.rest);
        let name = entry
            .custom_field
            .as_ref()
            .and_then(|f| f.name.as_deref())
            .unwrap_or("");
        if let Some(named) = &entry.custom_field {
            report.ignore_rest(&format!("{here}.custom_field"), &named.rest);
        }
        let Some(field) = field_named(mapping, name).filter(|f| !f.is_time()) else {
            report.ignored(
                here,
                format!("custom field \"{name}\" is not in the mapping's incident_io_fields"),
            );
            continue;
        };
        report.used(
            format!("{here}.custom_field.name"),
            format!("(names {})", field.incident_field()),
        );
        let Some(first) = entry.values.first() else {
            report.ignored(format!("{here}.values"), "no value");
            continue;
        };
        let here = format!("{here}.values[0]");
        report.ignore_rest(&here, &first.rest);
        let (from, text) = match (&first.value_option, &first.value_text) {
            (Some(option), _) => {
                report.ignore_rest(&format!("{here}.value_option"), &option.rest);
                (format!("{here}.value_option.value"), option.value.clone())
            }
            (None, text) => (format!("{here}.value_text"), text.clone()),
        };
        if let Some(text) = text {
            facts.read(field, &from, &serde_json::Value::String(text), None)?;
        }
        for (j, _) in entry.values.iter().enumerate().skip(1) {
            report.ignored(
                format!("{at}.custom_field_entries[{i}].values[{j}]"),
                "only the first value is read",
            );
        }
    }
    Ok(())
}

#[allow(
    clippy::too_many_arguments,
    reason = "an incident, its follow-ups and where they go"
)]
fn follow_ups(
    id: &str,
    incident_id: Option<&str>,
    document: &Document,
    by_incident: &BTreeMap<&str, Vec<usize>>,
    read: &mut [bool],
    mapping: &IncidentMapping,
    facts: &mut Facts,
    report: &mut MappingReport,
) {
    let Some(incident_id) = incident_id else {
        return;
    };
    let follow_ups = document.follow_ups.as_deref().unwrap_or_default();
    let mut any = false;
    for &i in by_incident.get(incident_id).into_iter().flatten() {
        let Some(follow_up) = follow_ups.get(i) else {
            continue;
        };
        if let Some(read) = read.get_mut(i) {
            *read = true;
        }
        let at = format!("follow_ups[{i}]");
        report.ignore_rest(&at, &follow_up.rest);
        report.used(format!("{at}.incident_id"), format!("(follows {id})"));
        let done = match follow_up.status.as_deref() {
            Some("completed") => true,
            Some("outstanding") | None => false,
            Some(other) => {
                report.ignored(at, format!("status `{other}`: not an action item"));
                continue;
            }
        };
        if follow_up.status.is_some() {
            report.used(format!("{at}.status"), "post_mortem.action_items[].done");
        }
        let Some(title) = follow_up.title.clone().filter(|t| !t.trim().is_empty()) else {
            report.ignored(at, "a follow-up without a title is no action item");
            continue;
        };
        any = true;
        facts.item(
            &format!("{at}.title"),
            ActionItem::new(title, mapping.action_item_horizon).with_done(done),
        );
    }
    if any {
        report.assumed(format!(
            "{id}: each follow-up's horizon is `{}` (incident.io has none)",
            horizon_name(mapping)
        ));
    }
}
