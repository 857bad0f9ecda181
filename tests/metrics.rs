//! §6 metrics: the standard's January 2026 summary and its trend lines as
//! fixtures, the statistics by hand, the goals, the months, and the
//! invariants proptest checks on random months.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::chrono::{DateTime, TimeDelta, TimeZone, Utc};
use incident_response::{
    Error, Incident, Month, MonthlySummary, Outcome, Policy, Severity, incident::ActionItem,
    incident::Horizon, incident::PostMortemRecord, incident::RollbackRecord, metrics::Direction,
    metrics::DurationStats, metrics::Figure, metrics::GoalStatus, metrics::TrendFigure,
    policy::MetricsPolicy, summarize_month, trends,
};
use proptest::prelude::*;

/// The figures as JSON shows them, in whole seconds.
fn shown(stats: &DurationStats) -> (Option<i64>, Option<i64>, Option<i64>) {
    let json = serde_json::to_value(stats).unwrap();
    let secs = |field: &str| json[field].as_i64();
    (secs("mean_secs"), secs("median_secs"), secs("p90_secs"))
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

/// Day `day` of `month`, at 10:00 UTC.
fn on(month: Month, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(month.year(), month.month(), day, 10, 0, 0)
        .single()
        .unwrap()
}

/// An incident detected at `detected`, started `detect` minutes before,
/// resolved `resolve` minutes after it started.
fn incident(
    id: &str,
    severity: Severity,
    detected: DateTime<Utc>,
    detect: i64,
    resolve: i64,
) -> Incident {
    Incident::new(id, severity, detected)
        .with_started_at(detected - TimeDelta::minutes(detect))
        .with_resolved_at(detected - TimeDelta::minutes(detect) + TimeDelta::minutes(resolve))
}

/// The standard's January 2026: P1 1, P2 3, P3 8, P4 15; MTTR 25 min, MTTD
/// 8 min; one rollback, successful, of 4.2 min (252 s).
fn january() -> Vec<Incident> {
    let jan = month("2026-01");
    let detected = on(jan, 16);
    let p1 = incident("INC-P1", Severity::P1, detected, 5, 25)
        .with_title("v1.3.0 N+1 query issue")
        .with_release("v1.3.0")
        .with_decision(Outcome::Rollback, detected + TimeDelta::minutes(5))
        .with_rollback(
            RollbackRecord::new(detected + TimeDelta::minutes(5))
                .with_finished(detected + TimeDelta::seconds(5 * 60 + 252), true),
        )
        .with_restored_at(detected + TimeDelta::minutes(10))
        .with_post_mortem(
            PostMortemRecord::new(detected + TimeDelta::minutes(30))
                .with_action_item(ActionItem::new("Deploy v1.3.1", Horizon::Immediate))
                .with_action_item(
                    ActionItem::new("Pool monitoring", Horizon::ShortTerm).with_done(true),
                ),
        );
    let mut incidents = vec![p1];
    // 26 more: 3 P2, 8 P3, 15 P4. Detected in 8 min (3 of them in 9),
    // resolved in 20 or 30 min, alternately.
    let severities = [Severity::P2; 3]
        .into_iter()
        .chain([Severity::P3; 8])
        .chain([Severity::P4; 15]);
    for (i, severity) in severities.enumerate() {
        let detect = if i < 3 { 9 } else { 8 };
        let resolve = if i % 2 == 0 { 20 } else { 30 };
        let day = 1 + u32::try_from(i).unwrap();
        incidents.push(incident(
            &format!("INC-{i:02}"),
            severity,
            on(jan, day),
            detect,
            resolve,
        ));
    }
    incidents
}

mod the_standards_january {
    use super::*;

    /// ME-1: P1 1, P2 3, P3 8, P4 15.
    #[test]
    fn me_1_incidents_per_severity() {
        let summary = summarize_month(month("2026-01"), &january(), 16).unwrap();
        let counts: Vec<u64> = Severity::ALL
            .iter()
            .map(|s| summary.incidents.of(*s))
            .collect();
        assert_eq!(counts, [1, 3, 8, 15]);
        assert_eq!(summary.incidents.total(), 27);
        assert_eq!(summary.still_open, 0);
    }

    /// ME-2: MTTR 25 min, MTTD 8 min, over 27 incidents.
    #[test]
    fn me_2_mttr_25_and_mttd_8() {
        let summary = summarize_month(month("2026-01"), &january(), 16).unwrap();
        assert_eq!(summary.mttr.n, 27);
        assert_eq!(summary.mttr.mean, Some(TimeDelta::minutes(25)));
        assert_eq!(summary.mttd.mean, Some(TimeDelta::minutes(8)));
        assert!(!summary.mttr.low_confidence);
        // 13 resolved in 20 min, 14 in 25 or 30: the median is 25.
        assert_eq!(summary.mttr.median, Some(TimeDelta::minutes(25)));
        assert_eq!(summary.mttr.p90, Some(TimeDelta::minutes(30)));
        // With every start known, detection → resolution is 25 − 8 = 17,
        // not the 20 of the standard's TRENDS block (see the docs).
        assert_eq!(
            summary.detection_to_resolution.mean,
            Some(TimeDelta::minutes(17))
        );
    }

    /// ME-3: one rollback, 100 % (1/1), 4.2 min.
    #[test]
    fn me_3_one_rollback_all_successful() {
        let summary = summarize_month(month("2026-01"), &january(), 16).unwrap();
        let rollbacks = summary.rollbacks;
        assert_eq!((rollbacks.attempted, rollbacks.succeeded), (1, 1));
        assert_eq!(rollbacks.success_rate, Some(1.0));
        assert_eq!(rollbacks.mean, Some(TimeDelta::seconds(252)));
    }

    /// ME-4 and the change failure rate: one open action item, 16
    /// releases, one of which caused an incident.
    #[test]
    fn me_4_action_items_releases_and_change_failures() {
        let incidents = january();
        let summary = summarize_month(month("2026-01"), &incidents, 16).unwrap();
        assert_eq!(summary.open_action_items, 1);
        assert_eq!(summary.releases, 16);
        assert_eq!(summary.change_failure_rate, Some(1.0 / 16.0));
        assert_eq!(summary.failed_releases, 1);
        let behind: Vec<&str> = summary
            .incidents_behind(Figure::ChangeFailures, &incidents)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(behind, ["INC-P1"]);
        let p2: Vec<&str> = summary
            .incidents_behind(Figure::Incidents(Severity::P2), &incidents)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(p2, ["INC-00", "INC-01", "INC-02"]);
    }

    /// ME-2, ME-4: the incidents behind the P2 MTTR are the resolved P2s;
    /// behind the open action items, the incidents with one not done.
    #[test]
    fn me_2_and_me_4_the_incidents_behind_a_figure() {
        let m = month("2026-01");
        let held = |done: bool| {
            PostMortemRecord::new(on(m, 20))
                .with_action_item(ActionItem::new("fix", Horizon::Immediate).with_done(done))
        };
        let incidents = [
            incident("A", Severity::P2, on(m, 2), 5, 20),
            Incident::new("B", Severity::P2, on(m, 3)),
            incident("C", Severity::P3, on(m, 4), 5, 20),
            incident("D", Severity::P3, on(m, 5), 5, 20).with_post_mortem(held(true)),
            incident("E", Severity::P3, on(m, 6), 5, 20).with_post_mortem(held(false)),
        ];
        let summary = summarize_month(m, &incidents, 3).unwrap();
        let behind = |figure| -> Vec<&str> {
            summary
                .incidents_behind(figure, &incidents)
                .map(|i| i.id.as_str())
                .collect()
        };
        assert_eq!(behind(Figure::P2Mttr), ["A"]);
        assert_eq!(summary.p2_mttr.n, 1);
        assert_eq!(behind(Figure::OpenActionItems), ["E"]);
        assert_eq!(summary.open_action_items, 1);
        assert_eq!(behind(Figure::StillOpen), ["B"]);
    }

    /// ME-6: one P1 misses "Zero P1 incidents"; the P2 MTTR of about 24 min
    /// misses "<10 min", on three incidents only.
    #[test]
    fn me_6_goals() {
        let summary = summarize_month(month("2026-01"), &january(), 16).unwrap();
        assert_eq!(summary.goals.zero_p1, GoalStatus::Missed);
        assert_eq!(summary.goals.p2_mttr, GoalStatus::Missed);
        assert!(summary.goals.p2_mttr_low_confidence);
        assert_eq!(summary.p2_mttr.n, 3);
    }

    /// The summary in the standard's layout.
    #[test]
    fn the_summary_reads_as_the_standard_s() {
        let summary = summarize_month(month("2026-01"), &january(), 16).unwrap();
        insta::assert_snapshot!("january_2026_summary", summary.to_string());
        insta::assert_json_snapshot!("january_2026_summary_json", summary);
    }
}

/// Summaries of consecutive months with the figures of the standard's
/// trend lines, each on 12 incidents so that none is low-confidence.
fn month_with(
    text: &str,
    p1: u64,
    mttr: i64,
    to_resolve: i64,
    open_items: usize,
    releases: u64,
) -> MonthlySummary {
    let m = month(text);
    let mut incidents = Vec::new();
    for i in 0..12u32 {
        let severity = if u64::from(i) < p1 {
            Severity::P1
        } else {
            Severity::P3
        };
        let mut item = incident(
            &format!("{text}-{i}"),
            severity,
            on(m, 1 + i),
            mttr - to_resolve,
            mttr,
        );
        if i == 0 {
            let mut record = PostMortemRecord::new(on(m, 1) + TimeDelta::hours(2));
            for n in 0..open_items {
                record = record
                    .with_action_item(ActionItem::new(format!("item {n}"), Horizon::ShortTerm));
            }
            item = item.with_post_mortem(record);
        }
        incidents.push(item);
    }
    summarize_month(m, &incidents, releases).unwrap()
}

fn standard_trend_months() -> Vec<MonthlySummary> {
    vec![
        month_with("2025-11", 3, 35, 30, 12, 12),
        month_with("2025-12", 2, 28, 20, 10, 14),
        month_with("2026-01", 1, 25, 20, 8, 16),
    ]
}

/// ME-5: the standard's TRENDS block, line by line.
#[test]
fn me_5_the_standard_s_trend_lines() {
    let trends = trends(&standard_trend_months()).unwrap();
    let lines: Vec<(TrendFigure, Vec<Option<i64>>, Direction)> = trends
        .lines
        .iter()
        .map(|l| (l.figure(), l.values().collect::<Vec<_>>(), l.direction()))
        .collect();
    assert_eq!(
        lines,
        [
            (
                TrendFigure::P1Incidents,
                vec![Some(3), Some(2), Some(1)],
                Direction::Improving
            ),
            (
                TrendFigure::Mttr,
                vec![Some(35 * 60), Some(28 * 60), Some(25 * 60)],
                Direction::Improving
            ),
            (
                TrendFigure::DetectionToResolution,
                vec![Some(30 * 60), Some(20 * 60), Some(20 * 60)],
                Direction::Stable
            ),
            (
                TrendFigure::OpenActionItems,
                vec![Some(12), Some(10), Some(8)],
                Direction::Improving
            ),
            (
                TrendFigure::Releases,
                vec![Some(12), Some(14), Some(16)],
                Direction::Improving
            ),
        ]
    );
    insta::assert_snapshot!(trends, @r"
    TRENDS (Last 3 Months):
    ├─ P1 incidents: 3 → 2 → 1 ✓ (improving)
    ├─ MTTR: 35 min → 28 min → 25 min ✓ (improving)
    ├─ Detection → Resolution: 30 min → 20 min → 20 min (stable)
    ├─ Action items from post-mortems: 12 → 10 → 8 ✓ (backlog shrinking)
    └─ Production releases: 12 → 14 → 16 ✓ (increasing velocity)
    standard applied: EATGF-DSS-INC-01 v1.0
    ");
}

/// ME-5: months must follow each other.
#[test]
fn me_5_months_must_be_consecutive() {
    let mut months = standard_trend_months();
    months.remove(1);
    let err = trends(&months).unwrap_err();
    insta::assert_snapshot!(err, @"month `2026-01` does not follow `2025-11`: trends need consecutive months (ME-5)");
    let year_end = [
        month_with("2025-12", 0, 20, 10, 0, 1),
        month_with("2026-01", 0, 20, 10, 0, 1),
    ];
    assert!(trends(&year_end).is_ok(), "December is followed by January");
    let one = trends(&year_end[..1]).unwrap();
    assert!(
        one.lines
            .iter()
            .all(|l| l.direction() == Direction::NotEnoughMonths)
    );
    // Review item 10: no month at all is an error, not "TRENDS (Last 0
    // Months)" of empty lines.
    insta::assert_snapshot!(trends(&[]).unwrap_err(), @"trends need at least one month (ME-5)");
}

/// ME-5: a change between low-confidence figures is not a direction.
#[test]
fn me_5_low_confidence_is_not_enough_incidents() {
    let few = |text: &str, mttr: i64| {
        let m = month(text);
        let incidents: Vec<Incident> = (0..3)
            .map(|i| incident(&format!("{text}-{i}"), Severity::P2, on(m, 1 + i), 2, mttr))
            .collect();
        summarize_month(m, &incidents, 3).unwrap()
    };
    let trends = trends(&[few("2026-01", 40), few("2026-02", 20)]).unwrap();
    let mttr = trends
        .lines
        .iter()
        .find(|l| l.figure() == TrendFigure::Mttr)
        .unwrap();
    assert_eq!(mttr.direction(), Direction::NotEnoughIncidents);
    assert_eq!(mttr.low_confidence().collect::<Vec<_>>(), [true, true]);
    // One low-confidence figure of the two is enough to read no direction.
    let many = |text: &str, mttr: i64| {
        let m = month(text);
        let incidents: Vec<Incident> = (0..12)
            .map(|i| incident(&format!("{text}-{i}"), Severity::P2, on(m, 1 + i), 2, mttr))
            .collect();
        summarize_month(m, &incidents, 3).unwrap()
    };
    for months in [
        [many("2026-01", 40), few("2026-02", 20)],
        [few("2026-01", 40), many("2026-02", 20)],
    ] {
        let one = incident_response::trends(&months).unwrap();
        let one_mttr = one
            .lines
            .iter()
            .find(|l| l.figure() == TrendFigure::Mttr)
            .unwrap();
        assert_eq!(one_mttr.direction(), Direction::NotEnoughIncidents, "{one}");
    }
    let both = incident_response::trends(&[many("2026-01", 40), many("2026-02", 20)]).unwrap();
    let both_mttr = both
        .lines
        .iter()
        .find(|l| l.figure() == TrendFigure::Mttr)
        .unwrap();
    assert_eq!(both_mttr.direction(), Direction::Improving);
    let points = mttr.points();
    assert_eq!(points.len(), 2);
    assert!(points.iter().all(|p| p.low_confidence));
    assert!(
        points[1].value < points[0].value,
        "the MTTR fell: {points:?}"
    );
    assert!(
        trends
            .to_string()
            .contains("MTTR: 40 min → 20 min (not enough incidents)")
    );
}

/// ME-5: a relative tolerance in the policy turns small changes stable.
#[test]
fn me_5_a_tolerance_makes_small_changes_stable() {
    let months = [
        month_with("2026-01", 0, 30, 10, 0, 10),
        month_with("2026-02", 0, 29, 10, 0, 10),
    ];
    let mttr = |policy: &Policy| {
        let trends = policy.trends(&months).unwrap();
        trends
            .lines
            .iter()
            .find(|l| l.figure() == TrendFigure::Mttr)
            .unwrap()
            .direction()
    };
    assert_eq!(mttr(&Policy::default()), Direction::Improving);
    let tolerant = Policy::default()
        .with_metrics(MetricsPolicy::STANDARD.with_trend_tolerance(0.05))
        .unwrap();
    assert_eq!(mttr(&tolerant), Direction::Stable);
    let err = Policy::default()
        .with_metrics(MetricsPolicy::STANDARD.with_trend_tolerance(1.5))
        .unwrap_err();
    insta::assert_snapshot!(err, @"metrics.trend_tolerance `1.5` must be within 0.0..=1.0 (ME-5)");
}

mod statistics {
    use super::*;

    /// Incidents resolved `seconds` after detection, start unknown.
    fn resolved_in(seconds: &[i64]) -> MonthlySummary {
        let m = month("2026-03");
        let incidents: Vec<Incident> = seconds
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let detected = on(m, 1) + TimeDelta::hours(i64::try_from(i).unwrap());
                Incident::new(format!("S-{i}"), Severity::P3, detected)
                    .with_resolved_at(detected + TimeDelta::seconds(*s))
            })
            .collect();
        summarize_month(m, &incidents, 0).unwrap()
    }

    /// ME-2: medians of odd and even counts, p90 of 1, 2, 10 and 11
    /// values, and the mean exact, shown in whole seconds rounded down.
    #[test]
    fn me_2_median_p90_and_mean_by_hand() {
        let stats = |values: &[i64]| shown(&resolved_in(values).mttr);
        assert_eq!(stats(&[60]), (Some(60), Some(60), Some(60)));
        // Even count: the median is the mean of the middle two, rounded
        // down; the mean of 1 s and 2 s is 1.5 s exactly, shown as 1.
        assert_eq!(stats(&[1, 2]), (Some(1), Some(1), Some(2)));
        assert_eq!(
            resolved_in(&[1, 2]).mttr.mean,
            Some(TimeDelta::milliseconds(1_500))
        );
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(stats(&ten), (Some(5), Some(5), Some(9)));
        let eleven: Vec<i64> = (1..=11).rev().collect();
        assert_eq!(stats(&eleven), (Some(6), Some(6), Some(10)));
        assert_eq!(
            stats(&[10, 20, 30, 1000]),
            (Some(265), Some(25), Some(1000))
        );
    }

    /// ME-2 and ME-3: an empty month has no figures, no rate, nothing to
    /// divide by zero.
    #[test]
    fn me_3_an_empty_month() {
        let summary = summarize_month(month("2026-04"), &january(), 0).unwrap();
        assert_eq!(summary.incidents.total(), 0);
        assert_eq!(summary.mttr.n, 0);
        assert_eq!(
            (summary.mttr.mean, summary.mttr.median, summary.mttr.p90),
            (None, None, None)
        );
        assert!(summary.mttr.low_confidence);
        assert_eq!(summary.rollbacks.success_rate, None);
        assert_eq!(summary.rollbacks.mean, None);
        assert_eq!(summary.change_failure_rate, None);
        assert_eq!(summary.goals.zero_p1, GoalStatus::Met);
        assert_eq!(summary.goals.p2_mttr, GoalStatus::NoData);
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["mttr"]["mean_secs"], serde_json::Value::Null);
        assert_eq!(json["rollbacks"]["success_rate"], serde_json::Value::Null);
    }

    /// ME-3: a month without rollbacks has no success rate, never 100 %.
    #[test]
    fn me_3_no_rollback_no_rate() {
        let summary = resolved_in(&[60, 120]);
        assert_eq!(summary.rollbacks.attempted, 0);
        assert_eq!(summary.rollbacks.success_rate, None);
        assert!(
            summary
                .to_string()
                .contains("├─ Rollback success rate: none attempted")
        );
    }

    /// ME-2: without a start, an incident is left out of MTTD and its MTTR
    /// counts from detection; unresolved, it is counted and still open.
    #[test]
    fn me_2_unknown_starts_and_open_incidents() {
        let m = month("2026-05");
        let known = incident("A", Severity::P2, on(m, 2), 10, 40);
        let unknown = Incident::new("B", Severity::P2, on(m, 3))
            .with_resolved_at(on(m, 3) + TimeDelta::minutes(20));
        let open = Incident::new("C", Severity::P1, on(m, 4));
        let summary = summarize_month(m, &[known, unknown, open], 2).unwrap();
        assert_eq!(summary.incidents.total(), 3);
        assert_eq!(summary.still_open, 1);
        assert_eq!(summary.mttd.n, 1);
        assert_eq!(summary.mttr.n, 2);
        assert_eq!(summary.mttr.mean, Some(TimeDelta::minutes(30)));
        assert_eq!(
            summary.detection_to_resolution.mean,
            Some(TimeDelta::minutes(25))
        );
    }

    /// ME-1: the UTC month of detection: 23:59:59 on the last day belongs
    /// to that month, one second later to the next.
    #[test]
    fn me_1_the_last_second_of_a_month_belongs_to_it() {
        let last = Utc
            .with_ymd_and_hms(2026, 1, 31, 23, 59, 59)
            .single()
            .unwrap();
        let incidents = [
            Incident::new("LAST", Severity::P3, last),
            Incident::new("NEXT", Severity::P3, last + TimeDelta::seconds(1)),
        ];
        assert_eq!(
            summarize_month(month("2026-01"), &incidents, 1)
                .unwrap()
                .incidents
                .p3,
            1
        );
        assert_eq!(
            summarize_month(month("2026-02"), &incidents, 1)
                .unwrap()
                .incidents
                .p3,
            1
        );
    }
}

