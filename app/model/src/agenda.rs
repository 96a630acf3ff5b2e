//! What a plan's quarters ask of the person looking: the home page's "what next" per plan.

use crate::quarter::Quarter;
use crate::workflow::QuarterState;
use serde::{Deserialize, Serialize};

/// One thing a plan's quarter waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Next {
    /// A quarter whose report is due and not yet submitted: the operator's to fill in and submit.
    Report(Quarter),
    /// Returned by the pimpinan: to correct and submit again.
    Correct(Quarter),
    /// Submitted, waiting for the person looking to approve or return it.
    Decide(Quarter),
    /// Submitted, waiting for a pimpinan (as an operator sees it).
    AwaitDecision(Quarter),
}

impl Next {
    pub fn quarter(self) -> Quarter {
        match self {
            Next::Report(q) | Next::Correct(q) | Next::Decide(q) | Next::AwaitDecision(q) => q,
        }
    }

    /// `TW II menunggu persetujuan Anda`.
    pub fn describe(self) -> String {
        let quarter = self.quarter().label();
        match self {
            Next::Report(_) => format!("{quarter} jatuh tempo: isi dan ajukan"),
            Next::Correct(_) => format!("{quarter} dikembalikan: perbaiki lalu ajukan lagi"),
            Next::Decide(_) => format!("{quarter} menunggu persetujuan Anda"),
            Next::AwaitDecision(_) => format!("{quarter} menunggu persetujuan pimpinan"),
        }
    }

    /// Whether it is the looking person's own to do (not someone else's to wait for).
    pub fn is_mine(self) -> bool {
        !matches!(self, Next::AwaitDecision(_))
    }
}

/// What the quarters in `states` ask of someone who may submit (`may_submit`) or decide
/// (`may_decide`), given the quarters whose report is `due`; in quarter order.
pub fn next_steps(
    states: &[QuarterState; 4],
    due: &[Quarter],
    may_submit: bool,
    may_decide: bool,
) -> Vec<Next> {
    Quarter::ALL
        .into_iter()
        .zip(states)
        .filter_map(|(q, state)| match state {
            QuarterState::Draft if may_submit && due.contains(&q) => Some(Next::Report(q)),
            QuarterState::Returned { .. } if may_submit => Some(Next::Correct(q)),
            QuarterState::Submitted { .. } if may_decide => Some(Next::Decide(q)),
            QuarterState::Submitted { .. } if may_submit => Some(Next::AwaitDecision(q)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timestamp;

    fn submitted() -> QuarterState {
        QuarterState::Submitted {
            by: "Operator".into(),
            at: Timestamp(0),
        }
    }

    fn returned() -> QuarterState {
        QuarterState::Returned {
            by: "Pimpinan".into(),
            at: Timestamp(0),
            comment: "Lengkapi bukti".into(),
        }
    }

    fn approved() -> QuarterState {
        QuarterState::Approved {
            by: "Pimpinan".into(),
            at: Timestamp(0),
        }
    }

    #[test]
    fn an_operator_is_asked_for_each_due_draft_and_returned_quarter_and_waits_for_submitted_ones() {
        let states = [approved(), returned(), submitted(), QuarterState::Draft];
        let due = [Quarter::Q1, Quarter::Q2, Quarter::Q3];
        assert_eq!(
            next_steps(&states, &due, true, false),
            vec![Next::Correct(Quarter::Q2), Next::AwaitDecision(Quarter::Q3)]
        );
        let drafts = [
            QuarterState::Draft,
            QuarterState::Draft,
            QuarterState::Draft,
            QuarterState::Draft,
        ];
        assert_eq!(
            next_steps(&drafts, &due, true, false),
            vec![
                Next::Report(Quarter::Q1),
                Next::Report(Quarter::Q2),
                Next::Report(Quarter::Q3)
            ]
        );
    }

    #[test]
    fn a_pimpinan_is_asked_to_decide_each_submitted_quarter_and_nothing_else() {
        let states = [approved(), returned(), submitted(), QuarterState::Draft];
        let due = Quarter::ALL;
        assert_eq!(
            next_steps(&states, &due, false, true),
            vec![Next::Decide(Quarter::Q3)]
        );
        assert_eq!(
            Next::Decide(Quarter::Q3).describe(),
            "TW III menunggu persetujuan Anda"
        );
        assert!(Next::Decide(Quarter::Q3).is_mine());
        assert!(!Next::AwaitDecision(Quarter::Q3).is_mine());
    }

    #[test]
    fn a_quarter_not_yet_due_asks_nothing_and_a_reader_is_asked_nothing() {
        let drafts = [
            QuarterState::Draft,
            QuarterState::Draft,
            QuarterState::Draft,
            QuarterState::Draft,
        ];
        assert!(next_steps(&drafts, &[], true, true).is_empty());
        let states = [
            submitted(),
            returned(),
            QuarterState::Draft,
            QuarterState::Draft,
        ];
        assert!(next_steps(&states, &Quarter::ALL, false, false).is_empty());
    }
}
