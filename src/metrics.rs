//! §6 Metrics & Continuous Improvement: the [`MonthlySummary`] of a month's
//! incidents, the [`Trends`] over consecutive months and the goals (rules
//! `ME-1` … `ME-6`).
//!
//! > January 2026 Incident Summary:
//! > ├─ P1 Incidents: 1 (v1.3.0 N+1 query issue)
//! > ├─ Total MTTR (mean time to resolve): 25 min
//! > ├─ Total MTTD (mean time to detect): 8 min
//! > ├─ Rollback success rate: 100% (1/1 successful)
//! > └─ Rollback time (average): 4.2 min
//! >
//! > GOAL: Zero P1 incidents; <10 min MTTR for P2
//!
//! | id | figure |
//! |---|---|
//! | `ME-1` | incidents per severity, by the UTC month of `detected_at` |
//! | `ME-2` | MTTR (started → resolved, from detection when the start is unknown), MTTD (started → detected) and detection → resolution: mean, median and p90 with the sample size `n` |
//! | `ME-3` | rollbacks attempted and succeeded, the success rate (none when nothing was attempted) and the mean rollback time |
//! | `ME-4` | open post-mortem action items; production releases, as given |
//! | `ME-5` | trends over consecutive months, the direction being that of the last change |
//! | `ME-6` | goals: zero P1 incidents; P2 MTTR under 10 min |
//!
//! # Honest statistics
//!
//! Incident durations are heavy-tailed: a mean over a few incidents is
//! noise, and so is a change in that mean from one month to the next. Every
//! figure therefore carries its sample size `n`, the median and the p90
//! beside the mean, and is `low_confidence` below the policy's minimum
//! sample (10 by default). A trend between low-confidence figures is "not
//! enough incidents", never improving or worsening.
//!
//! - Every figure is computed from the exact durations. JSON shows whole
//!   seconds, rounded down; the text rounds to the nearest tenth of a
//!   minute, but beside a goal, where it rounds down. The median of an even count
//!   is the mean of the two middle values, rounded down; the p90 is the
//!   nearest-rank percentile, the smallest value with at least 90 % of the
//!   values at or below it.
//! - An unresolved incident is counted (`ME-1`) and reported as still open,
//!   and left out of the resolution times.
//!
//! # Beyond the standard
//!
//! The change failure rate of DORA's "Four Keys": the distinct releases that
//! caused an incident this month (`Incident::release`), over the releases of
//! the month. And the P2 MTTR on its own, which the goal of `ME-6` needs.
//!
//! # Where the standard's figures disagree
//!
//! The January summary's MTTR of 25 min and MTTD of 8 min imply a
//! detection-to-resolution mean of 17 min when every incident is resolved
//! and every start known, not the 20 min its TRENDS block gives for the
//! same month; the three agree only if some incidents are still open (they
//! count in MTTD, not in MTTR) or lack a start. And the summary's January
//! P1 is "v1.3.0 N+1 query issue", the incident its §5 dates 16 February.
//! The crate computes each figure from the incidents and tests the
//! summary's own figures.
//!
//! ```
//! use incident_response::chrono::{TimeDelta, TimeZone, Utc};
//! use incident_response::{summarize_month, Incident, Month, Severity};
//!
//! let detected = Utc.with_ymd_and_hms(2026, 1, 12, 9, 0, 0).unwrap();
//! let incidents = [Incident::new("INC-1", Severity::P2, detected)
//!     .with_started_at(detected - TimeDelta::minutes(3))
//!     .with_resolved_at(detected + TimeDelta::minutes(12))];
//! let summary = summarize_month("2026-01".parse::<Month>()?, &incidents, 4)?;
//! assert_eq!(summary.incidents.p2, 1);
//! assert_eq!(summary.mttr.mean, Some(TimeDelta::minutes(15)));
//! assert!(summary.mttr.low_confidence, "one incident is not a trend");
//! # Ok::<(), incident_response::Error>(())
//! ```

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

mod dora;

use dora::Releases;
pub use dora::{Delivery, FailedRelease, Release};

use crate::clock::{Seconds, nanos};
use crate::error::Error;
use crate::incident::Incident;
use crate::policy::Policy;
use crate::policy::catalogue::{AppliedPolicy, PolicyField};
use crate::rule::RuleId;
use crate::severity::level::Severity;
use crate::text::{MinutesDown, Percent, SummaryMinutes};

/// A calendar month, UTC: `2026-01` in JSON, `Display` and `FromStr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month `month` (1 to 12) of `year`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidMonth`] when `month` is not 1 to 12, or `year` is
    /// outside 0 to 9999.
    pub fn new(year: i32, month: u32) -> Result<Self, Error> {
        if !(1..=12).contains(&month) || !(0..=9999).contains(&year) {
            return Err(Error::InvalidMonth {
                value: format!("{year:04}-{month:02}"),
            });
        }
        Ok(Month { year, month })
    }

    /// The year.
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub const fn month(self) -> u32 {
        self.month
    }

    /// The month after this one; `None` after December 9999.
    pub fn next(self) -> Option<Month> {
        if self.month == 12 {
            Month::new(self.year + 1, 1).ok()
        } else {
            Month::new(self.year, self.month + 1).ok()
        }
    }

    /// Whether `at` falls in this month, UTC.
    pub fn contains(self, at: DateTime<Utc>) -> bool {
        at.year() == self.year && at.month() == self.month
    }

    /// The standard's heading: "January 2026".
    pub fn name(self) -> impl fmt::Display {
        MonthName(self)
    }
}

