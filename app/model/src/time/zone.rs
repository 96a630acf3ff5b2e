//! Indonesia's three time zones, and which one a unit keeps: its own when it has one set, else
//! its parent's (a UPT takes its Kanwil's), and WIB at the top. Indonesia has no daylight saving
//! time, so each zone is one fixed offset.

use crate::access::{Person, Unit};
use crate::ids::UnitId;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Zone {
    /// Waktu Indonesia Barat, UTC+7: Sumatra, Java, West and Central Kalimantan.
    #[default]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8: Bali, Nusa Tenggara, Sulawesi, East Kalimantan.
    Wita,
    /// Waktu Indonesia Timur, UTC+9: Maluku and Papua.
    Wit,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Wib, Zone::Wita, Zone::Wit];

    /// The abbreviation every shown time ends with, and the zone's stored and posted form.
    pub fn code(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }

    /// Hours ahead of UTC.
    pub fn hours(self) -> i8 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }

    /// `WITA (UTC+8)`, for a choice.
    pub fn label(self) -> String {
        format!("{} (UTC+{})", self.code(), self.hours())
    }

    pub fn from_code(code: &str) -> Option<Zone> {
        Zone::ALL.into_iter().find(|z| z.code() == code)
    }

    /// A zone as typed or posted (any case, spaces around it ignored), or why it is refused
    /// (naming what was sent when it is short enough to read).
    pub fn parse(text: &str) -> Result<Zone, String> {
        Zone::from_code(&text.trim().to_uppercase()).ok_or_else(|| {
            let what = if text.chars().count() <= 20 {
                format!(" \u{201c}{text}\u{201d}")
            } else {
                String::new()
            };
            format!("Zona waktu{what} tidak dikenal: pilih WIB, WITA atau WIT")
        })
    }

    pub(super) fn offset(self) -> jiff::tz::Offset {
        jiff::tz::Offset::constant(self.hours())
    }
}

/// The zone `unit` keeps: the first zone set on the way up from it to the top of its tree, WIB
/// when none is (or when the unit is unknown). A cycle in the links (which storage prevents)
/// ends the walk.
pub fn zone_of_unit(units: &[Unit], unit: UnitId) -> Zone {
    let by_id: HashMap<UnitId, &Unit> = units.iter().map(|u| (u.id, u)).collect();
    let mut current = Some(unit);
    for _ in 0..=units.len() {
        let Some(found) = current.and_then(|id| by_id.get(&id)) else {
            break;
        };
        if let Some(zone) = found.zone {
            return zone;
        }
        current = found.parent;
    }
    Zone::default()
}

/// The zone a person reads pages without a plan in (home, admin): that of the unit of their
/// first role; WIB for someone with none.
pub fn zone_of_person(person: &Person, units: &[Unit]) -> Zone {
    person
        .grants
        .first()
        .map_or_else(Zone::default, |g| zone_of_unit(units, g.unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{Grant, Role};
    use crate::ids::UserId;

    fn unit(id: i64, parent: Option<i64>, zone: Option<Zone>) -> Unit {
        Unit {
            id: UnitId(id),
            name: format!("Unit {id}"),
            parent: parent.map(UnitId),
            zone,
        }
    }

    /// Kanwil Sulteng (WITA) > Lapas Luwuk (none) > a sub-unit set to WIT; a Kanwil with none.
    fn units() -> Vec<Unit> {
        vec![
            unit(1, None, Some(Zone::Wita)),
            unit(2, Some(1), None),
            unit(3, Some(2), Some(Zone::Wit)),
            unit(4, Some(3), None),
            unit(5, None, None),
            unit(6, Some(5), None),
        ]
    }

    #[test]
    fn a_unit_without_a_zone_takes_its_kanwils() {
        assert_eq!(zone_of_unit(&units(), UnitId(1)), Zone::Wita);
        assert_eq!(zone_of_unit(&units(), UnitId(2)), Zone::Wita);
    }

    #[test]
    fn a_zone_set_lower_down_holds_for_the_units_below_it() {
        assert_eq!(zone_of_unit(&units(), UnitId(3)), Zone::Wit);
        assert_eq!(zone_of_unit(&units(), UnitId(4)), Zone::Wit);
    }

    #[test]
    fn a_tree_with_no_zone_set_is_in_wib_and_so_is_an_unknown_unit() {
        assert_eq!(zone_of_unit(&units(), UnitId(6)), Zone::Wib);
        assert_eq!(zone_of_unit(&units(), UnitId(99)), Zone::Wib);
    }

    #[test]
    fn a_cycle_in_the_links_ends_in_wib_instead_of_looping() {
        let looped = [unit(1, Some(2), None), unit(2, Some(1), None)];
        assert_eq!(zone_of_unit(&looped, UnitId(1)), Zone::Wib);
    }

    #[test]
    fn a_person_reads_in_the_zone_of_their_first_roles_unit() {
        let person = |units: &[i64]| Person {
            id: UserId(1),
            username: "sri".into(),
            name: "Sri".into(),
            grants: units
                .iter()
                .map(|u| Grant {
                    unit: UnitId(*u),
                    role: Role::Operator,
                })
                .collect(),
        };
        assert_eq!(zone_of_person(&person(&[2, 6]), &units()), Zone::Wita);
        assert_eq!(zone_of_person(&person(&[6, 2]), &units()), Zone::Wib);
        assert_eq!(zone_of_person(&person(&[]), &units()), Zone::Wib);
    }

    #[test]
    fn a_zone_reads_back_from_its_code_in_any_case_and_anything_else_is_refused_in_indonesian() {
        for zone in Zone::ALL {
            assert_eq!(Zone::parse(zone.code()), Ok(zone));
            assert_eq!(
                Zone::parse(&format!(" {} ", zone.code().to_lowercase())),
                Ok(zone)
            );
        }
        assert_eq!(
            Zone::parse("XYZ"),
            Err("Zona waktu \u{201c}XYZ\u{201d} tidak dikenal: pilih WIB, WITA atau WIT".into())
        );
        assert!(Zone::parse("").is_err());
        assert_eq!(
            Zone::parse(&"W".repeat(5000)),
            Err("Zona waktu tidak dikenal: pilih WIB, WITA atau WIT".into())
        );
        assert!(Zone::parse("UTC+8").is_err());
        assert_eq!(Zone::Wita.label(), "WITA (UTC+8)");
    }
}
