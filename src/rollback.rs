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

use crate::error::Error;
use crate::incident::RollbackRecord;
use crate::policy::Policy;
use crate::policy::catalogue::{AppliedPolicy, PolicyField};
use crate::policy::sections::RollbackPolicy;
use crate::release::gate::RollbackTest;
use crate::rule::{ENGINE, Engine, RuleId};
use crate::text::Span;

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
    #[serde(default, deserialize_with = "crate::reading::null_is_default")]
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
#[serde(into = "PlanJson")]
#[schemars(with = "PlanJson")]
pub struct RollbackPlan {
    release: RollbackRelease,
    steps: Vec<PlannedStep>,
    /// The rollback section of the policy it was planned under, held once:
    /// the steps' parameters and the numbers the plan states come from it.
    policy: RollbackPolicy,
}

/// The JSON of a plan: the release, the steps and the three numbers its
/// verification grades against.
#[derive(Serialize, JsonSchema)]
struct PlanJson {
    /// The release rolled back.
    release: RollbackRelease,
    /// The steps, in order.
    steps: Vec<PlannedStep>,
    /// The most health-check attempts (`RB-3`).
    health_check_attempts: u32,
    /// The tested criterion, in minutes (`RB-7`).
    tested_minutes: u32,
    /// The production objective, in minutes (`RB-6`).
    objective_minutes: u32,
    /// What planned it: this crate at its version.
    engine: Engine,
}

impl From<RollbackPlan> for PlanJson {
    fn from(plan: RollbackPlan) -> Self {
        PlanJson {
            health_check_attempts: plan.health_check_attempts(),
            tested_minutes: plan.tested_minutes(),
            objective_minutes: plan.objective_minutes(),
            engine: ENGINE,
            release: plan.release,
            steps: plan.steps,
        }
    }
}

