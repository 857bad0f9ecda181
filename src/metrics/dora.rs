//! Beyond the standard: DORA's delivery figures from release records —
//! deployment frequency, the change failure rate and the failed-deployment
//! recovery time — beside the standard's monthly summary (`ME-4`).
//!
//! Given only a count of releases, the summary keeps the crate's older
//! reading of the change failure rate (the distinct releases named by the
//! month's incidents over the count), which can exceed 100 % and says so.
//! Given the releases themselves, each with its id and deploy time, the
//! rate is DORA's: of the releases deployed in the month, the share that
//! caused at least one incident, whenever that incident came. It can never
//! exceed 100 %.
//!
//! ```
//! use incident_response::chrono::{TimeDelta, TimeZone, Utc};
//! use incident_response::metrics::Release;
//! use incident_response::{Incident, Month, Policy, Severity};
//!
//! let deployed = Utc.with_ymd_and_hms(2026, 1, 12, 9, 0, 0).unwrap();
//! let releases = [
//!     Release::new("v1.3.0", deployed),
//!     Release::new("v1.3.1", deployed + TimeDelta::days(2)),
//! ];
//! let incidents = [Incident::new("INC-1", Severity::P2, deployed + TimeDelta::minutes(30))
//!     .with_release("v1.3.0")
//!     .with_restored_at(deployed + TimeDelta::minutes(50))];
//! let month: Month = "2026-01".parse()?;
//! let summary = Policy::STANDARD.summarize_month_with_releases(month, &incidents, &releases)?;
//! assert_eq!(summary.change_failure_rate, Some(0.5));
//! let delivery = summary.delivery.as_ref().unwrap();
//! assert_eq!(delivery.failed[0].id, "v1.3.0");
//! assert_eq!(delivery.recovery.median, Some(TimeDelta::minutes(50)));
//! # Ok::<(), incident_response::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DurationStats, Month};
use crate::clock::Seconds;
use crate::error::Error;
use crate::incident::Incident;
use crate::rule::RuleId;
use crate::text::{Percent, Span};

/// One production release: what it is called, when it reached production,
/// and, optionally, the service it belongs to.
///
/// ```json
/// {"id": "v1.3.0", "deployed_at": "2026-02-16T09:30:00Z", "service": "api"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Release {
    /// The release, as incidents name it in their `release`: `v1.3.0`.
    pub id: String,
    /// When it reached production.
    pub deployed_at: DateTime<Utc>,
    /// The service it belongs to, reported beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

impl Release {
    /// `id`, deployed at `deployed_at`.
    pub fn new(id: impl Into<String>, deployed_at: DateTime<Utc>) -> Self {
        Release {
            id: id.into(),
            deployed_at,
            service: None,
        }
    }

    /// Of `service`.
    #[must_use]
    pub fn with_service(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }
}

/// A release deployed in the month that caused at least one incident.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct FailedRelease {
    /// The release.
    pub id: String,
    /// Its service, if the record names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// When it reached production.
    pub deployed_at: DateTime<Utc>,
    /// The incidents that name it, in the order given: of any month.
    pub incidents: Vec<String>,
    /// From its deploy to the restoration of the last of its incidents
    /// (`restored_at`, or `resolved_at` when no restoration is recorded);
    /// `None` while one of them is not restored. In JSON, whole seconds.
    #[serde(rename = "recovered_in_secs", with = "Seconds")]
    pub recovered_in: Option<TimeDelta>,
}