mod inputs {
    use super::*;

    #[test]
    fn months_parse_and_print_as_yyyy_mm() {
        let january = month("2026-01");
        assert_eq!(january.to_string(), "2026-01");
        assert_eq!(serde_json::to_value(january).unwrap(), "2026-01");
        assert_eq!(
            serde_json::from_value::<Month>("2026-01".into()).unwrap(),
            january
        );
        assert_eq!(month("2025-12").next(), Some(january));
        for bad in [
            "2026-1",
            "2026-13",
            "2026-00",
            "26-01",
            "January 2026",
            "2026-01-01",
            "",
        ] {
            assert!(
                matches!(bad.parse::<Month>(), Err(Error::InvalidMonth { .. })),
                "{bad}"
            );
        }
        insta::assert_snapshot!("2026-13".parse::<Month>().unwrap_err(), @"month `2026-13` is not a month as `YYYY-MM`");
    }

    /// ME-1: an incident of the month out of order is named by its id;
    /// incidents of other months are not even read.
    #[test]
    fn me_1_a_broken_incident_is_named() {
        let m = month("2026-01");
        let broken = Incident::new("INC-BAD", Severity::P2, on(m, 5)).with_resolved_at(on(m, 4));
        let err = summarize_month(m, std::slice::from_ref(&broken), 1).unwrap_err();
        insta::assert_snapshot!(err, @"incident `INC-BAD`: resolved_at `2026-01-04T10:00:00Z` is before detected_at `2026-01-05T10:00:00Z` (IN-3)");
        assert!(summarize_month(month("2026-02"), &[broken], 1).is_ok());
    }

