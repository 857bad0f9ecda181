//! PagerDuty to [`Incident`]s, for the obligations of §1 and §5, the
//! post-mortem and the monthly report of §6: from a REST API v2
//! `GET /incidents` page (to backfill a month) or from webhook v3 events
//! (to follow one incident as it happens).
//!
//! What each PagerDuty field becomes:
//!
//! | PagerDuty | `Incident` |
//! |---|---|
//! | `id` | `id` |
//! | `title` | `title` |
//! | `html_url` | `source` |
//! | `priority.summary`, through the mapping's `priorities` (P5 → P4 by default) | `severity` |
//! | `urgency`, when there is no priority, through `urgencies` (`high` → P2, `low` → P4 by default; an empty map refuses by name) | `severity` |
//! | `created_at` (REST), `incident.triggered`'s `occurred_at` (events) | `detected_at` |
//! | `resolved_at` (REST), `incident.resolved`'s `occurred_at` (events; a v3 payload has no `resolved_at`) | `resolved_at` |
//! | `incident.acknowledged` (the first) | `declared_at` |
//! | `incident.priority_updated` to a more severe priority | `severity`, `escalated_at` |
//! | `incident.reopened` | undoes `resolved_at` |
//! | `incident.status_update_published` (the first, unless the mapping says otherwise) | `customer_notified_at` |
//! | custom fields (`incident.custom_field_values.updated`; on a REST page, a `custom_fields` array per incident) named in `pagerduty_fields` | `started_at`, `decision`, `restored_at`, `rollback`, `release`, `root_cause`, `post_mortem`, … |
//!
//! PagerDuty records no impact start, no decision, no restoration and no
//! post-mortem of its own: the custom fields carry them (a REST page lists
//! none, so a backfill attaches each incident's
//! `GET /incidents/{id}/custom_fields/values` as `custom_fields`). What
//! none gives is reported missing: without `impact_started_at`, there is
//! no time to detect, and MTTR counts from detection.
//!
//! `incident.escalated` (to another responder) and `incident.annotated` (a
//! note, free text) change no fact of the standard and are reported as
//! ignored.
//!
//! ```
//! use incident_response::adapters::{mapping::IncidentMapping, pagerduty};
//!
//! let page = br#"{"incidents": [{"id": "Q1", "title": "API down",
//!   "created_at": "2026-01-16T10:00:00Z", "resolved_at": "2026-01-16T10:20:00Z",
//!   "status": "resolved", "priority": {"summary": "P5"}, "urgency": "low"}]}"#;
//! let page = pagerduty::read_page(page)?;
//! let translation = pagerduty::incidents(&page, &IncidentMapping::default())?;
//! assert_eq!(translation.value[0].severity, incident_response::Severity::P4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::adapters::mapping::{IncidentField, IncidentMapping};
use crate::adapters::record::{self, Facts, Record};
use crate::adapters::{
    Format, MappingReport, Rest, Translation, read_foreign, timestamp, unmappable,
};
use crate::error::Error;
use crate::incident::Incident;
use crate::rule::RuleId;
use crate::severity::level::Severity;
use crate::text::Timestamp;

/// A `GET /incidents` page (`{"incidents": [...], "more": …}`), or a
/// `GET /incidents/{id}` answer (`{"incident": {...}}`).
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Page {
    /// The page's incidents.
    #[serde(default)]
    pub incidents: Option<Vec<RestIncident>>,
    /// One incident.
    #[serde(default)]
    pub incident: Option<RestIncident>,
    /// Whether more pages follow.
    #[serde(default)]
    pub more: Option<bool>,
    /// PagerDuty's error answer (`{"error": {"message", "code"}}`), which is
    /// refused by name.
    #[serde(default)]
    pub error: Option<serde_json::Value>,
    /// Every other field (`limit`, `offset`, `total`).
    #[serde(flatten)]
    rest: Rest,
}