struct MonthName(Month);

impl fmt::Display for MonthName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let index = usize::try_from(self.0.month.saturating_sub(1)).unwrap_or(0);
        let name = NAMES.get(index).copied().unwrap_or("?");
        write!(f, "{name} {}", self.0.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = Error;

    /// Parses `YYYY-MM`: `2026-01`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidMonth`] for anything else: `2026-1`, `2026-13`,
    /// `January 2026`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || Error::InvalidMonth { value: s.into() };
        let (year, month) = s.split_once('-').ok_or_else(invalid)?;
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return Err(invalid());
        }
        let year: i32 = year.parse().map_err(|_| invalid())?;
        let month: u32 = month.parse().map_err(|_| invalid())?;
        Month::new(year, month).map_err(|_| invalid())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar month, UTC, as `YYYY-MM`.",
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
        })
    }
}

/// Incidents per severity (`ME-1`): `{"P1": 1, "P2": 3, "P3": 8, "P4": 15}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct SeverityCounts {
    /// P1 incidents.
    #[serde(rename = "P1")]
    pub p1: u64,
    /// P2 incidents.
    #[serde(rename = "P2")]
    pub p2: u64,
    /// P3 incidents.
    #[serde(rename = "P3")]
    pub p3: u64,
    /// P4 incidents.
    #[serde(rename = "P4")]
    pub p4: u64,
}

impl SeverityCounts {
    /// The count of `severity`.
    pub const fn of(&self, severity: Severity) -> u64 {
        match severity {
            Severity::P1 => self.p1,
            Severity::P2 => self.p2,
            Severity::P3 => self.p3,
            Severity::P4 => self.p4,
        }
    }

    /// Every incident counted.
    pub const fn total(&self) -> u64 {
        self.p1 + self.p2 + self.p3 + self.p4
    }

    fn count(&mut self, severity: Severity) {
        let counter = match severity {
            Severity::P1 => &mut self.p1,
            Severity::P2 => &mut self.p2,
            Severity::P3 => &mut self.p3,
            Severity::P4 => &mut self.p4,
        };
        *counter += 1;
    }
}

/// One duration figure (`ME-2`): the mean, median and p90 over `n`
/// incidents, `None` when `n` is 0, and whether `n` is below the policy's
/// minimum sample. Each is computed from the exact durations; JSON shows
/// whole seconds under `*_secs` names, rounded down, so that a figure is
/// never shown past a goal it does not reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct DurationStats {
    /// How many incidents have the duration.
    pub n: u64,
    /// The exact mean (to the nanosecond); in JSON, its whole seconds,
    /// rounded down.
    #[serde(rename = "mean_secs", with = "Seconds")]
    pub mean: Option<TimeDelta>,
    /// The median; of an even count, the mean of the two middle values,
    /// rounded down (to the nanosecond; in JSON, to the second).
    #[serde(rename = "median_secs", with = "Seconds")]
    pub median: Option<TimeDelta>,
    /// The nearest-rank 90th percentile: the smallest value with at least
    /// 90 % of the values at or below it; in JSON, its whole seconds.
    #[serde(rename = "p90_secs", with = "Seconds")]
    pub p90: Option<TimeDelta>,
    /// Whether `n` is below the policy's minimum sample: the figure is
    /// noise, and no trend is read from it.
    pub low_confidence: bool,
}

/// Nanoseconds back to a duration; `None` past what `TimeDelta` holds.
fn from_nanos(nanos: i128) -> Option<TimeDelta> {
    let seconds = i64::try_from(nanos.div_euclid(1_000_000_000)).ok()?;
    let rest = u32::try_from(nanos.rem_euclid(1_000_000_000)).ok()?;
    TimeDelta::new(seconds, rest)
}

impl DurationStats {
    /// The statistics of `durations`, reordered in place: selection, not a
    /// full sort, so linear in their number. Nothing is rounded.
    fn of(durations: &mut [TimeDelta], min_sample: u32) -> Self {
        let n = durations.len() as u64;
        let low_confidence = n < u64::from(min_sample);
        let Some(len) = std::num::NonZeroUsize::new(durations.len()) else {
            return DurationStats {
                n,
                mean: None,
                median: None,
                p90: None,
                low_confidence,
            };
        };
        let len = len.get();
        let sum: i128 = durations.iter().copied().map(nanos).sum();
        let count = len as i128;
        // The nearest nanosecond, half up.
        let mean = (2 * sum + count).div_euclid(2 * count);
        let middle = len / 2;
        let (lower, upper_middle, _) = durations.select_nth_unstable(middle);
        let upper_middle = *upper_middle;
        let median = if len % 2 == 1 {
            Some(upper_middle)
        } else {
            let lower_middle = lower.iter().copied().max().unwrap_or(upper_middle);
            from_nanos((nanos(lower_middle) + nanos(upper_middle)).div_euclid(2))
        };
        // Nearest rank: ceil(0.9 n), counted from 1.
        let rank = (9 * len).div_ceil(10).max(1);
        let (_, p90, _) = durations.select_nth_unstable(rank - 1);
        DurationStats {
            n,
            mean: from_nanos(mean),
            median,
            p90: Some(*p90),
            low_confidence,
        }
    }
}