    /// ME-4: an incident of this month caused by an earlier release counts
    /// here; with fewer releases than failing ones the rate exceeds 1, and
    /// with none it is none, never an error.
    #[test]
    fn me_4_change_failures_never_fail_the_summary() {
        let none = summarize_month(month("2026-01"), &january(), 0).unwrap();
        assert_eq!(none.change_failure_rate, None);
        assert_eq!(none.failed_releases, 1);
        let m = month("2026-01");
        let two = [
            incident("A", Severity::P2, on(m, 2), 1, 10).with_release("v1"),
            incident("B", Severity::P2, on(m, 3), 1, 10).with_release("v2"),
        ];
        let summary = summarize_month(m, &two, 1).unwrap();
        assert_eq!(summary.change_failure_rate, Some(2.0));
        assert!(
            summary
                .to_string()
                .contains("└─ Change failure rate: 200% (2 of 1 releases)")
        );
    }

    /// ME-3: a rollback whose outcome is not stated is left out of the
    /// success rate, not counted as a failure.
    #[test]
    fn me_3_unknown_outcomes_are_not_failures() {
        let m = month("2026-06");
        let detected = on(m, 2);
        let with = |id: &str, rollback: RollbackRecord| {
            incident(id, Severity::P2, detected, 1, 30).with_rollback(rollback)
        };
        let incidents = [
            with(
                "OK",
                RollbackRecord::new(detected).with_finished(detected + TimeDelta::minutes(4), true),
            ),
            with("RUNNING", RollbackRecord::new(detected)),
        ];
        let summary = summarize_month(m, &incidents, 2).unwrap();
        let r = summary.rollbacks;
        assert_eq!((r.attempted, r.succeeded, r.outcome_unknown), (2, 1, 1));
        assert_eq!(r.success_rate, Some(1.0));
        assert!(
            summary
                .to_string()
                .contains("├─ Rollback success rate: 100% (1/1 successful; 1 of unknown outcome)"),
            "{summary}"
        );
        let only_running = summarize_month(m, &incidents[1..], 2).unwrap();
        assert_eq!(only_running.rollbacks.success_rate, None);
        assert!(
            only_running
                .to_string()
                .contains("├─ Rollback success rate: no outcome known (1 of unknown outcome)\n"),
            "attempted, but of no known outcome, is not \"none attempted\": {only_running}"
        );
    }

