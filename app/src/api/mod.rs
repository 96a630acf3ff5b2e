//! Server functions, grouped by domain. Their bodies run on the server only; the browser gets a
//! typed HTTP call. Every one of them names the signed-in person to the backend, which decides
//! what that person may read and change.

pub mod admin;
pub mod dashboard;
pub mod document;
pub mod edit;
pub mod history;
pub mod plan;
pub mod rollup;
pub mod session;
pub mod structure;
pub mod sync;
pub mod workflow;
pub mod years;

use model::access::{Person, Unit};
use model::workflow::QuarterState;
use model::UnitId;
use serde::{Deserialize, Serialize};

/// What the signed-in person may do with one plan, and where its quarters stand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAccess {
    pub states: [QuarterState; 4],
    /// The plan's version when this was read: an approval names it.
    pub version: model::approval::PlanVersion,
    pub may_edit: bool,
    pub may_submit: bool,
    pub may_decide: bool,
    /// Whether they may change the yearly absorption targets, which hold for every unit: only
    /// an admin of a top unit may.
    pub may_set_targets: bool,
}

/// A plan as the home page lists it: where its quarters stand and what the person looking may
/// do with them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanListing {
    pub summary: model::PlanSummary,
    pub states: [QuarterState; 4],
    pub may_submit: bool,
    pub may_decide: bool,
}

/// What an admin sees: the units they manage (and the units above them, for names), and people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminView {
    pub units: Vec<Unit>,
    /// The units this admin manages: new units go under these, roles are given in these.
    pub manageable: Vec<UnitId>,
    /// People with a role in a managed unit, and people with no role whom this admin may
    /// manage.
    pub people: Vec<Person>,
    /// Of those, the ones this admin may act on (every role of theirs in a unit this admin
    /// manages); the others are shown without buttons.
    pub manageable_people: Vec<model::UserId>,
    /// Of those, the disabled accounts.
    pub disabled: Vec<model::UserId>,
    /// The admin looking: their own row has no buttons (another admin changes it).
    pub viewer: model::UserId,
    /// The admin trail of the managed units (and this admin's own actions), newest first.
    pub log: Vec<model::administer::AdminLogEntry>,
    /// The zone the admin reads times in (their first role's unit's).
    pub zone: model::time::Zone,
}

/// One change an admin makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminCommand {
    CreateUnit {
        name: String,
        parent: UnitId,
    },
    CreateUser {
        username: String,
        name: String,
        password: String,
        unit: UnitId,
        role: model::access::Role,
    },
    Grant {
        user: model::UserId,
        unit: UnitId,
        role: model::access::Role,
    },
    Revoke {
        user: model::UserId,
        unit: UnitId,
        role: model::access::Role,
    },
    ResetPassword {
        user: model::UserId,
        password: String,
    },
    /// Disables an account (`disabled`), or enables it again.
    SetDisabled {
        user: model::UserId,
        disabled: bool,
    },
    /// Sets a unit's time zone; `None`: it keeps its parent's.
    SetUnitZone {
        unit: UnitId,
        zone: Option<model::time::Zone>,
    },
}

