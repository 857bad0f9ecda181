//! Any incident.io document that deserializes maps without a panic, and
//! every incident it gives has a valid timeline.
#![no_main]

use incident_response::adapters::{incident_io, mapping::IncidentMapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(document) = incident_io::read(bytes) else { return };
    if let Ok(translation) = incident_io::incidents(&document, &IncidentMapping::default()) {
        for incident in &translation.value {
            incident.durations().unwrap();
        }
    }
});