    /// ME-6: the P2 goal is judged on the exact mean: 599 s and 600 s
    /// average 599.5 s, under 10 min; the figure the goal shows is rounded
    /// down, so that text and JSON never show a met goal at 10 min.
    #[test]
    fn me_6_the_goal_is_judged_on_the_exact_mean() {
        let m = month("2026-07");
        let p2 = |id: &str, day: u32, secs: i64| {
            let detected = on(m, day);
            Incident::new(id, Severity::P2, detected)
                .with_resolved_at(detected + TimeDelta::seconds(secs))
        };
        let summary = summarize_month(m, &[p2("A", 1, 599), p2("B", 2, 600)], 1).unwrap();
        assert_eq!(summary.p2_mttr.mean, Some(TimeDelta::milliseconds(599_500)));
        assert_eq!(summary.goals.p2_mttr, GoalStatus::Met);
        assert_eq!(summary.goals.p2_mttr_ms, Some(599_500));
        assert!(
            summary
                .to_string()
                .contains("<10 min MTTR for P2 (9.9 min, n = 2, low confidence: met ✓)"),
            "{summary}"
        );
        let missed = summarize_month(m, &[p2("A", 1, 600), p2("B", 2, 600)], 1).unwrap();
        assert_eq!(
            missed.goals.p2_mttr,
            GoalStatus::Missed,
            "\"<10 min\" is strict"
        );
    }

