//! Any PagerDuty REST page that deserializes maps without a panic, and
//! every incident it gives has a valid timeline.
#![no_main]

use incident_response::adapters::{mapping::IncidentMapping, pagerduty};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(page) = pagerduty::read_page(bytes) else { return };
    if let Ok(translation) = pagerduty::incidents(&page, &IncidentMapping::default()) {
        for incident in &translation.value {
            incident.durations().unwrap();
        }
    }
});
