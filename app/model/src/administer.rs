//! What an admin may do to a person, how unit names are told apart, and the admin trail.
//!
//! An admin manages units (at and below the units where they hold the admin role) and the
//! people whose every role lies in those units. Managing one of a person's units is not enough:
//! otherwise a lower admin could give the top admin a role in their unit and then reset the top
//! admin's password.

use crate::access::{allows, Denied, Grant, Permission, Person, UnitTree};
use crate::ids::{UnitId, UserId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// An admin's action on a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonAction {
    Grant(Grant),
    Revoke(Grant),
    ResetPassword,
    Disable,
    Enable,
}

/// What storage knows of a person besides their roles: who created them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub person: Person,
    /// The admin who created them; `None` when made from the command line or as demo data.
    pub created_by: Option<UserId>,
    /// When set, the person cannot sign in.
    pub disabled_at: Option<Timestamp>,
}

/// May `admin` do `action` to `target`? `creator` is the account of whoever created the target
/// (when known and still stored).
///
/// - Nobody acts on themselves here (their own roles, password or account).
/// - A role is given or taken only in a unit the admin manages.
/// - A person with roles: every role must lie in a unit the admin manages.
/// - A person with no role: only the admin who created them, or an admin who manages every
///   unit where that creator is an admin (an admin above them); a person created from the
///   command line (no creator), only a top admin.
pub fn may_act_on_person(
    admin: &Person,
    tree: &UnitTree,
    target: &Account,
    creator: Option<&Person>,
    action: PersonAction,
) -> Result<(), Denied> {
    let manages = |unit: UnitId| allows(admin, tree, Permission::ManageUnit, unit);
    if target.person.id == admin.id {
        return Err(Denied(
            "Anda tidak dapat mengubah peran, kata sandi atau akun Anda sendiri; minta admin lain"
                .into(),
        ));
    }
    if let PersonAction::Grant(grant) | PersonAction::Revoke(grant) = action {
        if !manages(grant.unit) {
            return Err(Denied(
                "Anda tidak berhak memberi atau mencabut peran di unit ini".into(),
            ));
        }
    }
    let grants = &target.person.grants;
    if grants.is_empty() {
        let created_here = target.created_by == Some(admin.id);
        let above_creator = creator.is_some_and(|c| {
            let admin_units: Vec<UnitId> = c
                .grants
                .iter()
                .filter(|g| g.role == crate::access::Role::Admin)
                .map(|g| g.unit)
                .collect();
            !admin_units.is_empty() && admin_units.iter().all(|u| manages(*u))
        });
        // With no known creator (the command line, or a creator since removed): a top admin.
        let top = creator.is_none() && crate::access::manages_everything(admin, tree);
        return if created_here || above_creator || top {
            Ok(())
        } else {
            Err(Denied(format!(
                "{} belum memiliki peran; hanya admin yang membuatnya atau admin di atasnya yang dapat mengelolanya",
                target.person.name
            )))
        };
    }
    match grants.iter().find(|g| !manages(g.unit)) {
        None => Ok(()),
        Some(_) => Err(Denied(format!(
            "{} juga memiliki peran di unit yang tidak Anda kelola; hanya admin yang mengelola semua unitnya yang dapat mengubah perannya, kata sandinya atau akunnya",
            target.person.name
        ))),
    }
}

/// The key a unit name is unique by ([`crate::text::name_key`]): "Lapas  Kelas IIB Luwuk" is
/// "LAPAS KELAS IIB LUWUK", not a new unit.
pub fn unit_name_key(name: &str) -> String {
    crate::text::name_key(name)
}

/// One line of the admin trail: who did what, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminLogEntry {
    pub at: Timestamp,
    pub by: String,
    pub action: AdminLogAction,
    /// What was done, said in full: "peran Operator di Lapas Kelas IIB Luwuk untuk Sri".
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdminLogAction {
    UnitCreated,
    PersonCreated,
    RoleGranted,
    RoleRevoked,
    PasswordReset,
    PersonDisabled,
    PersonEnabled,
    /// A unit's time zone set, or cleared so that it keeps its parent's.
    UnitZoneSet,
}