/// DORA's delivery figures of a month, from its release records.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Delivery {
    /// Deployment frequency: the releases deployed in the month (UTC).
    pub deployments: u64,
    /// The distinct UTC days with at least one deployment.
    pub deployment_days: u64,
    /// Deployments per week: `deployments` over the month's days, times 7.
    pub per_week: f64,
    /// The releases deployed in the month that caused at least one
    /// incident, whenever it came, in deploy order: the change failure
    /// rate's numerator.
    pub failed: Vec<FailedRelease>,
    /// Failed-deployment recovery time (DORA 2023): from each failed
    /// release's deploy to the restoration of its last incident, over the
    /// failed releases whose incidents are all restored; low-confidence
    /// below the policy's minimum sample, as every duration figure.
    pub recovery: DurationStats,
    /// Failed releases with an incident not yet restored: left out of
    /// `recovery`.
    pub unrecovered: u64,
    /// Releases deployed in other months, given and left out.
    pub outside_month: u64,
    /// The month's incidents that name a release the records do not hold.
    pub unknown_releases: Vec<String>,
}

impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "├─ Deployments: {} on {} days ({:.2} a week)",
            self.deployments, self.deployment_days, self.per_week
        )?;
        let names: Vec<&str> = self.failed.iter().map(|r| r.id.as_str()).collect();
        let rate = match self.deployments {
            0 => "no deployments".to_owned(),
            deployed => format!(
                "{}% ({} of {deployed} deployed this month)",
                Percent(self.failed.len() as f64 / deployed as f64),
                self.failed.len()
            ),
        };
        if names.is_empty() {
            writeln!(f, "├─ Change failure rate (DORA): {rate}")?;
        } else {
            writeln!(
                f,
                "├─ Change failure rate (DORA): {rate}: {}",
                names.join(", ")
            )?;
        }
        if !self.unknown_releases.is_empty() {
            writeln!(
                f,
                "│  (this month's incidents name releases the records do not hold: {})",
                self.unknown_releases.join(", ")
            )?;
        }
        let recovery = &self.recovery;
        match (recovery.median, recovery.p90) {
            (Some(median), Some(p90)) => writeln!(
                f,
                "└─ Failed deployment recovery time (deploy → restoration): median {}, p90 {}, n = {}{}{}",
                Span(median),
                Span(p90),
                recovery.n,
                if recovery.low_confidence {
                    ", low confidence"
                } else {
                    ""
                },
                unrecovered(self.unrecovered)
            ),
            _ => writeln!(
                f,
                "└─ Failed deployment recovery time (deploy → restoration): none recovered{}",
                unrecovered(self.unrecovered)
            ),
        }
    }
}

/// `; 1 not yet recovered`, or nothing.
fn unrecovered(count: u64) -> String {
    if count == 0 {
        String::new()
    } else {
        format!("; {count} not yet recovered")
    }
}

/// The days of `month`: 28 to 31.
fn days_in(month: Month) -> i64 {
    let first = NaiveDate::from_ymd_opt(month.year(), month.month(), 1);
    let next = month
        .next()
        .and_then(|next| NaiveDate::from_ymd_opt(next.year(), next.month(), 1));
    match (first, next) {
        (Some(first), Some(next)) => (next - first).num_days(),
        _ => 31,
    }
}

/// Release ids must be unique: an incident names one release.
fn unique(releases: &[Release]) -> Result<(), Error> {
    let mut seen = HashSet::with_capacity(releases.len());
    for (i, release) in releases.iter().enumerate() {
        if !seen.insert(release.id.as_str()) {
            return Err(Error::InvalidInput {
                field: format!("releases[{i}].id").into(),
                value: release.id.clone(),
                requirement: "must name one release only: an incident's `release` names one".into(),
                rule: RuleId::Me4,
            });
        }
    }
    Ok(())
}

/// Every incident that names a release of the records began after it was
/// deployed: a release cannot have caused what began before it.
fn caused_after(incidents: &[Incident], releases: &[Release]) -> Result<(), Error> {
    for incident in incidents {
        let Some(named) = incident.release.as_deref() else {
            continue;
        };
        let Some(release) = releases.iter().find(|r| r.id == named) else {
            continue;
        };
        let began = incident.started_at.unwrap_or(incident.detected_at);
        if began < release.deployed_at {
            return Err(Error::InvalidInput {
                field: "release".into(),
                value: format!("{} (incident {})", release.id, incident.id),
                requirement: format!(
                    "must be deployed before the incident it caused began ({began}), not at {}",
                    release.deployed_at
                )
                .into(),
                rule: RuleId::Me4,
            });
        }
    }
    Ok(())
}

