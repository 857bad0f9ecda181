//! Beyond the standard, DORA's delivery figures from release records
//! (`ME-4`): a month made by hand and computed by hand, the bare count's
//! older reading beside it, the refusals, and the invariants on random
//! months.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use incident_response::chrono::{DateTime, TimeDelta, TimeZone, Utc};
use incident_response::metrics::Release;
use incident_response::{Error, Incident, Month, Policy, Severity};
use proptest::prelude::*;

fn at(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap()
}

fn february() -> Month {
    "2026-02".parse().unwrap()
}

/// February 2026, by hand: six releases, one of them January's; seven
/// incidents, one of them March's.
fn releases() -> Vec<Release> {
    vec![
        Release::new("v2.0.0", at(1, 30, 10)),
        Release::new("v2.1.0", at(2, 3, 9)).with_service("api"),
        Release::new("v2.2.0", at(2, 10, 9)),
        Release::new("v2.3.0", at(2, 10, 15)),
        Release::new("v2.4.0", at(2, 20, 9)),
        Release::new("v2.5.0", at(2, 25, 9)),
    ]
}

fn incidents() -> Vec<Incident> {
    vec![
        // January's release, failing in February.
        Incident::new("I1", Severity::P3, at(2, 2, 10))
            .with_release("v2.0.0")
            .with_resolved_at(at(2, 2, 11)),
        // Two incidents of v2.1.0: restored at 10:00, and resolved (no
        // restoration recorded) two days later at noon.
        Incident::new("I2", Severity::P2, at(2, 3, 9) + TimeDelta::minutes(30))
            .with_release("v2.1.0")
            .with_restored_at(at(2, 3, 10))
            .with_resolved_at(at(2, 3, 11)),
        Incident::new("I3", Severity::P3, at(2, 5, 9))
            .with_release("v2.1.0")
            .with_resolved_at(at(2, 5, 12)),
        // v2.3.0 fails in March: it counts against February, its month.
        Incident::new("I4", Severity::P2, at(3, 1, 9))
            .with_release("v2.3.0")
            .with_restored_at(at(3, 1, 11))
            .with_resolved_at(at(3, 1, 12)),
        // v2.4.0's incident is still open.
        Incident::new("I5", Severity::P1, at(2, 20, 9) + TimeDelta::minutes(20))
            .with_release("v2.4.0"),
        // A release the records do not hold, and an incident of no release.
        Incident::new("I6", Severity::P4, at(2, 21, 9))
            .with_release("v9.9.9")
            .with_resolved_at(at(2, 21, 10)),
        Incident::new("I7", Severity::P4, at(2, 22, 9)).with_resolved_at(at(2, 22, 10)),
    ]
}

/// ME-4 with release records: the figures of the hand-made month, each
/// computed by hand.
#[test]
fn me_4_the_dora_figures_of_a_month_by_hand() {
    let summary = Policy::STANDARD
        .summarize_month_with_releases(february(), &incidents(), &releases())
        .unwrap();
    // Deployed in February: v2.1.0, v2.2.0, v2.3.0, v2.4.0, v2.5.0.
    assert_eq!(summary.releases, 5);
    let delivery = summary.delivery.clone().unwrap();
    assert_eq!(delivery.deployments, 5);
    // On 3, 10 (twice), 20 and 25 February.
    assert_eq!(delivery.deployment_days, 4);
    // 5 deployments in 28 days: 1.25 a week.
    assert_eq!(delivery.per_week, 1.25);
    assert_eq!(delivery.outside_month, 1);
    // Failed: v2.1.0 (I2, I3), v2.3.0 (I4, in March), v2.4.0 (I5). Not
    // v2.0.0, deployed in January; 3 of 5.
    let failed: Vec<(&str, Vec<&str>)> = delivery
        .failed
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.incidents.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        failed,
        [
            ("v2.1.0", vec!["I2", "I3"]),
            ("v2.3.0", vec!["I4"]),
            ("v2.4.0", vec!["I5"])
        ]
    );
    assert_eq!(summary.failed_releases, 3);
    assert_eq!(summary.change_failure_rate, Some(0.6));
    assert_eq!(summary.change_failure_note, None);
    assert_eq!(delivery.failed[0].service.as_deref(), Some("api"));
    // Recovery: v2.1.0 from 3 Feb 09:00 to I3's resolution on 5 Feb
    // 12:00, 51 h; v2.3.0 from 10 Feb 15:00 to 1 Mar 11:00, 18 days 20 h
    // (452 h); v2.4.0 not yet recovered.
    let (first, second) = (TimeDelta::hours(51), TimeDelta::hours(452));
    assert_eq!(delivery.failed[0].recovered_in, Some(first));
    assert_eq!(delivery.failed[1].recovered_in, Some(second));
    assert_eq!(delivery.failed[2].recovered_in, None);
    assert_eq!(delivery.unrecovered, 1);
    assert_eq!(delivery.recovery.n, 2);
    assert_eq!(delivery.recovery.median, Some((first + second) / 2));
    assert_eq!(delivery.recovery.p90, Some(second));
    assert_eq!(delivery.unknown_releases, ["v9.9.9"]);
    // The standard's own figures stay the month's incidents': I4 is
    // March's.
    assert_eq!(summary.incidents.total(), 6);
    assert_eq!(summary.outside_month, 1);

    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(
        json["delivery"]["failed"][0]["recovered_in_secs"],
        51 * 3600
    );
    assert_eq!(json["delivery"]["recovery"]["median_secs"], 905_400);
    insta::assert_snapshot!("february_2026_with_release_records", summary.to_string());
}

