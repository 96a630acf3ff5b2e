//! The storage as the pages' server functions see it: every call names the signed-in person and
//! passes the door check first. Driver errors are logged here and reach the person only as an
//! opaque failure.

use crate::storage::Store;
use crate::usecases::editing;
use crate::usecases::guard::{self, unit_tree};
use crate::usecases::{admin, quarters, sync};
use app::api::plan::OpenedPlan;
use app::api::ssr::PlanBackend;
use app::api::workflow::QuarterStep;
use app::api::{AdminCommand, AdminView, PlanAccess, PlanListing};
use app::error::AppError;
use model::access::{allows, manages_everything, Permission, Person};
use model::audit::{HistoryFilter, HistoryPage};
use model::dashboard::AbsorptionThresholds;
use model::edit::structure::{Created, StructureEdit};
use model::edit::FieldEdit;
use model::paging::PageNumber;
use model::workflow::Transition;
use model::{Plan, PlanId, Quarter};

#[async_trait::async_trait]
impl PlanBackend for Store {
    async fn list_plans(&self, who: &Person) -> Result<Vec<PlanListing>, AppError> {
        let tree = unit_tree(self).await?;
        let units = self.plan_units().await?;
        let mut listed = Vec::new();
        for summary in Store::list_plans_unchecked(self).await? {
            let Some(unit) = units.get(&summary.id).copied() else {
                continue;
            };
            if !allows(who, &tree, Permission::ReadPlan, unit) {
                continue;
            }
            listed.push(PlanListing {
                states: self.quarter_states(summary.id).await?,
                may_submit: allows(who, &tree, Permission::SubmitQuarter, unit),
                may_decide: allows(who, &tree, Permission::DecideQuarter, unit),
                summary,
            });
        }
        Ok(listed)
    }

    async fn evidence_counts(
        &self,
        who: &Person,
        id: PlanId,
    ) -> Result<model::evidence::EvidenceCounts, AppError> {
        guard::plan(self, who, id, Permission::ReadPlan).await?;
        Ok(self.evidence_counts_unchecked(id).await?)
    }