/// Rollbacks (`ME-3`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RollbackStats {
    /// Incidents of the month that record a rollback.
    pub attempted: u64,
    /// Of those, the ones that succeeded.
    pub succeeded: u64,
    /// Of those, the ones whose outcome is not stated (still running, or
    /// not recorded): left out of the success rate.
    pub outcome_unknown: u64,
    /// `succeeded` over the rollbacks whose outcome is known, from 0 to 1;
    /// `None` when there is none, never 100 % nor NaN.
    pub success_rate: Option<f64>,
    /// The exact mean time of every finished rollback, successful or not;
    /// in JSON, its whole seconds, rounded down.
    #[serde(rename = "mean_secs", with = "Seconds")]
    pub mean: Option<TimeDelta>,
}

/// Whether a goal of `ME-6` is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// Met.
    Met,
    /// Missed.
    Missed,
    /// No incident to judge it by (no P2 resolved this month).
    NoData,
}

/// The goals of `ME-6`: "Zero P1 incidents; <10 min MTTR for P2".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Goals {
    /// At most the policy's number of P1 incidents (0 by default).
    pub zero_p1: GoalStatus,
    /// The P1 incidents of the month.
    pub p1_incidents: u64,
    /// P2 MTTR strictly under the policy's goal (10 min by default).
    pub p2_mttr: GoalStatus,
    /// The goal, in seconds.
    #[serde(rename = "p2_mttr_goal_secs", serialize_with = "Seconds::serialize")]
    #[schemars(with = "i64")]
    pub p2_mttr_goal: TimeDelta,
    /// The P2 MTTR the goal was judged on, in milliseconds, rounded down:
    /// under the goal exactly when the goal is met, so that no rounding
    /// shows a met goal at or above it. `None` with no P2 resolved.
    pub p2_mttr_ms: Option<u64>,
    /// Whether the P2 MTTR rests on fewer incidents than the minimum sample.
    pub p2_mttr_low_confidence: bool,
}

/// The monthly summary of §6 (`ME-1` … `ME-4`, `ME-6`), with the change
/// failure rate and the P2 MTTR beyond the standard.
///
/// `Display` renders the standard's "Incident Summary" tree and the goal
/// line; serde gives the same figures as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(
    description = "The monthly incident summary of §6 (ME-1 … ME-4, ME-6). Durations are whole seconds; each duration figure carries its sample size and whether it is low-confidence."
)]
#[non_exhaustive]
pub struct MonthlySummary {
    /// The month, `2026-01`.
    pub month: Month,
    /// `ME-1`: incidents detected in the month, per severity.
    pub incidents: SeverityCounts,
    /// Incidents of the month still unresolved: counted in `incidents`,
    /// left out of every resolution time.
    pub still_open: u64,
    /// Incidents given that were detected in another month: left out of
    /// every figure, and counted here so that none is dropped unseen.
    pub outside_month: u64,
    /// `ME-2`: mean time to resolve (started → resolved, from detection
    /// when the start is unknown).
    pub mttr: DurationStats,
    /// `ME-2`: mean time to detect (started → detected).
    pub mttd: DurationStats,
    /// `ME-2`: detection → resolution.
    pub detection_to_resolution: DurationStats,
    /// Beyond the standard, for `ME-6`: the MTTR of the P2 incidents.
    pub p2_mttr: DurationStats,
    /// `ME-3`: rollbacks.
    pub rollbacks: RollbackStats,
    /// `ME-4`: post-mortem action items not done, over the month's incidents.
    pub open_action_items: u64,
    /// `ME-4`: production releases in the month, as given.
    pub releases: u64,
    /// Beyond the standard (DORA): the change failure rate; `None` when no
    /// release is counted. From release records (`delivery`), DORA's: the
    /// releases deployed in the month that caused at least one incident,
    /// whenever it came, over the releases deployed in the month, never
    /// above 1. From a bare count, the distinct releases named by this
    /// month's incidents over the count: an incident caused by an earlier
    /// month's release counts in the month it was detected, so the rate
    /// can exceed 1, and `change_failure_note` says what it rests on.
    pub change_failure_rate: Option<f64>,
    /// The change failure rate's numerator: the failed releases deployed
    /// in the month (from records), or the distinct releases named by this
    /// month's incidents (from a count);
    /// [`MonthlySummary::incidents_behind`] with [`Figure::ChangeFailures`]
    /// names the incidents.
    pub failed_releases: u64,
    /// From a bare count, what the change failure rate rests on, and why
    /// it is above 100 % or none when it is; from release records, none.
    pub change_failure_note: Option<String>,
    /// Beyond the standard (DORA), from release records only: deployment
    /// frequency, the failed releases named, and the failed-deployment
    /// recovery time; `None` from a bare count.
    pub delivery: Option<Delivery>,
    /// `ME-6`: the goals.
    pub goals: Goals,
    /// The policy applied (minimum sample, goals).
    pub policy: AppliedPolicy,
    /// The minimum sample the figures were judged with.
    #[serde(skip)]
    #[schemars(skip)]
    min_sample: u32,
    /// The most P1 incidents of the goal.
    #[serde(skip)]
    #[schemars(skip)]
    p1_goal: u32,
}

/// A figure of the summary, to find the incidents behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Figure {
    /// `ME-1`: the incidents of a severity.
    Incidents(Severity),
    /// `ME-2`: the incidents with a time to resolve.
    Mttr,
    /// `ME-2`: the incidents with a time to detect.
    Mttd,
    /// `ME-2`: the incidents with a detection → resolution.
    DetectionToResolution,
    /// The P2 incidents with a time to resolve.
    P2Mttr,
    /// `ME-3`: the incidents with a rollback.
    Rollbacks,
    /// `ME-4`: the incidents with open action items.
    OpenActionItems,
    /// The incidents still unresolved.
    StillOpen,
    /// The incidents a release caused.
    ChangeFailures,
}

