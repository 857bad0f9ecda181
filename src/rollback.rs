//! §4 Automated Rollback Scripts and the Purpose: the rollback runbook as
//! data ([`RollbackPlan`]) and the verdict on a run ([`verify`], rules
//! `RB-1` … `RB-7`).
//!
//! > Fast rollback (revert to last known-good state in <10 minutes)
//!
//! The standard's sample script is a sequence: verify the pre-deployment
//! backup → drain → revert the schema (when the release changed it) →
//! redeploy the previous version → health checks (up to 5 attempts, 5 s
//! apart) → resume traffic → verify the running version. The plan lists
//! those steps with their parameters from the [`Policy`]; the caller runs
//! them and records what happened in a [`RollbackRun`]; [`verify`] judges
//! it:
//!
//! | id | the run must show |
//! |---|---|
//! | `RB-1` | the backup verified before anything was changed |
//! | `RB-2` | traffic drained before the schema was reverted |
//! | `RB-3` | a health check passed within 5 attempts, before traffic resumed |
//! | `RB-4` | the version running afterwards is the target version |
//! | `RB-5` | no data lost |
//! | `RB-6` | finished in under 10 min (the production objective) |
//! | `RB-7` | finished in under 5 min (the tested criterion) |
//!
//! A run succeeds when `RB-1` … `RB-5` hold; `RB-6` and `RB-7` grade its
//! speed. **Interpretation (`RB-3`)**: the sample script resumes traffic
//! even when all five health checks fail; here that is a failed rollback,
//! and the verdict says so in plain words.
//!
//! A verified staging run is what the release gate's `RG-4` … `RG-6`
//! consume ([`RollbackVerdict::as_rollback_test`]); a production run's
//! verdict is what an incident's rollback record holds for the metrics
//! ([`RollbackVerdict::record`]).

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::incident::{RollbackRecord, Span};
use crate::policy::{AppliedPolicy, PolicyMark, RollbackPolicy};
use crate::release::RollbackTest;
use crate::{Error, Policy, RuleId};

/// The release to roll back: the input of a plan.
///
/// ```json
/// {"from_version": "1.3.0", "target_version": "1.2.3", "schema_change": true}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RollbackRelease {
    /// The version running now, to roll back from: `1.3.0`.
    pub from_version: String,
    /// The last known-good version to roll back to: `1.2.3`.
    pub target_version: String,
    /// Whether the release changed the database schema, so the rollback
    /// reverts it; not stated is no.
    #[serde(default, deserialize_with = "crate::severity::null_is_default")]
    #[schemars(with = "Option<bool>")]
    pub schema_change: bool,
}

impl RollbackRelease {
    /// A rollback from `from_version` to `target_version`, with no schema
    /// change.
    pub fn new(from_version: impl Into<String>, target_version: impl Into<String>) -> Self {
        RollbackRelease {
            from_version: from_version.into(),
            target_version: target_version.into(),
            schema_change: false,
        }
    }

    /// Whether the release changed the schema.
    #[must_use]
    pub fn with_schema_change(mut self, schema_change: bool) -> Self {
        self.schema_change = schema_change;
        self
    }
}

/// A step of the runbook, in the order of the standard's script.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// "Step 1: Verify pre-deployment backup exists".
    VerifyBackup,
    /// "Step 2: Stop accepting new requests": scale to zero, wait for
    /// in-flight requests.
    Drain,
    /// "Step 3: Database rollback (schema changes)".
    RevertSchema,
    /// "Step 4: Application rollback": the previous version, available.
    Redeploy,
    /// "Step 5: Health check": one attempt.
    HealthCheck,
    /// "Step 6: Resume traffic".
    ResumeTraffic,
    /// "Step 7: Verification": the running version is the target.
    VerifyVersion,
}

impl StepKind {
    /// Whether the step changes production: everything but the checks.
    const fn changes_production(self) -> bool {
        matches!(
            self,
            StepKind::Drain | StepKind::RevertSchema | StepKind::Redeploy | StepKind::ResumeTraffic
        )
    }
}