/// What the server functions need from the server. The server crate implements it over its
/// storage and hands it to every request as context, so `app` never links a database driver.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{AdminCommand, AdminView, PlanAccess};
    use crate::error::AppError;
    use leptos::prelude::use_context;
    use model::access::Person;
    use model::audit::HistoryFilter;
    use model::dashboard::AbsorptionThresholds;
    use model::edit::structure::{Created, StructureEdit};
    use model::edit::FieldEdit;
    use model::workflow::Transition;
    use model::{Plan, PlanId, Quarter};
    use std::sync::Arc;

    #[async_trait::async_trait]
    pub trait PlanBackend: Send + Sync + 'static {
        /// The plans `who` may read.
        async fn list_plans(&self, who: &Person) -> Result<Vec<super::PlanListing>, AppError>;
        async fn load_plan(&self, who: &Person, id: PlanId) -> Result<Plan, AppError>;
        async fn plan_access(&self, who: &Person, id: PlanId) -> Result<PlanAccess, AppError>;
        /// How many attachments (data dukung) each quarter of the plan has.
        async fn evidence_counts(
            &self,
            who: &Person,
            id: PlanId,
        ) -> Result<model::evidence::EvidenceCounts, AppError>;
        /// The plan page's data, with the plan loaded once for the page and for its sync state.
        async fn open_plan(
            &self,
            who: &Person,
            id: PlanId,
        ) -> Result<crate::api::plan::OpenedPlan, AppError>;
        /// Validates every edit with the model's rules and stores all of them, or none.
        async fn save_fields(
            &self,
            who: &Person,
            plan: PlanId,
            edits: Vec<FieldEdit>,
        ) -> Result<(), AppError>;
        /// Adds, removes, reorders or links goals, indicators and activities.
        async fn change_structure(
            &self,
            who: &Person,
            plan: PlanId,
            edit: StructureEdit,
        ) -> Result<Created, AppError>;
        /// Submits, approves, returns or reopens a quarter.
        async fn change_quarter(
            &self,
            who: &Person,
            plan: PlanId,
            quarter: Quarter,
            step: Transition,
        ) -> Result<crate::api::workflow::QuarterStep, AppError>;
        async fn history(
            &self,
            who: &Person,
            plan: PlanId,
            filter: HistoryFilter,
            page: model::paging::PageNumber,
        ) -> Result<model::audit::HistoryPage, AppError>;
        /// The fiscal year's absorption targets; the defaults when none were saved.
        async fn load_thresholds(
            &self,
            who: &Person,
            year: i32,
        ) -> Result<AbsorptionThresholds, AppError>;
        /// Stores the year's absorption targets (already validated by the model).
        async fn save_thresholds(
            &self,
            who: &Person,
            thresholds: AbsorptionThresholds,
        ) -> Result<(), AppError>;
        /// Applies queued offline edits, each (client, sequence number) at most once.
        async fn sync_push(
            &self,
            who: &Person,
            mutations: Vec<model::sync::Mutation>,
        ) -> Result<Vec<model::sync::Outcome>, AppError>;
        /// The fields changed after revision `since`, and the open conflicts.
        async fn sync_pull(
            &self,
            who: &Person,
            plan: PlanId,
            since: i64,
        ) -> Result<model::sync::Pulled, AppError>;
        async fn resolve_conflict(
            &self,
            who: &Person,
            plan: PlanId,
            conflict: i64,
            resolution: model::sync::Resolution,
        ) -> Result<(), AppError>;
        async fn admin_view(&self, who: &Person) -> Result<AdminView, AppError>;
        async fn admin(&self, who: &Person, command: AdminCommand) -> Result<(), AppError>;
        /// The plan's Rencana Kegiatan, or with a quarter its quarterly report, laid out by the
        /// model ("Cetak", "Unduh Excel").
        async fn document(
            &self,
            who: &Person,
            plan: PlanId,
            quarter: Option<Quarter>,
        ) -> Result<model::document::Document, AppError>;
        /// The roll-up of `unit` and the units below it that `who` may read, for `year` and
        /// `quarter` (the server's current ones when not given); "not found" for a unit `who`
        /// may not read.
        async fn rollup(
            &self,
            who: &Person,
            unit: model::UnitId,
            year: Option<i32>,
            quarter: Option<Quarter>,
        ) -> Result<model::rollup::Rollup, AppError>;
        /// The figures of `unit`'s own plan in the roll-up of `root` (what a live roll-up
        /// fetches when that plan was saved); "not found" for a unit the roll-up does not show.
        async fn rollup_unit(
            &self,
            who: &Person,
            root: model::UnitId,
            unit: model::UnitId,
            year: i32,
            quarter: Quarter,
        ) -> Result<Option<model::rollup::PlanFigures>, AppError>;
        /// The units whose roll-up the home page offers `who`.
        async fn rollup_units(&self, who: &Person) -> Result<Vec<model::access::Unit>, AppError>;
        /// The plans of `plan`'s unit, and whether `who` may make one for another year.
        async fn plan_years(
            &self,
            who: &Person,
            plan: PlanId,
        ) -> Result<crate::api::years::UnitYears, AppError>;
        /// Stores a plan for another year made from `plan` ("Buat rencana 2025 dari 2024").
        async fn copy_plan(
            &self,
            who: &Person,
            plan: PlanId,
            choice: model::years::CopyChoice,
        ) -> Result<PlanId, AppError>;
        /// The figures of the unit's latest plan before `plan`'s year, which the dashboard
        /// sets beside this one's (matched in the browser: loaded once, not on every save).
        async fn earlier_year(
            &self,
            who: &Person,
            plan: PlanId,
        ) -> Result<Option<model::years::EarlierPlan>, AppError>;
        /// The zone `who` reads times in: on a plan's pages the zone of the plan's unit (they
        /// must be able to read the plan), elsewhere that of their first role's unit.
        async fn reader_zone(
            &self,
            who: &Person,
            plan: Option<PlanId>,
        ) -> Result<model::time::Zone, AppError>;
        /// Now, on the server's one clock, so a page's "today" agrees with every stored stamp.
        fn now(&self) -> model::time::Timestamp;
    }

    /// The backend as request context.
    #[derive(Clone)]
    pub struct Backend(pub Arc<dyn PlanBackend>);

    /// The person a request's session belongs to; the server's session layer puts it in the
    /// request's extensions.
    #[derive(Clone, Debug)]
    pub struct SignedIn(pub Person);

    pub fn backend() -> Result<Arc<dyn PlanBackend>, AppError> {
        use_context::<Backend>()
            .map(|b| b.0)
            .ok_or_else(|| AppError::internal("no storage backend in the request context"))
    }

    /// The quarter a request names by its number (`Quarter::number`, 1 to 4: how pages and
    /// forms write a quarter); any other number is a request no page sends.
    pub fn quarter(number: u8) -> Result<Quarter, AppError> {
        Quarter::from_number(number).ok_or(AppError::Malformed)
    }

    /// The signed-in person, or `Unauthenticated`.
    pub fn person() -> Result<Person, AppError> {
        signed_in().ok_or(AppError::Unauthenticated)
    }

    pub fn signed_in() -> Option<Person> {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<SignedIn>().map(|s| s.0.clone()))
    }
}
