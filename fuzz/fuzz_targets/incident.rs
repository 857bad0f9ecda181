//! Arbitrary bytes as `Incident` JSON, with a `now` from the last eight
//! bytes → durations, obligations and the post-mortem, rendered.
#![no_main]

use incident_response::chrono::{DateTime, Utc};
use incident_response::{Incident, PostMortem, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (bytes, seconds) = data.split_at(data.len() - 8);
    let seconds = i64::from_le_bytes(seconds.try_into().unwrap());
    let Some(now) = DateTime::<Utc>::from_timestamp(seconds % 20_000_000_000_000, 0) else {
        return;
    };
    let Ok(incident) = json::read::<Incident>(bytes) else {
        return;
    };
    if let Ok(durations) = incident.durations() {
        let _ = serde_json::to_string(&durations).unwrap();
    }
    if let Ok(obligations) = incident.obligations(now) {
        let _ = obligations.to_string();
        let _ = serde_json::to_string(&obligations).unwrap();
    }
    if let Ok(report) = PostMortem::try_from(&incident) {
        let _ = report.to_string();
        let _ = serde_json::to_string(&report).unwrap();
    }
});