/// One step of a plan, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct PlannedStep {
    /// The step.
    pub step: StepKind,
    /// What to do, in words.
    pub action: String,
    /// How long to wait, or the most to wait, in seconds, where the step
    /// waits.
    pub wait_secs: Option<u32>,
    /// For the health check: how many attempts at most.
    pub attempts: Option<u32>,
    /// The version the step deploys or expects.
    pub version: Option<String>,
    /// The rule the step serves.
    pub rule: RuleId,
}

/// The rollback runbook of a release, as data (§4): the steps a caller
/// runs, in order, with their parameters from the policy. No I/O: the plan
/// says what to do, the caller does it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RollbackPlan {
    /// The release rolled back.
    pub release: RollbackRelease,
    /// The steps, in order.
    pub steps: Vec<PlannedStep>,
    /// The most health-check attempts (`RB-3`).
    pub health_check_attempts: u32,
    /// The tested criterion, in minutes (`RB-7`).
    pub tested_minutes: u32,
    /// The production objective, in minutes (`RB-6`).
    pub objective_minutes: u32,
}

impl RollbackPlan {
    /// The plan of `release` under the standard's script.
    ///
    /// ```
    /// use incident_response::{RollbackPlan, RollbackRelease, StepKind};
    ///
    /// let plan = RollbackPlan::for_release(
    ///     RollbackRelease::new("1.3.0", "1.2.3").with_schema_change(true),
    /// );
    /// let steps: Vec<StepKind> = plan.steps.iter().map(|s| s.step).collect();
    /// assert_eq!(steps, [
    ///     StepKind::VerifyBackup, StepKind::Drain, StepKind::RevertSchema, StepKind::Redeploy,
    ///     StepKind::HealthCheck, StepKind::ResumeTraffic, StepKind::VerifyVersion,
    /// ]);
    /// ```
    pub fn for_release(release: RollbackRelease) -> Self {
        Policy::STANDARD.rollback_plan(release)
    }
}

impl Policy {
    /// The rollback plan of `release` under this policy's runbook
    /// parameters: drain wait, health-check attempts and interval, and the
    /// redeploy and resume timeouts. The schema is reverted only when the
    /// release changed it.
    pub fn rollback_plan(&self, release: RollbackRelease) -> RollbackPlan {
        let r = self.rollback();
        let step =
            |step, action: String, wait_secs, attempts, version: Option<&str>, rule| PlannedStep {
                step,
                action,
                wait_secs,
                attempts,
                version: version.map(str::to_owned),
                rule,
            };
        let mut steps = vec![step(
            StepKind::VerifyBackup,
            format!(
                "verify that the pre-deployment backup of {} exists",
                release.from_version
            ),
            None,
            None,
            None,
            RuleId::Rb1,
        )];
        steps.push(step(
            StepKind::Drain,
            format!(
                "stop accepting new requests; wait {} s for in-flight requests",
                r.drain_wait_secs
            ),
            Some(r.drain_wait_secs),
            None,
            None,
            RuleId::Rb2,
        ));
        if release.schema_change {
            steps.push(step(
                StepKind::RevertSchema,
                format!(
                    "revert the database schema with the tested downgrade script of {}",
                    release.from_version
                ),
                None,
                None,
                None,
                RuleId::Rb2,
            ));
        }
        steps.push(step(
            StepKind::Redeploy,
            format!(
                "redeploy {}; wait up to {} s for it to be available",
                release.target_version, r.redeploy_timeout_secs
            ),
            Some(r.redeploy_timeout_secs),
            None,
            Some(&release.target_version),
            RuleId::Rb4,
        ));
        steps.push(step(
            StepKind::HealthCheck,
            format!(
                "health check, up to {} attempts {} s apart; stop at the first pass, and do not resume traffic without one",
                r.health_check_attempts, r.health_check_interval_secs
            ),
            Some(r.health_check_interval_secs),
            Some(r.health_check_attempts),
            None,
            RuleId::Rb3,
        ));
        steps.push(step(
            StepKind::ResumeTraffic,
            format!(
                "resume traffic; wait up to {} s for it to be ready",
                r.resume_timeout_secs
            ),
            Some(r.resume_timeout_secs),
            None,
            None,
            RuleId::Rb3,
        ));
        steps.push(step(
            StepKind::VerifyVersion,
            format!(
                "verify that the running version is {}",
                release.target_version
            ),
            None,
            None,
            Some(&release.target_version),
            RuleId::Rb4,
        ));
        RollbackPlan {
            release,
            steps,
            health_check_attempts: r.health_check_attempts,
            tested_minutes: r.tested_minutes,
            objective_minutes: r.objective_minutes,
        }
    }
}

