//! Clock arithmetic: deadlines counted from a timestamp without chrono's
//! panics, and durations written as whole seconds.

use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};

use crate::error::Error;
use crate::rule::RuleId;

/// `at` plus `minutes`, checked: chrono's `+` panics past its range. The
/// error names the field the deadline counts from and the rule it serves.
pub(crate) fn add_minutes(
    field: &'static str,
    at: DateTime<Utc>,
    minutes: u32,
    rule: RuleId,
) -> Result<DateTime<Utc>, Error> {
    chrono::TimeDelta::try_minutes(i64::from(minutes))
        .and_then(|delta| at.checked_add_signed(delta))
        .ok_or(Error::TimeOutOfRange {
            field,
            value: at,
            minutes,
            rule,
        })
}

/// A duration in whole seconds, as every answer's JSON writes one: the one
/// form of the `…_secs` fields. `#[serde(rename = "…_secs", with =
/// "Seconds")]` on an `Option<TimeDelta>` writes its whole seconds or
/// `null`, and gives the schema a nullable integer.
pub(crate) struct Seconds;

impl Seconds {
    /// Whole seconds, or `null`.
    pub(crate) fn serialize<T: AsSeconds, S: Serializer>(
        duration: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        duration.seconds().serialize(serializer)
    }
}

impl JsonSchema for Seconds {
    fn inline_schema() -> bool {
        true
    }

    // Never shown: the schema is inlined, so no `$defs` entry takes this
    // name.
    fn schema_name() -> Cow<'static, str> {
        "Seconds".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Option<i64>>::json_schema(generator)
    }
}

/// A duration, or a duration that may be missing, as whole seconds.
pub(crate) trait AsSeconds {
    /// What JSON writes: the whole seconds, or `None` for `null`.
    fn seconds(&self) -> Option<i64>;
}

impl AsSeconds for TimeDelta {
    fn seconds(&self) -> Option<i64> {
        Some(self.num_seconds())
    }
}

impl AsSeconds for Option<TimeDelta> {
    fn seconds(&self) -> Option<i64> {
        self.map(|duration| duration.num_seconds())
    }
}

/// A duration in nanoseconds, exactly: durations between timestamps are
/// never negative, and an `i128` holds the sum of any number of them.
pub(crate) fn nanos(duration: TimeDelta) -> i128 {
    i128::from(duration.num_seconds()) * 1_000_000_000 + i128::from(duration.subsec_nanos())
}