impl MonthlySummary {
    /// The incidents behind `figure`, from the same `incidents` the summary
    /// was made of: what an auditor follows a figure back to.
    ///
    /// With release records, the change failures are the incidents of the
    /// failed releases deployed in the month, whatever month they came in;
    /// from a bare count, the month's incidents that name a release.
    pub fn incidents_behind<'a>(
        &'a self,
        figure: Figure,
        incidents: &'a [Incident],
    ) -> impl Iterator<Item = &'a Incident> + 'a {
        let month = self.month;
        let failed = self.delivery.as_ref().map(|d| d.failed.as_slice());
        incidents.iter().filter(move |i| match (figure, failed) {
            (Figure::ChangeFailures, Some(failed)) => {
                failed.iter().any(|r| r.incidents.contains(&i.id))
            }
            _ => month.contains(i.detected_at) && behind(figure, i),
        })
    }
}

/// Whether an incident of the month is behind `figure`.
fn behind(figure: Figure, i: &Incident) -> bool {
    match figure {
        Figure::Incidents(severity) => i.severity == severity,
        Figure::Mttr | Figure::DetectionToResolution => i.resolved_at.is_some(),
        Figure::Mttd => i.started_at.is_some(),
        Figure::P2Mttr => i.severity == Severity::P2 && i.resolved_at.is_some(),
        Figure::Rollbacks => i.rollback.is_some(),
        Figure::OpenActionItems => i
            .post_mortem
            .as_ref()
            .is_some_and(|p| p.action_items.iter().any(|item| !item.done)),
        Figure::StillOpen => i.resolved_at.is_none(),
        Figure::ChangeFailures => i.release.as_deref().is_some_and(|r| !r.is_empty()),
    }
}

/// The monthly summary under the standard's policy; see
/// [`Policy::summarize_month`].
///
/// # Errors
///
/// See [`Policy::summarize_month`].
pub fn summarize_month(
    month: Month,
    incidents: &[Incident],
    releases: u64,
) -> Result<MonthlySummary, Error> {
    Policy::STANDARD.summarize_month(month, incidents, releases)
}

/// The durations the statistics need, gathered in one pass, exactly.
#[derive(Default)]
struct Samples {
    mttr: Vec<TimeDelta>,
    mttd: Vec<TimeDelta>,
    detection_to_resolution: Vec<TimeDelta>,
    p2_mttr: Vec<TimeDelta>,
    rollbacks: Vec<TimeDelta>,
}

impl Policy {
    /// The summary of `month`: the incidents detected in it (UTC), of
    /// `incidents`, which may hold others (they are left out and counted,
    /// [`MonthlySummary::outside_month`]); `releases` is the number of
    /// production releases of the month. One pass over the incidents,
    /// percentiles by selection: linear in their number. Every figure is
    /// computed from the exact durations, to the nanosecond; only what is
    /// shown is rounded.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateIncident`] when two incidents share an id, which
    /// would count one incident twice; [`Error::InvalidIncident`] naming the
    /// first incident of the month whose timeline is out of order.
    pub fn summarize_month(
        &self,
        month: Month,
        incidents: &[Incident],
        releases: u64,
    ) -> Result<MonthlySummary, Error> {
        self.summarize(month, incidents, Releases::Count(releases))
    }

    /// The summary of `month` as [`Policy::summarize_month`] gives it, from
    /// the release records themselves: the month's production releases are
    /// those deployed in it (UTC), and the change failure rate is DORA's,
    /// with the deployment frequency, the failed releases named and the
    /// failed-deployment recovery time ([`MonthlySummary::delivery`]).
    /// Every incident given counts towards the release it names, whatever
    /// its month; the other figures are the month's incidents' only.
    ///
    /// # Errors
    ///
    /// As [`Policy::summarize_month`]; [`Error::InvalidInput`] for two
    /// releases of one id, or an incident that began (or, without a start,
    /// was detected) before the release it names was deployed: the release
    /// cannot have caused it.
    pub fn summarize_month_with_releases(
        &self,
        month: Month,
        incidents: &[Incident],
        releases: &[Release],
    ) -> Result<MonthlySummary, Error> {
        self.summarize(month, incidents, Releases::Records(releases))
    }