    async fn load_plan(&self, who: &Person, id: PlanId) -> Result<Plan, AppError> {
        guard::plan(self, who, id, Permission::ReadPlan).await?;
        Store::load_plan_unchecked(self, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {id}")))
    }

    async fn plan_access(&self, who: &Person, id: PlanId) -> Result<PlanAccess, AppError> {
        let unit = guard::plan(self, who, id, Permission::ReadPlan).await?;
        access(self, who, unit, id).await
    }

    async fn open_plan(&self, who: &Person, id: PlanId) -> Result<OpenedPlan, AppError> {
        let (unit, zone) = guard::plan_in_zone(self, who, id, Permission::ReadPlan).await?;
        // The access (with the plan's version, which an approval names) is read before the plan:
        // a change landing in between makes the version older than what the page shows (an
        // approval is then refused and asks for a reload), never newer.
        let access = access(self, who, unit, id).await?;
        // One load of the plan: the page shows it, and the sync state's texts are read from it.
        let (pulled, plan) = sync::pull_unchecked(self, id, 0).await?;
        let evidence = self.evidence_counts_unchecked(id).await?;
        Ok(OpenedPlan {
            plan,
            access,
            pulled,
            person: who.id,
            zone,
            evidence,
        })
    }

    async fn save_fields(
        &self,
        who: &Person,
        plan: PlanId,
        edits: Vec<FieldEdit>,
    ) -> Result<(), AppError> {
        editing::save_fields(self, who, plan, edits).await
    }

    async fn change_structure(
        &self,
        who: &Person,
        plan: PlanId,
        edit: StructureEdit,
    ) -> Result<Created, AppError> {
        editing::change_structure(self, who, plan, edit).await
    }

    async fn change_quarter(
        &self,
        who: &Person,
        plan: PlanId,
        quarter: Quarter,
        step: Transition,
    ) -> Result<QuarterStep, AppError> {
        quarters::change_quarter(self, who, plan, quarter, step).await
    }

    async fn document(
        &self,
        who: &Person,
        plan: PlanId,
        quarter: Option<Quarter>,
    ) -> Result<model::document::Document, AppError> {
        crate::usecases::documents::document(self, who, plan, quarter).await
    }

    async fn plan_years(
        &self,
        who: &Person,
        plan: PlanId,
    ) -> Result<app::api::years::UnitYears, AppError> {
        crate::usecases::years::years(self, who, plan).await
    }

    async fn copy_plan(
        &self,
        who: &Person,
        plan: PlanId,
        choice: model::years::CopyChoice,
    ) -> Result<PlanId, AppError> {
        crate::usecases::years::copy_plan(self, who, plan, choice).await
    }

    async fn earlier_year(
        &self,
        who: &Person,
        plan: PlanId,
    ) -> Result<Option<model::years::EarlierPlan>, AppError> {
        crate::usecases::years::earlier(self, who, plan).await
    }

    async fn history(
        &self,
        who: &Person,
        plan: PlanId,
        filter: HistoryFilter,
        page: PageNumber,
    ) -> Result<HistoryPage, AppError> {
        guard::plan(self, who, plan, Permission::ReadPlan).await?;
        Ok(self.history_page(plan, filter, page).await?)
    }

    /// The targets hold for every unit; anyone signed in may read them.
    async fn load_thresholds(
        &self,
        _who: &Person,
        year: i32,
    ) -> Result<AbsorptionThresholds, AppError> {
        Ok(Store::load_thresholds_unchecked(self, year).await?)
    }

    async fn save_thresholds(
        &self,
        who: &Person,
        thresholds: AbsorptionThresholds,
    ) -> Result<(), AppError> {
        if !manages_everything(who, &unit_tree(self).await?) {
            return Err(AppError::Forbidden(
                "Target penyerapan berlaku untuk semua unit; hanya admin unit teratas yang dapat mengubahnya".into(),
            ));
        }
        Store::save_thresholds_unchecked(self, &thresholds).await?;
        // Every open dashboard of that year draws against these targets: tell them to refetch.
        // The targets are saved either way, so a failed announcement is only logged.
        let plans = match Store::list_plans_unchecked(self).await {
            Ok(plans) => plans,
            Err(error) => {
                tracing::warn!(%error, "cannot list the plans to announce the new targets");
                return Ok(());
            }
        };
        for plan in plans
            .iter()
            .filter(|p| p.fiscal_year == thresholds.fiscal_year)
        {
            if let Err(error) = self.plan_changed(plan.id).await {
                tracing::warn!(%error, plan = %plan.id, "cannot announce the new targets");
            }
        }
        Ok(())
    }

    async fn sync_push(
        &self,
        who: &Person,
        mutations: Vec<model::sync::Mutation>,
    ) -> Result<Vec<model::sync::Outcome>, AppError> {
        sync::push(self, who, mutations).await
    }

    async fn sync_pull(
        &self,
        who: &Person,
        plan: PlanId,
        since: i64,
    ) -> Result<model::sync::Pulled, AppError> {
        sync::pull(self, who, plan, since).await
    }

    async fn resolve_conflict(
        &self,
        who: &Person,
        plan: PlanId,
        conflict: i64,
        resolution: model::sync::Resolution,
    ) -> Result<(), AppError> {
        sync::resolve(self, who, plan, conflict, resolution).await
    }

    async fn admin_view(&self, who: &Person) -> Result<AdminView, AppError> {
        admin::view(self, who).await
    }

    async fn admin(&self, who: &Person, command: AdminCommand) -> Result<(), AppError> {
        admin::run(self, who, command).await
    }

    async fn rollup(
        &self,
        who: &Person,
        unit: model::UnitId,
        year: Option<i32>,
        quarter: Option<Quarter>,
    ) -> Result<model::rollup::Rollup, AppError> {
        crate::usecases::rollup::rollup(self, who, unit, year, quarter).await
    }

    async fn rollup_unit(
        &self,
        who: &Person,
        root: model::UnitId,
        unit: model::UnitId,
        year: i32,
        quarter: Quarter,
    ) -> Result<Option<model::rollup::PlanFigures>, AppError> {
        crate::usecases::rollup::unit_figures(self, who, root, unit, year, quarter).await
    }

    async fn rollup_units(&self, who: &Person) -> Result<Vec<model::access::Unit>, AppError> {
        crate::usecases::rollup::offered(self, who).await
    }

    async fn reader_zone(
        &self,
        who: &Person,
        plan: Option<PlanId>,
    ) -> Result<model::time::Zone, AppError> {
        match plan {
            Some(plan) => Ok(guard::plan_in_zone(self, who, plan, Permission::ReadPlan)
                .await?
                .1),
            None => Ok(self.person_zone(who).await?),
        }
    }

    fn now(&self) -> model::time::Timestamp {
        crate::clock::now()
    }
}

/// What `who`, who may read the plan of `unit`, may do with it, and its quarters' states.
async fn access(
    store: &Store,
    who: &Person,
    unit: model::UnitId,
    id: PlanId,
) -> Result<PlanAccess, AppError> {
    let tree = unit_tree(store).await?;
    Ok(PlanAccess {
        // Read before the states: a change landing in between makes the version older than
        // the page (an approval then refused), never newer.
        version: store.plan_version(id).await?,
        states: store.quarter_states(id).await?,
        may_edit: allows(who, &tree, Permission::EditPlan, unit),
        may_submit: allows(who, &tree, Permission::SubmitQuarter, unit),
        may_decide: allows(who, &tree, Permission::DecideQuarter, unit),
        may_set_targets: manages_everything(who, &tree),
    })
}
