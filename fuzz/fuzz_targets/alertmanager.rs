//! Any bytes an Alertmanager webhook reader accepts map without a panic,
//! and the signals it maps always classify: the adapter refuses by name
//! whatever `classify` would refuse.
#![no_main]

use incident_response::adapters::{alertmanager, mapping::AlertMapping};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(webhook) = alertmanager::read(bytes) else { return };
    if let Ok(translation) = alertmanager::signals(&webhook, &AlertMapping::default()) {
        incident_response::classify(&translation.value.signals).unwrap();
        let _ = translation.value.context(&incident_response::Policy::default());
    }
    if let Ok(each) = alertmanager::signals_per_alert(&webhook, &AlertMapping::default()) {
        assert_eq!(each.len(), webhook.alerts.len());
    }
});