    /// ME-2 and ME-6, review item 8: sub-second parts count. Two P2s
    /// resolved in 600.9 s and 599.2 s average 600.05 s: not under 10 min.
    /// MTTDs of 0.6, 0.6 and 1.9 s average 1.03 s, shown as 1 s, not 0.
    #[test]
    fn me_6_sub_seconds_are_not_cut_before_the_mean() {
        let m = month("2026-07");
        let p2 = |id: &str, day: u32, millis: i64| {
            let detected = on(m, day);
            Incident::new(id, Severity::P2, detected)
                .with_resolved_at(detected + TimeDelta::milliseconds(millis))
        };
        let summary = summarize_month(m, &[p2("A", 1, 600_900), p2("B", 2, 599_200)], 1).unwrap();
        assert_eq!(summary.goals.p2_mttr, GoalStatus::Missed);
        assert!(
            summary
                .to_string()
                .contains("(10 min, n = 2, low confidence: missed)"),
            "{summary}"
        );
        let detect = |id: &str, day: u32, millis: i64| {
            let detected = on(m, day);
            Incident::new(id, Severity::P3, detected)
                .with_started_at(detected - TimeDelta::milliseconds(millis))
        };
        let mttd = summarize_month(
            m,
            &[
                detect("A", 1, 600),
                detect("B", 2, 600),
                detect("C", 3, 1_900),
            ],
            1,
        )
        .unwrap()
        .mttd;
        assert_eq!(mttd.mean, Some(TimeDelta::nanoseconds(1_033_333_333)));
        assert_eq!(shown(&mttd).0, Some(1));
    }

