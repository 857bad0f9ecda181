//! Any list of PagerDuty webhook v3 events that deserializes folds
//! without a panic, and every incident it gives has a valid timeline.
#![no_main]

use incident_response::adapters::{mapping::IncidentMapping, pagerduty};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(events) = pagerduty::read_events(bytes) else { return };
    if let Ok(translation) = pagerduty::incidents_from_events(&events, &IncidentMapping::default()) {
        for incident in &translation.value {
            incident.durations().unwrap();
        }
    }
});
