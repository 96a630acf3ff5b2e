//! Who may do what: work units in a hierarchy, roles held in units, and the one rule that
//! decides every request. The server asks [`allows`] at every door; the pages ask it only to
//! hide buttons a person could not use anyway.

use crate::ids::{UnitId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use thiserror::Error;

/// A work unit: a UPT such as Lapas Kelas IIB Luwuk, under a regional office (Kanwil).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub parent: Option<UnitId>,
    /// The zone set on this unit; `None`: it keeps its parent's (`crate::time::zone_of_unit`).
    #[serde(default)]
    pub zone: Option<crate::time::Zone>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Fills in the plans of their own unit.
    Operator,
    /// Reads their unit and every unit below it; submits and approves quarters.
    Pimpinan,
    /// Manages the units below it (and itself) and the people in them.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Operator, Role::Pimpinan, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Pimpinan => "pimpinan",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Operator => "Operator",
            Role::Pimpinan => "Pimpinan",
            Role::Admin => "Admin",
        }
    }
}

/// A role held in one unit. A person may hold several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    pub unit: UnitId,
    pub role: Role,
}

/// A signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: UserId,
    pub username: String,
    pub name: String,
    pub grants: Vec<Grant>,
}

/// What a request wants to do with a unit's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Open a plan, its dashboard, its history and its live feed.
    ReadPlan,
    /// Change a plan's fields or shape.
    EditPlan,
    /// Hand a quarter in for approval.
    SubmitQuarter,
    /// Approve, return or reopen a quarter.
    DecideQuarter,
    /// Create units below it, and grant or revoke roles in it.
    ManageUnit,
    /// Create a plan for it: import one from a workbook or sheet ("Impor dari Excel"), or copy
    /// one of its plans into another year ("Buat rencana 2025 dari 2024").
    CreatePlan,
}

/// The unit hierarchy, as parent links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitTree {
    parents: HashMap<UnitId, Option<UnitId>>,
}

impl UnitTree {
    pub fn new(units: &[Unit]) -> UnitTree {
        UnitTree {
            parents: units.iter().map(|u| (u.id, u.parent)).collect(),
        }
    }

    pub fn contains(&self, unit: UnitId) -> bool {
        self.parents.contains_key(&unit)
    }

    /// Whether `unit` is `ancestor` or lies anywhere below it. A cycle in the stored links
    /// (which storage prevents) ends the walk rather than looping.
    pub fn is_within(&self, unit: UnitId, ancestor: UnitId) -> bool {
        let mut current = Some(unit);
        for _ in 0..=self.parents.len() {
            match current {
                Some(u) if u == ancestor => return true,
                Some(u) => current = self.parents.get(&u).copied().flatten(),
                None => return false,
            }
        }
        false
    }

    /// Whether any unit has `unit` as its parent.
    pub fn has_units_below(&self, unit: UnitId) -> bool {
        self.children_of(unit).next().is_some()
    }

    /// The units right below `unit`, in no particular order.
    pub fn children_of(&self, unit: UnitId) -> impl Iterator<Item = UnitId> + '_ {
        self.parents
            .iter()
            .filter(move |(_, p)| **p == Some(unit))
            .map(|(u, _)| *u)
    }

    pub fn is_root(&self, unit: UnitId) -> bool {
        matches!(self.parents.get(&unit), Some(None))
    }
}

/// The rule: may `person` do `permission` on data of `unit`?
pub fn allows(person: &Person, tree: &UnitTree, permission: Permission, unit: UnitId) -> bool {
    let holds = |role: Role, reach: Reach| {
        person.grants.iter().any(|g| {
            g.role == role
                && match reach {
                    Reach::Own => g.unit == unit,
                    Reach::Below => tree.is_within(unit, g.unit),
                }
        })
    };
    match permission {
        Permission::ReadPlan => {
            holds(Role::Operator, Reach::Own) || holds(Role::Pimpinan, Reach::Below)
        }
        Permission::EditPlan => holds(Role::Operator, Reach::Own),
        Permission::SubmitQuarter => {
            holds(Role::Operator, Reach::Own) || holds(Role::Pimpinan, Reach::Below)
        }
        Permission::DecideQuarter => holds(Role::Pimpinan, Reach::Below),
        Permission::ManageUnit => holds(Role::Admin, Reach::Below),
        // The unit's own staff, or an admin of it or of a unit above it.
        Permission::CreatePlan => {
            holds(Role::Operator, Reach::Own) || holds(Role::Admin, Reach::Below)
        }
    }
}

/// Whether `person` may import a plan for some unit: the pages offer "Impor dari Excel" only
/// then (the import itself asks [`allows`] for the sheet's unit).
pub fn imports_somewhere(person: &Person) -> bool {
    person
        .grants
        .iter()
        .any(|g| matches!(g.role, Role::Operator | Role::Admin))
}