    fn summarize(
        &self,
        month: Month,
        incidents: &[Incident],
        given: Releases<'_>,
    ) -> Result<MonthlySummary, Error> {
        let mut ids: HashSet<&str> = HashSet::with_capacity(incidents.len());
        if let Some(twice) = incidents.iter().find(|i| !ids.insert(&i.id)) {
            return Err(Error::DuplicateIncident {
                id: twice.id.clone(),
                rule: RuleId::Me1,
            });
        }
        let metrics = self.metrics();
        let mut counts = SeverityCounts::default();
        let mut samples = Samples::default();
        let mut still_open = 0;
        let mut attempted = 0;
        let mut succeeded = 0;
        let mut outcome_unknown = 0;
        let mut open_action_items = 0;
        let mut failed: HashSet<&str> = HashSet::new();
        let in_month = incidents.iter().filter(|i| month.contains(i.detected_at));
        for incident in in_month {
            let durations = incident
                .durations()
                .map_err(|error| Error::InvalidIncident {
                    id: incident.id.clone(),
                    error: Box::new(error),
                })?;
            counts.count(incident.severity);
            if let Some(d) = durations.time_to_resolve {
                samples.mttr.push(d);
                if incident.severity == Severity::P2 {
                    samples.p2_mttr.push(d);
                }
            } else {
                still_open += 1;
            }
            samples.mttd.extend(durations.time_to_detect);
            samples
                .detection_to_resolution
                .extend(durations.detection_to_resolution);
            if let Some(rollback) = incident.rollback {
                attempted += 1;
                succeeded += u64::from(rollback.succeeded == Some(true));
                outcome_unknown += u64::from(rollback.succeeded.is_none());
                samples.rollbacks.extend(durations.rollback);
            }
            if let Some(post_mortem) = &incident.post_mortem {
                open_action_items +=
                    post_mortem.action_items.iter().filter(|a| !a.done).count() as u64;
            }
            if let Some(release) = incident.release.as_deref().filter(|r| !r.is_empty()) {
                failed.insert(release);
            }
        }
        let outside_month = incidents.len() as u64 - counts.total();
        let failed_releases = failed.len() as u64;
        let min_sample = metrics.min_sample;
        let goal = TimeDelta::minutes(i64::from(metrics.p2_mttr_goal_minutes));
        // The goal is judged on the exact sum, never on a rounded mean.
        let p2_sum: i128 = samples.p2_mttr.iter().copied().map(nanos).sum();
        let p2_count = samples.p2_mttr.len() as i128;
        let p2_mttr = DurationStats::of(&mut samples.p2_mttr, min_sample);
        let (releases, delivery) = match given {
            Releases::Count(count) => (count, None),
            Releases::Records(records) => {
                let delivery = dora::delivery(month, incidents, records, min_sample)?;
                (delivery.deployments, Some(delivery))
            }
        };
        let (failed_releases, change_failure_note) = match &delivery {
            Some(delivery) => (delivery.failed.len() as u64, None),
            None => (
                failed_releases,
                Some(change_failure_note(failed_releases, releases)),
            ),
        };
        let change_failure_rate = (releases > 0).then(|| failed_releases as f64 / releases as f64);
        Ok(MonthlySummary {
            month,
            incidents: counts,
            still_open,
            outside_month,
            mttr: DurationStats::of(&mut samples.mttr, min_sample),
            mttd: DurationStats::of(&mut samples.mttd, min_sample),
            detection_to_resolution: DurationStats::of(
                &mut samples.detection_to_resolution,
                min_sample,
            ),
            p2_mttr,
            rollbacks: RollbackStats {
                attempted,
                succeeded,
                outcome_unknown,
                success_rate: {
                    let known = attempted - outcome_unknown;
                    (known > 0).then(|| succeeded as f64 / known as f64)
                },
                mean: DurationStats::of(&mut samples.rollbacks, 1).mean,
            },
            open_action_items,
            releases,
            change_failure_rate,
            failed_releases,
            change_failure_note,
            delivery,
            goals: Goals {
                zero_p1: if counts.p1 <= u64::from(metrics.p1_goal) {
                    GoalStatus::Met
                } else {
                    GoalStatus::Missed
                },
                p1_incidents: counts.p1,
                p2_mttr: if p2_count == 0 {
                    GoalStatus::NoData
                } else if p2_sum < nanos(goal) * p2_count {
                    GoalStatus::Met
                } else {
                    GoalStatus::Missed
                },
                p2_mttr_goal: goal,
                p2_mttr_ms: (p2_count > 0)
                    .then(|| u64::try_from(p2_sum.div_euclid(p2_count * 1_000_000)).ok())
                    .flatten(),
                p2_mttr_low_confidence: p2_mttr.low_confidence,
            },
            policy: self.applied(&METRICS_FIELDS),
            min_sample,
            p1_goal: metrics.p1_goal,
        })
    }
}

/// What a change failure rate from a bare count rests on; and why it is
/// above 100 %, or none, when releases caused this month's incidents: some
/// were released in earlier months.
fn change_failure_note(failed: u64, releases: u64) -> String {
    match releases {
        _ if failed <= releases => "from a bare count of releases: the distinct releases named by this month's incidents over the month's count, which can exceed 100 % when earlier months' releases fail this month; release records give DORA's rate".to_owned(),
        0 => format!(
            "{failed} releases caused this month's incidents, but no release is counted this month: they were released in earlier months, so no rate is given"
        ),
        _ => format!(
            "{failed} releases caused this month's incidents, more than the {releases} released this month: incidents detected this month were caused by earlier months' releases"
        ),
    }
}

/// The metrics' values of the policy, as the summary and the trends
/// report them.
const METRICS_FIELDS: [PolicyField; 4] = [
    PolicyField::MinSample,
    PolicyField::TrendTolerance,
    PolicyField::P1Goal,
    PolicyField::P2MttrGoalMinutes,
];

/// A duration figure for people: `25 min (median 20 min, p90 40 min, n = 27)`.
struct Stat<'a>(&'a DurationStats, u32);

impl fmt::Display for Stat<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stats = self.0;
        match (stats.mean, stats.median, stats.p90) {
            (Some(mean), Some(median), Some(p90)) => write!(
                f,
                "{} (median {}, p90 {}, n = {})",
                SummaryMinutes(mean),
                SummaryMinutes(median),
                SummaryMinutes(p90),
                stats.n
            )?,
            _ => f.write_str("none (n = 0)")?,
        }
        if stats.low_confidence {
            write!(f, " (low confidence: fewer than {} incidents)", self.1)?;
        }
        Ok(())
    }
}