/// An incident of the REST API v2.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct RestIncident {
    /// Its id: `PT4KHLK`.
    #[serde(default)]
    pub id: Option<String>,
    /// Its title.
    #[serde(default)]
    pub title: Option<String>,
    /// Its page: kept as the incident's `source`.
    #[serde(default)]
    pub html_url: Option<String>,
    /// When it was created: the detection time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// When it was resolved.
    #[serde(default)]
    pub resolved_at: Option<String>,
    /// `triggered`, `acknowledged` or `resolved`.
    #[serde(default)]
    pub status: Option<String>,
    /// `high` or `low`.
    #[serde(default)]
    pub urgency: Option<String>,
    /// Its priority, if it has one.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Its custom field values, attached by the caller.
    #[serde(default)]
    pub custom_fields: Option<Vec<CustomField>>,
    /// Every other field (`service`, `assignments`, `incident_number`).
    #[serde(flatten)]
    rest: Rest,
}

/// A priority or priority reference.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Priority {
    /// `P1` … `P5`, or the account's own names.
    #[serde(default)]
    pub summary: Option<String>,
    /// The same, on a full priority object.
    #[serde(default)]
    pub name: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// A custom field value.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct CustomField {
    /// The field's name: `impact_started_at`.
    #[serde(default)]
    pub name: Option<String>,
    /// Its value: text, a boolean, an array for a multi-value field.
    #[serde(default)]
    pub value: serde_json::Value,
    /// Every other field (`data_type`, `display_name`, `field_type`).
    #[serde(flatten)]
    rest: Rest,
}

/// A webhook v3 event: the body PagerDuty posts (`{"event": {...}}`), or
/// the event itself.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The event, when this is the body around it.
    #[serde(default)]
    pub event: Option<Box<Event>>,
    /// `incident.triggered`, `incident.resolved`, …
    #[serde(default)]
    pub event_type: Option<String>,
    /// When it happened.
    #[serde(default)]
    pub occurred_at: Option<String>,
    /// The incident, or what the event is about and its incident.
    #[serde(default)]
    pub data: Option<EventData>,
    /// Every other field (`id`, `agent`, `client`, `resource_type`).
    #[serde(flatten)]
    rest: Rest,
}

/// The `data` of an event: an incident (lifecycle events), or a note, a
/// status update or custom field values with a reference to the incident.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct EventData {
    /// The incident's id (an incident), or the note's.
    #[serde(default)]
    pub id: Option<String>,
    /// `incident`, `incident_note`, `incident_status_update`, …
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The incident's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The incident's page.
    #[serde(default)]
    pub html_url: Option<String>,
    /// When the incident was created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Its priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Its urgency.
    #[serde(default)]
    pub urgency: Option<String>,
    /// The incident a note, a status update or field values are about.
    #[serde(default)]
    pub incident: Option<Reference>,
    /// Custom field values (`incident.custom_field_values.updated`).
    #[serde(default)]
    pub custom_fields: Option<Vec<CustomField>>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// A reference to an incident.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Reference {
    /// The incident's id.
    #[serde(default)]
    pub id: Option<String>,
    /// Its page.
    #[serde(default)]
    pub html_url: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    rest: Rest,
}

/// Reads a REST page.
///
/// # Errors
///
/// [`JsonError`](crate::json::JsonError) where it is not what the API
/// documents.
pub fn read_page(bytes: &[u8]) -> Result<Page, crate::json::JsonError> {
    read_foreign(bytes)
}

/// Reads a list of webhook v3 bodies or events (a JSON array); a single
/// one is a list of one.
///
/// # Errors
///
/// As [`read_page`].
pub fn read_events(bytes: &[u8]) -> Result<Vec<Event>, crate::json::JsonError> {
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        read_foreign(bytes)
    } else {
        read_foreign::<Event>(bytes).map(|event| vec![event])
    }
}