/// A numbered runbook: `1. verify_backup: verify that …`.
impl fmt::Display for RollbackPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "ROLLBACK {} → {} (under {} min; tested under {} min)",
            self.release.from_version,
            self.release.target_version,
            self.objective_minutes,
            self.tested_minutes
        )?;
        for (n, step) in self.steps.iter().enumerate() {
            writeln!(
                f,
                "  {}. {}: {} ({})",
                n + 1,
                step.step.label(),
                step.action,
                step.rule
            )?;
        }
        Ok(())
    }
}

impl StepKind {
    /// The serde form, `verify_backup`.
    pub const fn label(self) -> &'static str {
        match self {
            StepKind::VerifyBackup => "verify_backup",
            StepKind::Drain => "drain",
            StepKind::RevertSchema => "revert_schema",
            StepKind::Redeploy => "redeploy",
            StepKind::HealthCheck => "health_check",
            StepKind::ResumeTraffic => "resume_traffic",
            StepKind::VerifyVersion => "verify_version",
        }
    }
}

/// A step as it was run, with its times and whether it succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExecutedStep {
    /// Which step.
    pub step: StepKind,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it finished.
    pub finished_at: DateTime<Utc>,
    /// Whether it succeeded (for a health check: whether the attempt passed).
    pub ok: bool,
}

impl ExecutedStep {
    /// `step`, run from `started_at` to `finished_at`, successfully or not.
    pub const fn new(
        step: StepKind,
        started_at: DateTime<Utc>,
        finished_at: DateTime<Utc>,
        ok: bool,
    ) -> Self {
        ExecutedStep {
            step,
            started_at,
            finished_at,
            ok,
        }
    }
}

/// A rollback as it was run (§4): every step in the order run, each
/// health-check attempt on its own, the versions and the records lost.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A rollback as it was run: every step in the order run (each health-check attempt on its own), the versions, and the records lost (`null`: not measured). Unknown fields are refused."
)]
#[non_exhaustive]
pub struct RollbackRun {
    /// The steps, in the order they were run.
    #[serde(default, deserialize_with = "crate::severity::null_is_default")]
    #[schemars(with = "Option<Vec<ExecutedStep>>")]
    pub steps: Vec<ExecutedStep>,
    /// The version found running at the end (`RB-4`); `null`: not checked.
    #[serde(default)]
    pub observed_version: Option<String>,
    /// Records lost (`RB-5`); `null`: not measured, which fails `RB-5`.
    #[serde(default)]
    pub records_lost: Option<u64>,
}

impl RollbackRun {
    /// A run with no step recorded yet.
    pub const fn new() -> Self {
        RollbackRun {
            steps: Vec::new(),
            observed_version: None,
            records_lost: None,
        }
    }

    /// With one more step, run after the ones before.
    #[must_use]
    pub fn with_step(mut self, step: ExecutedStep) -> Self {
        self.steps.push(step);
        self
    }

    /// The version found running at the end.
    #[must_use]
    pub fn with_observed_version(mut self, version: impl Into<String>) -> Self {
        self.observed_version = Some(version.into());
        self
    }

    /// The records lost.
    #[must_use]
    pub fn with_records_lost(mut self, records: u64) -> Self {
        self.records_lost = Some(records);
        self
    }
}

impl Default for RollbackRun {
    fn default() -> Self {
        RollbackRun::new()
    }
}

/// How fast a rollback was, against the tested criterion and the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Speed {
    /// Under the tested criterion (`RB-7`, and so `RB-6`).
    WithinTestedCriterion,
    /// Under the production objective (`RB-6`) but not the tested criterion.
    WithinObjective,
    /// Not under the production objective.
    TooSlow,
}