/// The standard's "Incident Summary" tree, the extra figures and the goals.
impl fmt::Display for MonthlySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let min_sample = self.min_sample;
        writeln!(f, "{} Incident Summary:", self.month.name())?;
        for severity in Severity::ALL {
            writeln!(
                f,
                "├─ {severity} Incidents: {}",
                self.incidents.of(severity)
            )?;
        }
        writeln!(
            f,
            "├─ Total MTTR (mean time to resolve): {}",
            Stat(&self.mttr, min_sample)
        )?;
        writeln!(
            f,
            "├─ Total MTTD (mean time to detect): {}",
            Stat(&self.mttd, min_sample)
        )?;
        writeln!(
            f,
            "├─ Detection → Resolution: {}",
            Stat(&self.detection_to_resolution, min_sample)
        )?;
        let rollbacks = &self.rollbacks;
        writeln!(f, "├─ Rollback count: {}", rollbacks.attempted)?;
        let known = rollbacks.attempted - rollbacks.outcome_unknown;
        match rollbacks.success_rate {
            Some(rate) => write!(
                f,
                "├─ Rollback success rate: {}% ({}/{known} successful",
                Percent(rate),
                rollbacks.succeeded,
            )?,
            None if rollbacks.attempted == 0 => {
                write!(f, "├─ Rollback success rate: none attempted")?;
            }
            None => write!(f, "├─ Rollback success rate: no outcome known (")?,
        }
        match (rollbacks.success_rate, rollbacks.outcome_unknown) {
            (_, 0) if rollbacks.success_rate.is_some() => writeln!(f, ")")?,
            (Some(_), unknown) => writeln!(f, "; {unknown} of unknown outcome)")?,
            (None, 0) => writeln!(f)?,
            (None, unknown) => writeln!(f, "{unknown} of unknown outcome)")?,
        }
        match rollbacks.mean {
            Some(mean) => writeln!(f, "├─ Rollback time (average): {}", SummaryMinutes(mean))?,
            None => writeln!(f, "├─ Rollback time (average): none")?,
        }
        writeln!(f, "├─ Open action items: {}", self.open_action_items)?;
        writeln!(f, "├─ Still open: {}", self.still_open)?;
        match self.outside_month {
            0 => {}
            1 => writeln!(f, "├─ Left out: 1 incident detected in another month")?,
            n => writeln!(f, "├─ Left out: {n} incidents detected in other months")?,
        }
        if let Some(delivery) = &self.delivery {
            writeln!(
                f,
                "├─ Production releases: {} (deployed this month, from release records)",
                self.releases
            )?;
            write!(f, "{delivery}")?;
            writeln!(f, "\n{}", GoalLine(self))?;
            return writeln!(f, "{}", self.policy);
        }
        writeln!(f, "├─ Production releases: {}", self.releases)?;
        match self.change_failure_rate {
            Some(rate) => writeln!(
                f,
                "└─ Change failure rate: {}% ({} of {} releases)",
                Percent(rate),
                self.failed_releases,
                self.releases
            )?,
            None => writeln!(f, "└─ Change failure rate: no releases")?,
        }
        if let Some(note) = &self.change_failure_note {
            writeln!(f, "   ({note})")?;
        }
        writeln!(f, "\n{}", GoalLine(self))?;
        writeln!(f, "{}", self.policy)
    }
}

/// `GOAL: Zero P1 incidents (1: missed); <10 min MTTR for P2 (12 min, n = 3: missed)`.
struct GoalLine<'a>(&'a MonthlySummary);

impl fmt::Display for GoalLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let goals = &self.0.goals;
        let status = |status| match status {
            GoalStatus::Met => "met ✓",
            GoalStatus::Missed => "missed",
            GoalStatus::NoData => "no P2 resolved",
        };
        match self.0.p1_goal {
            0 => f.write_str("GOAL: Zero P1 incidents")?,
            n => write!(f, "GOAL: At most {n} P1 incidents")?,
        }
        write!(
            f,
            " ({}: {}); <{} MTTR for P2 (",
            goals.p1_incidents,
            status(goals.zero_p1),
            SummaryMinutes(goals.p2_mttr_goal)
        )?;
        if let Some(ms) = goals.p2_mttr_ms {
            write!(f, "{}, n = {}", MinutesDown(ms), self.0.p2_mttr.n)?;
            if goals.p2_mttr_low_confidence {
                f.write_str(", low confidence")?;
            }
            f.write_str(": ")?;
        }
        write!(f, "{})", status(goals.p2_mttr))
    }
}

/// Whether a lower or a higher value of a trend line is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// Fewer incidents, shorter times, fewer open items.
    Lower,
    /// More releases.
    Higher,
}

/// The direction of a trend line: that of its last change (`ME-5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The last change went the better way.
    Improving,
    /// The last change went the worse way.
    Worsening,
    /// No change beyond the policy's tolerance.
    Stable,
    /// One of the last two figures rests on too few incidents (or none).
    NotEnoughIncidents,
    /// A single month: no change to read.
    NotEnoughMonths,
}

/// The lines of the standard's "TRENDS (Last 3 Months)" block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrendFigure {
    /// "P1 incidents".
    P1Incidents,
    /// "MTTR".
    Mttr,
    /// "Detection → Resolution".
    DetectionToResolution,
    /// "Action items from post-mortems".
    OpenActionItems,
    /// "Production releases".
    Releases,
}

impl TrendFigure {
    /// Every line, in the standard's order.
    pub const ALL: [TrendFigure; 5] = [
        TrendFigure::P1Incidents,
        TrendFigure::Mttr,
        TrendFigure::DetectionToResolution,
        TrendFigure::OpenActionItems,
        TrendFigure::Releases,
    ];