    /// ME-2 and ME-6: the policy's minimum sample and goals, validated.
    #[test]
    fn me_6_goals_come_from_the_policy() {
        let lenient = Policy::default()
            .with_metrics(
                MetricsPolicy::STANDARD
                    .with_p1_goal(1)
                    .with_p2_mttr_goal_minutes(30)
                    .with_min_sample(3),
            )
            .unwrap();
        let summary = lenient
            .summarize_month(month("2026-01"), &january(), 16)
            .unwrap();
        assert_eq!(summary.goals.zero_p1, GoalStatus::Met);
        assert_eq!(summary.goals.p2_mttr, GoalStatus::Met);
        assert!(!summary.goals.p2_mttr_low_confidence);
        assert!(summary.policy.custom);
        assert!(
            summary
                .to_string()
                .contains("GOAL: At most 1 P1 incidents (1: met ✓); <30 min MTTR for P2"),
            "{summary}"
        );
        let err = Policy::default()
            .with_metrics(MetricsPolicy::STANDARD.with_min_sample(0))
            .unwrap_err();
        insta::assert_snapshot!(err, @"metrics.min_sample `0` must be at least 1 (ME-2)");
    }
}

/// A random month: incidents of random severities and durations, some in
/// other months, some open, some without a start.
fn random_incidents() -> impl Strategy<Value = Vec<Incident>> {
    let one = (
        0..4usize,
        1..=28u32,
        proptest::option::of(0..120i64),
        proptest::option::of(0..600i64),
        0..3u32,
    );
    proptest::collection::vec(one, 0..60).prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (severity, day, detect, resolve, which_month))| {
                let m = Month::new(2026, 1 + which_month).unwrap();
                let detected = on(m, day) + TimeDelta::minutes(i64::try_from(i).unwrap());
                let mut incident =
                    Incident::new(format!("R-{i}"), Severity::ALL[severity], detected);
                incident.started_at = detect.map(|d| detected - TimeDelta::minutes(d));
                incident.resolved_at = resolve.map(|r| detected + TimeDelta::minutes(r));
                incident
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// ME-1 … ME-4: the summary does not depend on the order of the
    /// incidents; the counts add up to the month's incidents; median ≤ p90
    /// ≤ max and min ≤ mean ≤ max.
    #[test]
    fn me_1_to_me_4_hold_on_random_months(incidents in random_incidents(), rotate in 0..60usize) {
        let m = month("2026-01");
        let summary = summarize_month(m, &incidents, 100).unwrap();
        let mut reordered = incidents.clone();
        reordered.reverse();
        let len = reordered.len().max(1);
        reordered.rotate_left(rotate % len);
        prop_assert_eq!(&summarize_month(m, &reordered, 100).unwrap(), &summary);
        let in_month = incidents.iter().filter(|i| m.contains(i.detected_at)).count() as u64;
        prop_assert_eq!(summary.incidents.total(), in_month);
        prop_assert_eq!(summary.mttr.n + summary.still_open, in_month);
        let ours: Vec<&Incident> = incidents.iter().filter(|i| m.contains(i.detected_at)).collect();
        let samples = |f: &dyn Fn(&Incident) -> Option<TimeDelta>| -> Vec<TimeDelta> {
            ours.iter().filter_map(|i| f(i)).collect()
        };
        let figures = [
            (summary.mttr, samples(&|i| i.durations().unwrap().time_to_resolve)),
            (summary.mttd, samples(&|i| i.durations().unwrap().time_to_detect)),
            (summary.detection_to_resolution, samples(&|i| i.durations().unwrap().detection_to_resolution)),
        ];
        for (stats, values) in figures {
            prop_assert_eq!(stats.n, values.len() as u64);
            let (Some(min), Some(max)) = (values.iter().min(), values.iter().max()) else {
                prop_assert_eq!((stats.mean, stats.median, stats.p90), (None, None, None));
                continue;
            };
            let (mean, median, p90) = (stats.mean.unwrap(), stats.median.unwrap(), stats.p90.unwrap());
            prop_assert!(*min <= median && median <= p90 && p90 <= *max, "{min} {median} {p90} {max}");
            prop_assert!(*min <= mean && mean <= *max, "{min} {mean} {max}");
            prop_assert!(values.contains(&p90), "the nearest rank is one of the values");
        }
        let behind = summary.incidents_behind(Figure::StillOpen, &incidents).count() as u64;
        prop_assert_eq!(behind, summary.still_open);
    }
}

