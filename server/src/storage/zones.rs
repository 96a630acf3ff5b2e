//! Units' time zones: the one set on a unit (`units.time_zone`, NULL to keep its parent's), and
//! the zone a unit, a plan or a person reads times in, resolved by the model's rule
//! (`model::time::zone_of_unit`) over the stored unit tree.

use super::accounts::{log, unit_name, AccountBatch, AdminStamp};
use super::{Store, StoreError, Tx};
use model::access::Person;
use model::administer::AdminLogAction;
use model::time::{zone_of_person, zone_of_unit, Zone};
use model::{PlanId, UnitId};

impl Store {
    /// The zone `unit` keeps: its own, else the nearest one set above it, else WIB.
    pub async fn unit_zone(&self, unit: UnitId) -> Result<Zone, StoreError> {
        Ok(zone_of_unit(&self.units().await?, unit))
    }

    /// The zone of the plan's unit, in which its pages and documents show times.
    pub async fn plan_zone(&self, plan: PlanId) -> Result<Zone, StoreError> {
        match self.plan_unit(plan).await? {
            Some(unit) => self.unit_zone(unit).await,
            None => Ok(Zone::default()),
        }
    }

    /// The zone `who` reads pages without a plan in: that of their first role's unit.
    pub async fn person_zone(&self, who: &Person) -> Result<Zone, StoreError> {
        Ok(zone_of_person(who, &self.units().await?))
    }

    /// Sets the zone of `unit` (`None`: it keeps its parent's), with its line in the admin
    /// trail. Setting the zone it already has changes nothing and records nothing.
    pub async fn set_unit_zone(
        &self,
        unit: UnitId,
        zone: Option<Zone>,
        by: &AdminStamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        update_zone(&mut tx, unit, zone, by).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl AccountBatch {
    /// [`Store::set_unit_zone`] inside the batch (the demo data sets its units' zones).
    pub async fn set_unit_zone(
        &mut self,
        unit: UnitId,
        zone: Option<Zone>,
        by: &AdminStamp,
    ) -> Result<(), StoreError> {
        update_zone(&mut self.tx, unit, zone, by).await
    }
}

async fn update_zone(
    tx: &mut Tx<'_>,
    unit: UnitId,
    zone: Option<Zone>,
    by: &AdminStamp,
) -> Result<(), StoreError> {
    let changed = sqlx::query(
        "UPDATE units SET time_zone = $1 WHERE id = $2 \
         AND COALESCE(time_zone, '') <> COALESCE($1, '')",
    )
    .bind(zone.map(Zone::code))
    .bind(unit.0)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(());
    }
    let name = unit_name(tx, unit).await?;
    let detail = match zone {
        Some(zone) => format!("{name}: {}", zone.label()),
        None => format!("{name}: mengikuti unit induk"),
    };
    log(
        tx,
        by,
        AdminLogAction::UnitZoneSet,
        Some(unit),
        None,
        &detail,
    )
    .await
}
