//! The door to the `adapters`: a foreign document's bytes to the crate's
//! inputs, with the mapping report; the mappings' own JSON, read strictly.

use crate::adapters::alertmanager::{self, AlertSignals};
use crate::adapters::mapping::{AlertMapping, IncidentMapping};
use crate::adapters::{Format, Translation, incident_io, pagerduty};
use crate::incident::Incident;
use crate::json::read::{JsonError, read};

/// An [`AlertMapping`] from its JSON (`--mapping`), validated.
///
/// # Errors
///
/// [`JsonError`] for a field the mapping does not have, or an invalid one.
pub fn alert_mapping(document: &[u8]) -> Result<AlertMapping, JsonError> {
    let mapping: AlertMapping = read(document)?;
    mapping.validate()?;
    Ok(mapping)
}

/// An [`IncidentMapping`] from its JSON (`--mapping`), validated.
///
/// # Errors
///
/// As [`alert_mapping`].
pub fn incident_mapping(document: &[u8]) -> Result<IncidentMapping, JsonError> {
    let mapping: IncidentMapping = read(document)?;
    mapping.validate()?;
    Ok(mapping)
}

/// An Alertmanager webhook body → the signals of its group.
///
/// # Errors
///
/// [`JsonError`] naming the field that cannot be read or mapped.
pub fn alert_signals(
    mapping: &AlertMapping,
    document: &[u8],
) -> Result<Translation<AlertSignals>, JsonError> {
    let webhook = alertmanager::read(document)?;
    Ok(alertmanager::signals(&webhook, mapping)?)
}

/// An Alertmanager webhook body → the signals of each of its alerts.
///
/// # Errors
///
/// As [`alert_signals`].
pub fn alert_signals_per_alert(
    mapping: &AlertMapping,
    document: &[u8],
) -> Result<Vec<Translation<AlertSignals>>, JsonError> {
    let webhook = alertmanager::read(document)?;
    Ok(alertmanager::signals_per_alert(&webhook, mapping)?)
}

/// A PagerDuty REST page, a list of PagerDuty webhook v3 events or an
/// incident.io document (`format`) → its incidents.
///
/// # Errors
///
/// [`JsonError`] naming the field that cannot be read or mapped; for
/// `Format::Alertmanager`, which holds alerts, not incidents.
pub fn incidents(
    format: Format,
    mapping: &IncidentMapping,
    document: &[u8],
) -> Result<Translation<Vec<Incident>>, JsonError> {
    Ok(match format {
        Format::Pagerduty => pagerduty::incidents(&pagerduty::read_page(document)?, mapping)?,
        Format::PagerdutyEvents => {
            pagerduty::incidents_from_events(&pagerduty::read_events(document)?, mapping)?
        }
        Format::IncidentIo => incident_io::incidents(&incident_io::read(document)?, mapping)?,
        Format::Alertmanager => {
            return Err(JsonError::invalid_document(
                "an Alertmanager webhook holds alerts, not incidents: read it with classify or decide",
            ));
        }
    })
}
