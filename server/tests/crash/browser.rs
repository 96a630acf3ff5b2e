//! The operator's browser in the crash story: an outbox of edits typed offline, sent as sync
//! pushes, and rows saved by form posts with JavaScript off. It knows which answer each edit
//! must get, which texts have been acknowledged, and checks the audit trail against both.

use super::killer::Fate;
use super::{Dice, BATCH, CLIENT, PLAN, REQUESTS};
use app::api::edit::{cell_name, QUARTER_ROWS};
use model::edit::{current_value, Field, ReportField};
use model::sync::{Mutation, Outcome};
use model::{IndicatorId, Plan, Quarter};
use std::collections::HashMap;

/// A queued edit and the answer it gets: applied, at this version of its field.
#[derive(Clone, Debug)]
pub struct Edit {
    pub mutation: Mutation,
    pub version: u64,
}

impl Edit {
    pub fn outcome(&self) -> Outcome {
        Outcome::Applied {
            version: self.version,
        }
    }
}

/// A row's form as posted: every field of the row, three of them with new text.
#[derive(Clone, Debug)]
pub struct FormRow {
    pub fields: Vec<(String, String)>,
    new_texts: Vec<String>,
}

#[derive(Clone, Debug)]
pub enum Request {
    Push(Vec<Edit>),
    Form(FormRow),
}

impl Request {
    /// The texts this request writes into the audit trail, once each.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Request::Push(batch) => batch.iter().map(|e| e.mutation.text.as_str()).collect(),
            Request::Form(row) => row.new_texts.iter().map(String::as_str).collect(),
        }
    }

    pub fn is_push(&self) -> bool {
        matches!(self, Request::Push(_))
    }
}

/// What the audit trail showed right after a kill.
#[derive(Debug, Default)]
pub struct AfterKill {
    /// Edits whose answer had arrived.
    pub acknowledged: usize,
    /// Requests with no answer (cut, or answer lost) that had been stored whole.
    pub stored_unanswered: usize,
}

pub struct Browser {
    plan: Plan,
    /// What every text typed begins with (unique to the run).
    prefix: String,
    /// The fields pushes edit (free text of quarters II to IV), taken in turn, so a field is
    /// in one outbox at a time.
    push_fields: Vec<Field>,
    /// The rows forms save (quarter I of every indicator), taken in turn.
    form_rows: Vec<IndicatorId>,
    versions: HashMap<Field, u64>,
    seq: u64,
    pushed: usize,
    posted: usize,
    /// The texts of every edit answered so far.
    pub done: Vec<String>,
}

impl Browser {
    pub fn new(plan: Plan, prefix: String) -> Browser {
        let indicators: Vec<IndicatorId> = plan.indicators().filter_map(|i| i.id).collect();
        let mut push_fields = Vec::new();
        for quarter in [Quarter::Q2, Quarter::Q3, Quarter::Q4] {
            for cell in [
                ReportField::Note,
                ReportField::Evidence,
                ReportField::PlannedWork,
            ] {
                push_fields.extend(indicators.iter().map(|i| Field::Report(*i, quarter, cell)));
            }
        }
        assert!(
            push_fields.len() >= REQUESTS * BATCH && indicators.len() >= REQUESTS,
            "the demo plan is too small for the story"
        );
        Browser {
            plan,
            prefix,
            push_fields,
            form_rows: indicators,
            versions: HashMap::new(),
            seq: 0,
            pushed: 0,
            posted: 0,
            done: Vec::new(),
        }
    }

    /// The next requests, the first and the `target`-th of the aimed kind (`push`). The pushes
    /// carry an outbox typed offline: a field's first edit, later its second typed over the
    /// first while it waited (`after`). So a first edit sent again once the second is in can
    /// only get its stored answer back; applied anew it would be a conflict, which shows.
    pub fn next_requests(&mut self, push: bool, target: usize, dice: &mut Dice) -> Vec<Request> {
        let pushes: Vec<bool> = (0..REQUESTS)
            .map(|i| {
                if i == 0 || i == target {
                    push
                } else {
                    dice.below(2) == 0
                }
            })
            .collect();
        let count = pushes.iter().filter(|p| **p).count();
        let mut edits = self.outbox(count * BATCH).into_iter();
        pushes
            .iter()
            .map(|push| {
                if *push {
                    Request::Push(edits.by_ref().take(BATCH).collect())
                } else {
                    self.form()
                }
            })
            .collect()
    }

