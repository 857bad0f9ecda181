//! Classifies every example incident that §1 of the standard lists, and
//! prints its severity, the rules it matched and its response plan.
//!
//! ```sh
//! cargo run --example triage
//! ```

use incident_response::{Error, Severity, Signals, classify, severity::BrokenFeature};

/// One example of §1: the standard's words, the severity it files the
/// example under, and the signals that express it.
struct Example {
    words: &'static str,
    listed_under: Severity,
    signals: Signals,
}

fn main() -> Result<(), Error> {
    let examples = examples();
    let mut disagreements = 0;
    for example in &examples {
        let classification = classify(&example.signals)?;
        let agrees = classification.severity() == example.listed_under;
        if !agrees {
            disagreements += 1;
        }
        println!("── {}", example.words);
        println!(
            "   listed under {}, classified {}{}",
            example.listed_under,
            classification.severity(),
            if agrees { " ✓" } else { " ✗" }
        );
        for line in classification.to_string().lines().skip(1) {
            println!("   {}", line.trim_start());
        }
        for line in classification.severity().response().to_string().lines() {
            println!("   {line}");
        }
        println!();
    }
    println!(
        "{} examples, {} classified as the standard lists them",
        examples.len(),
        examples.len() - disagreements
    );
    if disagreements > 0 {
        std::process::exit(1);
    }
    Ok(())
}

fn examples() -> Vec<Example> {
    let example = |words, listed_under, signals: Signals| Example {
        words,
        listed_under,
        signals,
    };
    vec![
        example(
            "Database completely unavailable (100% request failure)",
            Severity::P1,
            Signals::new().with_error_rate(1.0),
        ),
        example(
            "Data corrupted or deleted (customer data lost)",
            Severity::P1,
            Signals::new().with_data_loss(true),
        ),
        example(
            "Security breach (customer data exposed)",
            Severity::P1,
            Signals::new().with_customer_data_exposed(true),
        ),
        example(
            "API latency >5 seconds (some requests failing)",
            Severity::P2,
            Signals::new().with_latency_ms(6_500).with_error_rate(0.02),
        ),
        example(
            "Payment transactions failing (10% error rate)",
            Severity::P2,
            Signals::new().with_error_rate(0.10),
        ),
        example(
            "Reporting feature broken (critical for customers)",
            Severity::P2,
            Signals::new().with_feature_broken(BrokenFeature::Critical),
        ),
        example(
            "API latency 2-5 seconds (no errors, just slow)",
            Severity::P3,
            Signals::new().with_latency_ms(3_500),
        ),
        example(
            "Non-critical feature broken (UI glitch, minor data)",
            Severity::P3,
            Signals::new().with_feature_broken(BrokenFeature::NonCritical),
        ),
        example(
            "Memory leak (performance degrades over hours)",
            Severity::P3,
            Signals::new().with_gradual_degradation(true),
        ),
        example("UI typo (incorrect wording)", Severity::P4, Signals::new()),
        example(
            "Log message error (not customer-visible)",
            Severity::P4,
            Signals::new(),
        ),
        example(
            "Monitoring metric incorrect (doesn't affect decisions)",
            Severity::P4,
            Signals::new(),
        ),
    ]
}
