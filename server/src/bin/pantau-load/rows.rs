//! Saving rows, as the person's browser does: with JavaScript on, each changed cell goes into
//! the outbox and the outbox is pushed (at once, or after a while offline); with it off, the
//! row's whole form is posted. Each change the server acknowledges is written down as the audit
//! entry it must leave.

use crate::http::Request;
use crate::journal::{Entry, Kind};
use crate::person::Person;
use crate::setup::Row;
use app::api::edit::{cell_name, SaveReport, QUARTER_ROWS};
use app::api::sync::SyncPush;
use leptos::server_fn::ServerFn;
use model::audit::field_change;
use model::edit::{apply, current_value, parse_value, Field, ReportField};
use model::sync::{Mutation, MutationId, Outcome};
use model::Status;

/// The cells whose text is new each time (so an edit of a shared row can never equal what a
/// colleague typed).
const TEXT_CELLS: [ReportField; 4] = [
    ReportField::Note,
    ReportField::Evidence,
    ReportField::PlannedWork,
    ReportField::Achievement,
];

impl Person<'_> {
    /// A row of the person's own, or (with JavaScript on, now and then) a shared one.
    pub fn pick_row(&mut self) -> (Row, bool) {
        let shared =
            self.member.scripted && !self.member.shared_rows.is_empty() && self.dice.chance(15);
        if shared {
            (*self.dice.pick(&self.member.shared_rows), true)
        } else {
            (*self.dice.pick(&self.member.own_rows), false)
        }
    }

    /// What the person types into one to three cells of `row`: (cell, text).
    fn type_cells(&mut self, row: Row, shared: bool) -> Vec<(Field, String)> {
        let Some(page) = self.page.as_ref() else {
            return Vec::new();
        };
        let count = 1 + self.dice.below(3) as usize;
        let mut cells: Vec<ReportField> = Vec::new();
        while cells.len() < count {
            let cell = if shared {
                *self.dice.pick(&TEXT_CELLS)
            } else {
                *self.dice.pick(&ReportField::ALL)
            };
            if !cells.contains(&cell) {
                cells.push(cell);
            }
        }
        let mut typed = Vec::new();
        for cell in cells {
            let field = Field::Report(row.0, row.1, cell);
            // What the row shows now: an unsent edit of its own, or the page's value.
            let shown = page
                .outbox
                .iter()
                .rev()
                .find(|m| m.field == field)
                .map(|m| m.text.clone())
                .or_else(|| {
                    current_value(&page.plan, &field)
                        .ok()
                        .map(|v| v.input_text())
                })
                .unwrap_or_default();
            self.typed += 1;
            let n = self.member.number;
            let text = match cell {
                ReportField::Note => format!("catatan beban {n:03}-{}", self.typed),
                ReportField::Evidence => format!("data dukung beban {n:03}-{}", self.typed),
                ReportField::PlannedWork => format!("rencana beban {n:03}-{}", self.typed),
                ReportField::Achievement => format!("capaian beban {n:03}-{}", self.typed),
                ReportField::Status => Status::ALL
                    .iter()
                    .map(|s| s.label().to_owned())
                    .filter(|label| *label != shown)
                    .nth(self.dice.below(2) as usize)
                    .unwrap_or_default(),
                ReportField::Numerator | ReportField::Denominator => loop {
                    let number = (1 + self.dice.below(500)).to_string();
                    if number != shown {
                        break number;
                    }
                },
            };
            typed.push((field, text));
        }
        typed
    }

    /// Queues one row's edits, as the page does on Enter: each names the version it was typed
    /// on, and the person's own unsent edit of the same field it was typed over.
    fn queue(&mut self, typed: Vec<(Field, String)>) {
        let Some(page) = self.page.as_mut() else {
            return;
        };
        for (field, text) in typed {
            page.seq += 1;
            let after = page
                .outbox
                .iter()
                .rev()
                .find(|m| m.field == field)
                .map(Mutation::id);
            let mutation = Mutation {
                client: page.client.clone(),
                seq: page.seq,
                plan: self.member.plan,
                field,
                text,
                base_version: page.versions.get(&field).copied().unwrap_or(0),
                after,
            };
            page.outbox.push(mutation);
        }
    }

    /// Edits a row and saves it at once (JavaScript on: the outbox is sent, then pulled).
    pub async fn save_row_online(&mut self) {
        let (row, shared) = self.pick_row();
        let typed = self.type_cells(row, shared);
        self.queue(typed);
        self.send_outbox(Kind::SavePush).await;
        self.pull().await;
    }

    /// Edits a row with no connection: it waits in the outbox.
    pub fn save_row_offline(&mut self) {
        let (row, shared) = self.pick_row();
        let typed = self.type_cells(row, shared);
        self.queue(typed);
    }

    /// Sends the outbox, 200 edits per push as the page does; now and then a push whose
    /// answer "was lost" is sent again, and must get the same answers.
    pub async fn send_outbox(&mut self, kind: Kind) {
        loop {
            let batch: Vec<Mutation> = match self.page.as_ref() {
                Some(page) if !page.outbox.is_empty() => {
                    page.outbox.iter().take(200).cloned().collect()
                }
                _ => return,
            };
            let Some(outcomes) = self.push(kind, &batch).await else {
                // No answer: the edits stay unsure and leave the outbox (the run counts them
                // as errors, not as losses).
                self.forget_unanswered(&batch);
                return;
            };
            if self.dice.chance(10) {
                if let Some(again) = self.push(Kind::Replay, &batch).await {
                    if again == outcomes {
                        self.journal.replays += 1;
                    } else {
                        let who = self.who().to_owned();
                        self.journal.error(format!(
                            "{who}: a push sent again got other answers: {outcomes:?} then {again:?}"
                        ));
                    }
                }
            }
            self.settle(&batch, outcomes);
        }
    }

    async fn push(&mut self, kind: Kind, batch: &[Mutation]) -> Option<Vec<Outcome>> {
        let body = serde_json::json!({ "mutations": batch }).to_string();
        let outcomes: Vec<Outcome> = self
            .call_json(kind, Request::json(SyncPush::PATH, body.into_bytes()))
            .await?;
        if outcomes.len() != batch.len() {
            let who = self.who().to_owned();
            self.journal.error(format!(
                "{who}: {} answers to a push of {}",
                outcomes.len(),
                batch.len()
            ));
            return None;
        }
        Some(outcomes)
    }

    /// Takes a push's answers: applied edits change the page (and must be in the audit trail),
    /// conflicts leave the server's value, refusals are errors (the run types valid values).
    fn settle(&mut self, batch: &[Mutation], outcomes: Vec<Outcome>) {
        let who = self.member.username.clone();
        let user = self.member.user;
        let Some(page) = self.page.as_mut() else {
            return;
        };
        for (m, outcome) in batch.iter().zip(outcomes) {
            match outcome {
                Outcome::Applied { version } => match parse_value(&m.field, &m.text) {
                    Ok(value) => {
                        if let Ok(Some(change)) = field_change(&page.plan, &m.field, &value) {
                            self.journal.acknowledged.push(Entry::of(user, &change));
                        }
                        let _ = apply(&mut page.plan, &m.field, value);
                        page.versions.insert(m.field, version);
                    }
                    Err(e) => self
                        .journal
                        .error(format!("{who}: applied, yet it does not read: {e}")),
                },
                Outcome::Conflict {
                    server_text,
                    server_version,
                    ..
                } => {
                    self.journal.conflicts += 1;
                    if let Ok(value) = parse_value(&m.field, &server_text) {
                        let _ = apply(&mut page.plan, &m.field, value);
                    }
                    page.versions.insert(m.field, server_version);
                }
                Outcome::Rejected { reason } => self.journal.error(format!(
                    "{who}: an edit of {} was refused: {reason}",
                    m.field
                )),
            }
        }
        let sent: Vec<MutationId> = batch.iter().map(Mutation::id).collect();
        page.outbox.retain(|m| !sent.contains(&m.id()));
    }

    /// Drops edits whose push got no answer from the outbox: each may or may not have landed.
    fn forget_unanswered(&mut self, batch: &[Mutation]) {
        let user = self.member.user;
        let Some(page) = self.page.as_mut() else {
            return;
        };
        for m in batch {
            if let Ok(value) = parse_value(&m.field, &m.text) {
                if let Ok(Some(change)) = field_change(&page.plan, &m.field, &value) {
                    self.journal.unsure.push(Entry::of(user, &change));
                }
            }
        }
        let sent: Vec<MutationId> = batch.iter().map(Mutation::id).collect();
        page.outbox.retain(|m| !sent.contains(&m.id()));
    }

    /// JavaScript off: edits one of the person's rows and posts the row's whole form; the
    /// server answers with a redirect back to the page, which the browser then loads.
    pub async fn save_row_by_form(&mut self) {
        let row = *self.dice.pick(&self.member.own_rows);
        let typed = self.type_cells(row, false);
        let Some(page) = self.page.as_ref() else {
            return;
        };
        let mut fields: Vec<(Field, String, String)> = Vec::new();
        for cell in ReportField::ALL {
            // The quarter table's form names each input by its quarter and its field's name.
            let name = cell_name(QUARTER_ROWS, row.1.number(), cell.name());
            let field = Field::Report(row.0, row.1, cell);
            let text = typed
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, t)| t.clone())
                .or_else(|| {
                    current_value(&page.plan, &field)
                        .ok()
                        .map(|v| v.input_text())
                })
                .unwrap_or_default();
            fields.push((field, name, text));
        }
        let ids = [
            ("plan", self.member.plan.to_string()),
            ("indicator", row.0.to_string()),
            ("quarter", row.1.number().to_string()),
        ];
        let mut form: Vec<(&str, &str)> = ids.iter().map(|(n, v)| (*n, v.as_str())).collect();
        form.extend(
            fields
                .iter()
                .map(|(_, name, text)| (name.as_str(), text.as_str())),
        );
        let page_url = format!("http://{}{}", self.conn.host(), self.plan_path());
        let request = Request::form(SaveReport::PATH, &form)
            .header("Accept", "text/html,application/xhtml+xml")
            .header("Referer", page_url);
        let answered = self.call(Kind::SaveForm, request).await;
        let user = self.member.user;
        let who = self.member.username.clone();
        let Some(page) = self.page.as_mut() else {
            return;
        };
        let mut changes = Vec::new();
        for (field, _, text) in &fields {
            if let Ok(value) = parse_value(field, text) {
                if let Ok(Some(change)) = field_change(&page.plan, field, &value) {
                    changes.push(Entry::of(user, &change));
                }
                let _ = apply(&mut page.plan, field, value);
            }
        }
        match answered {
            Ok(reply) => {
                let location = reply.header("location").unwrap_or_default().to_owned();
                if reply.status == 302 && !location.contains("__err") {
                    self.journal.acknowledged.extend(changes);
                    let origin = format!("http://{}", self.conn.host());
                    let path = location
                        .strip_prefix(&origin)
                        .unwrap_or(&location)
                        .to_owned();
                    self.expect(Kind::PlanPage, 200, Request::get(&path)).await;
                } else {
                    self.journal.unsure.extend(changes);
                    self.journal.error(format!(
                        "{who}: a row's form post answered {} to {location:?}: {}",
                        reply.status,
                        reply.text().chars().take(300).collect::<String>()
                    ));
                }
            }
            Err(_) => self.journal.unsure.extend(changes),
        }
    }
}