/// One rule of a rollback's verdict: whether it held, and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RuleCheck {
    /// `RB-1` … `RB-7`.
    pub rule: RuleId,
    /// Whether it held.
    pub held: bool,
    /// What the run showed, in plain words.
    pub found: String,
}

/// The verdict on a rollback run (`RB-1` … `RB-7`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RollbackVerdict {
    /// Whether `RB-1` … `RB-5` held.
    pub succeeded: bool,
    /// Every rule, in order, with what was found.
    pub checks: Vec<RuleCheck>,
    /// From the first step's start to the last step's end.
    #[serde(rename = "duration_secs", serialize_with = "crate::incident::secs_of")]
    #[schemars(with = "i64")]
    pub duration: TimeDelta,
    /// When the first step started.
    pub started_at: DateTime<Utc>,
    /// When the last step finished.
    pub finished_at: DateTime<Utc>,
    /// Graded against the tested criterion and the objective.
    pub speed: Speed,
    /// The run's records lost, as recorded.
    pub records_lost: Option<u64>,
    /// The policy applied.
    pub policy: AppliedPolicy,
}

impl RollbackVerdict {
    /// The rules that did not hold.
    pub fn broken(&self) -> impl Iterator<Item = &RuleCheck> {
        self.checks.iter().filter(|c| !c.held)
    }

    /// The verified run as the gate's staging rollback test (`RG-4` …
    /// `RG-6`): its duration and records lost, and the previous version
    /// stable when its health check passed (`RB-3`) and it was verified
    /// running (`RB-4`). `traffic_active` is whether staging traffic ran
    /// during the test, which the run does not record.
    pub fn as_rollback_test(&self, traffic_active: bool) -> RollbackTest {
        let held = |rule| self.checks.iter().any(|c| c.rule == rule && c.held);
        RollbackTest {
            traffic_active: Some(traffic_active),
            duration_secs: u64::try_from(self.duration.num_seconds()).ok(),
            records_lost: self.records_lost,
            previous_version_stable: Some(held(RuleId::Rb3) && held(RuleId::Rb4)),
        }
    }

    /// The run as an incident's rollback record, for the metrics: started,
    /// finished, and whether it succeeded.
    pub fn record(&self) -> RollbackRecord {
        RollbackRecord::new(self.started_at).with_finished(self.finished_at, self.succeeded)
    }
}

/// `ROLLBACK SUCCEEDED in 4 min 12 s (within the tested criterion)`, then
/// each rule.
impl fmt::Display for RollbackVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let result = if self.succeeded {
            "SUCCEEDED"
        } else {
            "FAILED"
        };
        let speed = match self.speed {
            Speed::WithinTestedCriterion => "within the tested criterion",
            Speed::WithinObjective => "within the objective, not the tested criterion",
            Speed::TooSlow => "beyond the objective",
        };
        writeln!(f, "ROLLBACK {result} in {} ({speed})", Span(self.duration))?;
        for check in &self.checks {
            let mark = if check.held { "✓" } else { "✗" };
            writeln!(
                f,
                "  {mark} {} {}: {}",
                check.rule,
                check.rule.rule(),
                check.found
            )?;
        }
        writeln!(f, "  {}", self.policy)
    }
}

/// The verdict on `run` under the standard's numbers; see
/// [`Policy::verify_rollback`].
///
/// # Errors
///
/// See [`Policy::verify_rollback`].
pub fn verify(plan: &RollbackPlan, run: &RollbackRun) -> Result<RollbackVerdict, Error> {
    Policy::STANDARD.verify_rollback(plan, run)
}

