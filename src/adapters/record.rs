//! What PagerDuty and incident.io have in common: facts of an incident
//! read from fields the team names (a custom field, a timestamp), gathered
//! and then made into an [`Incident`], each fact reported as used and each
//! one nothing gave reported as missing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::adapters::mapping::{IncidentField, IncidentMapping};
use crate::adapters::{MappingReport, timestamp, unmappable};
use crate::decision::outcome::{Outcome, TakenDecision};
use crate::error::Error;
use crate::incident::{ActionItem, Incident, PostMortemRecord, RollbackRecord};
use crate::severity::level::Severity;

/// A fact's value, as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fact {
    Time(DateTime<Utc>),
    Flag(bool),
    Outcome(Outcome),
    Text(String),
    Items(Vec<String>),
}

/// The facts of one incident, each with where it came from and, where the
/// source knows it, when it was set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    facts: BTreeMap<IncidentField, (String, Fact, Option<DateTime<Utc>>)>,
    /// Action items with their done state (incident.io's follow-ups).
    items: Vec<(String, ActionItem)>,
}

impl Facts {
    /// Records `field` read from `from` (its foreign path) as `value`,
    /// set at `set_at` if known; a later value replaces an earlier one.
    pub(crate) fn read(
        &mut self,
        field: IncidentField,
        from: &str,
        value: &serde_json::Value,
        set_at: Option<DateTime<Utc>>,
    ) -> Result<(), Error> {
        if value.is_null() {
            // Only a PagerDuty custom field is read `null`: PagerDuty lists
            // every custom field of the incident, the unset ones `null`.
            // Unset now, it forgets what a custom field said before, not
            // what the incident's own timestamps say.
            if self
                .facts
                .get(&field)
                .is_some_and(|(earlier, _, _)| earlier.contains(".custom_fields["))
            {
                self.facts.remove(&field);
            }
            return Ok(());
        }
        let fact = fact_of(field, from, value)?;
        self.facts.insert(field, (from.to_owned(), fact, set_at));
        Ok(())
    }

    /// Records a moment read from `from`.
    pub(crate) fn time(&mut self, field: IncidentField, from: &str, at: DateTime<Utc>) {
        self.facts
            .insert(field, (from.to_owned(), Fact::Time(at), None));
    }

    /// Forgets `field` (a reopened incident's resolution).
    pub(crate) fn forget(&mut self, field: IncidentField) -> Option<DateTime<Utc>> {
        match self.facts.remove(&field) {
            Some((_, Fact::Time(at), _)) => Some(at),
            _ => None,
        }
    }

    /// The moment `field` holds, if it is known and a moment.
    pub(crate) fn time_of(&self, field: IncidentField) -> Option<DateTime<Utc>> {
        match self.facts.get(&field) {
            Some((_, Fact::Time(at), _)) => Some(*at),
            _ => None,
        }
    }

    /// Whether `field` is known.
    pub(crate) fn has(&self, field: IncidentField) -> bool {
        self.facts.contains_key(&field)
    }

    /// An action item read from `from`.
    pub(crate) fn item(&mut self, from: &str, item: ActionItem) {
        self.items.push((from.to_owned(), item));
    }

    fn take_time(
        &mut self,
        field: IncidentField,
        report: &mut MappingReport,
    ) -> Option<DateTime<Utc>> {
        match self.facts.remove(&field) {
            Some((from, Fact::Time(at), _)) => {
                report.used(from, field.incident_field());
                Some(at)
            }
            _ => None,
        }
    }

    fn take(
        &mut self,
        field: IncidentField,
        report: &mut MappingReport,
    ) -> Option<(Fact, Option<DateTime<Utc>>)> {
        self.facts.remove(&field).map(|(from, fact, set_at)| {
            report.used(from, field.incident_field());
            (fact, set_at)
        })
    }
}

