//! The hot paths allocate nothing: a counting global allocator tallies the
//! allocations made by this thread while `classify` runs. The count is
//! deterministic, unlike a timing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]
#![allow(unsafe_code, reason = "a global allocator is an unsafe trait")]

mod util;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use incident_response::{
    IncidentContext, Policy, Severity, Signals, classify, decide, decision::Cause,
    decision::Revert, decision_table, severity::BrokenFeature,
};
use util::fix;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: the allocator may run while the thread-local is torn down.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counter is a thread-local `Cell` that itself never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The allocations this thread makes while `f` runs.
fn allocations_during<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    (ALLOCATIONS.with(Cell::get) - before, result)
}

#[test]
fn the_counter_sees_allocations() {
    let (n, v) = allocations_during(|| vec![1u8; 64]);
    assert_eq!(
        n, 1,
        "the counting allocator must count, or the tests below prove nothing"
    );
    drop(v);
}

#[test]
fn classify_allocates_nothing() {
    let cases: Vec<Signals> = vec![
        Signals::default(),
        Signals::new().with_error_rate(1.0),
        Signals::new().with_error_rate(0.1),
        Signals::new().with_error_rate(0.01),
        Signals::new().with_latency_ms(6_000),
        Signals::new().with_latency_ms(3_000),
        Signals::new().with_feature_broken(BrokenFeature::Critical),
        Signals::new().with_feature_broken(BrokenFeature::NonCritical),
        Signals::new()
            .with_data_loss(true)
            .with_customer_data_exposed(true)
            .with_gradual_degradation(true)
            .with_error_rate(0.3)
            .with_latency_ms(2_500),
    ];
    let policy = Policy::default();
    let mut results = Vec::with_capacity(cases.len() * 2);
    let (n, ()) = allocations_during(|| {
        for s in &cases {
            results.push(classify(s));
            results.push(policy.classify(s));
        }
    });
    assert_eq!(n, 0, "classify allocated {n} times");
    assert_eq!(results.len(), cases.len() * 2);
    assert!(results.iter().all(Result::is_ok));
}

#[test]
fn refusing_a_signal_allocates_nothing_either() {
    let bad = Signals::new().with_error_rate(f64::NAN);
    let (n, result) = allocations_during(|| classify(&bad).is_err());
    assert_eq!(n, 0);
    assert!(result);
}

#[test]
fn decide_allocates_nothing_on_any_path() {
    // One context per path of the decision table, plus the longest path
    // with a stated fix, and a P1 with every field stated.
    let mut contexts: Vec<IncidentContext> = decision_table()
        .rows()
        .iter()
        .map(|row| *row.example())
        .collect();
    contexts.push(IncidentContext::new(Severity::P3).with_fix(fix(true, 45, true)));
    contexts.push(
        IncidentContext::new(Severity::P1)
            .with_data_loss(true)
            .with_cause(Cause::Deployment {
                revert: Revert::Complex,
            })
            .with_backup_restore_minutes(10)
            .with_fix(fix(true, 5, true)),
    );
    let policy = Policy::default();
    let mut decisions = Vec::with_capacity(contexts.len() * 2);
    let (n, ()) = allocations_during(|| {
        for context in &contexts {
            decisions.push(decide(context));
            decisions.push(policy.decide(context));
        }
    });
    assert_eq!(n, 0, "decide allocated {n} times");
    assert_eq!(decisions.len(), contexts.len() * 2);
    let paths: usize = decisions
        .iter()
        .map(|d| d.as_ref().unwrap().path().len())
        .sum();
    assert!(
        paths >= contexts.len() * 4,
        "the decisions carry their paths"
    );
}

#[test]
fn walking_the_path_allocates_nothing() {
    let decision = decide(&IncidentContext::new(Severity::P2)).unwrap();
    let (n, rules) = allocations_during(|| {
        let mut count = 0;
        for step in decision.path() {
            count += usize::from(step.rule().is_implemented()) + step.quote().len().min(1);
        }
        (
            count,
            decision.deciding_rule(),
            decision.outcome(),
            decision.rests_on_assumptions(),
        )
    });
    assert_eq!(n, 0);
    assert_eq!(rules.0, 12);
}

