//! The quarter workflow: an operator submits a quarter, a pimpinan approves it or returns it
//! with a comment, and a pimpinan can reopen an approved quarter. While a quarter is submitted
//! or approved its figures are frozen (`crate::freeze`); an approval names the version of the
//! plan the pimpinan looked at (`crate::approval`).

use crate::access::Permission;
use crate::approval::PlanVersion;
use crate::quarter::Quarter;
use crate::time::{Timestamp, Zone};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest comment a returned quarter takes.
pub const MAX_COMMENT_CHARS: usize = 2_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuarterState {
    #[default]
    Draft,
    Submitted {
        by: String,
        at: Timestamp,
    },
    Approved {
        by: String,
        at: Timestamp,
    },
    Returned {
        by: String,
        at: Timestamp,
        comment: String,
    },
}

impl QuarterState {
    pub fn code(&self) -> &'static str {
        match self {
            QuarterState::Draft => "draft",
            QuarterState::Submitted { .. } => "submitted",
            QuarterState::Approved { .. } => "approved",
            QuarterState::Returned { .. } => "returned",
        }
    }

    /// The state in a word: `Draf`, `Diajukan`, `Disetujui`, `Dikembalikan`.
    pub fn label(&self) -> &'static str {
        match self {
            QuarterState::Draft => "Draf",
            QuarterState::Submitted { .. } => "Diajukan",
            QuarterState::Approved { .. } => "Disetujui",
            QuarterState::Returned { .. } => "Dikembalikan",
        }
    }

    /// The state as one line, its time in the reader's `zone`:
    /// `Disetujui oleh Budi, 28 Nov 2026 20.13 WITA`.
    pub fn describe(&self, zone: Zone) -> String {
        match self {
            QuarterState::Draft => self.label().into(),
            QuarterState::Submitted { by, at } => {
                format!("Diajukan oleh {by}, {}", at.in_zone(zone))
            }
            QuarterState::Approved { by, at } => {
                format!("Disetujui oleh {by}, {}", at.in_zone(zone))
            }
            QuarterState::Returned { by, at, comment } => {
                format!("Dikembalikan oleh {by}, {}: {comment}", at.in_zone(zone))
            }
        }
    }

    /// Approved: only reopening changes it.
    pub fn is_locked(&self) -> bool {
        matches!(self, QuarterState::Approved { .. })
    }

    /// Submitted or approved: its figures are frozen until it is returned or reopened.
    pub fn freezes(&self) -> bool {
        matches!(
            self,
            QuarterState::Submitted { .. } | QuarterState::Approved { .. }
        )
    }
}

/// A step of the workflow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Transition {
    Submit,
    /// Names the version of the plan the pimpinan looked at.
    Approve {
        seen: PlanVersion,
    },
    Return {
        comment: String,
    },
    Reopen,
}

impl Transition {
    /// What a person needs to take this step.
    pub fn permission(&self) -> Permission {
        match self {
            Transition::Submit => Permission::SubmitQuarter,
            Transition::Approve { .. } | Transition::Return { .. } | Transition::Reopen => {
                Permission::DecideQuarter
            }
        }
    }