impl AdminLogAction {
    pub const ALL: [AdminLogAction; 8] = [
        AdminLogAction::UnitCreated,
        AdminLogAction::PersonCreated,
        AdminLogAction::RoleGranted,
        AdminLogAction::RoleRevoked,
        AdminLogAction::PasswordReset,
        AdminLogAction::PersonDisabled,
        AdminLogAction::PersonEnabled,
        AdminLogAction::UnitZoneSet,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AdminLogAction::UnitCreated => "unit_created",
            AdminLogAction::PersonCreated => "person_created",
            AdminLogAction::RoleGranted => "role_granted",
            AdminLogAction::RoleRevoked => "role_revoked",
            AdminLogAction::PasswordReset => "password_reset",
            AdminLogAction::PersonDisabled => "person_disabled",
            AdminLogAction::PersonEnabled => "person_enabled",
            AdminLogAction::UnitZoneSet => "unit_zone_set",
        }
    }

    pub fn from_code(code: &str) -> Option<AdminLogAction> {
        AdminLogAction::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            AdminLogAction::UnitCreated => "Unit dibuat",
            AdminLogAction::PersonCreated => "Pengguna dibuat",
            AdminLogAction::RoleGranted => "Peran diberikan",
            AdminLogAction::RoleRevoked => "Peran dicabut",
            AdminLogAction::PasswordReset => "Kata sandi diganti",
            AdminLogAction::PersonDisabled => "Akun dinonaktifkan",
            AdminLogAction::PersonEnabled => "Akun diaktifkan kembali",
            AdminLogAction::UnitZoneSet => "Zona waktu unit diubah",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;

    use crate::access::fixtures::{person, tree, KANWIL, OTHER_KANWIL, SIBLING, SUB, UPT};

    fn account(person: Person, created_by: Option<i64>) -> Account {
        Account {
            person,
            created_by: created_by.map(UserId),
            disabled_at: None,
        }
    }

    #[test]
    fn a_lower_admin_cannot_touch_a_person_with_a_role_above_them_even_after_granting_one_in_their_unit(
    ) {
        let lower = person(1, &[(Role::Admin, UPT)]);
        let top_admin = person(2, &[(Role::Admin, KANWIL), (Role::Operator, UPT)]);
        let target = account(top_admin, None);
        for action in [
            PersonAction::ResetPassword,
            PersonAction::Disable,
            PersonAction::Grant(Grant {
                unit: UPT,
                role: Role::Pimpinan,
            }),
            PersonAction::Revoke(Grant {
                unit: UPT,
                role: Role::Operator,
            }),
        ] {
            let denied = may_act_on_person(&lower, &tree(), &target, None, action).unwrap_err();
            assert!(
                denied.0.contains("tidak Anda kelola"),
                "{action:?}: {denied}"
            );
        }
    }

    #[test]
    fn an_admin_above_every_role_of_a_person_may_act_on_them() {
        let admin = person(1, &[(Role::Admin, KANWIL)]);
        let target = account(
            person(2, &[(Role::Operator, UPT), (Role::Pimpinan, SUB)]),
            None,
        );
        assert!(
            may_act_on_person(&admin, &tree(), &target, None, PersonAction::ResetPassword).is_ok()
        );
        let outside = account(
            person(3, &[(Role::Operator, UPT), (Role::Pimpinan, OTHER_KANWIL)]),
            None,
        );
        assert!(
            may_act_on_person(&admin, &tree(), &outside, None, PersonAction::ResetPassword)
                .is_err()
        );
    }

    #[test]
    fn nobody_grants_a_role_to_themselves_or_resets_their_own_password_here() {
        let admin = person(1, &[(Role::Admin, KANWIL)]);
        let me = account(admin.clone(), None);
        let grant = PersonAction::Grant(Grant {
            unit: UPT,
            role: Role::Operator,
        });
        for action in [grant, PersonAction::ResetPassword, PersonAction::Disable] {
            let denied = may_act_on_person(&admin, &tree(), &me, None, action).unwrap_err();
            assert!(denied.0.contains("sendiri"), "{denied}");
        }
    }

    #[test]
    fn a_role_is_given_only_in_a_unit_the_admin_manages() {
        let admin = person(1, &[(Role::Admin, UPT)]);
        let target = account(person(2, &[(Role::Operator, UPT)]), Some(1));
        let elsewhere = PersonAction::Grant(Grant {
            unit: SIBLING,
            role: Role::Operator,
        });
        assert!(may_act_on_person(&admin, &tree(), &target, None, elsewhere).is_err());
    }

    #[test]
    fn a_person_with_no_role_belongs_to_their_creator_and_the_admins_above_them() {
        let creator = person(1, &[(Role::Admin, UPT)]);
        let above = person(2, &[(Role::Admin, KANWIL)]);
        let beside = person(3, &[(Role::Admin, SIBLING)]);
        let below = person(4, &[(Role::Admin, SUB)]);
        let target = account(person(9, &[]), Some(1));
        let reset = PersonAction::ResetPassword;
        let may = |admin: &Person| {
            may_act_on_person(admin, &tree(), &target, Some(&creator), reset).is_ok()
        };
        assert!(may(&creator));
        assert!(may(&above));
        assert!(!may(&beside));
        assert!(!may(&below));
        // Made from the command line: only a top admin.
        let orphan = account(person(8, &[]), None);
        assert!(may_act_on_person(&above, &tree(), &orphan, None, reset).is_ok());
        assert!(may_act_on_person(&creator, &tree(), &orphan, None, reset).is_err());
    }

    #[test]
    fn unit_names_differ_only_by_more_than_case_and_spacing() {
        assert_eq!(
            unit_name_key("  Lapas  Kelas IIB\tLuwuk "),
            unit_name_key("LAPAS KELAS IIB LUWUK")
        );
        assert_ne!(
            unit_name_key("Lapas Kelas IIB Luwuk"),
            unit_name_key("Lapas Kelas IIA Luwuk")
        );
    }

    #[test]
    fn every_admin_log_action_reads_back_from_its_code() {
        for action in AdminLogAction::ALL {
            assert_eq!(AdminLogAction::from_code(action.code()), Some(action));
        }
        assert_eq!(AdminLogAction::from_code("x"), None);
    }
}