    /// Which way is better.
    pub const fn better(self) -> Better {
        match self {
            TrendFigure::Releases => Better::Higher,
            TrendFigure::P1Incidents
            | TrendFigure::Mttr
            | TrendFigure::DetectionToResolution
            | TrendFigure::OpenActionItems => Better::Lower,
        }
    }

    /// The standard's label: "Action items from post-mortems".
    pub const fn label(self) -> &'static str {
        match self {
            TrendFigure::P1Incidents => "P1 incidents",
            TrendFigure::Mttr => "MTTR",
            TrendFigure::DetectionToResolution => "Detection → Resolution",
            TrendFigure::OpenActionItems => "Action items from post-mortems",
            TrendFigure::Releases => "Production releases",
        }
    }

    /// The figure of one summary: a count, or a mean in seconds; `None`
    /// where there is no mean; and whether it is low-confidence.
    fn of(self, summary: &MonthlySummary) -> (Option<i64>, bool) {
        let stat = |s: &DurationStats| (s.mean.map(|m| m.num_seconds()), s.low_confidence);
        let count = |n: u64| (Some(i64::try_from(n).unwrap_or(i64::MAX)), false);
        match self {
            TrendFigure::P1Incidents => count(summary.incidents.p1),
            TrendFigure::Mttr => stat(&summary.mttr),
            TrendFigure::DetectionToResolution => stat(&summary.detection_to_resolution),
            TrendFigure::OpenActionItems => count(summary.open_action_items),
            TrendFigure::Releases => count(summary.releases),
        }
    }

    /// The words for a direction: "(improving)", "(backlog shrinking)".
    pub(crate) const fn words(self, direction: Direction) -> &'static str {
        match (self, direction) {
            (_, Direction::Stable) => "stable",
            (_, Direction::NotEnoughIncidents) => "not enough incidents",
            (_, Direction::NotEnoughMonths) => "one month only",
            (TrendFigure::OpenActionItems, Direction::Improving) => "backlog shrinking",
            (TrendFigure::OpenActionItems, Direction::Worsening) => "backlog growing",
            (TrendFigure::Releases, Direction::Improving) => "increasing velocity",
            (TrendFigure::Releases, Direction::Worsening) => "decreasing velocity",
            (_, Direction::Improving) => "improving",
            (_, Direction::Worsening) => "worsening",
        }
    }
}

/// One line of the trends: the figure of each month, in order, and the
/// direction of its last change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(into = "TrendLineJson")]
#[schemars(with = "TrendLineJson")]
pub struct TrendLine {
    figure: TrendFigure,
    points: Vec<TrendPoint>,
    direction: Direction,
}

/// A figure of one month on a trend line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct TrendPoint {
    /// A count, or a mean in seconds; `None` where there were no incidents
    /// to take it from.
    pub value: Option<i64>,
    /// Whether the value rests on too few incidents.
    pub low_confidence: bool,
}

impl TrendLine {
    /// Which figure.
    pub const fn figure(&self) -> TrendFigure {
        self.figure
    }

    /// The figure of each month, oldest first: one point per month.
    pub fn points(&self) -> &[TrendPoint] {
        &self.points
    }

    /// Its value each month: a count, or a mean in seconds (`None` where
    /// there were no incidents to take it from).
    pub fn values(&self) -> impl ExactSizeIterator<Item = Option<i64>> + '_ {
        self.points.iter().map(|p| p.value)
    }

    /// Whether each month's value rests on too few incidents.
    pub fn low_confidence(&self) -> impl ExactSizeIterator<Item = bool> + '_ {
        self.points.iter().map(|p| p.low_confidence)
    }

    /// Which way is better.
    pub const fn better(&self) -> Better {
        self.figure.better()
    }

    /// The direction of the last change.
    pub const fn direction(&self) -> Direction {
        self.direction
    }
}

/// One line of the trends in JSON: the values and their confidence as two
/// arrays of one entry per month.
#[derive(Serialize, JsonSchema)]
struct TrendLineJson {
    /// Which figure.
    figure: TrendFigure,
    /// Its value each month: a count, or a mean in seconds (`null` where
    /// there were no incidents to take it from).
    values: Vec<Option<i64>>,
    /// Whether each value rests on too few incidents.
    low_confidence: Vec<bool>,
    /// Which way is better.
    better: Better,
    /// The direction of the last change.
    direction: Direction,
}

impl From<TrendLine> for TrendLineJson {
    fn from(line: TrendLine) -> Self {
        TrendLineJson {
            figure: line.figure,
            values: line.values().collect(),
            low_confidence: line.low_confidence().collect(),
            better: line.better(),
            direction: line.direction,
        }
    }
}

/// The trends of consecutive months (`ME-5`), for every line of the
/// standard's "TRENDS (Last 3 Months)" block.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Trends {
    /// The months, oldest first.
    pub months: Vec<Month>,
    /// One line per figure, in the standard's order.
    pub lines: Vec<TrendLine>,
    /// The policy applied (its tolerance).
    pub policy: AppliedPolicy,
}

/// A month of incidents, as a caller records it: the input of the trends
/// in JSON, one per month, oldest first.
///
/// ```json
/// {"month": "2026-01", "releases": 16, "incidents": [{"id": "INC-1", "severity": "P2", "detected_at": "2026-01-12T09:00:00Z"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MonthOfIncidents {
    /// The month, `2026-01`.
    pub month: Month,
    /// The month's production releases (`ME-4`).
    pub releases: u64,
    /// The incidents; those detected in another month are left out and
    /// counted.
    #[serde(default, deserialize_with = "crate::reading::null_is_default")]
    #[schemars(with = "Option<Vec<Incident>>")]
    pub incidents: Vec<Incident>,
}