    /// `n` queued edits: the first half edits fields once each, the rest edits the same fields
    /// again, typed over the first edits. Each field's versions follow: first, then second.
    fn outbox(&mut self, n: usize) -> Vec<Edit> {
        let fields: Vec<Field> = (0..n.div_ceil(2))
            .map(|_| {
                self.pushed += 1;
                self.push_fields[(self.pushed - 1) % self.push_fields.len()]
            })
            .collect();
        let mut edits: Vec<Edit> = Vec::with_capacity(n);
        for i in 0..n {
            let field = fields[i % fields.len()];
            let first = edits
                .iter()
                .find(|e| e.mutation.field == field)
                .map(|e| e.mutation.id());
            let base = self.versions.get(&field).copied().unwrap_or(0);
            self.seq += 1;
            edits.push(Edit {
                version: base + 1 + u64::from(first.is_some()),
                mutation: Mutation {
                    client: CLIENT.into(),
                    seq: self.seq,
                    plan: PLAN,
                    field,
                    text: format!("{}luring {}", self.prefix, self.seq),
                    base_version: base,
                    after: first,
                },
            });
        }
        edits
    }

    /// A row of quarter I as its form posts it: new planned work, evidence and note, the other
    /// cells as shown (forms never change them).
    fn form(&mut self) -> Request {
        let indicator = self.form_rows[self.posted % self.form_rows.len()];
        self.posted += 1;
        let text = |what: &str| format!("{}formulir {} {what}", self.prefix, self.posted);
        let shown = |cell| {
            current_value(&self.plan, &Field::Report(indicator, Quarter::Q1, cell))
                .expect("a row of the plan")
                .input_text()
        };
        // Inputs are named by their quarter and their fields' names, as the quarter table's
        // form names them (`tw[1][note]`); the pressed button names the quarter.
        let name = |cell: ReportField| cell_name(QUARTER_ROWS, Quarter::Q1.number(), cell.name());
        let kept = |cell: ReportField| (name(cell), shown(cell));
        let new_texts = vec![text("rencana"), text("data dukung"), text("catatan")];
        let fields = vec![
            ("plan".to_owned(), PLAN.to_string()),
            ("indicator".to_owned(), indicator.to_string()),
            ("quarter".to_owned(), Quarter::Q1.number().to_string()),
            (name(ReportField::PlannedWork), new_texts[0].clone()),
            kept(ReportField::Numerator),
            kept(ReportField::Denominator),
            kept(ReportField::Achievement),
            (name(ReportField::Evidence), new_texts[1].clone()),
            kept(ReportField::Status),
            (name(ReportField::Note), new_texts[2].clone()),
        ];
        Request::Form(FormRow { fields, new_texts })
    }

    /// Every request has been answered now: the versions move on, every text is done.
    pub fn settle(&mut self, requests: &[Request]) {
        for request in requests {
            if let Request::Push(batch) = request {
                for e in batch {
                    self.versions.insert(e.mutation.field, e.version);
                }
            }
            self.done
                .extend(request.texts().into_iter().map(str::to_owned));
        }
    }

    /// Right after a kill: what was done before and what was acknowledged now is there once;
    /// a request cut off is there whole or not at all, one whose answer was lost is there
    /// whole; what was never sent is not there.
    pub fn check_after_kill(
        &self,
        found: &HashMap<String, i64>,
        requests: &[Request],
        fates: &[Fate],
        when: &str,
    ) -> AfterKill {
        self.check_all_once(found, when);
        let mut seen = AfterKill::default();
        for (i, (request, fate)) in requests.iter().zip(fates).enumerate() {
            let texts = request.texts();
            let there = texts.iter().filter(|t| found.contains_key(**t)).count();
            let whole = there == texts.len();
            let twice = texts
                .iter()
                .filter(|t| found.get(**t).is_some_and(|n| *n > 1))
                .count();
            assert_eq!(twice, 0, "{when}: request {i} is in the audit trail twice");
            match fate {
                Fate::Acknowledged(outcomes) => {
                    if let Request::Push(batch) = request {
                        let expected: Vec<Outcome> = batch.iter().map(Edit::outcome).collect();
                        assert_eq!(outcomes, &expected, "{when}: the first answers to push {i}");
                    }
                    assert!(whole, "{when}: acknowledged request {i} is not all there");
                    seen.acknowledged += texts.len();
                }
                Fate::Cut => assert!(
                    there == 0 || whole,
                    "{when}: the request cut off ({i}) is there in part: {there} of {}",
                    texts.len()
                ),
                Fate::AnswerLost => assert!(whole, "{when}: answered request {i} is not all there"),
                Fate::Unsent => assert_eq!(there, 0, "{when}: request {i} was never sent"),
            }
            if fate.unanswered() && there > 0 {
                seen.stored_unanswered += 1;
            }
        }
        seen
    }

    /// Every edit answered so far is in the audit trail once; nothing is there twice.
    pub fn check_all_once(&self, found: &HashMap<String, i64>, when: &str) {
        let missing: Vec<&String> = self
            .done
            .iter()
            .filter(|t| !found.contains_key(*t))
            .collect();
        assert!(
            missing.is_empty(),
            "{when}: acknowledged edits are missing: {missing:?}"
        );
        let doubled: Vec<(&String, &i64)> = found.iter().filter(|(_, n)| **n > 1).collect();
        assert!(
            doubled.is_empty(),
            "{when}: edits are there twice: {doubled:?}"
        );
    }
}
