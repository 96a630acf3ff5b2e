//! Demo data for a first run: the user's own sheet, its unit under a regional office, and one
//! demo person per role. The README names their passwords; never use them in production.

use crate::admin::create_user;
use crate::import::{import_sheet, ImportError, ImportReport, DEMO_SHEET};
use crate::storage::Store;
use model::access::{Grant, Role};
use thiserror::Error;

/// The regional office above the demo unit.
pub const DEMO_REGIONAL_OFFICE: &str = "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM SULAWESI TENGAH";

/// Where a demo person holds their role.
#[derive(Clone, Copy, Debug)]
pub enum DemoUnit {
    RegionalOffice,
    Prison,
}

pub struct DemoUser {
    pub username: &'static str,
    pub name: &'static str,
    pub password: &'static str,
    pub unit: DemoUnit,
    pub role: Role,
}

pub const DEMO_USERS: [DemoUser; 4] = [
    DemoUser {
        username: "operator.luwuk",
        name: "Operator Lapas Luwuk",
        password: "operator-luwuk",
        unit: DemoUnit::Prison,
        role: Role::Operator,
    },
    DemoUser {
        username: "pimpinan.luwuk",
        name: "Kepala Lapas Luwuk",
        password: "pimpinan-luwuk",
        unit: DemoUnit::Prison,
        role: Role::Pimpinan,
    },
    DemoUser {
        username: "pimpinan.kanwil",
        name: "Kepala Kantor Wilayah Sulteng",
        password: "pimpinan-kanwil",
        unit: DemoUnit::RegionalOffice,
        role: Role::Pimpinan,
    },
    DemoUser {
        username: "admin",
        name: "Admin Kanwil Sulteng",
        password: "admin-pantau",
        unit: DemoUnit::RegionalOffice,
        role: Role::Admin,
    },
];

/// The demo admin also reads the office's plans (as a pimpinan would), to reach the dashboards
/// whose yearly targets only a top admin may change.
pub const DEMO_ADMIN_ALSO_PIMPINAN: &str = "admin";

#[derive(Debug, Error)]
pub enum DemoError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("cannot create the demo people: {0}")]
    People(String),
}

/// Imports the demo sheet and creates the demo units and people when the database holds no
/// plan yet.
pub async fn load_demo_data_if_empty(store: &Store) -> Result<Option<ImportReport>, DemoError> {
    let plans = store.list_plans().await.map_err(ImportError::from)?;
    if !plans.is_empty() {
        return Ok(None);
    }
    let report = import_sheet(store, DEMO_SHEET).await?;
    if matches!(
        report.outcome,
        crate::storage::InsertOutcome::AlreadyExists(_)
    ) {
        // Another server sharing the database loaded it a moment ago, people included.
        return Ok(None);
    }
    let people = |e: crate::storage::StoreError| DemoError::People(e.to_string());
    let office = store
        .ensure_unit(DEMO_REGIONAL_OFFICE)
        .await
        .map_err(people)?;
    let prison = store
        .plan_unit(report.plan_id())
        .await
        .map_err(people)?
        .ok_or_else(|| DemoError::People("the demo plan has no unit".into()))?;
    store
        .set_unit_parent(prison, Some(office))
        .await
        .map_err(people)?;
    for user in &DEMO_USERS {
        let unit = match user.unit {
            DemoUnit::RegionalOffice => office,
            DemoUnit::Prison => prison,
        };
        let id = create_user(
            store,
            user.username,
            user.name,
            user.password,
            Grant {
                unit,
                role: user.role,
            },
        )
        .await
        .map_err(|e| DemoError::People(format!("{}: {e}", user.username)))?;
        if user.username == DEMO_ADMIN_ALSO_PIMPINAN {
            let grant = Grant {
                unit: office,
                role: Role::Pimpinan,
            };
            store.grant(id, grant).await.map_err(people)?;
        }
    }
    Ok(Some(report))
}
