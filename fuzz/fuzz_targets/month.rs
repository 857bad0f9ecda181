//! Arbitrary bytes as a JSON array of incidents → the monthly summary of
//! the month of the first one, and the trends of it and the month before.
#![no_main]

use incident_response::chrono::Datelike;
use incident_response::{Incident, Month, json, summarize_month, trends};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(incidents) = json::read::<Vec<Incident>>(data) else {
        return;
    };
    let Some(first) = incidents.first() else {
        return;
    };
    let at = first.detected_at;
    let Ok(month) = Month::new(at.year(), at.month()) else {
        return;
    };
    // Releases from none to more than the incidents, by the data's length.
    let releases = (data.len() % 7) as u64;
    let Ok(summary) = summarize_month(month, &incidents, releases) else {
        return;
    };
    let _ = summary.to_string();
    let _ = serde_json::to_string(&summary).unwrap();
    if let Some(next) = month.next()
        && let Ok(following) = summarize_month(next, &incidents, 0)
    {
        let trends = trends(&[summary, following]).unwrap();
        let _ = trends.to_string();
        let _ = serde_json::to_string(&trends).unwrap();
    }
});
