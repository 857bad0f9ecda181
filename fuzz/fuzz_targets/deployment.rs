//! Arbitrary bytes as `Deployment` JSON, with a `now` from the last eight
//! bytes (seconds since the epoch) → `watch`, rendered.
#![no_main]

use incident_response::chrono::{DateTime, Utc};
use incident_response::{Deployment, json, watch};
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
    let Ok(deployment) = json::read::<Deployment>(bytes) else {
        return;
    };
    if let Ok(state) = watch(&deployment, now) {
        let _ = state.to_string();
        let _ = serde_json::to_string(&state).unwrap();
    }
});
