//! Server functions, grouped by domain. Their bodies run on the server only; the browser gets a
//! typed HTTP call.

pub mod dashboard;
pub mod edit;
pub mod plan;
pub mod structure;

/// What the server functions need from the server. The server crate implements it over its
/// storage and hands it to every request as context, so `app` never links a database driver.
#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::error::AppError;
    use leptos::prelude::use_context;
    use model::dashboard::AbsorptionThresholds;
    use model::edit::structure::{Created, StructureEdit};
    use model::edit::FieldEdit;
    use model::{Plan, PlanId, PlanSummary};
    use std::sync::Arc;

    #[async_trait::async_trait]
    pub trait PlanBackend: Send + Sync + 'static {
        async fn list_plans(&self) -> Result<Vec<PlanSummary>, AppError>;
        async fn load_plan(&self, id: PlanId) -> Result<Option<Plan>, AppError>;
        /// Validates every edit with the model's rules and stores all of them, or none.
        async fn save_fields(&self, plan: PlanId, edits: Vec<FieldEdit>) -> Result<(), AppError>;
        /// Adds, removes, reorders or links goals, indicators and activities.
        async fn change_structure(
            &self,
            plan: PlanId,
            edit: StructureEdit,
        ) -> Result<Created, AppError>;
        /// The fiscal year's absorption targets; the defaults when none were saved.
        async fn load_thresholds(&self, year: i32) -> Result<AbsorptionThresholds, AppError>;
        /// Stores the year's absorption targets (already validated by the model).
        async fn save_thresholds(&self, thresholds: AbsorptionThresholds) -> Result<(), AppError>;
    }

    /// The backend as request context.
    #[derive(Clone)]
    pub struct Backend(pub Arc<dyn PlanBackend>);

    pub fn backend() -> Result<Arc<dyn PlanBackend>, AppError> {
        use_context::<Backend>().map(|b| b.0).ok_or_else(|| {
            tracing::error!("no storage backend in the request context");
            AppError::Internal
        })
    }
}