/// Review item 9: no silent figures. A duplicate id is refused, the
/// incidents of other months are counted as left out, and a change failure
/// rate above 100 % says why.
mod silent_figures {
    use super::*;

    /// ME-1: two incidents with the same id would be counted twice.
    #[test]
    fn me_1_a_duplicate_id_is_refused() {
        let m = month("2026-03");
        let twice = [
            Incident::new("INC-9", Severity::P2, on(m, 1)),
            Incident::new("INC-8", Severity::P3, on(m, 2)),
            Incident::new("INC-9", Severity::P2, on(m, 1)),
        ];
        let err = summarize_month(m, &twice, 1).unwrap_err();
        assert!(
            matches!(&err, Error::DuplicateIncident { id, rule: incident_response::RuleId::Me1, .. } if id == "INC-9")
        );
        insta::assert_snapshot!(err, @"incident id `INC-9` appears more than once: each incident is counted once (ME-1)");
    }

    /// ME-1: incidents of another month are left out, and counted.
    #[test]
    fn me_1_incidents_of_other_months_are_counted_as_left_out() {
        let m = month("2026-03");
        let incidents = [
            Incident::new("INC-1", Severity::P2, on(m, 1)),
            Incident::new("INC-2", Severity::P3, on(month("2026-02"), 1)),
            Incident::new("INC-3", Severity::P3, on(month("2026-04"), 1)),
        ];
        let summary = summarize_month(m, &incidents, 1).unwrap();
        assert_eq!((summary.incidents.total(), summary.outside_month), (1, 2));
        assert!(
            summary
                .to_string()
                .contains("├─ Left out: 2 incidents detected in other months\n"),
            "{summary}"
        );
        assert_eq!(serde_json::to_value(&summary).unwrap()["outside_month"], 2);
        let alone = summarize_month(m, &incidents[..1], 1).unwrap();
        assert!(!alone.to_string().contains("Left out"));
    }