impl Policy {
    /// The verdict on `run`, a rollback of `plan`: `RB-1` … `RB-7`, each
    /// with what was found. Steps are read in the order recorded; a step
    /// missing breaks the rules it serves.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] when a step finished before it started
    /// (`steps[].finished_at` before `steps[].started_at`); [`Error::EmptyRun`]
    /// when the run records no step at all.
    pub fn verify_rollback(
        &self,
        plan: &RollbackPlan,
        run: &RollbackRun,
    ) -> Result<RollbackVerdict, Error> {
        for step in &run.steps {
            if step.finished_at < step.started_at {
                return Err(Error::InvalidTimeline {
                    field: "steps[].finished_at",
                    value: step.finished_at,
                    other: "steps[].started_at",
                    other_value: step.started_at,
                    rule: RuleId::Rb6,
                });
            }
        }
        let (Some(started_at), Some(finished_at)) = (
            run.steps.iter().map(|s| s.started_at).min(),
            run.steps.iter().map(|s| s.finished_at).max(),
        ) else {
            return Err(Error::EmptyRun { rule: RuleId::Rb1 });
        };
        let duration = finished_at - started_at;
        let r = self.rollback();
        let under = |minutes: u32| duration < TimeDelta::minutes(i64::from(minutes));
        let checks = vec![
            backup_first(run),
            drained_first(plan, run),
            health_checked(run, plan.health_check_attempts.min(r.health_check_attempts)),
            version(plan, run),
            no_data_lost(run),
            speed_check(
                RuleId::Rb6,
                under(r.objective_minutes),
                duration,
                r.objective_minutes,
            ),
            speed_check(
                RuleId::Rb7,
                under(r.tested_minutes),
                duration,
                r.tested_minutes,
            ),
        ];
        let succeeded = checks
            .iter()
            .filter(|c| !matches!(c.rule, RuleId::Rb6 | RuleId::Rb7))
            .all(|c| c.held);
        let speed = if under(r.tested_minutes) {
            Speed::WithinTestedCriterion
        } else if under(r.objective_minutes) {
            Speed::WithinObjective
        } else {
            Speed::TooSlow
        };
        Ok(RollbackVerdict {
            succeeded,
            checks,
            duration,
            started_at,
            finished_at,
            speed,
            records_lost: run.records_lost,
            policy: rollback_policy(self.mark(), r),
        })
    }
}

fn check(rule: RuleId, held: bool, found: impl Into<String>) -> RuleCheck {
    RuleCheck {
        rule,
        held,
        found: found.into(),
    }
}

/// The first step of `kind` that succeeded.
fn first_ok(run: &RollbackRun, kind: StepKind) -> Option<&ExecutedStep> {
    run.steps.iter().find(|s| s.step == kind && s.ok)
}

/// `RB-1`: the backup verified before the first step that changes production.
fn backup_first(run: &RollbackRun) -> RuleCheck {
    let first_change = run.steps.iter().position(|s| s.step.changes_production());
    let verified = run
        .steps
        .iter()
        .position(|s| s.step == StepKind::VerifyBackup && s.ok);
    // `v` and `c` are positions of different kinds of step, never equal:
    // `v >= c` would be an equivalent mutant of `v > c`.
    match (verified, first_change) {
        (None, _) => check(RuleId::Rb1, false, "the backup was not verified"),
        (Some(v), Some(c)) if v > c => check(
            RuleId::Rb1,
            false,
            "the backup was verified only after production was changed",
        ),
        _ => check(RuleId::Rb1, true, "the backup was verified first"),
    }
}

/// `RB-2`: traffic drained before the schema was reverted, when it was (or
/// was to be).
fn drained_first(plan: &RollbackPlan, run: &RollbackRun) -> RuleCheck {
    let revert = run
        .steps
        .iter()
        .position(|s| s.step == StepKind::RevertSchema);
    let drained = run
        .steps
        .iter()
        .position(|s| s.step == StepKind::Drain && s.ok);
    // `r` and `d` are positions of different kinds of step, never equal:
    // `d >= r` would be an equivalent mutant of `d > r`.
    match (revert, drained) {
        (None, _) if plan.release.schema_change => {
            check(RuleId::Rb2, false, "the schema change was not reverted")
        }
        (None, Some(_)) => check(RuleId::Rb2, true, "traffic drained; no schema to revert"),
        (None, None) => check(RuleId::Rb2, true, "no schema to revert"),
        (Some(_), None) => check(
            RuleId::Rb2,
            false,
            "the schema was reverted without draining traffic",
        ),
        (Some(r), Some(d)) if d > r => check(
            RuleId::Rb2,
            false,
            "the schema was reverted before traffic was drained",
        ),
        (Some(_), Some(_)) => check(
            RuleId::Rb2,
            true,
            "traffic drained before the schema was reverted",
        ),
    }
}

