//! Clock arithmetic: deadlines counted from a timestamp without chrono's
//! panics, and durations written as whole seconds.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serializer;

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

/// A duration as whole seconds.
pub(crate) fn secs_of<S: Serializer>(
    duration: &TimeDelta,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(duration.num_seconds())
}

/// A duration as whole seconds, or `null`.
pub(crate) fn secs<S: Serializer>(
    duration: &Option<TimeDelta>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match duration {
        Some(duration) => serializer.serialize_i64(duration.num_seconds()),
        None => serializer.serialize_none(),
    }
}

/// A duration in nanoseconds, exactly: durations between timestamps are
/// never negative, and an `i128` holds the sum of any number of them.
pub(crate) fn nanos(duration: TimeDelta) -> i128 {
    i128::from(duration.num_seconds()) * 1_000_000_000 + i128::from(duration.subsec_nanos())
}