    /// ME-4: more releases caused this month's incidents than were
    /// released in it: the rate is above 100 %, and says why.
    #[test]
    fn me_4_a_change_failure_rate_above_one_says_why() {
        let m = month("2026-03");
        let incidents = [
            Incident::new("INC-1", Severity::P2, on(m, 1)).with_release("v1.2.0"),
            Incident::new("INC-2", Severity::P2, on(m, 2)).with_release("v1.3.0"),
            Incident::new("INC-3", Severity::P3, on(m, 3)).with_release("v1.4.0"),
        ];
        let summary = summarize_month(m, &incidents, 2).unwrap();
        assert_eq!(summary.change_failure_rate, Some(1.5));
        let note = "3 releases caused this month's incidents, more than the 2 released this month: incidents detected this month were caused by earlier months' releases";
        assert_eq!(summary.change_failure_note.as_deref(), Some(note));
        assert_eq!(
            serde_json::to_value(&summary).unwrap()["change_failure_note"],
            note
        );
        assert!(
            summary.to_string().contains(&format!(
                "└─ Change failure rate: 150% (3 of 2 releases)\n   ({note})\n"
            )),
            "{summary}"
        );
        let counted = summarize_month(m, &incidents, 3).unwrap();
        assert!(
            counted
                .change_failure_note
                .unwrap()
                .starts_with("from a bare count of releases: "),
            "at or under 100 %, a bare count still says what it rests on"
        );
        let none = summarize_month(m, &incidents, 0).unwrap();
        assert_eq!(none.change_failure_rate, None);
        assert_eq!(
            none.change_failure_note.as_deref(),
            Some(
                "3 releases caused this month's incidents, but no release is counted this month: they were released in earlier months, so no rate is given"
            )
        );
    }
}
