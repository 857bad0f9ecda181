//! The catalogue of rules: every clause of the standard that the crate
//! checks, with its stable id, its section and the standard's own words.
//!
//! The ids are stable and never change meaning once released; the
//! [`interpretation`](crate::interpretation) chapter says how each clause
//! became its rule.
//! Results carry them ([`Classification::rules`](crate::Classification),
//! the decision path, error messages), so that a reviewer can go from any
//! answer the crate gives back to the sentence of the standard behind it.
//!
//! The catalogue is complete from the start, so it lists rules whose checks
//! later versions of the crate add (the release gate, rollback runs, incident
//! obligations and metrics). [`RuleId::is_implemented`] tells which ones this
//! version applies.
//!
//! ```
//! use incident_response::rule::Section;
//! use incident_response::RuleId;
//!
//! let rule: RuleId = "SEV-P1-OUTAGE".parse()?;
//! assert_eq!(rule, RuleId::SevP1Outage);
//! assert_eq!(rule.section(), Section::Severity);
//! assert_eq!(rule.quote(), "Database completely unavailable (100% request failure)");
//! assert_eq!(rule.to_string(), "SEV-P1-OUTAGE");
//! # Ok::<(), incident_response::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::controls::ControlArea;
use crate::severity::level::Severity;

/// The edition of the standard this crate encodes; every decision names it.
///
/// ```
/// assert_eq!(incident_response::STANDARD.to_string(), "EATGF-DSS-INC-01 v1.0");
/// ```
pub const STANDARD: Standard = Standard {
    id: "EATGF-DSS-INC-01",
    title: "Rollback and Incident Response Standard",
    version: "1.0",
    effective: "2026-02-16",
};

/// Identifies one edition of the standard: "EATGF-DSS-INC-01 v1.0".
///
/// It serializes as its `Display` form, `"EATGF-DSS-INC-01 v1.0"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Standard {
    /// The control id of the Master Control Matrix: `EATGF-DSS-INC-01`.
    pub id: &'static str,
    /// "Rollback and Incident Response Standard".
    pub title: &'static str,
    /// "1.0".
    pub version: &'static str,
    /// The effective date, ISO 8601: "2026-02-16".
    pub effective: &'static str,
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} v{}", self.id, self.version)
    }
}

impl Serialize for Standard {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Standard {
    fn schema_name() -> Cow<'static, str> {
        "Standard".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The edition of the standard applied, e.g. `EATGF-DSS-INC-01 v1.0`.",
            "type": "string",
        })
    }
}

/// What produced an answer: this crate, at its version.
///
/// Every JSON answer carries it beside the standard it applied (under
/// `policy`, or at the top of an answer that applies no policy value), so
/// that a stored answer says what produced it.
///
/// ```
/// let engine = incident_response::ENGINE.to_string();
/// assert_eq!(engine, format!("incident-response {}", env!("CARGO_PKG_VERSION")));
/// ```
pub const ENGINE: Engine = Engine {
    name: "incident-response",
    version: env!("CARGO_PKG_VERSION"),
};

/// A crate at one version: `incident-response 0.1.0`. It serializes as
/// its `Display` form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Engine {
    /// The crate's name, `incident-response`.
    pub name: &'static str,
    /// Its version, `0.1.0`.
    pub version: &'static str,
}

/// This crate: [`ENGINE`].
impl Default for Engine {
    fn default() -> Self {
        ENGINE
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.name, self.version)
    }
}

impl Serialize for Engine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Engine {
    fn schema_name() -> Cow<'static, str> {
        "Engine".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "What produced the answer: this crate at its version, e.g. `incident-response 0.1.0`.",
            "type": "string",
        })
    }
}

/// A part of the standard, in the order of its table of contents.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// "Purpose", with the Mandatory clause.
    Purpose,
    /// "Governance Principles".
    GovernancePrinciples,
    /// "1. Incident Severity & Escalation".
    Severity,
    /// "2. Rollback Procedure: Pre-Deployment Testing".
    ReleaseProcedure,
    /// "3. Rollback Decision Matrix".
    DecisionMatrix,
    /// "4. Automated Rollback Scripts".
    RollbackScripts,
    /// "5. Incident Response & Post-Mortem".
    IncidentResponse,
    /// "6. Metrics & Continuous Improvement".
    Metrics,
    /// "Control Mapping".
    ControlMapping,
    /// "Developer Checklist".
    DeveloperChecklist,
}

