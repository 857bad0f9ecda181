//! Invariants of classification, checked by proptest on random signals:
//! monotonicity, totality and determinism.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::{Error, Policy, Severity, Signals, classify, severity::BrokenFeature};
use proptest::prelude::*;

fn feature() -> impl Strategy<Value = BrokenFeature> {
    prop_oneof![
        Just(BrokenFeature::None),
        Just(BrokenFeature::NonCritical),
        Just(BrokenFeature::Critical),
    ]
}

/// Error rates that matter: the whole unit interval, and its band edges.
fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![0.0..=1.0f64, Just(0.0), Just(0.001), Just(0.05), Just(1.0),]
}

/// Latencies around the band edges as well as anywhere in `u64`.
fn latency() -> impl Strategy<Value = u64> {
    prop_oneof![
        0..10_000u64,
        any::<u64>(),
        Just(2_000),
        Just(5_000),
        Just(5_001)
    ]
}

/// Signals with the error rate drawn from `rate` and every other field
/// from its whole range.
fn signals_with(rate: impl Strategy<Value = f64>) -> impl Strategy<Value = Signals> {
    (
        rate,
        latency(),
        any::<bool>(),
        any::<bool>(),
        feature(),
        any::<bool>(),
    )
        .prop_map(
            |(error_rate, latency_ms, data_loss, exposed, feature_broken, degradation)| {
                Signals::new()
                    .with_error_rate(error_rate)
                    .with_latency_ms(latency_ms)
                    .with_data_loss(data_loss)
                    .with_customer_data_exposed(exposed)
                    .with_feature_broken(feature_broken)
                    .with_gradual_degradation(degradation)
            },
        )
}

fn valid_signals() -> impl Strategy<Value = Signals> {
    signals_with(rate())
}

/// One signal made worse (or left equal), all others unchanged.
#[derive(Debug, Clone)]
enum Worsening {
    ErrorRate(f64),
    Latency(u64),
    DataLoss,
    Exposure,
    Feature(BrokenFeature),
    Degradation,
}

fn worsening() -> impl Strategy<Value = Worsening> {
    prop_oneof![
        (0.0..=1.0f64).prop_map(Worsening::ErrorRate),
        any::<u64>().prop_map(Worsening::Latency),
        (0..10_000u64).prop_map(Worsening::Latency),
        Just(Worsening::DataLoss),
        Just(Worsening::Exposure),
        feature().prop_map(Worsening::Feature),
        Just(Worsening::Degradation),
    ]
}

fn worsen(s: Signals, w: &Worsening) -> Signals {
    match *w {
        Worsening::ErrorRate(extra) => {
            s.with_error_rate((s.error_rate + (1.0 - s.error_rate) * extra).min(1.0))
        }
        Worsening::Latency(extra) => s.with_latency_ms(s.latency_ms.saturating_add(extra)),
        Worsening::DataLoss => s.with_data_loss(true),
        Worsening::Exposure => s.with_customer_data_exposed(true),
        Worsening::Feature(f) => s.with_feature_broken(s.feature_broken.max(f)),
        Worsening::Degradation => s.with_gradual_degradation(true),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Making any one signal worse never makes the severity less severe.
    #[test]
    fn worsening_a_signal_never_lowers_the_severity(s in valid_signals(), w in worsening()) {
        let before = classify(&s).unwrap();
        let worse = worsen(s, &w);
        let after = classify(&worse).unwrap();
        prop_assert!(after.severity() >= before.severity(), "{before} then {after} after {w:?}");
    }

    /// Any `f64`, any `u64`, any combination: `Ok`, or the typed error for
    /// an error rate outside the unit interval; never a panic.
    #[test]
    fn classify_is_total(s in signals_with(any::<f64>())) {
        let error_rate = s.error_rate;
        match classify(&s) {
            Ok(c) => {
                prop_assert!((0.0..=1.0).contains(&error_rate));
                prop_assert!(!c.rules().is_empty());
                let first = c.rules().iter().next().and_then(|r| r.severity());
                prop_assert_eq!(first, Some(c.severity()));
            }
            Err(Error::InvalidSignal { field, .. }) => {
                prop_assert_eq!(field, "error_rate");
                prop_assert!(!(0.0..=1.0).contains(&error_rate));
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    /// The same signals give the same classification, under the default
    /// policy and under an equal policy read back from JSON.
    #[test]
    fn classify_is_deterministic(s in valid_signals()) {
        let first = classify(&s).unwrap();
        prop_assert_eq!(classify(&s).unwrap(), first);
        let policy: Policy = serde_json::from_str(&serde_json::to_string(&Policy::default()).unwrap()).unwrap();
        prop_assert_eq!(policy.classify(&s).unwrap(), first);
        let through_json: Signals = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        prop_assert_eq!(classify(&through_json).unwrap(), first);
    }

    /// The severity is the most severe of the matched rules, and every
    /// matched rule is a severity rule.
    #[test]
    fn the_severity_is_that_of_the_most_severe_rule(s in valid_signals()) {
        let c = classify(&s).unwrap();
        let worst = c.rules().iter().filter_map(|r| r.severity()).max();
        prop_assert_eq!(worst, Some(c.severity()));
        prop_assert!(c.rules().iter().all(|r| r.severity().is_some()));
        let p4_default = c.rules().contains(incident_response::RuleId::SevP4Default);
        prop_assert_eq!(p4_default, c.rules().len() == 1 && c.severity() == Severity::P4);
    }
}
