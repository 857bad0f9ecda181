//! The timestamps the crate's inputs record, each once: its path in JSON,
//! which an [`Error::InvalidTimeline`](crate::error::Error::InvalidTimeline)
//! names, and the rule whose clock or duty it belongs to.

use crate::rule::RuleId;

/// One row per timestamp: its path in JSON and the rule whose clock or duty
/// it belongs to.
macro_rules! timeline {
    ($($stamp:ident: $first:ident $(. $rest:ident)* => $rule:ident;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Stamp {
            $($stamp,)*
        }

        impl Stamp {
            /// The field's path in JSON: `decision.at`.
            pub(crate) const fn path(self) -> &'static str {
                match self {
                    $(Stamp::$stamp => concat!(stringify!($first) $(, ".", stringify!($rest))*),)*
                }
            }

            /// The rule whose clock or duty the timestamp belongs to.
            pub(crate) const fn rule(self) -> RuleId {
                match self {
                    $(Stamp::$stamp => RuleId::$rule,)*
                }
            }
        }
    };
}

timeline! {
    Started: started_at => In3;
    Detected: detected_at => In3;
    Escalated: escalated_at => In3;
    Declared: declared_at => In2;
    Decision: decision.at => In2;
    Restored: restored_at => In3;
    Resolved: resolved_at => In3;
    CustomerNotified: customer_notified_at => In1;
    RollbackStarted: rollback.started_at => Me3;
    RollbackFinished: rollback.finished_at => Me3;
    PostMortemHeld: post_mortem.held_at => In5;
}