/// A fact from a foreign JSON value: a timestamp as RFC 3339 text, a flag
/// as a boolean or `Yes`/`No`, an outcome as its name in any case
/// ("Forward fix"), action items as an array of titles.
fn fact_of(field: IncidentField, from: &str, value: &serde_json::Value) -> Result<Fact, Error> {
    let text = value.as_str();
    let shown = || text.map_or_else(|| value.to_string(), str::to_owned);
    match field {
        _ if field.is_time() => match text {
            Some(text) => Ok(Fact::Time(timestamp(from, text)?)),
            None => Err(unmappable(
                from,
                shown(),
                "is not an RFC 3339 timestamp",
                None,
            )),
        },
        IncidentField::CustomerImpacting | IncidentField::RollbackSucceeded => {
            let flag = match (value.as_bool(), text.map(|t| t.trim().to_ascii_lowercase())) {
                (Some(flag), _) => Some(flag),
                (None, Some(t)) if t == "yes" || t == "true" => Some(true),
                (None, Some(t)) if t == "no" || t == "false" => Some(false),
                _ => None,
            };
            flag.map(Fact::Flag)
                .ok_or_else(|| unmappable(from, shown(), "is not yes or no (true or false)", None))
        }
        IncidentField::Decision => {
            let name = text
                .map(|t| t.trim().to_ascii_lowercase().replace([' ', '-'], "_"))
                .unwrap_or_default();
            Outcome::ALL
                .into_iter()
                .find(|o| o.as_str() == name)
                .map(Fact::Outcome)
                .ok_or_else(|| {
                    unmappable(
                        from,
                        shown(),
                        "is not an outcome: rollback, forward_fix (\"Forward fix\"), hybrid or defer",
                        None,
                    )
                })
        }
        IncidentField::ActionItems => {
            let titles: Option<Vec<String>> = match value {
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect(),
                serde_json::Value::String(title) => Some(vec![title.clone()]),
                _ => None,
            };
            titles.map(Fact::Items).ok_or_else(|| {
                unmappable(from, shown(), "is not a list of action item titles", None)
            })
        }
        _ => match text {
            Some(text) => Ok(Fact::Text(text.to_owned())),
            None => Err(unmappable(from, shown(), "is not text", None)),
        },
    }
}

/// What a tracker gives for itself, beside the facts.
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) severity: Severity,
    pub(crate) detected_at: DateTime<Utc>,
    pub(crate) escalated_at: Option<DateTime<Utc>>,
    pub(crate) title: Option<String>,
    pub(crate) source: Option<String>,
}

