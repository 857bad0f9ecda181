//! The small formatters of the text forms, as every answer's `Display`
//! writes them: timestamps, spans of time, minutes and hours, deadlines,
//! windows and limits that say where they are not the standard's, the
//! report's and the summary's minutes, and percentages.

use std::fmt;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};

/// A timestamp as it appears in JSON and in messages: RFC 3339, UTC.
pub(crate) struct Timestamp(pub(crate) DateTime<Utc>);

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

/// A span of time for people: `5 min`, `1 h 30 min`, `4 min 12 s`, `7 d`.
pub(crate) struct Span(pub(crate) TimeDelta);

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.0.num_seconds().unsigned_abs();
        let (days, hours, minutes, seconds) = (
            total / 86_400,
            total % 86_400 / 3_600,
            total % 3_600 / 60,
            total % 60,
        );
        let mut written = false;
        for (value, unit) in [(days, "d"), (hours, "h"), (minutes, "min"), (seconds, "s")] {
            if value > 0 {
                let space = if written { " " } else { "" };
                write!(f, "{space}{value} {unit}")?;
                written = true;
            }
        }
        if !written {
            f.write_str(if self.0.is_zero() { "0 s" } else { "under 1 s" })?;
        }
        Ok(())
    }
}

/// A deadline as text reports it: the duration, and where it is not the
/// standard's, whose it is: `2 h, the policy's deadline, not the standard's
/// 4 h`.
pub(crate) struct Deadline {
    pub(crate) minutes: u32,
    /// The standard's deadline for the same thing; `None` where it sets none.
    pub(crate) standard: Option<u32>,
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Minutes(self.minutes))?;
        match self.standard {
            Some(standard) if standard == self.minutes => Ok(()),
            Some(standard) => write!(
                f,
                ", the policy's deadline, not the standard's {}",
                Minutes(standard)
            ),
            None => f.write_str(", the policy's deadline; the standard sets none"),
        }
    }
}

/// Minutes for people: `30 min`, `4 h`, `1 h 30 min`.
pub(crate) struct Minutes(pub(crate) u32);

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (hours, minutes) = (self.0 / 60, self.0 % 60);
        match (hours, minutes) {
            (0, m) => write!(f, "{m} min"),
            (h, 0) => write!(f, "{h} h"),
            (h, m) => write!(f, "{h} h {m} min"),
        }
    }
}

/// A span in hours for the gate: `47 h 59 min`, or a negative lead.
pub(crate) struct Hours(pub(crate) TimeDelta);

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minutes = self.0.num_minutes();
        let sign = if minutes < 0 { "-" } else { "" };
        let minutes = minutes.unsigned_abs();
        match minutes % 60 {
            0 => write!(f, "{sign}{} h", minutes / 60),
            m => write!(f, "{sign}{} h {m} min", minutes / 60),
        }
    }
}

/// Minutes as the standard writes them in its report: `5 minutes`,
/// `1 minute`, `4.2 minutes`; under a minute, `42 seconds`.
pub(crate) struct ReportMinutes(pub(crate) TimeDelta);

impl fmt::Display for ReportMinutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0.num_seconds();
        if seconds < 60 {
            let unit = if seconds == 1 { "second" } else { "seconds" };
            return write!(f, "{seconds} {unit}");
        }
        let tenths = tenths_of_minute(i128::from(seconds) * 1_000_000_000);
        if tenths % 10 == 0 {
            let minutes = tenths / 10;
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            write!(f, "{minutes} {unit}")
        } else {
            write!(f, "{}.{} minutes", tenths / 10, tenths % 10)
        }
    }
}

/// Minutes as the standard's summary writes them: `25 min`, `4.2 min`;
/// under a minute, seconds: `42 s`.
pub(crate) struct SummaryMinutes(pub(crate) TimeDelta);

impl fmt::Display for SummaryMinutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Rounded once, from the exact duration: to the nearest second
        // under a minute, else to the nearest tenth of a minute.
        let exact = crate::clock::nanos(self.0);
        if exact < 59_500_000_000 {
            return write!(f, "{} s", (exact + 500_000_000).div_euclid(1_000_000_000));
        }
        let tenths = tenths_of_minute(exact);
        if tenths % 10 == 0 {
            write!(f, "{} min", tenths / 10)
        } else {
            write!(f, "{}.{} min", tenths / 10, tenths % 10)
        }
    }
}

/// Milliseconds as a goal's figure shows them, rounded down: `9.9 min`,
/// `10 min`; under a minute, `42 s`. Rounding down never carries a figure
/// under a goal of whole minutes to the goal or past it.
pub(crate) struct MinutesDown(pub(crate) u64);