/// IN-1 … IN-5: computing the obligations of an incident allocates nothing.
#[test]
fn in_1_to_in_5_obligations_allocate_nothing() {
    let incident: incident_response::Incident =
        serde_json::from_str(include_str!("fixtures/incident_2026_02_16.json")).unwrap();
    let now = incident.resolved_at.unwrap() + incident_response::chrono::TimeDelta::hours(1);
    let policy = Policy::default();
    let (n, obligations) = allocations_during(|| {
        (
            incident.obligations(now),
            policy.obligations(&incident, now),
            incident.durations(),
        )
    });
    assert_eq!(n, 0, "obligations allocated {n} times");
    let (standard, policy_form, durations) = obligations;
    assert_eq!(standard.unwrap(), policy_form.unwrap());
    assert!(durations.unwrap().rollback.is_some());
}

/// ME-1 … ME-4: a month's summary allocates only for the durations its
/// percentiles need (vectors that double), not per incident.
#[test]
fn me_1_to_me_4_summaries_allocate_per_month_not_per_incident() {
    use incident_response::chrono::{TimeDelta, TimeZone, Utc};
    use incident_response::{Incident, Month, summarize_month};
    let month: Month = "2026-01".parse().unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let incidents = |n: usize| -> Vec<Incident> {
        (0..n)
            .map(|i| {
                let detected = start + TimeDelta::seconds(i64::try_from(i).unwrap());
                Incident::new(format!("INC-{i}"), Severity::P2, detected)
                    .with_started_at(detected - TimeDelta::seconds(60))
                    .with_resolved_at(detected + TimeDelta::seconds(600))
                    .with_release(format!("v{i}"))
            })
            .collect()
    };
    let (small, large) = (incidents(1_000), incidents(20_000));
    let (few, _) = allocations_during(|| summarize_month(month, &small, 1_000_000).unwrap());
    let (many, summary) = allocations_during(|| summarize_month(month, &large, 1_000_000).unwrap());
    assert_eq!(summary.incidents.p2, 20_000);
    assert_eq!(summary.failed_releases, 20_000);
    assert!(many < 200, "{many} allocations for 20 000 incidents");
    assert!(
        many <= few + 60,
        "{few} for 1 000, {many} for 20 000: not per incident"
    );
}

/// The JSON door reads a stream's documents without allocating: the
/// strict reading, the `"id"` envelope and a whole float for an integer
/// cost nothing, so `classify --lines` allocates nothing per line. An id
/// given is a string the answer echoes, and is the one allocation.
#[cfg(feature = "json")]
#[test]
fn sev_p2_errors_the_json_door_reads_without_allocating() {
    use incident_response::json;
    let documents: [&[u8]; 3] = [
        br#"{"error_rate": 0.1, "latency_ms": 2731.0, "feature_broken": "critical"}"#,
        br#"{"data_loss": null, "gradual_degradation": true, "customer_data_exposed": false}"#,
        b"\xef\xbb\xbf{}",
    ];
    let mut read = Vec::with_capacity(documents.len());
    let (n, ()) = allocations_during(|| {
        for document in documents {
            read.push(json::read_document::<Signals>(document).map(|d| d.body));
        }
    });
    assert_eq!(n, 0, "the door allocated {n} times");
    assert!(read.iter().all(Result::is_ok), "{read:?}");
    let policy = Policy::default();
    let (n, context) = allocations_during(|| {
        json::read_context(
            br#"{"signals": {"error_rate": 0.2}, "data_loss": false}"#,
            &policy,
        )
    });
    assert_eq!(n, 0, "reading signals for a decision allocated {n} times");
    assert!(context.is_ok());
    let (n, _) = allocations_during(|| json::read_document::<Signals>(br#"{"id": "a-1"}"#));
    assert_eq!(n, 1, "the id, and nothing else");
}
