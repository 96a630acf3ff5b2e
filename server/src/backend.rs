//! The storage as the pages' server functions see it: driver errors are logged here and
//! reach the person only as an opaque failure.

use crate::editing::{self, internal};
use crate::storage::Store;
use app::api::ssr::PlanBackend;
use app::error::AppError;
use model::dashboard::AbsorptionThresholds;
use model::edit::structure::{Created, StructureEdit};
use model::edit::FieldEdit;
use model::{Plan, PlanId, PlanSummary};

#[async_trait::async_trait]
impl PlanBackend for Store {
    async fn list_plans(&self) -> Result<Vec<PlanSummary>, AppError> {
        Store::list_plans(self).await.map_err(internal)
    }

    async fn load_plan(&self, id: PlanId) -> Result<Option<Plan>, AppError> {
        Store::load_plan(self, id).await.map_err(internal)
    }

    async fn change_structure(
        &self,
        plan: PlanId,
        edit: StructureEdit,
    ) -> Result<Created, AppError> {
        editing::change_structure(self, plan, edit).await
    }

    async fn save_fields(&self, plan: PlanId, edits: Vec<FieldEdit>) -> Result<(), AppError> {
        editing::save_fields(self, plan, edits).await
    }

    async fn load_thresholds(&self, year: i32) -> Result<AbsorptionThresholds, AppError> {
        Store::load_thresholds(self, year).await.map_err(internal)
    }

    async fn save_thresholds(&self, thresholds: AbsorptionThresholds) -> Result<(), AppError> {
        Store::save_thresholds(self, &thresholds)
            .await
            .map_err(internal)?;
        // Every open dashboard of that year draws against these targets: tell them to refetch.
        // The targets are saved either way, so a failed announcement is only logged.
        let plans = match Store::list_plans(self).await {
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
}