/// May `person` change settings that hold for every unit (the yearly absorption targets)?
/// Only an admin of a top unit.
pub fn manages_everything(person: &Person, tree: &UnitTree) -> bool {
    person
        .grants
        .iter()
        .any(|g| g.role == Role::Admin && tree.is_root(g.unit))
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// A username as typed, checked and lower-cased: 3 to 32 of `a-z 0-9 . _ -`.
pub fn valid_username(text: &str) -> Result<String, String> {
    let name = text.trim().to_lowercase();
    let length = name.chars().count();
    if !(3..=32).contains(&length) {
        return Err("Nama pengguna harus 3 sampai 32 karakter".into());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "Nama pengguna hanya boleh berisi huruf, angka, titik, garis bawah dan tanda hubung (bukan \u{201c}{bad}\u{201d})"
        ));
    }
    Ok(name)
}

pub fn valid_password(text: &str) -> Result<(), String> {
    let length = text.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Kata sandi paling sedikit {MIN_PASSWORD_CHARS} karakter"
        ));
    }
    if length > 200 {
        return Err("Kata sandi paling banyak 200 karakter".into());
    }
    Ok(())
}

/// A person's or a unit's name: not empty, at most 200 characters, trimmed.
pub fn valid_name(text: &str, what: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err(format!("{what} tidak boleh kosong"));
    }
    if name.chars().count() > 200 {
        return Err(format!("{what} paling banyak 200 karakter"));
    }
    Ok(name.to_owned())
}

#[derive(Clone, Copy)]
enum Reach {
    Own,
    Below,
}

/// A refused request, said as the person should read it.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("{0}")]
pub struct Denied(pub String);

/// [`allows`], with the refusal worded for the person.
pub fn check(
    person: &Person,
    tree: &UnitTree,
    permission: Permission,
    unit: UnitId,
) -> Result<(), Denied> {
    if allows(person, tree, permission, unit) {
        return Ok(());
    }
    Err(Denied::of(permission))
}

impl Denied {
    /// The refusal of `permission`, as every page and answer words it.
    pub fn of(permission: Permission) -> Denied {
        let what = match permission {
            Permission::ReadPlan => "membuka rencana unit ini",
            Permission::EditPlan => "mengubah rencana unit ini (hanya operator unit itu)",
            Permission::SubmitQuarter => "mengajukan triwulan rencana unit ini",
            Permission::DecideQuarter => {
                "menyetujui, mengembalikan atau membuka kembali triwulan unit ini"
            }
            Permission::ManageUnit => "mengelola unit ini dan penggunanya",
            Permission::CreatePlan => {
                "membuat rencana unit ini (impor atau salin dari tahun lain; hanya operator unit itu \
                 atau admin unit itu atau unit di atasnya)"
            }
        };
        Denied(format!("Anda tidak berhak {what}"))
    }
}