/// The incidents of a REST page, in its order.
///
/// # Errors
///
/// [`Error::Unmappable`] for an incident without id or `created_at`, a
/// priority or urgency the mapping does not map, a custom field that is
/// not what its fact needs; [`Error::InvalidIncident`] for a timeline out
/// of order.
pub fn incidents(
    page: &Page,
    mapping: &IncidentMapping,
) -> Result<Translation<Vec<Incident>>, Error> {
    mapping.validate()?;
    if let Some(error) = &page.error {
        return Err(unmappable(
            "error",
            error.to_string(),
            "is PagerDuty's error answer, not a page of incidents",
            None,
        ));
    }
    if page.incident.is_none() && page.incidents.is_none() {
        return Err(unmappable(
            "incidents",
            "(absent)",
            "is required: a page of incidents (`{\"incidents\": [...]}`) or one (`{\"incident\": {...}}`)",
            None,
        ));
    }
    let mut report = MappingReport::new(Format::Pagerduty);
    report.ignore_rest("", &page.rest);
    for (present, key) in [
        (page.incidents.is_some(), "incidents"),
        (page.incident.is_some(), "incident"),
    ] {
        if present {
            report.used(key, "(the incidents)");
        }
    }
    let mut incidents = Vec::new();
    if let Some(one) = &page.incident {
        incidents.push(rest_incident("incident", one, mapping, &mut report)?);
    }
    for (i, each) in page.incidents.iter().flatten().enumerate() {
        incidents.push(rest_incident(
            &format!("incidents[{i}]"),
            each,
            mapping,
            &mut report,
        )?);
    }
    if page.more == Some(true) {
        report.used("more", "(a warning: pages follow)");
        report.warn(
            "the page says more incidents follow (`more: true`): a month's report needs every page",
        );
    } else if page.more.is_some() {
        report.used("more", "(no page follows)");
    }
    Ok(Translation {
        value: incidents,
        mapping: report,
    })
}

fn rest_incident(
    at: &str,
    incident: &RestIncident,
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Result<Incident, Error> {
    report.ignore_rest(at, &incident.rest);
    let id = required(&format!("{at}.id"), incident.id.as_deref(), report, "id")?;
    let created = required(
        &format!("{at}.created_at"),
        incident.created_at.as_deref(),
        report,
        "detected_at",
    )?;
    let detected_at = timestamp(&format!("{at}.created_at"), created)?;
    let severity = severity_of(
        at,
        id,
        incident.priority.as_ref(),
        incident.urgency.as_deref(),
        mapping,
        report,
    )?;
    let mut facts = Facts::default();
    if let Some(fields) = &incident.custom_fields {
        custom_fields(
            &format!("{at}.custom_fields"),
            fields,
            None,
            mapping,
            &mut facts,
            report,
        )?;
    }
    let resolved = incident.status.as_deref() != Some("triggered")
        && incident.status.as_deref() != Some("acknowledged");
    if let Some(status) = &incident.status {
        report.used(
            format!("{at}.status"),
            format!("(`{status}`: resolved_at read only when resolved)"),
        );
    }
    match &incident.resolved_at {
        Some(text) if resolved => {
            facts.time(
                IncidentField::ResolvedAt,
                &format!("{at}.resolved_at"),
                timestamp(&format!("{at}.resolved_at"), text)?,
            );
        }
        Some(_) => report.ignored(format!("{at}.resolved_at"), "the incident is not resolved"),
        None if incident.status.as_deref() == Some("resolved") => {
            report.warn(format!(
                "{id}: resolved, but with no resolved_at: read as unresolved"
            ));
        }
        None => {}
    }
    let record = Record {
        id: id.to_owned(),
        severity,
        detected_at,
        escalated_at: None,
        title: taken(
            &format!("{at}.title"),
            incident.title.clone(),
            "title",
            report,
        ),
        source: taken(
            &format!("{at}.html_url"),
            incident.html_url.clone(),
            "source",
            report,
        ),
    };
    record::incident(record, facts, mapping, report)
}

/// A required field, reported used, or refused by name.
fn required<'a>(
    field: &str,
    value: Option<&'a str>,
    report: &mut MappingReport,
    to: &str,
) -> Result<&'a str, Error> {
    match value {
        Some(value) => {
            report.used(field, to);
            Ok(value)
        }
        None => Err(unmappable(
            field,
            "(absent)",
            format!("is required: it is the incident's `{to}`"),
            None,
        )),
    }
}

fn taken(
    field: &str,
    value: Option<String>,
    to: &str,
    report: &mut MappingReport,
) -> Option<String> {
    if value.is_some() {
        report.used(field, to);
    }
    value
}

