//! The input of the decision: what is known about an incident, and what is
//! not.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, de};

use crate::rule::RuleId;
use crate::severity::Classification;
use crate::severity::level::Severity;

/// Where the issue is (§3 "Is the issue in the DEPLOYMENT?", "Is the issue
/// in the DATABASE MIGRATION?").
///
/// In JSON: `{"kind": "deployment", "revert": "simple"}`,
/// `{"kind": "database_migration"}` or `{"kind": "unknown"}`; any other
/// field, `revert` included where it does not belong, is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Cause {
    /// The issue is in a deployment.
    Deployment {
        /// How hard the deployment is to revert.
        revert: Revert,
    },
    /// The issue is in a database migration.
    DatabaseMigration,
    /// The cause is not known.
    Unknown,
}

impl Cause {
    /// A database migration or a schema-changing deployment: undoing it
    /// means restoring data from the pre-migration backup (`DT-4`, `DT-H`).
    #[inline]
    pub const fn needs_backup_restore(self) -> bool {
        matches!(
            self,
            Cause::DatabaseMigration
                | Cause::Deployment {
                    revert: Revert::Complex
                }
        )
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cause::Deployment {
                revert: Revert::Simple,
            } => "a deployment with a simple revert",
            Cause::Deployment {
                revert: Revert::Complex,
            } => "a deployment with a complex revert (schema change)",
            Cause::DatabaseMigration => "a database migration",
            Cause::Unknown => "unknown",
        })
    }
}

/// The JSON form of a cause, read strictly: serde lets the unit variants
/// of an internally tagged enum ignore unknown fields, so the check is here.
/// `revert` keeps absent (`None`) apart from `null` (`Some(None)`), so that
/// a `null` where a deployment needs `simple` or `complex` is named as such.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CauseJson {
    kind: CauseKind,
    #[serde(default, deserialize_with = "stated")]
    revert: Option<Option<Revert>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum CauseKind {
    Deployment,
    DatabaseMigration,
    Unknown,
}

impl<'de> Deserialize<'de> for Cause {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = CauseJson::deserialize(deserializer)?;
        match (json.kind, json.revert) {
            (CauseKind::Deployment, Some(Some(revert))) => Ok(Cause::Deployment { revert }),
            (CauseKind::Deployment, Some(None)) => Err(de::Error::custom(
                "`revert` is `null`; a cause of `kind` `deployment` needs `simple` or `complex`",
            )),
            (CauseKind::Deployment, None) => Err(de::Error::missing_field("revert")),
            // `null` is not stated, the same as leaving `revert` out.
            (CauseKind::DatabaseMigration, None | Some(None)) => Ok(Cause::DatabaseMigration),
            (CauseKind::Unknown, None | Some(None)) => Ok(Cause::Unknown),
            (CauseKind::DatabaseMigration | CauseKind::Unknown, Some(Some(_))) => Err(
                de::Error::custom("`revert` is only for a cause of `kind` `deployment`"),
            ),
        }
    }
}

/// How hard a deployment is to revert (§3 "Is the deployment simple to revert?").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Revert {
    /// "Simple (.jar swap, config change): ROLLBACK".
    Simple,
    /// "Complex (schema change): Continue below".
    Complex,
}

/// A forward fix under consideration (§3 "Can the fix be deployed in <30 min?").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Fix {
    /// "Hotfix already coded".
    pub ready: bool,
    /// Minutes to deploy it.
    pub estimated_deploy_minutes: u32,
    /// "Changes are simple/safe".
    pub simple_and_safe: bool,
    /// "Hot reload available (no downtime)". Reported; it never changes the
    /// outcome. Optional in JSON (`null` too), default `false`.
    #[serde(default, deserialize_with = "crate::reading::null_is_default")]
    #[schemars(with = "Option<bool>")]
    pub hot_reload: bool,
}

impl Fix {
    /// A fix deploying in `estimated_deploy_minutes`, not yet ready, not
    /// known to be simple and safe, without hot reload: state what holds
    /// with the `with_…` methods.
    pub const fn new(estimated_deploy_minutes: u32) -> Self {
        Fix {
            ready: false,
            estimated_deploy_minutes,
            simple_and_safe: false,
            hot_reload: false,
        }
    }

    /// Whether the hotfix is already coded.
    #[must_use]
    pub const fn with_ready(mut self, ready: bool) -> Self {
        self.ready = ready;
        self
    }

    /// Whether the changes are simple and safe.
    #[must_use]
    pub const fn with_simple_and_safe(mut self, simple_and_safe: bool) -> Self {
        self.simple_and_safe = simple_and_safe;
        self
    }

    /// Whether hot reload is available (no downtime).
    #[must_use]
    pub const fn with_hot_reload(mut self, hot_reload: bool) -> Self {
        self.hot_reload = hot_reload;
        self
    }

    /// Minutes to deploy it.
    #[must_use]
    pub const fn with_estimated_deploy_minutes(mut self, minutes: u32) -> Self {
        self.estimated_deploy_minutes = minutes;
        self
    }

    /// Whether the fix passes `DT-5` within `window` minutes: ready, simple
    /// and safe, and deployable in strictly fewer minutes.
    #[inline]
    pub const fn qualifies(&self, window: u32) -> bool {
        self.ready && self.simple_and_safe && self.estimated_deploy_minutes < window
    }
}