/// The units and people the access and administration tests share.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub const KANWIL: UnitId = UnitId(1);
    /// A UPT under `KANWIL`, such as Lapas Luwuk.
    pub const UPT: UnitId = UnitId(2);
    /// A unit under `UPT`.
    pub const SUB: UnitId = UnitId(3);
    /// Another UPT under `KANWIL`.
    pub const SIBLING: UnitId = UnitId(4);
    pub const OTHER_KANWIL: UnitId = UnitId(5);
    pub const OTHER_UPT: UnitId = UnitId(6);

    /// Two regional offices; the first has two UPTs, one with a unit below it.
    pub fn tree() -> UnitTree {
        let links = [
            (KANWIL, None),
            (UPT, Some(KANWIL)),
            (SUB, Some(UPT)),
            (SIBLING, Some(KANWIL)),
            (OTHER_KANWIL, None),
            (OTHER_UPT, Some(OTHER_KANWIL)),
        ];
        let units: Vec<Unit> = links
            .iter()
            .map(|(id, parent)| Unit {
                id: *id,
                name: format!("unit {id}"),
                parent: *parent,
                zone: None,
            })
            .collect();
        UnitTree::new(&units)
    }

    /// Person `id`, holding `grants`.
    pub fn person(id: i64, grants: &[(Role, UnitId)]) -> Person {
        Person {
            id: UserId(id),
            username: format!("u{id}"),
            name: format!("Orang {id}"),
            grants: grants
                .iter()
                .map(|(role, unit)| Grant {
                    unit: *unit,
                    role: *role,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::fixtures::{tree, KANWIL, OTHER_KANWIL, OTHER_UPT, UPT as LUWUK};

    fn person(role: Role, unit: UnitId) -> Person {
        super::fixtures::person(1, &[(role, unit)])
    }

    #[test]
    fn an_operator_reads_and_edits_only_their_own_unit() {
        let p = person(Role::Operator, KANWIL);
        assert!(allows(&p, &tree(), Permission::ReadPlan, KANWIL));
        assert!(allows(&p, &tree(), Permission::EditPlan, KANWIL));
        assert!(allows(&p, &tree(), Permission::SubmitQuarter, KANWIL));
        for unit in [LUWUK, OTHER_KANWIL, OTHER_UPT] {
            for permission in [
                Permission::ReadPlan,
                Permission::EditPlan,
                Permission::SubmitQuarter,
            ] {
                assert!(
                    !allows(&p, &tree(), permission, unit),
                    "{permission:?} {unit}"
                );
            }
        }
        assert!(!allows(&p, &tree(), Permission::DecideQuarter, KANWIL));
        assert!(!allows(&p, &tree(), Permission::ManageUnit, KANWIL));
    }

    #[test]
    fn a_pimpinan_reads_and_decides_for_their_unit_and_every_unit_below_but_never_edits() {
        let p = person(Role::Pimpinan, KANWIL);
        for unit in [KANWIL, LUWUK] {
            assert!(allows(&p, &tree(), Permission::ReadPlan, unit));
            assert!(allows(&p, &tree(), Permission::SubmitQuarter, unit));
            assert!(allows(&p, &tree(), Permission::DecideQuarter, unit));
            assert!(!allows(&p, &tree(), Permission::EditPlan, unit));
        }
        assert!(!allows(&p, &tree(), Permission::ReadPlan, OTHER_UPT));
        // Below is downwards only.
        let lower = person(Role::Pimpinan, LUWUK);
        assert!(!allows(&lower, &tree(), Permission::ReadPlan, KANWIL));
    }

    #[test]
    fn an_admin_manages_units_below_but_reads_no_plan_without_another_role() {
        let p = person(Role::Admin, KANWIL);
        assert!(allows(&p, &tree(), Permission::ManageUnit, KANWIL));
        assert!(allows(&p, &tree(), Permission::ManageUnit, LUWUK));
        assert!(!allows(&p, &tree(), Permission::ManageUnit, OTHER_UPT));
        assert!(!allows(&p, &tree(), Permission::ReadPlan, LUWUK));
        assert!(manages_everything(&p, &tree()));
        assert!(!manages_everything(&person(Role::Admin, LUWUK), &tree()));
    }

    #[test]
    fn a_plan_is_imported_by_the_units_operator_or_an_admin_of_it_or_above() {
        let tree = tree();
        let operator = person(Role::Operator, LUWUK);
        assert!(allows(&operator, &tree, Permission::CreatePlan, LUWUK));
        assert!(!allows(
            &operator,
            &tree,
            Permission::CreatePlan,
            super::fixtures::SUB
        ));
        let admin = person(Role::Admin, KANWIL);
        assert!(allows(&admin, &tree, Permission::CreatePlan, LUWUK));
        assert!(allows(&admin, &tree, Permission::CreatePlan, KANWIL));
        assert!(!allows(&admin, &tree, Permission::CreatePlan, OTHER_UPT));
        let below = person(Role::Admin, super::fixtures::SUB);
        assert!(!allows(&below, &tree, Permission::CreatePlan, LUWUK));
        let pimpinan = person(Role::Pimpinan, KANWIL);
        assert!(!allows(&pimpinan, &tree, Permission::CreatePlan, LUWUK));
        assert!(imports_somewhere(&operator) && imports_somewhere(&admin));
        assert!(!imports_somewhere(&pimpinan));
    }

    #[test]
    fn roles_in_several_units_add_up() {
        let mut p = person(Role::Operator, LUWUK);
        p.grants.push(Grant {
            unit: OTHER_KANWIL,
            role: Role::Pimpinan,
        });
        assert!(allows(&p, &tree(), Permission::EditPlan, LUWUK));
        assert!(allows(&p, &tree(), Permission::ReadPlan, OTHER_UPT));
        assert!(!allows(&p, &tree(), Permission::EditPlan, OTHER_UPT));
    }

    #[test]
    fn a_cycle_in_the_links_ends_the_walk() {
        let tree = UnitTree::new(&[
            Unit {
                id: UnitId(1),
                name: "a".into(),
                parent: Some(UnitId(2)),
                zone: None,
            },
            Unit {
                id: UnitId(2),
                name: "b".into(),
                parent: Some(UnitId(1)),
                zone: None,
            },
        ]);
        assert!(!tree.is_within(UnitId(1), UnitId(9)));
    }

    #[test]
    fn a_username_is_lower_cased_and_limited_to_safe_characters() {
        assert_eq!(
            valid_username(" Operator.Luwuk "),
            Ok("operator.luwuk".into())
        );
        assert!(valid_username("ab").is_err());
        assert!(valid_username("nama pengguna")
            .unwrap_err()
            .contains("\u{201c} \u{201d}"));
        assert!(valid_username("<script>").is_err());
    }

    #[test]
    fn a_password_has_at_least_ten_characters() {
        assert!(valid_password("pendek").is_err());
        assert!(valid_password("cukup-panjang").is_ok());
    }

    #[test]
    fn a_refusal_names_what_was_refused() {
        let p = person(Role::Pimpinan, KANWIL);
        let denied = check(&p, &tree(), Permission::EditPlan, LUWUK).unwrap_err();
        assert!(denied.0.contains("hanya operator"), "{denied}");
    }
}