/// ME-4 from a bare count: the older reading, kept, with its caveat: the
/// releases named by February's incidents (v2.0.0, v2.1.0, v2.4.0,
/// v9.9.9) over the count.
#[test]
fn me_4_a_bare_count_keeps_its_reading_and_says_what_it_rests_on() {
    let summary = Policy::STANDARD
        .summarize_month(february(), &incidents(), 5)
        .unwrap();
    assert_eq!(summary.delivery, None);
    assert_eq!(summary.failed_releases, 4);
    assert_eq!(summary.change_failure_rate, Some(0.8));
    let note = summary.change_failure_note.clone().unwrap();
    assert!(note.starts_with("from a bare count of releases"), "{note}");
    let few = Policy::STANDARD
        .summarize_month(february(), &incidents(), 3)
        .unwrap();
    assert_eq!(few.change_failure_rate, Some(4.0 / 3.0));
    assert!(
        few.change_failure_note
            .unwrap()
            .starts_with("4 releases caused this month's incidents, more than the 3")
    );
}

/// ME-4: two releases of one id, and an incident restored before the
/// release it names was deployed, are refused by name.
#[test]
fn me_4_records_that_cannot_be_true_are_refused() {
    let mut twice = releases();
    twice.push(Release::new("v2.2.0", at(2, 11, 9)));
    let err = Policy::STANDARD
        .summarize_month_with_releases(february(), &incidents(), &twice)
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, value, rule, .. }
            if field == "releases[6].id" && value == "v2.2.0" && *rule == incident_response::RuleId::Me4),
        "{err:?}"
    );
    let early = [Incident::new("I", Severity::P2, at(2, 3, 8))
        .with_release("v2.1.0")
        .with_restored_at(at(2, 3, 8) + TimeDelta::minutes(30))];
    let err = Policy::STANDARD
        .summarize_month_with_releases(february(), &early, &releases())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("must be deployed before the incident it caused began"),
        "{err}"
    );
}

/// ME-4: an incident that began before the release it names was deployed
/// is refused, wherever it stands among the incidents: the release cannot
/// have caused it.
#[test]
fn me_4_a_release_cannot_cause_what_began_before_it() {
    let open = Incident::new("OPEN", Severity::P2, at(2, 12, 9)).with_release("v2.3.0");
    let before = Incident::new("BEFORE", Severity::P3, at(2, 10, 14))
        .with_release("v2.3.0")
        .with_restored_at(at(2, 10, 16));
    for incidents in [[open.clone(), before.clone()], [before, open]] {
        let err = Policy::STANDARD
            .summarize_month_with_releases(february(), &incidents, &releases())
            .unwrap_err();
        assert!(
            err.to_string().contains("v2.3.0 (incident BEFORE)")
                && err
                    .to_string()
                    .contains("must be deployed before the incident it caused began"),
            "{err}"
        );
    }
    // Started before the deploy though detected after: refused too.
    let started = [Incident::new("S", Severity::P2, at(2, 10, 16))
        .with_started_at(at(2, 10, 14))
        .with_release("v2.3.0")];
    assert!(
        Policy::STANDARD
            .summarize_month_with_releases(february(), &started, &releases())
            .is_err()
    );
}

/// ME-4: with records, the incidents behind the change failures are those
/// of the failed releases deployed in the month, March's among them; not
/// January's release's, nor an unknown release's.
#[test]
fn me_4_the_incidents_behind_the_change_failures() {
    let incidents = incidents();
    let summary = Policy::STANDARD
        .summarize_month_with_releases(february(), &incidents, &releases())
        .unwrap();
    let behind: Vec<&str> = summary
        .incidents_behind(
            incident_response::metrics::Figure::ChangeFailures,
            &incidents,
        )
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(behind, ["I2", "I3", "I4", "I5"]);
    let counted = Policy::STANDARD
        .summarize_month(february(), &incidents, 5)
        .unwrap();
    let behind: Vec<&str> = counted
        .incidents_behind(
            incident_response::metrics::Figure::ChangeFailures,
            &incidents,
        )
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(behind, ["I1", "I2", "I3", "I5", "I6"]);
}

