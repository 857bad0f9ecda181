//! `classify` is monotone: making one signal worse never lowers the
//! severity, under the standard and under arbitrary valid thresholds.
#![no_main]

use arbitrary::Arbitrary;
use incident_response::{severity::BrokenFeature, Policy, Signals, policy::Thresholds};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    rate: u32,
    latency_ms: u64,
    data_loss: bool,
    exposed: bool,
    feature: u8,
    degrading: bool,
    worsening: Worsening,
    thresholds: (u32, u32, u32, u64, u64),
}

#[derive(Arbitrary, Debug)]
enum Worsening {
    ErrorRate(u32),
    Latency(u64),
    DataLoss,
    Exposure,
    Feature(u8),
    Degradation,
}

fn feature(byte: u8) -> BrokenFeature {
    [BrokenFeature::None, BrokenFeature::NonCritical, BrokenFeature::Critical][usize::from(byte % 3)]
}

fn fraction(n: u32) -> f64 {
    f64::from(n) / f64::from(u32::MAX)
}

fuzz_target!(|input: Input| {
    let signals = Signals::new()
        .with_error_rate(fraction(input.rate))
        .with_latency_ms(input.latency_ms)
        .with_data_loss(input.data_loss)
        .with_customer_data_exposed(input.exposed)
        .with_feature_broken(feature(input.feature))
        .with_gradual_degradation(input.degrading);
    let worse = match input.worsening {
        Worsening::ErrorRate(more) => signals.with_error_rate(
            (signals.error_rate + (1.0 - signals.error_rate) * fraction(more)).min(1.0),
        ),
        Worsening::Latency(more) => signals.with_latency_ms(signals.latency_ms.saturating_add(more)),
        Worsening::DataLoss => signals.with_data_loss(true),
        Worsening::Exposure => signals.with_customer_data_exposed(true),
        Worsening::Feature(f) => signals.with_feature_broken(signals.feature_broken.max(feature(f))),
        Worsening::Degradation => signals.with_gradual_degradation(true),
    };
    let (a, b, c, d, e) = input.thresholds;
    let custom = Policy::default().with_thresholds(
        Thresholds::STANDARD
            .with_outage_error_rate(fraction(a))
            .with_p2_error_rate(fraction(b))
            .with_p3_error_rate(fraction(c))
            .with_p2_latency_ms(d)
            .with_p3_latency_ms(e),
    );
    for policy in [Some(Policy::default()), custom.ok()].into_iter().flatten() {
        let before = policy.classify(&signals).unwrap();
        let after = policy.classify(&worse).unwrap();
        assert!(after.severity() >= before.severity(), "{before} then {after}");
    }
});