impl Section {
    /// Every part of the standard, in the order of its table of contents.
    pub const ALL: [Section; 10] = [
        Section::Purpose,
        Section::GovernancePrinciples,
        Section::Severity,
        Section::ReleaseProcedure,
        Section::DecisionMatrix,
        Section::RollbackScripts,
        Section::IncidentResponse,
        Section::Metrics,
        Section::ControlMapping,
        Section::DeveloperChecklist,
    ];

    /// The module of the crate that applies the rules of this part, once
    /// one does: `severity` for §1. `None` for a part whose rules this
    /// version does not apply yet, and for the parts no rule belongs to.
    pub const fn module(self) -> Option<&'static str> {
        match self {
            Section::Severity => Some("severity"),
            Section::ReleaseProcedure => Some("release"),
            Section::DecisionMatrix => Some("decision"),
            Section::IncidentResponse => Some("incident"),
            Section::Metrics => Some("metrics"),
            Section::RollbackScripts => Some("rollback"),
            Section::Purpose
            | Section::GovernancePrinciples
            | Section::ControlMapping
            | Section::DeveloperChecklist => None,
        }
    }

    /// The number of a numbered section of "Technical Implementation",
    /// `None` for the unnumbered parts.
    pub const fn number(self) -> Option<u8> {
        match self {
            Section::Severity => Some(1),
            Section::ReleaseProcedure => Some(2),
            Section::DecisionMatrix => Some(3),
            Section::RollbackScripts => Some(4),
            Section::IncidentResponse => Some(5),
            Section::Metrics => Some(6),
            Section::Purpose
            | Section::GovernancePrinciples
            | Section::ControlMapping
            | Section::DeveloperChecklist => None,
        }
    }

    /// The heading, as the standard writes it.
    pub const fn title(self) -> &'static str {
        match self {
            Section::Purpose => "Purpose",
            Section::GovernancePrinciples => "Governance Principles",
            Section::Severity => "Incident Severity & Escalation",
            Section::ReleaseProcedure => "Rollback Procedure: Pre-Deployment Testing",
            Section::DecisionMatrix => "Rollback Decision Matrix",
            Section::RollbackScripts => "Automated Rollback Scripts",
            Section::IncidentResponse => "Incident Response & Post-Mortem",
            Section::Metrics => "Metrics & Continuous Improvement",
            Section::ControlMapping => "Control Mapping",
            Section::DeveloperChecklist => "Developer Checklist",
        }
    }
}

/// `§1 Incident Severity & Escalation`, or the bare title when unnumbered.
impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.number() {
            Some(n) => write!(f, "§{n} {}", self.title()),
            None => f.write_str(self.title()),
        }
    }
}

macro_rules! optional {
    () => {
        None
    };
    ($text:literal) => {
        Some($text)
    };
}

/// The section a rule's words are quoted from: its own, unless stated.
macro_rules! quoted_from {
    ($section:ident) => {
        Section::$section
    };
    ($section:ident, $quoted:ident) => {
        Section::$quoted
    };
}

/// The line of a rule's docs that says who applies it.
macro_rules! applied_doc {
    () => {
        "\n**Not applied yet**: catalogued so that the whole standard is visible; a later version applies it.\n"
    };
    ($applied_by:literal) => {
        concat!("\nApplied by ", $applied_by, ".\n")
    };
}

