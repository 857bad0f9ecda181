//! The hot paths, `classify` and `decide`, measured with criterion; and
//! `decide` against a floor: the same tree as a bare function that returns
//! only the outcome. The ratio is the price of the explanation.
//!
//! ```sh
//! cargo bench --bench hot_paths
//! ```
//!
//! After the measurements, the ratio of `decide` to the floor is read from
//! criterion's own estimates (`target/criterion/decide/*/new/estimates.json`).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use incident_response::{
    IncidentContext, Outcome, Severity, Signals, classify, decide, decision::Cause, decision::Fix,
    decision::Revert, decision_table, policy::DecisionWindows, severity::BrokenFeature,
};

/// The tree of §3 with nothing else: no path, no deadline, no copy of
/// the context. What `decide` would cost if it explained nothing.
fn floor(context: &IncidentContext, windows: &DecisionWindows) -> Outcome {
    let cause = context.cause.unwrap_or(Cause::Unknown);
    let needs_restore = cause.needs_backup_restore();
    let restorable = matches!(context.backup_restore_minutes, Some(Some(m)) if m < windows.backup_restore_minutes);
    if context.severity == Severity::P1 || context.data_loss == Some(true) {
        return if needs_restore && !restorable {
            Outcome::Hybrid
        } else {
            Outcome::Rollback
        };
    }
    if context.severity == Severity::P4 {
        return Outcome::Defer;
    }
    if cause
        == (Cause::Deployment {
            revert: Revert::Simple,
        })
    {
        return Outcome::Rollback;
    }
    if needs_restore {
        return if restorable {
            Outcome::Rollback
        } else {
            Outcome::ForwardFix
        };
    }
    match context.fix {
        Some(Some(fix)) if fix.qualifies(windows.fix_deploy_minutes) => Outcome::ForwardFix,
        _ => Outcome::Rollback,
    }
}

/// The §1 examples of the standard, as in the triage example.
fn example_signals() -> Vec<Signals> {
    let none = Signals::new();
    vec![
        none.with_error_rate(1.0),
        none.with_data_loss(true),
        none.with_customer_data_exposed(true),
        none.with_latency_ms(6_500).with_error_rate(0.02),
        none.with_error_rate(0.10),
        none.with_feature_broken(BrokenFeature::Critical),
        none.with_latency_ms(3_500),
        none.with_feature_broken(BrokenFeature::NonCritical),
        none.with_gradual_degradation(true),
        none,
    ]
}

/// One context per path of the decision table: every branch, equally often.
fn table_contexts() -> Vec<IncidentContext> {
    decision_table()
        .rows()
        .iter()
        .map(|row| *row.example())
        .collect()
}

fn bench_classify(c: &mut Criterion) {
    let mut group = c.benchmark_group("classify");
    let payments = Signals::new().with_error_rate(0.10);
    group.bench_function("one", |b| b.iter(|| classify(black_box(&payments))));
    let examples = example_signals();
    group.bench_function("ten_examples", |b| {
        b.iter(|| {
            for signals in &examples {
                let _ = black_box(classify(black_box(signals)));
            }
        });
    });
    group.finish();
}

fn bench_decide(c: &mut Criterion) {
    let mut group = c.benchmark_group("decide");
    let contexts = table_contexts();
    let windows = DecisionWindows::STANDARD;
    // Each decision is written where a caller would keep it, so that both
    // sides pay for storing what they return, and nothing else.
    let mut decisions = Vec::with_capacity(contexts.len());
    group.bench_function("ten_paths", |b| {
        b.iter(|| {
            decisions.clear();
            decisions.extend(black_box(&contexts).iter().map(decide));
            black_box(&decisions);
        });
    });
    let mut outcomes = Vec::with_capacity(contexts.len());
    group.bench_function("ten_paths_floor", |b| {
        b.iter(|| {
            outcomes.clear();
            let windows = black_box(&windows);
            outcomes.extend(black_box(&contexts).iter().map(|c| floor(c, windows)));
            black_box(&outcomes);
        });
    });
    let longest = IncidentContext::new(Severity::P3).with_fix(
        Fix::new(10)
            .with_ready(true)
            .with_simple_and_safe(true)
            .with_hot_reload(true),
    );
    group.bench_function("longest_path", |b| b.iter(|| decide(black_box(&longest))));
    group.bench_function("longest_path_floor", |b| {
        b.iter(|| floor(black_box(&longest), black_box(&windows)))
    });
    group.finish();
}

/// Where criterion writes its estimates, found as criterion finds it.
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent()
        .map_or(tmp.clone(), PathBuf::from)
        .join("criterion")
}

/// One benchmark's time per iteration, in nanoseconds, as criterion
/// estimates it: the slope of its linear regression (what its `time:` line
/// shows), else the mean.
fn estimate_ns(group: &str, bench: &str) -> Option<f64> {
    let path = criterion_home()
        .join(group)
        .join(bench)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates
        .pointer("/slope/point_estimate")
        .or_else(|| estimates.pointer("/mean/point_estimate"))?
        .as_f64()
}

fn report() {
    println!("\nper call (criterion estimates):");
    let per_call = [
        ("classify", "one", 1.0),
        ("classify", "ten_examples", 10.0),
        ("decide", "ten_paths", 10.0),
        ("decide", "ten_paths_floor", 10.0),
        ("decide", "longest_path", 1.0),
        ("decide", "longest_path_floor", 1.0),
    ];
    for (group, bench, calls) in per_call {
        if let Some(ns) = estimate_ns(group, bench) {
            println!("  {group}/{bench}: {:.1} ns", ns / calls);
        }
    }
    for (what, bench) in [
        ("all ten paths", "ten_paths"),
        ("the longest path", "longest_path"),
    ] {
        let floor = format!("{bench}_floor");
        if let (Some(decide), Some(floor)) =
            (estimate_ns("decide", bench), estimate_ns("decide", &floor))
        {
            println!(
                "decide / floor on {what}: {:.2}x (target: within 3x)",
                decide / floor
            );
        }
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench_classify(&mut criterion);
    bench_decide(&mut criterion);
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once and measures nothing.
    if std::env::args().any(|arg| arg == "--bench") {
        report();
    }
}