/// When an incident's service came back: restored, or else resolved.
fn restoration(incident: &Incident) -> Option<DateTime<Utc>> {
    incident.restored_at.or(incident.resolved_at)
}

/// The delivery figures of `month` from `releases`, attributing every
/// incident given (of any month) to the release it names.
///
/// # Errors
///
/// [`Error::InvalidInput`] for two releases of one id, or an incident that
/// began before the release it names was deployed.
pub(super) fn delivery(
    month: Month,
    incidents: &[Incident],
    releases: &[Release],
    min_sample: u32,
) -> Result<Delivery, Error> {
    unique(releases)?;
    caused_after(incidents, releases)?;
    let mut deployed: Vec<&Release> = releases
        .iter()
        .filter(|r| month.contains(r.deployed_at))
        .collect();
    deployed.sort_by_key(|r| r.deployed_at);
    let days: HashSet<NaiveDate> = deployed
        .iter()
        .map(|r| r.deployed_at.date_naive())
        .collect();
    let mut caused: HashMap<&str, Vec<&Incident>> = HashMap::new();
    for incident in incidents {
        if let Some(release) = incident.release.as_deref() {
            caused.entry(release).or_default().push(incident);
        }
    }
    let mut failed = Vec::new();
    let mut recoveries = Vec::new();
    let mut unrecovered = 0;
    for release in deployed.iter().copied() {
        let Some(its) = caused.get(release.id.as_str()) else {
            continue;
        };
        let recovered_in = recovered_in(release, its);
        match recovered_in {
            Some(time) => recoveries.push(time),
            None => unrecovered += 1,
        }
        failed.push(FailedRelease {
            id: release.id.clone(),
            service: release.service.clone(),
            deployed_at: release.deployed_at,
            incidents: its.iter().map(|i| i.id.clone()).collect(),
            recovered_in,
        });
    }
    let known: HashSet<&str> = releases.iter().map(|r| r.id.as_str()).collect();
    let mut unknown_releases: Vec<String> = incidents
        .iter()
        .filter(|i| month.contains(i.detected_at))
        .filter_map(|i| i.release.as_deref())
        .filter(|r| !r.is_empty() && !known.contains(r))
        .map(str::to_owned)
        .collect();
    unknown_releases.sort();
    unknown_releases.dedup();
    let count = deployed.len() as u64;
    Ok(Delivery {
        deployments: count,
        deployment_days: days.len() as u64,
        per_week: count as f64 * 7.0 / days_in(month) as f64,
        failed,
        recovery: DurationStats::of(&mut recoveries, min_sample),
        unrecovered,
        outside_month: releases.len() as u64 - count,
        unknown_releases,
    })
}

/// From `release`'s deploy to the restoration of the last of `incidents`
/// (each began after the deploy, [`caused_after`]); `None` while one is not
/// restored.
fn recovered_in(release: &Release, incidents: &[&Incident]) -> Option<TimeDelta> {
    let mut last = release.deployed_at;
    for incident in incidents {
        last = last.max(restoration(incident)?);
    }
    Some(last - release.deployed_at)
}

/// What a month's releases are given as: a bare count, or the records.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Releases<'a> {
    /// A count: the crate's older reading of the change failure rate.
    Count(u64),
    /// The releases themselves: DORA's.
    Records(&'a [Release]),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_days_of_each_month() {
        let days = |year, month| Month::new(year, month).map(days_in);
        let all = [(2026, 1), (2026, 2), (2024, 2), (2026, 4), (9999, 12)].map(|(y, m)| days(y, m));
        assert_eq!(all, [Ok(31), Ok(28), Ok(29), Ok(30), Ok(31)]);
    }
}
