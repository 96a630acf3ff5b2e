//! What one simulated person saw: how long each request took, what went wrong, and every
//! change the server acknowledged, as the audit entry it must have left.

use model::audit::Change;
use model::UserId;
use std::collections::BTreeMap;
use std::time::Duration;

/// The kinds of request timed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    SignIn,
    Home,
    PlanPage,
    /// The plan as data (`get_plan`), when the page first opens.
    PlanData,
    /// A row saved online through the outbox: one push (the hydrated page's save).
    SavePush,
    /// A row saved by a form post with JavaScript off.
    SaveForm,
    /// The outbox sent after a while offline: many rows in one push.
    OutboxPush,
    /// A push sent again because its answer was lost.
    Replay,
    Pull,
    Dashboard,
    /// A dashboard's refetch after a live event: each of its three calls (plan, targets,
    /// month).
    Refetch,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::SignIn,
        Kind::Home,
        Kind::PlanPage,
        Kind::PlanData,
        Kind::SavePush,
        Kind::SaveForm,
        Kind::OutboxPush,
        Kind::Replay,
        Kind::Pull,
        Kind::Dashboard,
        Kind::Refetch,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::SignIn => "sign-in",
            Kind::Home => "home page",
            Kind::PlanPage => "plan page",
            Kind::PlanData => "plan data",
            Kind::SavePush => "save (push)",
            Kind::SaveForm => "save (form post)",
            Kind::OutboxPush => "outbox push",
            Kind::Replay => "replayed push",
            Kind::Pull => "pull",
            Kind::Dashboard => "dashboard page",
            Kind::Refetch => "dashboard refetch",
        }
    }

    /// A person's save: Enter in a row until the row says it is stored.
    pub fn is_save(self) -> bool {
        matches!(self, Kind::SavePush | Kind::SaveForm)
    }
}

/// An audit entry as the checker reads it back from the database.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entry {
    pub user: i64,
    pub indicator: Option<i64>,
    pub activity: Option<i64>,
    pub quarter: Option<i64>,
    pub field: String,
    pub new: String,
}

impl Entry {
    pub fn of(user: UserId, change: &Change) -> Entry {
        let s = &change.subject;
        Entry {
            user: user.0,
            indicator: s.indicator.map(|i| i.0),
            activity: s.activity.map(|a| a.0),
            quarter: s.quarter.map(|q| q.index() as i64 + 1),
            field: change.field.clone(),
            new: change.new.clone(),
        }
    }
}

#[derive(Default)]
pub struct Journal {
    pub timings: BTreeMap<Kind, Vec<Duration>>,
    pub errors: Vec<String>,
    /// The audit entries of every acknowledged change.
    pub acknowledged: Vec<Entry>,
    /// Changes sent whose answer never came: each may be there once, or not at all.
    pub unsure: Vec<Entry>,
    /// Edits answered with a conflict (allowed: the server kept its value).
    pub conflicts: u64,
    /// Pushes sent twice, whose second answers matched the first.
    pub replays: u64,
    /// Requests sent again because the server had closed an idle kept-alive connection.
    pub reconnects: u64,
}

impl Journal {
    pub fn time(&mut self, kind: Kind, took: Duration) {
        self.timings.entry(kind).or_default().push(took);
    }

    pub fn error(&mut self, what: String) {
        self.errors.push(what);
    }

    pub fn merge(&mut self, other: Journal) {
        for (kind, mut times) in other.timings {
            self.timings.entry(kind).or_default().append(&mut times);
        }
        self.errors.extend(other.errors);
        self.acknowledged.extend(other.acknowledged);
        self.unsure.extend(other.unsure);
        self.conflicts += other.conflicts;
        self.replays += other.replays;
        self.reconnects += other.reconnects;
    }
}
