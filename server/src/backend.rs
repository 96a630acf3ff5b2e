//! The storage as the pages' server functions see it: driver errors are logged here and
//! reach the person only as an opaque failure.

use crate::editing::{self, internal};
use crate::storage::Store;
use app::api::ssr::PlanBackend;
use app::error::AppError;
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
}