/// ME-4 through the tool: `report --releases FILE` reads the records, and
/// a bad record is refused with the file and its path.
#[cfg(feature = "cli")]
#[test]
fn me_4_the_tool_reads_release_records() {
    use std::process::Command;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dora");
    std::fs::create_dir_all(&dir).unwrap();
    let incidents_file = dir.join("incidents.json");
    let releases_file = dir.join("releases.json");
    std::fs::write(
        &incidents_file,
        serde_json::to_string(&incidents()).unwrap(),
    )
    .unwrap();
    std::fs::write(&releases_file, serde_json::to_string(&releases()).unwrap()).unwrap();
    let run = |releases: &str| {
        Command::new(env!("CARGO_BIN_EXE_incident-response"))
            .args(["report", "--month", "2026-02", "--releases", releases])
            .arg(&incidents_file)
            .output()
            .unwrap()
    };
    let out = run(releases_file.to_str().unwrap());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let library = Policy::STANDARD
        .summarize_month_with_releases(february(), &incidents(), &releases())
        .unwrap();
    assert_eq!(json, serde_json::to_value(library).unwrap());
    let count = run("5");
    let json: serde_json::Value = serde_json::from_slice(&count.stdout).unwrap();
    assert_eq!(
        (
            json["change_failure_rate"].clone(),
            json["delivery"].clone()
        ),
        (serde_json::json!(0.8), serde_json::Value::Null)
    );

    std::fs::write(
        &releases_file,
        r#"[{"id": "v1", "deployed_at": "yesterday"}]"#,
    )
    .unwrap();
    let bad = run(releases_file.to_str().unwrap());
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("releases.json (--releases): releases[0].deployed_at"),
        "{stderr}"
    );
}

prop_compose! {
    fn month_of_releases()(
        deploys in proptest::collection::vec((0..60i64, 0..24i64), 0..12),
        causes in proptest::collection::vec((0..12usize, 0..72i64, proptest::option::of(0..48i64)), 0..16),
    ) -> (Vec<Release>, Vec<Incident>) {
        // Deploys from 15 January to mid-March; incidents after them.
        let start = at(1, 15, 0);
        let releases: Vec<Release> = deploys
            .iter()
            .enumerate()
            .map(|(i, (day, hour))| Release::new(format!("r{i}"), start + TimeDelta::days(*day) + TimeDelta::hours(*hour)))
            .collect();
        let incidents = causes
            .iter()
            .enumerate()
            .filter_map(|(i, (release, after, restored))| {
                let release = releases.get(*release)?;
                let detected = release.deployed_at + TimeDelta::hours(*after);
                let incident = Incident::new(format!("I{i}"), Severity::P2, detected).with_release(release.id.clone());
                Some(match restored {
                    Some(hours) => incident.with_restored_at(detected + TimeDelta::hours(*hours)),
                    None => incident,
                })
            })
            .collect();
        (releases, incidents)
    }
}

proptest! {
    /// ME-4: from records, the change failure rate is a share of the
    /// month's deployments, never above 100 %; every failed release was
    /// deployed in the month and named by an incident; the recovered and
    /// the unrecovered add up to the failed.
    #[test]
    fn me_4_the_rate_from_records_never_exceeds_one((releases, incidents) in month_of_releases()) {
        let summary = Policy::STANDARD
            .summarize_month_with_releases(february(), &incidents, &releases)
            .unwrap();
        let delivery = summary.delivery.clone().unwrap();
        prop_assert!(delivery.failed.len() as u64 <= delivery.deployments);
        if let Some(rate) = summary.change_failure_rate {
            prop_assert!((0.0..=1.0).contains(&rate));
        } else {
            prop_assert_eq!(delivery.deployments, 0);
        }
        for failed in &delivery.failed {
            prop_assert!(february().contains(failed.deployed_at));
            prop_assert!(incidents.iter().any(|i| i.release.as_deref() == Some(failed.id.as_str())));
            if let Some(time) = failed.recovered_in {
                prop_assert!(time >= TimeDelta::zero());
            }
        }
        prop_assert_eq!(delivery.recovery.n + delivery.unrecovered, delivery.failed.len() as u64);
        prop_assert_eq!(delivery.deployments + delivery.outside_month, releases.len() as u64);
    }
}