/// The severity of a priority, or of the urgency of an incident without
/// one.
fn severity_of(
    at: &str,
    id: &str,
    priority: Option<&Priority>,
    urgency: Option<&str>,
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Result<Severity, Error> {
    if let Some(priority) = priority {
        report.ignore_rest(&format!("{at}.priority"), &priority.rest);
        let (key, name) = match (&priority.summary, &priority.name) {
            (Some(summary), _) => ("summary", summary),
            (None, Some(name)) => ("name", name),
            (None, None) => {
                return Err(unmappable(
                    format!("{at}.priority"),
                    "{}",
                    "names no priority: expected its `summary`",
                    Some(RuleId::In3),
                ));
            }
        };
        if key == "summary" && priority.name.is_some() {
            report.ignored(format!("{at}.priority.name"), "the summary is read");
        }
        let field = format!("{at}.priority.{key}");
        let severity = mapping.priorities.get(name).copied().ok_or_else(|| {
            unmappable(
                field.clone(),
                name.as_str(),
                format!(
                    "is not in the mapping's priorities ({}): every SLA needs a severity",
                    keys(&mapping.priorities)
                ),
                Some(RuleId::In3),
            )
        })?;
        report.used(field, "severity");
        if urgency.is_some() {
            report.ignored(format!("{at}.urgency"), "the priority gives the severity");
        }
        return Ok(severity);
    }
    let Some(urgency) = urgency else {
        return Err(unmappable(
            format!("{at}.priority"),
            "null",
            "and no urgency: every SLA needs a severity",
            Some(RuleId::In3),
        ));
    };
    let field = format!("{at}.urgency");
    let severity = mapping.urgencies.get(urgency).copied().ok_or_else(|| {
        unmappable(
            field.clone(),
            urgency,
            format!("is not in the mapping's urgencies ({}), and the incident has no priority: every SLA needs a severity", keys(&mapping.urgencies)),
            Some(RuleId::In3),
        )
    })?;
    report.used(field, "severity");
    report.assumed(format!(
        "{id} has no priority: urgency `{urgency}` is {severity}"
    ));
    Ok(severity)
}

fn keys(map: &BTreeMap<String, Severity>) -> String {
    if map.is_empty() {
        return "none".to_owned();
    }
    map.keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the custom fields the mapping names into `facts`.
fn custom_fields(
    at: &str,
    fields: &[CustomField],
    set_at: Option<DateTime<Utc>>,
    mapping: &IncidentMapping,
    facts: &mut Facts,
    report: &mut MappingReport,
) -> Result<(), Error> {
    for (i, field) in fields.iter().enumerate() {
        let here = format!("{at}[{i}]");
        report.ignore_rest(&here, &field.rest);
        let named = field.name.as_deref().and_then(|name| {
            mapping
                .pagerduty_fields
                .iter()
                .find(|(_, wanted)| wanted.as_str() == name)
                .map(|(fact, _)| *fact)
        });
        match named {
            Some(fact) => {
                report.used(
                    format!("{here}.name"),
                    format!("(names {})", fact.incident_field()),
                );
                facts.read(fact, &format!("{here}.value"), &field.value, set_at)?;
            }
            None => report.ignored(
                here,
                format!(
                    "custom field `{}` is not in the mapping's pagerduty_fields",
                    field.name.as_deref().unwrap_or("")
                ),
            ),
        }
    }
    Ok(())
}

/// The incidents a list of webhook v3 events tells of, one per incident
/// id, in the order each first appears; each incident's events are read
/// in the order they occurred.
///
/// # Errors
///
/// As [`incidents`]; an event without `event_type`, `occurred_at` or an
/// incident id is refused by name, and so is an incident without a
/// creation time.
pub fn incidents_from_events(
    events: &[Event],
    mapping: &IncidentMapping,
) -> Result<Translation<Vec<Incident>>, Error> {
    mapping.validate()?;
    if events.is_empty() {
        return Err(unmappable(
            "[]",
            "[]",
            "holds no event: nothing tells of an incident",
            None,
        ));
    }
    let mut report = MappingReport::new(Format::PagerdutyEvents);
    let mut groups: Vec<(String, Vec<Dated<'_>>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, body) in events.iter().enumerate() {
        let (at, event) = match &body.event {
            Some(event) => {
                report.ignore_rest(&format!("[{i}]"), &body.rest);
                (format!("[{i}].event"), event.as_ref())
            }
            None => (format!("[{i}]"), body),
        };
        let occurred = required(
            &format!("{at}.occurred_at"),
            event.occurred_at.as_deref(),
            &mut report,
            "(the event's time)",
        )?;
        let occurred = timestamp(&format!("{at}.occurred_at"), occurred)?;
        let id = incident_id(event).ok_or_else(|| {
            unmappable(
                format!("{at}.data"),
                "(no incident id)",
                "names no incident: expected `data.id` of an incident or `data.incident.id`",
                None,
            )
        })?;
        match index.get(&id).and_then(|&i| groups.get_mut(i)) {
            Some((_, list)) => list.push((occurred, at, event)),
            None => {
                index.insert(id.clone(), groups.len());
                groups.push((id, vec![(occurred, at, event)]));
            }
        }
    }
    let mut incidents = Vec::new();
    for (id, mut list) in groups {
        list.sort_by_key(|(occurred, _, _)| *occurred);
        incidents.push(fold(&id, &list, mapping, &mut report)?);
    }
    Ok(Translation {
        value: incidents,
        mapping: report,
    })
}

/// An event with its time and its place in the list.
type Dated<'a> = (DateTime<Utc>, String, &'a Event);

fn incident_id(event: &Event) -> Option<String> {
    let data = event.data.as_ref()?;
    match data.kind.as_deref() {
        Some("incident") => data.id.clone(),
        _ => data
            .incident
            .as_ref()
            .and_then(|r| r.id.clone())
            .or_else(|| data.kind.is_none().then(|| data.id.clone()).flatten()),
    }
}

/// One incident's timeline, folded from its events.
struct Timeline {
    detected_at: Option<DateTime<Utc>>,
    severity: Option<Severity>,
    /// Whether `severity` stands for an urgency, no priority being set.
    from_urgency: bool,
    escalated_at: Option<DateTime<Utc>>,
    title: Option<String>,
    source: Option<String>,
    facts: Facts,
}

fn fold(
    id: &str,
    events: &[Dated<'_>],
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Result<Incident, Error> {
    let mut timeline = Timeline {
        detected_at: None,
        severity: None,
        from_urgency: false,
        escalated_at: None,
        title: None,
        source: None,
        facts: Facts::default(),
    };
    let mut created: Option<(String, DateTime<Utc>)> = None;
    for (occurred, at, event) in events {
        report.ignore_rest(at, &event.rest);
        let kind = required(
            &format!("{at}.event_type"),
            event.event_type.as_deref(),
            report,
            "(the event's kind)",
        )?;
        let data = event.data.as_ref();
        let data_at = format!("{at}.data");
        if let Some(data) = data {
            report.ignore_rest(&data_at, &data.rest);
            read_incident_data(&data_at, data, &mut timeline, report);
            if created.is_none()
                && let Some(text) = &data.created_at
            {
                created = Some((
                    format!("{data_at}.created_at"),
                    timestamp(&format!("{data_at}.created_at"), text)?,
                ));
            }
        }
        apply(
            id,
            kind,
            *occurred,
            at,
            data,
            mapping,
            &mut timeline,
            report,
        )?;
    }
    let detected_at = match (timeline.detected_at, created) {
        (Some(at), _) => at,
        (None, Some((from, at))) => {
            report.assumed(format!(
                "{id}: no incident.triggered event: detected when created, {}",
                Timestamp(at)
            ));
            report.used(from, "detected_at");
            at
        }
        (None, None) => {
            return Err(unmappable(
                id.to_owned(),
                "(no incident.triggered)",
                "has no detection time: an incident.triggered event or the incident's created_at",
                None,
            ));
        }
    };
    if timeline.severity.is_none() {
        timeline.severity = latest_priority(id, events, mapping, report)?;
    }
    let severity = timeline.severity.ok_or_else(|| {
        unmappable(
            id.to_owned(),
            "(no priority)",
            "has no severity: no event carries a priority or an urgency the mapping maps",
            Some(RuleId::In3),
        )
    })?;
    let record = Record {
        id: id.to_owned(),
        severity,
        detected_at,
        escalated_at: timeline.escalated_at.filter(|at| *at > detected_at),
        title: timeline.title,
        source: timeline.source,
    };
    record::incident(record, timeline.facts, mapping, report)
}

/// The title and page an incident's data carries.
fn read_incident_data(
    at: &str,
    data: &EventData,
    timeline: &mut Timeline,
    report: &mut MappingReport,
) {
    for (key, value, slot, to) in [
        ("title", &data.title, &mut timeline.title, "title"),
        ("html_url", &data.html_url, &mut timeline.source, "source"),
    ] {
        if let Some(value) = value {
            if slot.is_none() {
                *slot = Some(value.clone());
                report.used(format!("{at}.{key}"), to);
            } else {
                report.ignored(format!("{at}.{key}"), "read from an earlier event");
            }
        }
    }
    if let Some(reference) = &data.incident {
        report.ignore_rest(&format!("{at}.incident"), &reference.rest);
        report.used(format!("{at}.incident.id"), "id");
        if let Some(url) = &reference.html_url {
            if timeline.source.is_none() {
                timeline.source = Some(url.clone());
                report.used(format!("{at}.incident.html_url"), "source");
            } else {
                report.ignored(
                    format!("{at}.incident.html_url"),
                    "read from an earlier event",
                );
            }
        }
    }
    if data.id.is_some() {
        report.used(format!("{at}.id"), "id");
    }
    if data.kind.is_some() {
        report.used(format!("{at}.type"), "(what the data is)");
    }
    if data.created_at.is_some() {
        report.ignored(
            format!("{at}.created_at"),
            "the detection is the incident.triggered event's time",
        );
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "one event, its place, and what it changes"
)]
fn apply(
    id: &str,
    kind: &str,
    occurred: DateTime<Utc>,
    at: &str,
    data: Option<&EventData>,
    mapping: &IncidentMapping,
    timeline: &mut Timeline,
    report: &mut MappingReport,
) -> Result<(), Error> {
    let when = format!("{at}.occurred_at");
    let data_at = format!("{at}.data");
    // The severity an event's incident states: its priority, or, when
    // `urgency_too`, its urgency for want of one.
    let priority =
        |urgency_too: bool, report: &mut MappingReport| -> Result<Option<Severity>, Error> {
            let Some(data) = data else { return Ok(None) };
            let urgency = data.urgency.as_deref().filter(|_| urgency_too);
            if data.priority.is_none() && urgency.is_none() {
                if data.urgency.is_some() {
                    report.ignored(
                    format!("{data_at}.urgency"),
                    "an urgency stands for a missing priority only when the incident is triggered",
                );
                }
                return Ok(None);
            }
            severity_of(
                &data_at,
                id,
                data.priority.as_ref(),
                urgency,
                mapping,
                report,
            )
            .map(Some)
        };
    match kind {
        "incident.triggered" => {
            report.used(when, "detected_at");
            timeline.detected_at.get_or_insert(occurred);
            if let Some(severity) = priority(true, report)? {
                timeline.severity = Some(timeline.severity.map_or(severity, |s| s.max(severity)));
                timeline.from_urgency = data.is_some_and(|d| d.priority.is_none());
            }
        }
        "incident.priority_updated" => {
            if let Some(severity) = priority(false, report)? {
                let resolved = timeline.facts.time_of(IncidentField::ResolvedAt);
                match timeline.severity {
                    // The first priority of an incident triggered without
                    // one replaces what its urgency stood for.
                    _ if timeline.from_urgency || timeline.severity.is_none() => {
                        report.used(when, "(the first priority: the severity)");
                        report.assumed(format!("{id}: the first priority, {severity}, replaces the severity its urgency stood for"));
                        timeline.severity = Some(severity);
                        timeline.from_urgency = false;
                    }
                    Some(current)
                        if severity > current && resolved.is_some_and(|r| occurred >= r) =>
                    {
                        report.used(when, "(severity raised after resolution)");
                        report.assumed(format!(
                            "{id}: priority raised to {severity} at {}, after the resolution: the severity is {severity}, the clocks start at detection",
                            Timestamp(occurred)
                        ));
                        timeline.severity = Some(severity);
                        timeline.escalated_at = None;
                    }
                    Some(current) if severity <= current => {
                        report.ignored(when, format!("priority now {severity}: the severity stays the most severe reached, {current}"));
                    }
                    _ => {
                        if timeline.severity.is_some() {
                            timeline.escalated_at = Some(occurred);
                            report.used(when, "escalated_at");
                        }
                        timeline.severity = Some(severity);
                    }
                }
            }
        }
        "incident.acknowledged" => {
            if timeline.facts.has(IncidentField::DeclaredAt) {
                report.ignored(
                    when,
                    "acknowledged again: the first acknowledgement is the declaration",
                );
            } else {
                timeline
                    .facts
                    .time(IncidentField::DeclaredAt, &when, occurred);
                report.assumed(format!(
                    "{id}: the first acknowledgement, {}, is the incident's declaration",
                    Timestamp(occurred)
                ));
            }
            ignore_priority(&data_at, data, report);
        }
        "incident.resolved" => {
            timeline
                .facts
                .time(IncidentField::ResolvedAt, &when, occurred);
            ignore_priority(&data_at, data, report);
        }
        "incident.reopened" => {
            if let Some(undone) = timeline.facts.forget(IncidentField::ResolvedAt) {
                report.assumed(format!(
                    "{id}: reopened at {}: the resolution at {} is undone",
                    Timestamp(occurred),
                    Timestamp(undone)
                ));
            }
            report.used(when, "(undoes resolved_at)");
            ignore_priority(&data_at, data, report);
        }
        "incident.status_update_published" if mapping.status_update_notifies_customers => {
            if timeline.facts.has(IncidentField::CustomerNotifiedAt) {
                report.ignored(when, "a later status update: the first notified customers");
            } else {
                timeline
                    .facts
                    .time(IncidentField::CustomerNotifiedAt, &when, occurred);
                report.assumed(format!(
                    "{id}: the first status update, {}, notified customers",
                    Timestamp(occurred)
                ));
            }
        }
        "incident.custom_field_values.updated" => {
            report.used(when, "(when the fields were set)");
            if let Some(fields) = data.and_then(|d| d.custom_fields.as_ref()) {
                custom_fields(
                    &format!("{data_at}.custom_fields"),
                    fields,
                    Some(occurred),
                    mapping,
                    &mut timeline.facts,
                    report,
                )?;
            }
        }
        "incident.escalated" => {
            report.ignored(
                at.to_owned(),
                "an escalation to another responder changes no severity",
            );
            ignore_priority(&data_at, data, report);
        }
        "incident.annotated" => report.ignored(at.to_owned(), "a note is free text"),
        other => {
            report.ignored(
                at.to_owned(),
                format!("`{other}` changes no fact the standard tracks"),
            );
            ignore_priority(&data_at, data, report);
        }
    }
    if let Some(fields) = data.and_then(|d| d.custom_fields.as_ref())
        && kind != "incident.custom_field_values.updated"
        && !fields.is_empty()
    {
        report.ignored(
            format!("{data_at}.custom_fields"),
            "read from incident.custom_field_values.updated events",
        );
    }
    report.used(format!("{at}.event_type"), "(the event's kind)");
    Ok(())
}

/// The severity of the latest priority any event's incident carries, for
/// an incident neither triggered nor re-prioritised in the events read.
fn latest_priority(
    id: &str,
    events: &[Dated<'_>],
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Result<Option<Severity>, Error> {
    let Some((at, priority)) = events.iter().rev().find_map(|(_, at, event)| {
        event
            .data
            .as_ref()?
            .priority
            .as_ref()
            .map(|p| (format!("{at}.data"), p))
    }) else {
        return Ok(None);
    };
    let field = format!("{at}.priority");
    report.ignored.retain(|i| i.field != field);
    let severity = severity_of(&at, id, Some(priority), None, mapping, report)?;
    report.assumed(format!(
        "{id}: no incident.triggered or incident.priority_updated carries a priority: the latest seen, {severity}"
    ));
    Ok(Some(severity))
}

fn ignore_priority(at: &str, data: Option<&EventData>, report: &mut MappingReport) {
    if let Some(data) = data {
        if data.priority.is_some() {
            report.ignored(
                format!("{at}.priority"),
                "read from incident.triggered and incident.priority_updated",
            );
        }
        if data.urgency.is_some() {
            report.ignored(
                format!("{at}.urgency"),
                "read from incident.triggered and incident.priority_updated",
            );
        }
    }
}
