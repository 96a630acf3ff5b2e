//! What storage refuses that a person can correct, named by type: a part the plan does not
//! hold, a name that is taken. Storage holds no user-facing text; the layer that talks to
//! people (`crate::error`) words these in Indonesian, and the English `Display` here is for the
//! command line and the logs.

use model::edit::Field;
use std::fmt;

/// A part of a plan that a write named and the plan does not hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Plan,
    Goal,
    Indicator,
    Activity,
    /// The link between an indicator and an activity.
    Link,
    /// An edited field whose row is not in the plan.
    Field(Field),
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Plan => f.write_str("the plan"),
            Part::Goal => f.write_str("the goal"),
            Part::Indicator => f.write_str("the indicator"),
            Part::Activity => f.write_str("the activity"),
            Part::Link => f.write_str("the link between this indicator and activity"),
            Part::Field(field) => write!(f, "the field {field}"),
        }
    }
}

/// A name that must be unique and is taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Taken {
    /// A unit name, unique across the tree whatever its case and spacing. `holder` is the
    /// stored unit's own spelling when it was read; `None` when another write took the name
    /// in the same moment.
    UnitName {
        name: String,
        holder: Option<String>,
    },
    Username(String),
}

impl fmt::Display for Taken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Taken::UnitName {
                name,
                holder: Some(holder),
            } if holder != name => write!(
                f,
                "the unit name \u{201c}{name}\u{201d} is taken by the unit \u{201c}{holder}\u{201d} (unit names are unique across the tree)"
            ),
            Taken::UnitName { name, .. } => {
                write!(f, "a unit named \u{201c}{name}\u{201d} already exists")
            }
            Taken::Username(name) => write!(f, "the username \u{201c}{name}\u{201d} is taken"),
        }
    }
}
