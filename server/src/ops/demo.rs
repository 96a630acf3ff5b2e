//! Demo data for a first run: the user's own sheet, its unit under a regional office, and one
//! demo person per role. The README names their passwords; never use them in production.

use crate::ops::import::{describe, DEMO_SHEET};
use crate::storage::{AdminStamp, InsertOutcome, NewPerson, Store, UnitPlacement};
use crate::usecases::password::hash_password;
use model::access::{Grant, Role};
use model::sheet::parse_sheet;
use model::time::Zone;
use model::PlanId;
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
    #[error("the demo sheet cannot be read: {0}")]
    Sheet(#[from] model::sheet::SheetError),
    #[error("storing the demo data failed, nothing was stored: {0}")]
    Storage(#[from] crate::storage::StoreError),
    #[error("cannot hash a demo password")]
    Hash,
}

/// What loading the demo data did.
#[derive(Debug)]
pub enum DemoOutcome {
    Loaded {
        plan: PlanId,
        summary: String,
    },
    /// The database already holds people: demo people with published passwords never join
    /// real ones. Nothing was stored.
    HasPeople,
}

/// Loads the demo sheet, its unit under a regional office, and the demo people, all in one
/// transaction, but only into a database that holds no person yet. Asked for by
/// `pantau serve --demo`, never by default.
pub async fn load_demo_data(store: &Store) -> Result<DemoOutcome, DemoError> {
    match store_demo_data(store).await {
        // Another server sharing the database loaded it a moment ago: our transaction met its
        // rows and rolled back whole.
        Err(DemoError::Storage(_)) if store.people_count().await.is_ok_and(|n| n > 0) => {
            Ok(DemoOutcome::HasPeople)
        }
        other => other,
    }
}

async fn store_demo_data(store: &Store) -> Result<DemoOutcome, DemoError> {
    let parsed = parse_sheet(DEMO_SHEET)?;
    // Hashed before the transaction opens: Argon2 is slow on purpose.
    let mut hashes = Vec::with_capacity(DEMO_USERS.len());
    for user in &DEMO_USERS {
        hashes.push(
            hash_password(user.password)
                .await
                .map_err(|_| DemoError::Hash)?,
        );
    }
    let by = AdminStamp {
        user: None,
        name: "data demo".into(),
        at: crate::clock::now(),
    };
    let mut batch = store.account_batch().await?;
    if batch.people_count().await? > 0 {
        return Ok(DemoOutcome::HasPeople);
    }
    let office = batch.create_unit(DEMO_REGIONAL_OFFICE, None, &by).await?;
    let plan = match batch
        .insert_plan(&parsed.plan, &UnitPlacement::Under(office), &by)
        .await?
    {
        InsertOutcome::Created(id) | InsertOutcome::AlreadyExists(id) => id,
    };
    let prison = batch.plan_unit(plan).await?;
    // Central Sulawesi keeps Central Indonesian Time (WITA). Luwuk would inherit it; it is set
    // on the UPT too, so its clock stays if it is ever placed under another unit.
    for unit in [office, prison] {
        batch.set_unit_zone(unit, Some(Zone::Wita), &by).await?;
    }
    for (user, hash) in DEMO_USERS.iter().zip(&hashes) {
        let unit = match user.unit {
            DemoUnit::RegionalOffice => office,
            DemoUnit::Prison => prison,
        };
        let new = NewPerson {
            username: user.username,
            name: user.name,
            password_hash: hash,
            grant: Grant {
                unit,
                role: user.role,
            },
            created_by: None,
        };
        let id = batch.create_user(&new, &by).await?;
        if user.username == DEMO_ADMIN_ALSO_PIMPINAN {
            let grant = Grant {
                unit: office,
                role: Role::Pimpinan,
            };
            batch.grant(id, grant, &by).await?;
        }
    }
    batch.commit().await?;
    Ok(DemoOutcome::Loaded {
        plan,
        summary: describe(&parsed.plan),
    })
}
