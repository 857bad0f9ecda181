//! `decide` on arbitrary contexts under arbitrary valid windows equals a
//! reference of the §3 tree written here from the rules as the crate's
//! docs state them (`docs/rules.md`), not from the library's code.
#![no_main]

use arbitrary::Arbitrary;
use incident_response::{
    decision::Answer, decision::Cause, policy::DecisionWindows, decision::Fix, IncidentContext, Outcome, Policy, decision::Revert, RuleId, Severity, decide,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    severity: u8,
    data_loss: Option<bool>,
    cause: Option<u8>,
    backup: Option<Option<u32>>,
    fix: Option<Option<(bool, u32, bool, bool)>>,
    backup_window: u32,
    fix_window: u32,
    standard_windows: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Where {
    SimpleDeployment,
    ComplexDeployment,
    Migration,
    Unknown,
}

/// DT-1, DT-2 with DT-H, DT-P4, DT-3, DT-4, DT-5, as `docs/rules.md`
/// states them: first match wins; "<N min" is strict; not stated is no
/// data loss, an unknown cause, no usable backup, no fix.
fn reference(input: &Input, severity: Severity, place: Where, windows: (u32, u32)) -> Outcome {
    let (backup_window, fix_window) = windows;
    let backup_in_time = matches!(input.backup, Some(Some(minutes)) if minutes < backup_window);
    let restore_needed = place == Where::ComplexDeployment || place == Where::Migration;
    let critical = severity == Severity::P1;
    let losing_data = input.data_loss == Some(true);
    if critical || losing_data {
        // DT-1 / DT-2, unless DT-H: the rollback needs a restore that
        // cannot finish inside the window.
        if restore_needed && !backup_in_time {
            return Outcome::Hybrid;
        }
        return Outcome::Rollback;
    }
    if severity == Severity::P4 {
        return Outcome::Defer;
    }
    match place {
        Where::SimpleDeployment => Outcome::Rollback,
        Where::ComplexDeployment | Where::Migration if backup_in_time => Outcome::Rollback,
        Where::ComplexDeployment | Where::Migration => Outcome::ForwardFix,
        Where::Unknown => match input.fix {
            Some(Some((true, minutes, true, _))) if minutes < fix_window => Outcome::ForwardFix,
            _ => Outcome::Rollback,
        },
    }
}

fuzz_target!(|input: Input| {
    let severity = [Severity::P1, Severity::P2, Severity::P3, Severity::P4][usize::from(input.severity % 4)];
    let place = match input.cause.map(|c| c % 4) {
        Some(0) => Where::SimpleDeployment,
        Some(1) => Where::ComplexDeployment,
        Some(2) => Where::Migration,
        _ => Where::Unknown,
    };
    let mut context = IncidentContext::new(severity);
    if let Some(loss) = input.data_loss {
        context = context.with_data_loss(loss);
    }
    context.cause = input.cause.map(|_| match place {
        Where::SimpleDeployment => Cause::Deployment { revert: Revert::Simple },
        Where::ComplexDeployment => Cause::Deployment { revert: Revert::Complex },
        Where::Migration => Cause::DatabaseMigration,
        Where::Unknown => Cause::Unknown,
    });
    context.backup_restore_minutes = input.backup;
    context.fix = input.fix.map(|fix| {
        fix.map(|(ready, minutes, safe, hot)| {
            Fix::new(minutes)
                .with_ready(ready)
                .with_simple_and_safe(safe)
                .with_hot_reload(hot)
        })
    });
    let windows = if input.standard_windows {
        (30, 30)
    } else {
        (input.backup_window.max(1), input.fix_window.max(1))
    };
    let policy = Policy::default()
        .with_decision_windows(
            DecisionWindows::STANDARD
                .with_backup_restore_minutes(windows.0)
                .with_fix_deploy_minutes(windows.1),
        )
        .unwrap();
    let decision = policy.decide(&context).unwrap();
    assert_eq!(
        decision.outcome(),
        reference(&input, severity, place, windows),
        "{context:?} under {windows:?}"
    );
    // The deciding rule is the last asked, but for a DT-H that answered no,
    // which leaves the rollback to the DT-1 or DT-2 before it.
    let path: Vec<(RuleId, Answer)> = decision.path().map(|s| (s.rule(), s.answer())).collect();
    let deciding = match path.as_slice() {
        [.., (before, _), (RuleId::DtH, Answer::No)] => Some(*before),
        [.., (last, _)] => Some(*last),
        [] => None,
    };
    assert_eq!(deciding, Some(decision.deciding_rule()));
    assert_eq!(
        decision.decide_within_minutes(),
        policy.response(severity).decision_minutes
    );
    if windows == (30, 30) {
        assert_eq!(decide(&context).unwrap(), decision);
    }
});