/// Declares the catalogue: one line of data per rule, from which the enum,
/// its docs and its lookups are generated, as `http` does for status codes.
/// A rule is implemented exactly when it names the functions that apply it.
macro_rules! catalogue {
    ($(
        $variant:ident {
            id: $id:literal,
            section: $section:ident,
            $(quoted_from: $quoted:ident,)?
            rule: $rule:literal,
            quote: $quote:literal
            $(, interpretation: $interpretation:literal)?
            $(, applied_by: $applied_by:literal)?
            $(,)?
        }
    )*) => {
        /// The stable id of a rule of the standard, such as `SEV-P1-OUTAGE`.
        ///
        /// `Display`, `FromStr` and serde all use the id itself. Each variant's
        /// documentation gives the rule as the crate applies it, quotes the
        /// standard, records the interpretation where the standard had to be
        /// read, and says which functions apply it, or that none does yet
        /// ([`RuleId::is_implemented`]). The traceability matrix
        /// ([`traceability`](crate::traceability)) lists the same for every
        /// id, with the tests that name it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`: ", $rule, "\n\n> ", $quote, "\n")]
                $(#[doc = concat!("\n**Interpretation**: ", $interpretation, "\n")])?
                #[doc = applied_doc!($($applied_by)?)]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, grouped by part of the standard (severity rules
            /// most severe first, the decision tree in the order it is walked).
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The id, e.g. `"SEV-P1-OUTAGE"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// The part of the standard the rule implements, which is also
            /// the module of the crate that applies it: `SEV-P2-ERRORS` is a
            /// §1 severity rule, whose words stand in §5 ([`RuleId::quoted_from`]).
            pub const fn section(self) -> Section {
                match self { $(RuleId::$variant => Section::$section,)* }
            }

            /// The section of the standard where the quoted words stand.
            pub const fn quoted_from(self) -> Section {
                match self { $(RuleId::$variant => quoted_from!($section $(, $quoted)?),)* }
            }

            /// The rule as the crate applies it, with the standard's default
            /// thresholds (a [`Policy`](crate::Policy) may change them).
            pub const fn rule(self) -> &'static str {
                match self { $(RuleId::$variant => $rule,)* }
            }

            /// The standard's own words, verbatim.
            pub const fn quote(self) -> &'static str {
                match self { $(RuleId::$variant => $quote,)* }
            }

            /// How the crate reads a vague or contradictory part of the
            /// standard for this rule, or an addition it makes to it, if any.
            pub const fn interpretation(self) -> Option<&'static str> {
                match self { $(RuleId::$variant => optional!($($interpretation)?),)* }
            }

            /// The public functions that apply the rule, e.g.
            /// `` `classify`, `Policy::classify` ``; `None` for a rule this
            /// version does not apply yet.
            pub const fn applied_by(self) -> Option<&'static str> {
                match self { $(RuleId::$variant => optional!($($applied_by)?),)* }
            }

            /// Whether this version of the crate applies the rule; the others
            /// are catalogued so that the whole standard is visible, and are
            /// implemented by later versions.
            pub const fn is_implemented(self) -> bool {
                self.applied_by().is_some()
            }
        }
    };
}

catalogue! {
    // §1: severity classification. Most severe first.
    SevP1Outage {
        id: "SEV-P1-OUTAGE",
        section: Severity,
        rule: "an `error_rate` at or above 1.0 (every request fails) is P1",
        quote: "Database completely unavailable (100% request failure)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP1Data {
        id: "SEV-P1-DATA",
        section: Severity,
        rule: "customer data corrupted or deleted (`data_loss`) is P1",
        quote: "Data corrupted or deleted (customer data lost)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP1Security {
        id: "SEV-P1-SECURITY",
        section: Severity,
        rule: "a security breach exposing customer data (`customer_data_exposed`) is P1",
        quote: "Security breach (customer data exposed)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP2Errors {
        id: "SEV-P2-ERRORS",
        section: Severity,
        quoted_from: IncidentResponse,
        rule: "an `error_rate` above 0.05 and below the outage threshold is P2",
        quote: "Alert fired (API error rate >5%)",
        interpretation: "the alert threshold of §5 is the P2 threshold; the P2 example \"Payment transactions failing (10% error rate)\" lies above it",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP2Latency {
        id: "SEV-P2-LATENCY",
        section: Severity,
        rule: "a `latency_ms` above 5000 is P2",
        quote: "API latency >5 seconds (some requests failing)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP2Feature {
        id: "SEV-P2-FEATURE",
        section: Severity,
        rule: "a feature critical for customers broken (`feature_broken: critical`) is P2",
        quote: "Reporting feature broken (critical for customers)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP3Latency {
        id: "SEV-P3-LATENCY",
        section: Severity,
        rule: "a `latency_ms` from 2000 to 5000 inclusive is P3",
        quote: "API latency 2-5 seconds (no errors, just slow)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP3Errors {
        id: "SEV-P3-ERRORS",
        section: Severity,
        rule: "an `error_rate` above 0.001 and at most 0.05 is P3",
        quote: "Non-critical feature or performance issue",
        interpretation: "a rate above the \"0.1% (normal)\" of §5 but not yet at the P2 threshold is a P3 performance issue",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP3Feature {
        id: "SEV-P3-FEATURE",
        section: Severity,
        rule: "a non-critical feature broken (`feature_broken: non_critical`) is P3",
        quote: "Non-critical feature broken (UI glitch, minor data)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP3Degradation {
        id: "SEV-P3-DEGRADATION",
        section: Severity,
        rule: "performance degrading over hours (`gradual_degradation`) is P3",
        quote: "Memory leak (performance degrades over hours)",
        applied_by: "`classify`, `Policy::classify`",
    }
    SevP4Default {
        id: "SEV-P4-DEFAULT",
        section: Severity,
        rule: "when no rule above matches, the incident is P4",
        quote: "Cosmetic or internal-only issue",
        applied_by: "`classify`, `Policy::classify`",
    }

    // §3: the rollback decision tree, in the order it is walked.
    Dt1 {
        id: "DT-1",
        section: DecisionMatrix,
        rule: "a P1 incident is rolled back, unless DT-H applies",
        quote: "ROLLBACK (don't debug; restore service first)",
        applied_by: "`decide`, `Policy::decide`",
    }
    Dt2 {
        id: "DT-2",
        section: DecisionMatrix,
        rule: "a data loss or corruption incident is rolled back, unless DT-H applies",
        quote: "ROLLBACK (prevent further data damage)",
        applied_by: "`decide`, `Policy::decide`",
    }
    DtH {
        id: "DT-H",
        section: DecisionMatrix,
        rule: "under DT-1 or DT-2, a database migration or complex deployment whose backup cannot be restored in under 30 min gets a hybrid response",
        quote: "HYBRID: Rollback infra + deploy patch simultaneously",
        interpretation: "an addition to the standard's tree, which lists HYBRID among its final decisions but leads no branch to it: when a P1 or data-loss rollback needs a backup restore that cannot finish in under 30 min, a pure rollback cannot finish inside the decision window, so the application is rolled back and the schema is fixed forward; asked after every DT-1 or DT-2, its \"no\" repeats the words of the rule that led to it",
        applied_by: "`decide`, `Policy::decide`",
    }
    DtP4 {
        id: "DT-P4",
        section: DecisionMatrix,
        quoted_from: Severity,
        rule: "a P4 incident without data loss is fixed or deferred, never rolled back",
        quote: "Decision: Fix or defer (no rollback needed)",
        interpretation: "an addition to the standard's tree, which has no P4 branch: the P4 clause of §1 becomes a question asked after DT-1 and DT-2, so that a P4 with data loss is still rolled back",
        applied_by: "`decide`, `Policy::decide`; `watch`, `Policy::watch`",
    }
    Dt3 {
        id: "DT-3",
        section: DecisionMatrix,
        rule: "an issue in a deployment that is simple to revert is rolled back",
        quote: "Simple (.jar swap, config change): ROLLBACK",
        applied_by: "`decide`, `Policy::decide`",
    }
    Dt4 {
        id: "DT-4",
        section: DecisionMatrix,
        rule: "an issue in a database migration or a complex (schema) deployment is rolled back when its backup restores in under 30 min, else fixed forward",
        quote: "Can you restore from pre-migration backup?",
        interpretation: "asked in two steps, both with this id, as the standard's branch asks two questions: the migration (a complex, schema-changing deployment \"continues below\" to it), then whether the backup restores in under 30 min; \"<30 min\" is strict: exactly 30 goes to the forward-fix branch",
        applied_by: "`decide`, `Policy::decide`",
    }
    Dt5 {
        id: "DT-5",
        section: DecisionMatrix,
        rule: "a fix that is ready, simple and safe, and deployable in under 30 min is deployed forward; otherwise roll back",
        quote: "Can the fix be deployed in <30 min?",
        interpretation: "\"<30 min\" is strict; hot reload is reported but does not change the outcome",
        applied_by: "`decide`, `Policy::decide`",
    }

    // §2 Phases 1-3, the Mandatory clause and the Developer Checklist: the release gate.
    Rg1 {
        id: "RG-1",
        section: ReleaseProcedure,
        rule: "all CI/CD gates passed",
        quote: "All CI/CD gates passing",
        applied_by: "`check_release`, `Policy::check_release`",
    }
    Rg2 {
        id: "RG-2",
        section: ReleaseProcedure,
        rule: "deployed to staging at least 48 h before the planned production deploy",
        quote: "T-48h before production deploy",
        interpretation: "missing evidence is a violation; exactly 48 h passes",
        applied_by: "`check_release`, `Policy::check_release`",
    }
    Rg3 {
        id: "RG-3",
        section: ReleaseProcedure,
        rule: "at least 72 h of production-like traffic observed in staging, measuring performance, errors and data consistency",
        quote: "Run production traffic for 72 hours",
        interpretation: "RG-2 and RG-3 are separate checks; 72 h of soak implies the staging deploy happened at least 72 h before, so RG-3 is the binding one, and more soak than the time between the staging and production deploys cannot be true and violates it; negative or non-finite hours are refused; exactly 72 h passes",
        applied_by: "`check_release`, `Policy::check_release`",
    }
    Rg4 {
        id: "RG-4",
        section: ReleaseProcedure,
        rule: "a rollback test was run in staging with traffic active",
        quote: "Phase 3: Rollback Test (MANDATORY)",
        interpretation: "a test whose verified run broke RB-1 … RB-5 violates RG-4, RG-5 and RG-6: \"If rollback fails: Fix issues before deploying to production\"",
        applied_by: "`check_release`, `Policy::check_release`",
    }
    Rg5 {
        id: "RG-5",
        section: ReleaseProcedure,
        rule: "the staging rollback took under 5 min",
        quote: "Success criterion: <5 min rollback, zero data loss",
        interpretation: "\"<5 min\" is strict: exactly 300 s fails; a test whose verified run failed violates it too",
        applied_by: "`check_release`, `Policy::check_release`",
    }
    Rg6 {
        id: "RG-6",
        section: ReleaseProcedure,
        rule: "the staging rollback lost no data and the previous version was verified stable",
        quote: "Verify: Data integrity, previous version stable",
        interpretation: "missing evidence (records lost not stated, stability not verified) is a violation, and so is a test whose verified run failed",
        applied_by: "`check_release`, `Policy::check_release`",
    }
    Rg7 {
        id: "RG-7",
        section: ReleaseProcedure,
        quoted_from: DeveloperChecklist,
        rule: "a one-command rollback script exists for the release",
        quote: "Production deployment: Have rollback script available; one-command execution",
        applied_by: "`check_release`, `Policy::check_release`",
    }

    // §2 Phase 5 and §4: the post-deploy watch.
    Pd1 {
        id: "PD-1",
        section: ReleaseProcedure,
        rule: "no errors within 30 min of the deploy: the release is successful",
        quote: "If no errors within 30 minutes: Release successful ✓",
        interpretation: "the window is inclusive: an error at exactly 30 min is within it; every error the caller attributes to the deploy counts, even one after the window",
        applied_by: "`watch`, `Policy::watch`",
    }
    Pd2 {
        id: "PD-2",
        section: ReleaseProcedure,
        rule: "errors detected: a rollback, forward fix or hybrid is due 30 min after the first P1, P2 or P3 error",
        quote: "30-min critical decision: Rollback or forward fix?",
        interpretation: "the clock starts at the first error that needs a decision (a P4 needs none); a decision at exactly the deadline is on time; a hybrid counts, a `defer` does not, nor does a decision taken before the error that starts the clock",
        applied_by: "`watch`, `Policy::watch`",
    }
    Pd3 {
        id: "PD-3",
        section: ReleaseProcedure,
        rule: "no such decision by that deadline: automatic rollback from the deadline",
        quote: "Timeout: If no decision by 30 min, rollback automatic",
        interpretation: "at the deadline without a decision that counts, the rollback is automatic; a decision recorded later is reported beside it as too late, never in its place",
        applied_by: "`watch`, `Policy::watch`",
    }
    Pd4 {
        id: "PD-4",
        section: ReleaseProcedure,
        quoted_from: RollbackScripts,
        rule: "an error classified P1: automatic rollback at once, at the first P1 error",
        quote: "Automated trigger: On error detection (P1 incidents)",
        interpretation: "the automated trigger has no time limit and fires at the first P1 even after a lesser first error; the rollback dates from the earlier of the first P1 and the PD-3 deadline",
        applied_by: "`watch`, `Policy::watch`",
    }

    // §4 and the Purpose: rollback runs.
    Rb1 {
        id: "RB-1",
        section: RollbackScripts,
        rule: "the pre-deployment backup was verified before anything was changed",
        quote: "Step 1: Verify pre-deployment backup exists",
        interpretation: "the backup's verification must run and pass before the first step that changes production (drain, schema, redeploy, resume); missing or failed, it fails",
        applied_by: "`verify`, `Policy::verify_rollback`; planned by `RollbackPlan::for_release`, `Policy::rollback_plan`",
    }
    Rb2 {
        id: "RB-2",
        section: RollbackScripts,
        rule: "traffic was drained before the schema was reverted",
        quote: "Step 2: Stop accepting new requests",
        interpretation: "the drain, and the schema revert when the release changed the schema, must run and pass; the drain before the schema revert and the redeploy, the revert before the redeploy; a planned step missing, failed or out of order breaks it, as does a schema revert the release did not plan",
        applied_by: "`verify`, `Policy::verify_rollback`; planned by `RollbackPlan::for_release`, `Policy::rollback_plan`",
    }
    Rb3 {
        id: "RB-3",
        section: RollbackScripts,
        rule: "a health check passed within 5 attempts",
        quote: "Health check passed (attempt $i)",
        interpretation: "attempts count from the end of the redeploy (a check before it tested the version rolled back); the sample script resumes traffic even when all 5 attempts fail, here a failed rollback, as is traffic resumed before a check passed, a resume missing or failed, and a check that fails after one passed (the previous version is not stable)",
        applied_by: "`verify`, `Policy::verify_rollback`; planned by `RollbackPlan::for_release`, `Policy::rollback_plan`",
    }
    Rb4 {
        id: "RB-4",
        section: RollbackScripts,
        rule: "the version running afterwards is the target version",
        quote: "Application version verified: $V_CURRENT",
        interpretation: "the redeploy must run and pass; the observed version must be the target, and a verification after the redeploy and the resume must pass",
        applied_by: "`verify`, `Policy::verify_rollback`; planned by `RollbackPlan::for_release`, `Policy::rollback_plan`",
    }
    Rb5 {
        id: "RB-5",
        section: RollbackScripts,
        quoted_from: ReleaseProcedure,
        rule: "the rollback lost no data",
        quote: "Success criterion: <5 min rollback, zero data loss",
        interpretation: "records lost not measured is not zero",
        applied_by: "`verify`, `Policy::verify_rollback`; planned by `RollbackPlan::for_release`, `Policy::rollback_plan`",
    }
    Rb6 {
        id: "RB-6",
        section: RollbackScripts,
        quoted_from: Purpose,
        rule: "the rollback finished in under 10 min (the production objective)",
        quote: "revert to last known-good state in <10 minutes",
        interpretation: "measured from the first step's start to the last step's end; \"<10 minutes\" is strict; grades speed, not success",
        applied_by: "`verify`, `Policy::verify_rollback`; planned by `RollbackPlan::for_release`, `Policy::rollback_plan`",
    }
    Rb7 {
        id: "RB-7",
        section: RollbackScripts,
        rule: "the rollback finished in under 5 min (the tested criterion)",
        quote: "Manual run time: <5 min",
        interpretation: "as RB-6, under the tested 5 min; grades speed, not success",
        applied_by: "`verify`, `Policy::verify_rollback`; planned by `RollbackPlan::for_release`, `Policy::rollback_plan`",
    }

    // §1 and §5: incident obligations.
    In1 {
        id: "IN-1",
        section: IncidentResponse,
        quoted_from: Severity,
        rule: "customers are notified within the severity's deadline (P1 30 min, P2 2 h, P3 4 h)",
        quote: "Communication: Customer notification within 30 min",
        interpretation: "every deadline counts from detection, or from the escalation that gave the incident its severity; each severity's obligation quotes its own words (P2: \"Communication: Customer notification within 2 hours\")",
        applied_by: "`Incident::obligations`, `Policy::obligations`",
    }
    In2 {
        id: "IN-2",
        section: IncidentResponse,
        quoted_from: Severity,
        rule: "rollback or forward fix is decided within the severity's deadline (P1 60 min, P2 4 h, P3 24 h)",
        quote: "Decision: Rollback or forward fix within 60 min",
        interpretation: "every deadline counts from detection, or from the escalation that gave the incident its severity; a restoration or resolution by the deadline meets it too (nothing is left to decide), and a `defer` is no such decision but for a P4",
        applied_by: "`Incident::obligations`, `Policy::obligations`",
    }
    In3 {
        id: "IN-3",
        section: IncidentResponse,
        quoted_from: Severity,
        rule: "the incident is resolved within the severity's SLA (P1 1 h, P2 4 h, P3 8 h, P4 24 h)",
        quote: "P1 CRITICAL (≤1 hour SLA)",
        interpretation: "every deadline counts from detection, or from the escalation that gave the incident its severity; each severity's obligation quotes its own heading (P2: \"P2 HIGH (≤4 hour SLA)\")",
        applied_by: "`Incident::obligations`, `Policy::obligations`",
    }
    In4 {
        id: "IN-4",
        section: IncidentResponse,
        quoted_from: Purpose,
        rule: "the incident is documented with its root cause",
        quote: "All incidents must be documented with root cause analysis.",
        interpretation: "the standard sets no time to document: the root cause is due a policy window after resolution (7 days by default), and is met once stated, as it carries no timestamp; a blank root cause is not stated",
        applied_by: "`Incident::obligations`, `Policy::obligations`",
    }
    In5 {
        id: "IN-5",
        section: IncidentResponse,
        quoted_from: GovernancePrinciples,
        rule: "a customer-impacting incident has a post-mortem with at least one prevention action item",
        quote: "Every customer-impacting incident documented",
        interpretation: "due as IN-4, and held with at least one prevention action item; an incident whose customer impact is not stated counts as customer-impacting",
        applied_by: "`Incident::obligations`, `Policy::obligations`",
    }

    // §6: metrics.
    Me1 {
        id: "ME-1",
        section: Metrics,
        rule: "incident count per severity",
        quote: "P1 Incidents: 1 (v1.3.0 N+1 query issue)",
        interpretation: "an incident belongs to the UTC month of its detection; an unresolved one is counted and reported as still open; those of other months are left out and counted; two incidents with the same id are refused",
        applied_by: "`summarize_month`, `Policy::summarize_month`",
    }
    Me2 {
        id: "ME-2",
        section: Metrics,
        rule: "MTTR, MTTD and mean detection to resolution, with median, p90 and sample size",
        quote: "Total MTTR (mean time to resolve): 25 min",
        interpretation: "MTTR runs from the start, or from detection when the start is unknown; each figure carries its median, p90 and sample size, and is low-confidence below the policy's minimum sample (10), as a mean over few heavy-tailed durations is noise; every figure is computed from the exact durations, and only what is shown is rounded",
        applied_by: "`summarize_month`, `Policy::summarize_month`",
    }
    Me3 {
        id: "ME-3",
        section: Metrics,
        rule: "rollback count, success rate (none when nothing was attempted) and mean rollback time",
        quote: "Rollback success rate: 100% (1/1 successful)",
        interpretation: "the success rate is over the rollbacks whose outcome is known, and none, not 100 %, when there is none; the mean time is over every finished rollback, successful or not; a rollback may start before the incident's detection, not before the issue began",
        applied_by: "`summarize_month`, `Policy::summarize_month`",
    }
    Me4 {
        id: "ME-4",
        section: Metrics,
        rule: "open post-mortem action items and production releases",
        quote: "Action items from post-mortems: 12 → 10 → 8 (backlog shrinking) ✓",
        applied_by: "`summarize_month`, `Policy::summarize_month`",
    }
    Me5 {
        id: "ME-5",
        section: Metrics,
        rule: "trends over consecutive months, the direction being that of the last change",
        quote: "TRENDS (Last 3 Months)",
        interpretation: "months must be consecutive, at least one; the direction is that of the last change, stable within the policy's tolerance (0), and \"not enough incidents\" when either figure is low-confidence",
        applied_by: "`trends`, `Policy::trends`",
    }
    Me6 {
        id: "ME-6",
        section: Metrics,
        rule: "goals: zero P1 incidents; P2 MTTR under 10 min",
        quote: "GOAL: Zero P1 incidents; <10 min MTTR for P2",
        interpretation: "\"<10 min\" is strict, judged on the exact mean, and the figure shown beside it is rounded down, so that no rounding shows a met goal at 10 min; with no P2 resolved in the month the P2 goal has no data rather than being met",
        applied_by: "`summarize_month`, `Policy::summarize_month`",
    }
}

impl RuleId {
    /// The severity rules, most severe first: the order of
    /// [`Classification::rules`](crate::Classification).
    pub const SEVERITY_RULES: &'static [RuleId] = &[
        RuleId::SevP1Outage,
        RuleId::SevP1Data,
        RuleId::SevP1Security,
        RuleId::SevP2Errors,
        RuleId::SevP2Latency,
        RuleId::SevP2Feature,
        RuleId::SevP3Latency,
        RuleId::SevP3Errors,
        RuleId::SevP3Feature,
        RuleId::SevP3Degradation,
        RuleId::SevP4Default,
    ];

    /// The row of the standard's "Control Mapping" table the rule
    /// evidences: severities and incident obligations are Incident
    /// Response; the decision, the release gate and the watch are Change
    /// Recovery; rollback runs are Business Continuity; metrics are Metrics
    /// & Reporting (**Interpretation**: the table maps areas, not rules).
    pub const fn control_area(self) -> ControlArea {
        match self.section() {
            Section::Severity | Section::IncidentResponse => ControlArea::IncidentResponse,
            Section::RollbackScripts => ControlArea::BusinessContinuity,
            Section::Metrics => ControlArea::MetricsAndReporting,
            Section::ReleaseProcedure
            | Section::DecisionMatrix
            | Section::Purpose
            | Section::GovernancePrinciples
            | Section::ControlMapping
            | Section::DeveloperChecklist => ControlArea::ChangeRecovery,
        }
    }

    /// The severity a `SEV-…` rule assigns; `None` for the other rules.
    #[inline]
    pub const fn severity(self) -> Option<Severity> {
        match self {
            RuleId::SevP1Outage | RuleId::SevP1Data | RuleId::SevP1Security => Some(Severity::P1),
            RuleId::SevP2Errors | RuleId::SevP2Latency | RuleId::SevP2Feature => Some(Severity::P2),
            RuleId::SevP3Latency
            | RuleId::SevP3Errors
            | RuleId::SevP3Feature
            | RuleId::SevP3Degradation => Some(Severity::P3),
            RuleId::SevP4Default => Some(Severity::P4),
            _ => None,
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = RuleId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a rule id such as `SEV-P1-OUTAGE`")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<RuleId, E> {
                value.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for RuleId {
    fn schema_name() -> Cow<'static, str> {
        "RuleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = RuleId::ALL.iter().map(|rule| rule.as_str()).collect();
        json_schema!({
            "description": "The stable id of a rule of the standard, as the crate's rule catalogue lists it.",
            "type": "string",
            "enum": ids,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        for (i, rule) in RuleId::ALL.iter().enumerate() {
            assert_eq!(rule.as_str().parse::<RuleId>().unwrap(), *rule);
            assert!(
                RuleId::ALL
                    .iter()
                    .skip(i + 1)
                    .all(|other| other.as_str() != rule.as_str()),
                "{rule} is listed twice"
            );
        }
    }

    #[test]
    fn severity_rules_are_ordered_most_severe_first() {
        let severities: Vec<Severity> = RuleId::SEVERITY_RULES
            .iter()
            .map(|rule| rule.severity().unwrap())
            .collect();
        assert!(
            severities.windows(2).all(|w| w[0] >= w[1]),
            "{severities:?}"
        );
        let with_severity = RuleId::ALL
            .iter()
            .filter(|r| r.severity().is_some())
            .count();
        assert_eq!(with_severity, RuleId::SEVERITY_RULES.len());
    }

    #[test]
    fn unknown_ids_are_rejected_by_name() {
        let err = "SEV-P5".parse::<RuleId>().unwrap_err();
        assert_eq!(err.to_string(), "rule id `SEV-P5` is not in the catalogue");
        assert!("dt-1".parse::<RuleId>().is_err(), "ids are case-sensitive");
    }
}