impl fmt::Display for MinutesDown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 60_000 {
            return write!(f, "{} s", self.0 / 1_000);
        }
        let tenths = self.0 / 6_000;
        match tenths % 10 {
            0 => write!(f, "{} min", tenths / 10),
            tenth => write!(f, "{}.{tenth} min", tenths / 10),
        }
    }
}

/// Tenths of a minute, rounded half up, as "4.2 min" is.
fn tenths_of_minute(nanos: i128) -> i128 {
    (nanos + 3_000_000_000).div_euclid(6_000_000_000)
}

/// A window as a finding compares against it: `30` under the standard,
/// `the policy's 20` under a policy that changed it.
pub(crate) struct Limit {
    pub(crate) minutes: u32,
    pub(crate) standard: u32,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minutes == self.standard {
            write!(f, "{}", self.minutes)
        } else {
            write!(f, "the policy's {}", self.minutes)
        }
    }
}

/// A window of the decision tree as a question states it: `30 min` under
/// the standard, and under a policy that changed it, `45 min, the policy's
/// window, not the standard's 30`.
pub(crate) struct Window {
    pub(crate) minutes: u32,
    pub(crate) standard: u32,
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} min", self.minutes)?;
        if self.minutes != self.standard {
            write!(
                f,
                ", the policy's window, not the standard's {}",
                self.standard
            )?;
        }
        Ok(())
    }
}

/// A rate as a percentage, to one decimal where needed: `100`, `12.5`.
/// Never `100` short of all, nor `0` above none: 9999 of 10000 is `99.9`.
pub(crate) struct Percent(pub(crate) f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut tenths = (self.0 * 1000.0).round();
        if self.0 < 1.0 {
            tenths = tenths.min(999.0);
        }
        if self.0 > 0.0 {
            tenths = tenths.max(1.0);
        }
        if tenths % 10.0 == 0.0 {
            write!(f, "{}", tenths / 10.0)
        } else {
            write!(f, "{:.1}", tenths / 10.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_the_standard() {
        assert_eq!(Minutes(30).to_string(), "30 min");
        assert_eq!(Minutes(60).to_string(), "1 h");
        assert_eq!(Minutes(90).to_string(), "1 h 30 min");
        assert_eq!(Minutes(1_440).to_string(), "24 h");
    }

    #[test]
    fn percentages_never_round_to_all_or_none() {
        let shown = |rate: f64| Percent(rate).to_string();
        assert_eq!(shown(1.0), "100");
        assert_eq!(shown(0.9999), "99.9");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(0.0001), "0.1");
        assert_eq!(shown(0.0625), "6.3");
        assert_eq!(shown(0.5), "50");
    }

    #[test]
    fn minutes_read_like_the_standard() {
        let shown = |secs: i64| SummaryMinutes(TimeDelta::seconds(secs)).to_string();
        assert_eq!(shown(252), "4.2 min");
        assert_eq!(shown(1500), "25 min");
        assert_eq!(shown(3598), "60 min");
        assert_eq!(shown(42), "42 s");
        assert_eq!(shown(0), "0 s");
        // Seconds round to the nearest: 59.5 s is a minute.
        let nanos = |n: i64| SummaryMinutes(TimeDelta::nanoseconds(n)).to_string();
        assert_eq!(nanos(59_499_999_999), "59 s");
        assert_eq!(nanos(59_500_000_000), "1 min");
    }

    #[test]
    fn report_minutes_read_like_the_standard_s_report() {
        let shown = |secs: i64| ReportMinutes(TimeDelta::seconds(secs)).to_string();
        assert_eq!(shown(1), "1 second");
        assert_eq!(shown(59), "59 seconds");
        assert_eq!(shown(60), "1 minute");
        assert_eq!(shown(120), "2 minutes");
        assert_eq!(shown(252), "4.2 minutes");
    }

    #[test]
    fn a_goal_s_minutes_round_down() {
        let shown = |ms: u64| MinutesDown(ms).to_string();
        assert_eq!(shown(59_999), "59 s");
        assert_eq!(shown(60_000), "1 min");
        assert_eq!(shown(599_999), "9.9 min");
        assert_eq!(shown(600_000), "10 min");
    }

    #[test]
    fn spans_name_each_unit_once() {
        let shown = |secs: i64| Span(TimeDelta::seconds(secs)).to_string();
        assert_eq!(shown(0), "0 s");
        assert_eq!(shown(300), "5 min");
        assert_eq!(shown(5_400), "1 h 30 min");
        assert_eq!(shown(252), "4 min 12 s");
        assert_eq!(shown(7 * 86_400), "7 d");
        assert_eq!(shown(90_061), "1 d 1 h 1 min 1 s");
        assert_eq!(Span(TimeDelta::milliseconds(400)).to_string(), "under 1 s");
    }
}