/// The incident `record` and `facts` describe, validated.
pub(crate) fn incident(
    record: Record,
    mut facts: Facts,
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Result<Incident, Error> {
    let id = record.id.clone();
    let mut incident = Incident::new(record.id, record.severity, record.detected_at);
    incident.title = record.title;
    incident.source = record.source;
    incident.escalated_at = record.escalated_at;
    if let Some(detected) = facts.take_time(IncidentField::DetectedAt, report) {
        incident.detected_at = detected;
    }
    incident.started_at = facts.take_time(IncidentField::StartedAt, report);
    incident.declared_at = facts.take_time(IncidentField::DeclaredAt, report);
    incident.restored_at = facts.take_time(IncidentField::RestoredAt, report);
    incident.customer_notified_at = facts.take_time(IncidentField::CustomerNotifiedAt, report);
    incident.resolved_at = facts.take_time(IncidentField::ResolvedAt, report);
    if let Some((Fact::Flag(flag), _)) = facts.take(IncidentField::CustomerImpacting, report) {
        incident.customer_impacting = Some(flag);
    }
    if let Some((Fact::Text(text), _)) = facts.take(IncidentField::Release, report) {
        incident.release = Some(text);
    }
    if let Some((Fact::Text(text), _)) = facts.take(IncidentField::RootCause, report) {
        incident.root_cause = Some(text);
    }
    incident.decision = decision(&id, &mut facts, report);
    incident.rollback = rollback(&id, &mut facts, report);
    incident.post_mortem = post_mortem(&id, &mut facts, mapping, report);
    for (field, what) in [
        (
            incident.started_at.is_none(),
            "started_at: no impact start, so no time to detect (MTTD); MTTR counts from detection",
        ),
        (
            incident.restored_at.is_none(),
            "restored_at: no restoration time",
        ),
        (
            incident.root_cause.is_none(),
            "root_cause: none documented (IN-4)",
        ),
        (
            incident.declared_at.is_none(),
            "declared_at: no declaration time",
        ),
        (
            incident.customer_notified_at.is_none(),
            "customer_notified_at: no customer notification recorded (IN-1)",
        ),
    ] {
        if field {
            report.missing(format!("{id}: {what}"));
        }
    }
    incident
        .validate()
        .map_err(|error| Error::InvalidIncident {
            id,
            error: Box::new(error),
        })?;
    Ok(incident)
}

/// The facts read since `since` (the parts of one fact of the incident),
/// which the incident then could not keep: from `used` to `ignored`, with
/// `why`.
fn dropped(report: &mut MappingReport, since: usize, why: &str) {
    let after = report.used.split_off(since.min(report.used.len()));
    for used in after {
        report.ignored(used.from, why);
    }
}

fn decision(id: &str, facts: &mut Facts, report: &mut MappingReport) -> Option<TakenDecision> {
    let since = report.used.len();
    let outcome = facts.take(IncidentField::Decision, report);
    let at = facts.take_time(IncidentField::DecidedAt, report);
    match (outcome, at) {
        (Some((Fact::Outcome(outcome), _)), Some(at)) => Some(TakenDecision::new(outcome, at)),
        (Some((Fact::Outcome(outcome), Some(set_at))), None) => {
            report.assumed(format!(
                "{id}: the decision `{outcome}` was taken when it was recorded, {}",
                crate::text::Timestamp(set_at)
            ));
            Some(TakenDecision::new(outcome, set_at))
        }
        (Some(_), _) => {
            dropped(
                report,
                since,
                "a decision without its time is not read (IN-2)",
            );
            report.missing(format!(
                "{id}: decision.at: a decision without its time is not read (IN-2)"
            ));
            None
        }
        (None, Some(_)) => {
            dropped(
                report,
                since,
                "a decision time without its outcome is not read (IN-2)",
            );
            report.missing(format!(
                "{id}: decision.outcome: a decision time without its outcome is not read (IN-2)"
            ));
            None
        }
        (None, None) => {
            report.missing(format!("{id}: decision: none recorded (IN-2)"));
            None
        }
    }
}

fn rollback(id: &str, facts: &mut Facts, report: &mut MappingReport) -> Option<RollbackRecord> {
    let since = report.used.len();
    let started = facts.take_time(IncidentField::RollbackStartedAt, report);
    let finished = facts.take_time(IncidentField::RollbackFinishedAt, report);
    let succeeded = match facts.take(IncidentField::RollbackSucceeded, report) {
        Some((Fact::Flag(flag), _)) => Some(flag),
        _ => None,
    };
    let Some(started_at) = started else {
        if finished.is_some() || succeeded.is_some() {
            dropped(report, since, "a rollback without its start is not read");
            report.missing(format!(
                "{id}: rollback.started_at: a rollback without its start is not read"
            ));
        }
        return None;
    };
    let mut record = RollbackRecord::new(started_at);
    record.finished_at = finished;
    record.succeeded = succeeded;
    if succeeded.is_none() {
        report.missing(format!(
            "{id}: rollback.succeeded: not stated, so not counted a success (ME-3)"
        ));
    }
    Some(record)
}

fn post_mortem(
    id: &str,
    facts: &mut Facts,
    mapping: &IncidentMapping,
    report: &mut MappingReport,
) -> Option<PostMortemRecord> {
    let since = report.used.len();
    let held = facts.take_time(IncidentField::PostMortemHeldAt, report);
    let titles = match facts.take(IncidentField::ActionItems, report) {
        Some((Fact::Items(titles), _)) => titles,
        _ => Vec::new(),
    };
    let Some(held_at) = held else {
        if !titles.is_empty() || !facts.items.is_empty() {
            let why = "action items without a post-mortem are not read (IN-5)";
            dropped(report, since, why);
            for (from, _) in std::mem::take(&mut facts.items) {
                report.ignored(from, why);
            }
            report.missing(format!(
                "{id}: post_mortem.held_at: action items without a post-mortem are not read (IN-5)"
            ));
        }
        report.missing(format!("{id}: post_mortem: none held (IN-5)"));
        return None;
    };
    let mut record = PostMortemRecord::new(held_at);
    if !titles.is_empty() {
        report.assumed(format!(
            "{id}: each action item's horizon is `{}` (the tracker has none)",
            horizon_name(mapping)
        ));
    }
    for title in titles {
        record = record.with_action_item(ActionItem::new(title, mapping.action_item_horizon));
    }
    for (from, item) in std::mem::take(&mut facts.items) {
        report.used(from, "post_mortem.action_items");
        record = record.with_action_item(item);
    }
    Some(record)
}

/// The name of the mapping's `action_item_horizon` as its JSON writes it:
/// `short_term`.
pub(crate) fn horizon_name(mapping: &IncidentMapping) -> String {
    serde_json::to_value(mapping.action_item_horizon)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