impl MonthOfIncidents {
    /// `month`, with its releases and incidents.
    pub const fn new(month: Month, releases: u64, incidents: Vec<Incident>) -> Self {
        MonthOfIncidents {
            month,
            releases,
            incidents,
        }
    }
}

impl Policy {
    /// The trends of consecutive months of incidents, each summarized
    /// first ([`Policy::summarize_month`]).
    ///
    /// # Errors
    ///
    /// As [`Policy::summarize_month`] for each month, then as
    /// [`Policy::trends`].
    pub fn trends_of(&self, months: &[MonthOfIncidents]) -> Result<Trends, Error> {
        let summaries = months
            .iter()
            .map(|m| self.summarize_month(m.month, &m.incidents, m.releases))
            .collect::<Result<Vec<_>, _>>()?;
        self.trends(&summaries)
    }
}

/// The trends under the standard's policy; see [`Policy::trends`].
///
/// # Errors
///
/// See [`Policy::trends`].
pub fn trends(summaries: &[MonthlySummary]) -> Result<Trends, Error> {
    Policy::STANDARD.trends(summaries)
}

impl Policy {
    /// The trends of `summaries`, oldest first, which must be consecutive
    /// months. Each line's direction is that of its last change: a change
    /// within the policy's relative tolerance (0 by default) is stable, and
    /// a change from or to a low-confidence figure is "not enough
    /// incidents".
    ///
    /// # Errors
    ///
    /// [`Error::NonConsecutiveMonths`] when a month does not follow the one
    /// before it; [`Error::NoMonths`] for no summary at all.
    pub fn trends(&self, summaries: &[MonthlySummary]) -> Result<Trends, Error> {
        if summaries.is_empty() {
            return Err(Error::NoMonths { rule: RuleId::Me5 });
        }
        let months: Vec<Month> = summaries.iter().map(|s| s.month).collect();
        for pair in months.windows(2) {
            if let [before, after] = *pair
                && before.next() != Some(after)
            {
                return Err(Error::NonConsecutiveMonths {
                    month: after.to_string(),
                    after: before.to_string(),
                    rule: RuleId::Me5,
                });
            }
        }
        let tolerance = self.metrics().trend_tolerance;
        let lines = TrendFigure::ALL
            .iter()
            .map(|&figure| {
                let points: Vec<TrendPoint> = summaries
                    .iter()
                    .map(|s| {
                        let (value, low_confidence) = figure.of(s);
                        TrendPoint {
                            value,
                            low_confidence,
                        }
                    })
                    .collect();
                let direction = direction(figure, &points, tolerance);
                TrendLine {
                    figure,
                    points,
                    direction,
                }
            })
            .collect();
        Ok(Trends {
            months,
            lines,
            policy: self.applied(&METRICS_FIELDS),
        })
    }
}

/// The direction of the last change of a line.
fn direction(figure: TrendFigure, points: &[TrendPoint], tolerance: f64) -> Direction {
    let (Some(before), Some(after)) = (points.iter().rev().nth(1), points.last()) else {
        return Direction::NotEnoughMonths;
    };
    let weak = before.low_confidence || after.low_confidence;
    let (Some(before), Some(after)) = (before.value, after.value) else {
        return Direction::NotEnoughIncidents;
    };
    if weak {
        return Direction::NotEnoughIncidents;
    }
    let change = (after - before).unsigned_abs() as f64;
    if change <= tolerance * before.unsigned_abs() as f64 {
        return Direction::Stable;
    }
    // Equal figures are stable above, so `<` and `<=` agree here.
    let lower = after < before;
    match (figure.better(), lower) {
        (Better::Lower, true) | (Better::Higher, false) => Direction::Improving,
        (Better::Lower, false) | (Better::Higher, true) => Direction::Worsening,
    }
}

/// The standard's "TRENDS (Last N Months)" tree.
impl fmt::Display for Trends {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.months.len() {
            1 => writeln!(f, "TRENDS (Last Month):")?,
            n => writeln!(f, "TRENDS (Last {n} Months):")?,
        }
        let last = self.lines.len().saturating_sub(1);
        for (i, line) in self.lines.iter().enumerate() {
            let branch = if i == last { "└─" } else { "├─" };
            write!(f, "{branch} {}: ", line.figure.label())?;
            for (j, value) in line.values().enumerate() {
                if j > 0 {
                    f.write_str(" → ")?;
                }
                match (line.figure, value) {
                    (_, None) => f.write_str("none")?,
                    (TrendFigure::Mttr | TrendFigure::DetectionToResolution, Some(s)) => {
                        match TimeDelta::try_seconds(s) {
                            Some(duration) => write!(f, "{}", SummaryMinutes(duration))?,
                            None => write!(f, "{s} s")?,
                        }
                    }
                    (_, Some(n)) => write!(f, "{n}")?,
                }
            }
            let tick = if line.direction == Direction::Improving {
                " ✓"
            } else {
                ""
            };
            writeln!(f, "{tick} ({})", line.figure.words(line.direction))?;
        }
        writeln!(f, "{}", self.policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_month_of_trends_reads_last_month() {
        let month = Month::new(2026, 1).unwrap();
        let summary = summarize_month(month, &[], 0).unwrap();
        let trends = trends(&[summary]).unwrap();
        assert!(trends.to_string().starts_with("TRENDS (Last Month):\n"));
    }
}