impl RollbackPlan {
    /// The release rolled back.
    pub fn release(&self) -> &RollbackRelease {
        &self.release
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[PlannedStep] {
        &self.steps
    }

    /// The most health-check attempts (`RB-3`).
    pub const fn health_check_attempts(&self) -> u32 {
        self.policy.health_check_attempts
    }

    /// The tested criterion, in minutes (`RB-7`).
    pub const fn tested_minutes(&self) -> u32 {
        self.policy.tested_minutes
    }

    /// The production objective, in minutes (`RB-6`).
    pub const fn objective_minutes(&self) -> u32 {
        self.policy.objective_minutes
    }

    /// The plan of `release` under the standard's script.
    ///
    /// ```
    /// use incident_response::rollback::StepKind;
    /// use incident_response::{RollbackPlan, RollbackRelease};
    ///
    /// let plan = RollbackPlan::for_release(
    ///     RollbackRelease::new("1.3.0", "1.2.3").with_schema_change(true),
    /// )?;
    /// let steps: Vec<StepKind> = plan.steps().iter().map(|s| s.step).collect();
    /// assert_eq!(steps, [
    ///     StepKind::VerifyBackup, StepKind::Drain, StepKind::RevertSchema, StepKind::Redeploy,
    ///     StepKind::HealthCheck, StepKind::ResumeTraffic, StepKind::VerifyVersion,
    /// ]);
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Policy::rollback_plan`].
    pub fn for_release(release: RollbackRelease) -> Result<Self, Error> {
        Policy::STANDARD.rollback_plan(release)
    }
}

impl RollbackRelease {
    /// Checks that the release names two versions, and two different ones:
    /// a rollback reverts to "last known-good state", another version.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a `from_version` or `target_version`
    /// that is empty or blank, and for a `target_version` equal to the
    /// `from_version` (`1.3.0` → `1.3.0`).
    pub fn validate(&self) -> Result<(), Error> {
        for (field, version) in [
            ("from_version", &self.from_version),
            ("target_version", &self.target_version),
        ] {
            if version.trim().is_empty() {
                return Err(Error::InvalidInput {
                    field: field.into(),
                    value: version.clone(),
                    requirement: "must name a version, not be empty".into(),
                    rule: RuleId::Rb4,
                });
            }
        }
        if self.from_version == self.target_version {
            return Err(Error::InvalidInput {
                field: "target_version".into(),
                value: self.target_version.clone(),
                requirement: "must differ from from_version: a rollback reverts to another version"
                    .into(),
                rule: RuleId::Rb4,
            });
        }
        Ok(())
    }
}

impl Policy {
    /// The rollback plan of `release` under this policy's runbook
    /// parameters: drain wait, health-check attempts and interval, and the
    /// redeploy and resume timeouts. The schema is reverted only when the
    /// release changed it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] when the release does not name two different
    /// versions ([`RollbackRelease::validate`]).
    pub fn rollback_plan(&self, release: RollbackRelease) -> Result<RollbackPlan, Error> {
        release.validate()?;
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
        Ok(RollbackPlan {
            release,
            steps,
            policy: *r,
        })
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
            self.objective_minutes(),
            self.tested_minutes()
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
    #[serde(default, deserialize_with = "crate::reading::null_is_default")]
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
///
/// In JSON, beside the verdict's own fields, `rollback_test`: the run as
/// the release gate's rollback test (`RollbackVerdict::rollback_test`),
/// for a pipeline to put in its release evidence, adding whether staging
/// traffic was active.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(into = "VerdictJson")]
#[schemars(with = "VerdictJson")]
pub struct RollbackVerdict {
    checks: Vec<RuleCheck>,
    started_at: DateTime<Utc>,
    finished_at: DateTime<Utc>,
    records_lost: Option<u64>,
    policy: AppliedPolicy,
}

impl RollbackVerdict {
    /// Whether `RB-1` … `RB-5` held: computed from the checks, so the two
    /// cannot disagree. `RB-6` and `RB-7` grade the [`speed`](Self::speed);
    /// they do not fail a rollback.
    pub fn succeeded(&self) -> bool {
        self.checks
            .iter()
            .filter(|c| !matches!(c.rule, RuleId::Rb6 | RuleId::Rb7))
            .all(|c| c.held)
    }

    /// Every rule, in order, with what was found.
    pub fn checks(&self) -> &[RuleCheck] {
        &self.checks
    }

    /// From the first step's start to the last step's end.
    pub fn duration(&self) -> TimeDelta {
        self.finished_at - self.started_at
    }

    /// When the first step started.
    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    /// When the last step finished.
    pub fn finished_at(&self) -> DateTime<Utc> {
        self.finished_at
    }

    /// Graded against the tested criterion (`RB-7`) and the objective
    /// (`RB-6`): computed from those two checks.
    pub fn speed(&self) -> Speed {
        if self.held(RuleId::Rb7) {
            Speed::WithinTestedCriterion
        } else if self.held(RuleId::Rb6) {
            Speed::WithinObjective
        } else {
            Speed::TooSlow
        }
    }

    /// The run's records lost, as recorded.
    pub fn records_lost(&self) -> Option<u64> {
        self.records_lost
    }

    /// The policy applied.
    pub fn policy(&self) -> &AppliedPolicy {
        &self.policy
    }

    /// Whether `rule` was checked and held.
    fn held(&self, rule: RuleId) -> bool {
        self.checks.iter().any(|c| c.rule == rule && c.held)
    }

    /// The rules that did not hold.
    pub fn broken(&self) -> impl Iterator<Item = &RuleCheck> {
        self.checks.iter().filter(|c| !c.held)
    }

    /// The verified run as the gate's staging rollback test (`RG-4` …
    /// `RG-6`): its duration and records lost, the previous version stable
    /// when its health checks passed and stayed passing (`RB-3`) and it was
    /// verified running (`RB-4`), and the rules `RB-1` … `RB-5` it broke,
    /// which block the gate ("If rollback fails: Fix issues before
    /// deploying to production"). `traffic_active` is whether staging
    /// traffic ran during the test, which the run does not record.
    pub fn as_rollback_test(&self, traffic_active: bool) -> RollbackTest {
        RollbackTest {
            traffic_active: Some(traffic_active),
            ..self.rollback_test()
        }
    }

    /// The verified run as the gate's rollback test, with staging traffic
    /// not stated: what the verdict's JSON carries, for a pipeline to add
    /// `traffic_active` to. Left out, the gate blocks under `RG-4`.
    pub fn rollback_test(&self) -> RollbackTest {
        RollbackTest {
            traffic_active: None,
            duration_secs: u64::try_from(self.duration().num_seconds()).ok(),
            records_lost: self.records_lost,
            previous_version_stable: Some(self.held(RuleId::Rb3) && self.held(RuleId::Rb4)),
            broken_rules: self
                .broken()
                .map(|c| c.rule)
                .filter(|rule| !matches!(rule, RuleId::Rb6 | RuleId::Rb7))
                .collect(),
        }
    }

    /// The run as an incident's rollback record, for the metrics: started,
    /// finished, and whether it succeeded.
    pub fn record(&self) -> RollbackRecord {
        RollbackRecord::new(self.started_at).with_finished(self.finished_at, self.succeeded())
    }
}

/// The verdict as JSON writes it: its fields, and the gate's rollback
/// test.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "RollbackVerdict")]
struct VerdictJson {
    /// Whether `RB-1` … `RB-5` held.
    succeeded: bool,
    /// Every rule, in order, with what was found.
    checks: Vec<RuleCheck>,
    /// From the first step's start to the last step's end, in seconds.
    duration_secs: i64,
    /// When the first step started.
    started_at: DateTime<Utc>,
    /// When the last step finished.
    finished_at: DateTime<Utc>,
    /// Graded against the tested criterion and the objective.
    speed: Speed,
    /// The run's records lost, as recorded.
    records_lost: Option<u64>,
    /// The run as the release gate's rollback test (`RG-4` … `RG-6`), with
    /// `traffic_active` left for the caller to state.
    rollback_test: RollbackTest,
    /// The policy applied.
    policy: AppliedPolicy,
}

impl From<RollbackVerdict> for VerdictJson {
    fn from(verdict: RollbackVerdict) -> Self {
        let rollback_test = verdict.rollback_test();
        VerdictJson {
            succeeded: verdict.succeeded(),
            duration_secs: verdict.duration().num_seconds(),
            started_at: verdict.started_at,
            finished_at: verdict.finished_at,
            speed: verdict.speed(),
            records_lost: verdict.records_lost,
            rollback_test,
            checks: verdict.checks,
            policy: verdict.policy,
        }
    }
}

/// `ROLLBACK SUCCEEDED in 4 min 12 s (within the tested criterion)`, then
/// each rule.
impl fmt::Display for RollbackVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let result = if self.succeeded() {
            "SUCCEEDED"
        } else {
            "FAILED"
        };
        let speed = match self.speed() {
            Speed::WithinTestedCriterion => "within the tested criterion",
            Speed::WithinObjective => "within the objective, not the tested criterion",
            Speed::TooSlow => "beyond the objective",
        };
        writeln!(
            f,
            "ROLLBACK {result} in {} ({speed})",
            Span(self.duration())
        )?;
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
    /// with what was found.
    ///
    /// The steps are read in the order recorded, which is the order they
    /// ran. Every step of the plan must have run, in the plan's order, and
    /// passed; a step missing, failed or out of order breaks the rule it
    /// serves (the plan's `rule` column), and the finding names the step:
    /// the backup's verification (`RB-1`) before the first step that
    /// changes production; the drain before the schema revert and the
    /// redeploy, the schema revert before the redeploy (`RB-2`); the
    /// redeploy, then, once traffic resumed, a verification of the running
    /// version (`RB-4`); traffic resumed after a health check passed
    /// (`RB-3`). A
    /// step recorded more than once passed if any of its attempts did.
    ///
    /// Health checks count from the end of the redeploy: one before it
    /// tested the version being rolled back. A check that fails after one
    /// passed means the previous version is not stable, which breaks
    /// `RB-3` too.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] when a step finished before it started
    /// (`steps[2].finished_at` before `steps[2].started_at`), or started
    /// before the step recorded before it finished (`steps[1].started_at`
    /// before `steps[0].finished_at`): the times contradict the order of
    /// the steps. [`Error::EmptyRun`] when the run records no step at all.
    /// [`Error::InvalidInput`] when the plan's release does not name two
    /// different versions.
    pub fn verify_rollback(
        &self,
        plan: &RollbackPlan,
        run: &RollbackRun,
    ) -> Result<RollbackVerdict, Error> {
        plan.release.validate()?;
        check_times(run)?;
        let (Some(first), Some(last)) = (run.steps.first(), run.steps.last()) else {
            return Err(Error::EmptyRun { rule: RuleId::Rb1 });
        };
        let (started_at, finished_at) = (first.started_at, last.finished_at);
        let duration = finished_at - started_at;
        let r = self.rollback();
        let under = |minutes: u32| duration < TimeDelta::minutes(i64::from(minutes));
        let record = Record::of(run);
        let checks = vec![
            backup_first(&record),
            drained_first(plan, &record),
            health_checked(
                &record,
                plan.health_check_attempts().min(r.health_check_attempts),
            ),
            version(plan, &record),
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
        Ok(RollbackVerdict {
            checks,
            started_at,
            finished_at,
            records_lost: run.records_lost,
            policy: self.applied(&[
                PolicyField::HealthCheckAttempts,
                PolicyField::ObjectiveMinutes,
                PolicyField::TestedMinutes,
            ]),
        })
    }
}

/// The steps ran one after another, in the order recorded: each finishes
/// no earlier than it starts, and starts no earlier than the one before it
/// finished.
fn check_times(run: &RollbackRun) -> Result<(), Error> {
    let mut previous: Option<(usize, &ExecutedStep)> = None;
    for (i, step) in run.steps.iter().enumerate() {
        if step.finished_at < step.started_at {
            return Err(Error::InvalidTimeline {
                field: format!("steps[{i}].finished_at").into(),
                value: step.finished_at,
                other: format!("steps[{i}].started_at").into(),
                other_value: step.started_at,
                rule: RuleId::Rb6,
            });
        }
        if let Some((p, before)) = previous
            && step.started_at < before.finished_at
        {
            return Err(Error::InvalidTimeline {
                field: format!("steps[{i}].started_at").into(),
                value: step.started_at,
                other: format!("steps[{p}].finished_at").into(),
                other_value: before.finished_at,
                rule: before.step.rule(),
            });
        }
        previous = Some((i, step));
    }
    Ok(())
}

impl StepKind {
    /// The rule a step serves, as the plan lists it.
    pub const fn rule(self) -> RuleId {
        match self {
            StepKind::VerifyBackup => RuleId::Rb1,
            StepKind::Drain | StepKind::RevertSchema => RuleId::Rb2,
            StepKind::Redeploy | StepKind::VerifyVersion => RuleId::Rb4,
            StepKind::HealthCheck | StepKind::ResumeTraffic => RuleId::Rb3,
        }
    }
}

/// How a step of the plan ran: not at all, only failing, or passing, at
/// the position of its first passing attempt.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ran {
    Missing,
    Failed,
    Passed(usize),
}

/// A run read for the verdict: where each kind of step stands.
struct Record<'a> {
    steps: &'a [ExecutedStep],
    observed_version: Option<&'a str>,
}

impl<'a> Record<'a> {
    fn of(run: &'a RollbackRun) -> Self {
        Record {
            steps: &run.steps,
            observed_version: run.observed_version.as_deref(),
        }
    }

    fn ran(&self, kind: StepKind) -> Ran {
        let mut attempts = self
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.step == kind);
        let mut failed = false;
        for (i, step) in &mut attempts {
            if step.ok {
                return Ran::Passed(i);
            }
            failed = true;
        }
        if failed { Ran::Failed } else { Ran::Missing }
    }

    /// Where the first attempt of `kind` stands, passing or not.
    fn first(&self, kind: StepKind) -> Option<usize> {
        self.steps.iter().position(|s| s.step == kind)
    }

    /// Where the last attempt of `kind` stands.
    fn last(&self, kind: StepKind) -> Option<usize> {
        self.steps.iter().rposition(|s| s.step == kind)
    }

    /// The first of `later`, steps the plan puts after `kind`, that had
    /// passed when `kind` was attempted again: a drain after traffic
    /// resumed stops it once more.
    fn again_after(&self, kind: StepKind, later: &[StepKind]) -> Option<StepKind> {
        let (Ran::Passed(first), Some(last)) = (self.ran(kind), self.last(kind)) else {
            return None;
        };
        // A later step that passed before `kind` first did is the order
        // inverted, which the rule reports as such; here, `kind` done, the
        // later step done, then `kind` again.
        later
            .iter()
            .copied()
            .find(|&step| matches!(self.ran(step), Ran::Passed(at) if first < at && at < last))
    }

    /// `kind` attempted again after a step the plan puts after it passed.
    fn ran_again(&self, findings: &mut Findings, kind: StepKind, later: &[StepKind]) {
        if let Some(step) = self.again_after(kind, later) {
            findings.wrong(format!("{} ran again after {}", kind.label(), step.label()));
        }
    }
}

/// What a check found wrong, joined into one finding, or what it found
/// right.
struct Findings {
    rule: RuleId,
    wrong: Vec<String>,
}

impl Findings {
    const fn new(rule: RuleId) -> Self {
        Findings {
            rule,
            wrong: Vec::new(),
        }
    }

    fn wrong(&mut self, finding: impl Into<String>) {
        self.wrong.push(finding.into());
    }

    /// A step of the plan that did not run, or failed.
    fn step(&mut self, kind: StepKind, ran: Ran, consequence: &str) {
        match ran {
            Ran::Missing => self.wrong(format!("{} did not run: {consequence}", kind.label())),
            Ran::Failed => self.wrong(format!("{} failed: {consequence}", kind.label())),
            Ran::Passed(_) => {}
        }
    }

    fn or(self, held: impl Into<String>) -> RuleCheck {
        if self.wrong.is_empty() {
            check(self.rule, true, held)
        } else {
            check(self.rule, false, self.wrong.join("; "))
        }
    }
}

fn check(rule: RuleId, held: bool, found: impl Into<String>) -> RuleCheck {
    RuleCheck {
        rule,
        held,
        found: found.into(),
    }
}

/// `RB-1`: the backup verified before the first step that changes
/// production.
fn backup_first(record: &Record<'_>) -> RuleCheck {
    let mut findings = Findings::new(RuleId::Rb1);
    let backup = record.ran(StepKind::VerifyBackup);
    findings.step(
        StepKind::VerifyBackup,
        backup,
        "the backup was not verified",
    );
    let first_change = record
        .steps
        .iter()
        .enumerate()
        .find(|(_, s)| s.step.changes_production());
    // The backup's verification and a change are steps of different kinds,
    // never at the same position: `>=` would be an equivalent mutant.
    if let (Ran::Passed(verified), Some((changed, step))) = (backup, first_change)
        && verified > changed
    {
        findings.wrong(format!(
            "the backup was verified only after production was changed: {} ran first",
            step.step.label()
        ));
    }
    findings.or("the backup was verified first")
}

/// `RB-2`: traffic drained, then the schema reverted when the release
/// changed it, before the previous version was redeployed.
fn drained_first(plan: &RollbackPlan, record: &Record<'_>) -> RuleCheck {
    let mut findings = Findings::new(RuleId::Rb2);
    let drain = record.ran(StepKind::Drain);
    findings.step(StepKind::Drain, drain, "traffic was not drained");
    let revert = record.ran(StepKind::RevertSchema);
    if plan.release.schema_change {
        findings.step(
            StepKind::RevertSchema,
            revert,
            "the schema change was not reverted",
        );
    } else if revert != Ran::Missing {
        findings.wrong("revert_schema ran, but the release changed no schema");
    }
    // Positions of steps of different kinds are never equal: `<=` would be
    // an equivalent mutant of each `<` below.
    let before = |kind: StepKind, at: usize| record.first(kind).is_some_and(|first| first < at);
    if let Ran::Passed(drained) = drain {
        if before(StepKind::RevertSchema, drained) {
            findings.wrong("the schema was reverted before traffic was drained");
        }
        if before(StepKind::Redeploy, drained) {
            findings.wrong("the previous version was redeployed before traffic was drained");
        }
    }
    if let Ran::Passed(reverted) = revert
        && before(StepKind::Redeploy, reverted)
    {
        findings.wrong("the previous version was redeployed before the schema was reverted");
    }
    let (after_drain, after_revert) = (
        [
            StepKind::RevertSchema,
            StepKind::Redeploy,
            StepKind::ResumeTraffic,
        ],
        [StepKind::Redeploy, StepKind::ResumeTraffic],
    );
    record.ran_again(&mut findings, StepKind::Drain, &after_drain);
    record.ran_again(&mut findings, StepKind::RevertSchema, &after_revert);
    let held = if plan.release.schema_change {
        "traffic drained before the schema was reverted"
    } else {
        "traffic drained; no schema to revert"
    };
    findings.or(held)
}

/// `RB-3`: counted from the end of the redeploy, a health check passed
/// within the attempts allowed and none failed after it, and traffic
/// resumed after it.
fn health_checked(record: &Record<'_>, attempts: u32) -> RuleCheck {
    let mut findings = Findings::new(RuleId::Rb3);
    let redeployed = record.last(StepKind::Redeploy);
    // A check and a redeploy are never at the same position: `at >= r`
    // would be an equivalent mutant.
    let counts = |at: usize| redeployed.is_some_and(|r| at > r);
    let checks: Vec<(usize, bool)> = record
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.step == StepKind::HealthCheck)
        .map(|(at, s)| (at, s.ok))
        .collect();
    let early = checks.iter().filter(|(at, _)| !counts(*at)).count();
    let counted: Vec<(usize, bool)> = checks.into_iter().filter(|(at, _)| counts(*at)).collect();
    let resume = record.ran(StepKind::ResumeTraffic);
    let resumed = record.first(StepKind::ResumeTraffic);
    let not_counted = match early {
        0 => String::new(),
        1 => " (1 check before the redeploy tested the version being rolled back)".to_owned(),
        n => format!(" ({n} checks before the redeploy tested the version being rolled back)"),
    };
    let limit = usize::try_from(attempts).unwrap_or(usize::MAX);
    let passed = counted
        .iter()
        .enumerate()
        .find(|(_, (_, ok))| *ok)
        .map(|(attempt, (at, _))| (attempt + 1, *at));
    let mut held = String::new();
    match passed {
        None if counted.is_empty() => match (early, redeployed) {
            (0, _) => findings.wrong("no health check was run"),
            (n, None) => findings.wrong(format!(
                "the previous version was never redeployed, so none of the {n} health checks tested it"
            )),
            (_, Some(_)) => findings.wrong(format!(
                "no health check ran after the redeploy{not_counted}"
            )),
        },
        None => {
            let anyway = if resumed.is_some() {
                " and traffic was resumed anyway"
            } else {
                ""
            };
            findings.wrong(format!(
                "all {} health checks failed{anyway}: the service was never seen healthy{not_counted}",
                counted.len()
            ));
        }
        Some((attempt, at)) => {
            if attempt > limit {
                findings.wrong(format!(
                    "a health check passed only on attempt {attempt}, after the {limit} allowed"
                ));
            }
            // `later >= at` would take in the passing check itself, which
            // `!ok` leaves out: an equivalent mutant.
            if let Some(relapse) = counted.iter().position(|&(later, ok)| later > at && !ok) {
                findings.wrong(format!(
                    "a health check failed after one had passed (attempt {}): the previous version is not stable",
                    relapse + 1
                ));
            }
            // A check and the resume are steps of different kinds, never at
            // the same position: `<=` would be an equivalent mutant.
            if resumed.is_some_and(|r| r < at) {
                findings.wrong("traffic was resumed before a health check passed");
            }
            held = format!("the health check passed on attempt {attempt}{not_counted}");
        }
    }
    findings.step(StepKind::ResumeTraffic, resume, "traffic was not resumed");
    findings.or(held)
}

/// `RB-4`: the previous version redeployed, then verified running.
fn version(plan: &RollbackPlan, record: &Record<'_>) -> RuleCheck {
    let mut findings = Findings::new(RuleId::Rb4);
    let target = &plan.release.target_version;
    findings.step(
        StepKind::Redeploy,
        record.ran(StepKind::Redeploy),
        "the previous version was not redeployed",
    );
    record.ran_again(
        &mut findings,
        StepKind::Redeploy,
        &[StepKind::ResumeTraffic],
    );
    let redeployed = record.last(StepKind::Redeploy);
    let resumed = record.last(StepKind::ResumeTraffic);
    // The version is verified as it runs once the rollback is done: after
    // the redeploy, and after traffic resumed. A verification before the
    // redeploy checked the version rolled back. Different kinds of step
    // are never at the same position: `>=` would be an equivalent mutant.
    let settled = redeployed.max(resumed);
    let verified = record.steps.iter().enumerate().any(|(at, s)| {
        s.step == StepKind::VerifyVersion && s.ok && settled.is_none_or(|done| at > done)
    });
    let verification = record.ran(StepKind::VerifyVersion);
    match record.observed_version {
        None => findings.wrong("the running version was not checked"),
        Some(observed) if observed != target => {
            findings.wrong(format!("{observed} running, not {target}"));
        }
        Some(_) if verified => {}
        // A verification and a redeploy are never at the same position:
        // `at <= r` would be an equivalent mutant.
        Some(observed) => match verification {
            Ran::Passed(at) if redeployed.is_some_and(|r| at < r) => findings.wrong(format!(
                "{observed} observed, but verified only before the redeploy, which checked the version rolled back"
            )),
            Ran::Passed(_) => findings.wrong(format!(
                "{observed} observed, but verified only before traffic resumed"
            )),
            Ran::Failed => findings.wrong(format!(
                "{observed} observed, but the verification step did not pass"
            )),
            Ran::Missing => findings.wrong(format!(
                "{observed} observed, but verify_version did not run: the running version was not verified"
            )),
        },
    }
    let held = format!("{target} verified running");
    findings.or(held)
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