/// `RB-3`: a health check passed within the attempts allowed, before
/// traffic resumed.
fn health_checked(run: &RollbackRun, attempts: u32) -> RuleCheck {
    let checks: Vec<(usize, &ExecutedStep)> = run
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.step == StepKind::HealthCheck)
        .collect();
    let resumed = run
        .steps
        .iter()
        .position(|s| s.step == StepKind::ResumeTraffic);
    let passed = checks
        .iter()
        .enumerate()
        .find(|(_, (_, s))| s.ok)
        .map(|(attempt, (at, _))| (attempt + 1, *at));
    let limit = usize::try_from(attempts).unwrap_or(usize::MAX);
    // `r` and `at` are positions of different kinds of step, never equal:
    // `r <= at` would be an equivalent mutant of `r < at`.
    match passed {
        None if checks.is_empty() => check(RuleId::Rb3, false, "no health check was run"),
        None => {
            let after = if resumed.is_some() {
                " and traffic was resumed anyway"
            } else {
                ""
            };
            check(
                RuleId::Rb3,
                false,
                format!(
                    "all {} health checks failed{after}: the service was never seen healthy",
                    checks.len()
                ),
            )
        }
        Some((attempt, _)) if attempt > limit => check(
            RuleId::Rb3,
            false,
            format!("a health check passed only on attempt {attempt}, after the {limit} allowed"),
        ),
        Some((_, at)) if resumed.is_some_and(|r| r < at) => check(
            RuleId::Rb3,
            false,
            "traffic was resumed before a health check passed",
        ),
        Some((attempt, _)) => check(
            RuleId::Rb3,
            true,
            format!("the health check passed on attempt {attempt}"),
        ),
    }
}

/// `RB-4`: the version running afterwards is the target, verified.
fn version(plan: &RollbackPlan, run: &RollbackRun) -> RuleCheck {
    let target = &plan.release.target_version;
    let verified = first_ok(run, StepKind::VerifyVersion).is_some();
    match run.observed_version.as_deref() {
        Some(observed) if observed == target && verified => {
            check(RuleId::Rb4, true, format!("{observed} verified running"))
        }
        Some(observed) if observed == target => check(
            RuleId::Rb4,
            false,
            format!("{observed} observed, but the verification step did not pass"),
        ),
        Some(observed) => check(
            RuleId::Rb4,
            false,
            format!("{observed} running, not {target}"),
        ),
        None => check(RuleId::Rb4, false, "the running version was not checked"),
    }
}

/// `RB-5`: no data lost.
fn no_data_lost(run: &RollbackRun) -> RuleCheck {
    match run.records_lost {
        Some(0) => check(RuleId::Rb5, true, "no records lost"),
        Some(lost) => check(RuleId::Rb5, false, format!("{lost} records lost")),
        None => check(RuleId::Rb5, false, "records lost not measured"),
    }
}

/// `RB-6`, `RB-7`: finished in under `minutes`.
fn speed_check(rule: RuleId, held: bool, duration: TimeDelta, minutes: u32) -> RuleCheck {
    let relation = if held { "under" } else { "not under" };
    check(
        rule,
        held,
        format!(
            "{} from first step to last, {relation} {minutes} min",
            Span(duration)
        ),
    )
}

/// The rollback's numbers, as an answer reports its policy.
fn rollback_policy(mark: PolicyMark, r: &RollbackPolicy) -> AppliedPolicy {
    let standard = RollbackPolicy::STANDARD;
    AppliedPolicy::new(
        mark,
        &[
            (
                "rollback.health_check_attempts",
                r.health_check_attempts.into(),
                standard.health_check_attempts.into(),
            ),
            (
                "rollback.objective_minutes",
                r.objective_minutes.into(),
                standard.objective_minutes.into(),
            ),
            (
                "rollback.tested_minutes",
                r.tested_minutes.into(),
                standard.tested_minutes.into(),
            ),
        ],
    )
}
