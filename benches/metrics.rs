//! `summarize_month` over 10 000, 100 000 and 1 000 000 generated
//! incidents, beside a floor that only counts and sums in one pass: the
//! growth from 100 000 to 1 000 000 shows it linear, and the ratio to the
//! floor is the price of validation, medians and percentiles.
//!
//! ```sh
//! cargo bench --bench metrics
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput};
use incident_response::chrono::{TimeDelta, TimeZone, Utc};
use incident_response::{Incident, Month, Severity, incident::RollbackRecord, summarize_month};

/// `n` incidents over January 2026, with starts, resolutions, some
/// rollbacks and releases: a platform's years of incidents, compressed.
fn incidents(n: usize) -> Vec<Incident> {
    let Some(start) = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single() else {
        return Vec::new();
    };
    let month_secs: i64 = 31 * 24 * 3600 - 3600;
    (0..n)
        .map(|i| {
            let k = i64::try_from(i).unwrap_or(0);
            // A cheap, deterministic spread over the month and the durations.
            let mix = k.wrapping_mul(2_654_435_761) & 0x7fff_ffff;
            let detected = start + TimeDelta::seconds(mix % month_secs);
            let severity = Severity::ALL.get(i % 4).copied().unwrap_or(Severity::P4);
            let mut incident = Incident::new(format!("INC-{i}"), severity, detected)
                .with_started_at(detected - TimeDelta::seconds(mix % 900))
                .with_resolved_at(detected + TimeDelta::seconds(60 + mix % 7_200));
            if i % 10 == 0 {
                incident = incident.with_rollback(
                    RollbackRecord::new(detected)
                        .with_finished(detected + TimeDelta::seconds(mix % 600), i % 20 == 0),
                );
            }
            if i % 50 == 0 {
                incident = incident.with_release(format!("v{}", i % 997));
            }
            incident
        })
        .collect()
}

/// The least a summary could do: one pass that counts the month's
/// incidents per severity and sums their resolution times.
fn floor(month: Month, incidents: &[Incident]) -> (u64, [u64; 4], i64) {
    let mut total = 0;
    let mut counts = [0u64; 4];
    let mut resolve = 0i64;
    for incident in incidents {
        if !month.contains(incident.detected_at) {
            continue;
        }
        total += 1;
        if let Some(count) = counts.get_mut(incident.severity as usize) {
            *count += 1;
        }
        if let (Some(started), Some(resolved)) = (incident.started_at, incident.resolved_at) {
            resolve += (resolved - started).num_seconds();
        }
    }
    (total, counts, resolve)
}

fn bench_summaries(c: &mut Criterion) {
    let Ok(month) = "2026-01".parse::<Month>() else {
        return;
    };
    let mut group = c.benchmark_group("summarize_month");
    group.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        let data = incidents(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("summary", n), &data, |b, data| {
            b.iter(|| summarize_month(month, black_box(data), 10_000))
        });
        group.bench_with_input(BenchmarkId::new("floor", n), &data, |b, data| {
            b.iter(|| floor(month, black_box(data)))
        });
    }
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench_summaries(&mut criterion);
    criterion.final_summary();
}