    /// The step as the history lists it.
    pub fn label(&self) -> &'static str {
        match self {
            Transition::Submit => "Diajukan",
            Transition::Approve { .. } => "Disetujui",
            Transition::Return { .. } => "Dikembalikan",
            Transition::Reopen => "Dibuka kembali",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("{0}")]
pub struct WorkflowError(pub String);

/// The state after `step`, taken by `by` at `at`; or why the step cannot be taken now.
pub fn step(
    quarter: Quarter,
    state: &QuarterState,
    step: &Transition,
    by: &str,
    at: Timestamp,
) -> Result<QuarterState, WorkflowError> {
    let q = quarter.label();
    let refuse = |why: String| Err(WorkflowError(why));
    match (step, state) {
        (Transition::Submit, QuarterState::Draft | QuarterState::Returned { .. }) => {
            Ok(QuarterState::Submitted { by: by.into(), at })
        }
        (Transition::Submit, QuarterState::Submitted { .. }) => refuse(format!(
            "{q} sudah diajukan dan menunggu keputusan pimpinan"
        )),
        (
            Transition::Approve { .. } | Transition::Return { .. },
            QuarterState::Submitted { .. },
        ) => match step {
            Transition::Return { comment } => {
                let comment = comment.trim();
                if comment.is_empty() {
                    return refuse("Tuliskan alasan pengembalian".into());
                }
                if comment.chars().count() > MAX_COMMENT_CHARS {
                    return refuse(format!(
                        "Alasan pengembalian paling banyak {MAX_COMMENT_CHARS} karakter"
                    ));
                }
                Ok(QuarterState::Returned {
                    by: by.into(),
                    at,
                    comment: comment.into(),
                })
            }
            _ => Ok(QuarterState::Approved { by: by.into(), at }),
        },
        (Transition::Approve { .. } | Transition::Return { .. }, QuarterState::Approved { .. }) => {
            refuse(format!("{q} sudah disetujui"))
        }
        (Transition::Approve { .. } | Transition::Return { .. }, _) => {
            refuse(format!("{q} belum diajukan"))
        }
        (Transition::Reopen, QuarterState::Approved { .. }) => Ok(QuarterState::Draft),
        (Transition::Reopen, _) => refuse(format!(
            "{q} belum disetujui, jadi tidak perlu dibuka kembali"
        )),
        (Transition::Submit, QuarterState::Approved { .. }) => {
            refuse(format!("{q} sudah disetujui"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: Timestamp = Timestamp(1_795_868_009);
    const APPROVE: Transition = Transition::Approve {
        seen: PlanVersion(0),
    };

    fn approved() -> QuarterState {
        QuarterState::Approved {
            by: "Budi".into(),
            at: AT,
        }
    }

    #[test]
    fn a_quarter_goes_from_draft_to_submitted_to_approved_and_back_to_draft_when_reopened() {
        let s = step(
            Quarter::Q1,
            &QuarterState::Draft,
            &Transition::Submit,
            "Sri",
            AT,
        )
        .unwrap();
        assert_eq!(
            s,
            QuarterState::Submitted {
                by: "Sri".into(),
                at: AT
            }
        );
        let s = step(Quarter::Q1, &s, &APPROVE, "Budi", AT).unwrap();
        assert_eq!(s, approved());
        let s = step(Quarter::Q1, &s, &Transition::Reopen, "Budi", AT).unwrap();
        assert_eq!(s, QuarterState::Draft);
    }

    #[test]
    fn a_returned_quarter_keeps_its_comment_and_can_be_submitted_again() {
        let submitted = QuarterState::Submitted {
            by: "Sri".into(),
            at: AT,
        };
        let ret = Transition::Return {
            comment: "  Lengkapi data dukung ".into(),
        };
        let s = step(Quarter::Q2, &submitted, &ret, "Budi", AT).unwrap();
        assert_eq!(
            s.describe(Zone::Wita),
            "Dikembalikan oleh Budi, 28 Nov 2026 20.13 WITA: Lengkapi data dukung"
        );
        assert!(step(Quarter::Q2, &s, &Transition::Submit, "Sri", AT).is_ok());
    }

    #[test]
    fn a_return_needs_a_comment() {
        let submitted = QuarterState::Submitted {
            by: "Sri".into(),
            at: AT,
        };
        let err = step(
            Quarter::Q2,
            &submitted,
            &Transition::Return {
                comment: " ".into(),
            },
            "B",
            AT,
        );
        assert_eq!(err.unwrap_err().0, "Tuliskan alasan pengembalian");
    }

    #[test]
    fn steps_out_of_order_are_refused_with_the_reason() {
        let draft = QuarterState::Draft;
        assert_eq!(
            step(Quarter::Q3, &draft, &APPROVE, "B", AT).unwrap_err().0,
            "TW III belum diajukan"
        );
        assert_eq!(
            step(Quarter::Q3, &approved(), &Transition::Submit, "B", AT)
                .unwrap_err()
                .0,
            "TW III sudah disetujui"
        );
        assert!(step(Quarter::Q3, &draft, &Transition::Reopen, "B", AT).is_err());
        let submitted = QuarterState::Submitted {
            by: "Sri".into(),
            at: AT,
        };
        assert!(step(Quarter::Q3, &submitted, &Transition::Submit, "B", AT).is_err());
    }

    #[test]
    fn only_submitting_is_open_to_operators() {
        assert_eq!(Transition::Submit.permission(), Permission::SubmitQuarter);
        assert_eq!(Transition::Reopen.permission(), Permission::DecideQuarter);
    }
}
