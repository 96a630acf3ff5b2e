//! Edits to the plan's shape: goals, indicators and activities added, removed, reordered, and
//! activities linked to indicators.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Up,
    Down,
}

/// Moves the item at `index` one place in `direction`, if it can move. Returns the new index.
pub fn move_within<T>(items: &mut [T], index: usize, direction: Direction) -> Option<usize> {
    let target = match direction {
        Direction::Up => index.checked_sub(1)?,
        Direction::Down => index + 1,
    };
    if target >= items.len() {
        return None;
    }
    items.swap(index, target);
    Some(target)
}

/// A name for something new: trimmed, not empty, not longer than the text limit.
pub fn new_name(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("nama tidak boleh kosong".into());
    }
    if trimmed.chars().count() > super::MAX_TEXT_CHARS {
        return Err(format!(
            "nama terlalu panjang: paling banyak {} karakter",
            super::MAX_TEXT_CHARS
        ));
    }
    Ok(trimmed.to_owned())
}

impl StructureEdit {
    /// The same edit with the name of anything it adds checked and trimmed by `new_name`.
    pub fn checked(self) -> Result<StructureEdit, String> {
        Ok(match self {
            StructureEdit::AddGoal { title } => StructureEdit::AddGoal {
                title: new_name(&title)?,
            },
            StructureEdit::AddIndicator { goal, name } => StructureEdit::AddIndicator {
                goal,
                name: new_name(&name)?,
            },
            StructureEdit::AddActivity { name } => StructureEdit::AddActivity {
                name: new_name(&name)?,
            },
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_up_and_down_swaps_with_the_neighbour() {
        let mut items = vec!['a', 'b', 'c'];
        assert_eq!(move_within(&mut items, 1, Direction::Up), Some(0));
        assert_eq!(items, vec!['b', 'a', 'c']);
        assert_eq!(move_within(&mut items, 1, Direction::Down), Some(2));
        assert_eq!(items, vec!['b', 'c', 'a']);
    }

    #[test]
    fn the_ends_do_not_move_further() {
        let mut items = vec!['a', 'b'];
        assert_eq!(move_within(&mut items, 0, Direction::Up), None);
        assert_eq!(move_within(&mut items, 1, Direction::Down), None);
        assert_eq!(items, vec!['a', 'b']);
    }

    #[test]
    fn a_new_name_must_not_be_empty() {
        assert_eq!(new_name("  Kegiatan baru "), Ok("Kegiatan baru".into()));
        assert!(new_name("   ").is_err());
    }

    #[test]
    fn a_checked_edit_trims_what_it_adds_and_refuses_an_empty_name() {
        let add = StructureEdit::AddActivity {
            name: " Kegiatan baru ".into(),
        };
        assert_eq!(
            add.checked(),
            Ok(StructureEdit::AddActivity {
                name: "Kegiatan baru".into()
            })
        );
        let empty = StructureEdit::AddGoal { title: " ".into() };
        assert!(empty.checked().is_err());
        let remove = StructureEdit::RemoveActivity {
            activity: crate::ActivityId(3),
        };
        assert_eq!(remove.clone().checked(), Ok(remove));
    }
}

/// One change to the plan's shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StructureEdit {
    AddGoal {
        title: String,
    },
    RemoveGoal {
        goal: crate::GoalId,
    },
    MoveGoal {
        goal: crate::GoalId,
        direction: Direction,
    },
    AddIndicator {
        goal: crate::GoalId,
        name: String,
    },
    RemoveIndicator {
        indicator: crate::IndicatorId,
    },
    MoveIndicator {
        indicator: crate::IndicatorId,
        direction: Direction,
    },
    AddActivity {
        name: String,
    },
    RemoveActivity {
        activity: crate::ActivityId,
    },
    Link {
        indicator: crate::IndicatorId,
        activity: crate::ActivityId,
    },
    Unlink {
        indicator: crate::IndicatorId,
        activity: crate::ActivityId,
    },
}

/// What a structure change created, so the page can show it without reloading.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Created {
    Nothing,
    Goal(Box<crate::Goal>),
    Indicator(Box<crate::Indicator>),
    Activity(Box<crate::Activity>),
}