/// What is known about an incident when the decision is taken: the input
/// of [`decide`](super::decide).
///
/// Only `severity` is required. A field left out is not stated, and the
/// decision assumes its default and says so: no data loss, an unknown
/// cause, no usable backup, no fix ready. For `backup_restore_minutes` and
/// `fix`, an explicit JSON `null` is a stated fact instead: "no usable
/// backup", "no fix". Unknown fields are refused.
///
/// In Rust, those two fields are therefore `Option<Option<_>>`: `None` for
/// not stated, `Some(None)` for the explicit `null`; the `with_…` methods
/// build either.
///
/// ```
/// use incident_response::decision::{Cause, Fix};
/// use incident_response::{IncidentContext, Severity};
///
/// let context: IncidentContext = serde_json::from_str(r#"{
///     "severity": "P2",
///     "cause": {"kind": "database_migration"},
///     "backup_restore_minutes": null,
///     "fix": {"ready": true, "estimated_deploy_minutes": 10, "simple_and_safe": true}
/// }"#)?;
/// assert_eq!(
///     context,
///     IncidentContext::new(Severity::P2)
///         .with_cause(Cause::DatabaseMigration)
///         .with_no_usable_backup()
///         .with_fix(Fix::new(10).with_ready(true).with_simple_and_safe(true)),
/// );
/// assert_eq!(context.backup_restore_minutes, Some(None));
/// assert_eq!(context.data_loss, None, "not stated");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "What is known about an incident when the decision is taken. Only `severity` is required; a field left out is not stated, and the decision assumes its default and says so (no data loss, an unknown cause, no usable backup, no fix ready). For `backup_restore_minutes` and `fix`, an explicit `null` states that there is none. Unknown fields are refused."
)]
#[non_exhaustive]
pub struct IncidentContext {
    /// The severity, as classified or declared.
    pub severity: Severity,
    /// Data loss or corruption in progress. Not stated (absent or `null`):
    /// assumed none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_loss: Option<bool>,
    /// Where the issue is. Not stated (absent or `null`): assumed unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// Minutes to restore the pre-migration backup; `null`: no usable
    /// backup. Not stated (absent): assumed no usable backup.
    #[serde(
        default,
        deserialize_with = "stated",
        skip_serializing_if = "Option::is_none"
    )]
    pub backup_restore_minutes: Option<Option<u32>>,
    /// The forward fix under consideration; `null`: no fix. Not stated
    /// (absent): assumed none ready.
    #[serde(
        default,
        deserialize_with = "stated",
        skip_serializing_if = "Option::is_none"
    )]
    pub fix: Option<Option<Fix>>,
}

/// A field that is present, `null` included: absent fields never reach a
/// `deserialize_with` function, so `Some` here means "stated".
fn stated<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

impl IncidentContext {
    /// A context that states only the severity.
    pub const fn new(severity: Severity) -> Self {
        IncidentContext {
            severity,
            data_loss: None,
            cause: None,
            backup_restore_minutes: None,
            fix: None,
        }
    }

    /// States whether data loss or corruption is in progress.
    #[must_use]
    pub const fn with_data_loss(mut self, data_loss: bool) -> Self {
        self.data_loss = Some(data_loss);
        self
    }

    /// States where the issue is.
    #[must_use]
    pub const fn with_cause(mut self, cause: Cause) -> Self {
        self.cause = Some(cause);
        self
    }

    /// States how many minutes the pre-migration backup takes to restore.
    #[must_use]
    pub const fn with_backup_restore_minutes(mut self, minutes: u32) -> Self {
        self.backup_restore_minutes = Some(Some(minutes));
        self
    }

    /// States that there is no usable backup (JSON `null`).
    #[must_use]
    pub const fn with_no_usable_backup(mut self) -> Self {
        self.backup_restore_minutes = Some(None);
        self
    }

    /// States the forward fix under consideration.
    #[must_use]
    pub const fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Some(fix));
        self
    }

    /// States that there is no fix (JSON `null`).
    #[must_use]
    pub const fn with_no_fix(mut self) -> Self {
        self.fix = Some(None);
        self
    }
}

/// From a classification to a decision: written here, beside the context it
/// builds, so that the severity module needs nothing of the decision's.
impl Classification {
    /// The context of a rollback decision on this incident: its severity,
    /// and data loss in progress when `SEV-P1-DATA` matched. Anything else
    /// is left not stated, for the caller to add: the signals cannot tell
    /// "no data loss" from "not measured", so the decision assumes none and
    /// says so.
    ///
    /// ```
    /// use incident_response::decision::{Cause, Revert};
    /// use incident_response::{classify, decide, Outcome, Signals};
    ///
    /// let classification = classify(&Signals::new().with_error_rate(0.10))?;
    /// let context = classification
    ///     .incident_context()
    ///     .with_cause(Cause::Deployment { revert: Revert::Simple });
    /// assert_eq!(decide(&context)?.outcome(), Outcome::Rollback);
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    pub fn incident_context(&self) -> IncidentContext {
        let context = IncidentContext::new(self.severity());
        if self.rules().contains(RuleId::SevP1Data) {
            context.with_data_loss(true)
        } else {
            context
        }
    }
}
