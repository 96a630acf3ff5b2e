//! Identifiers. Newtypes so an indicator id can never be passed where an activity id belongs.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A plan in storage.
    PlanId
);
id_type!(
    /// A goal (Sasaran Kegiatan) in storage.
    GoalId
);
id_type!(
    /// An indicator (Indikator Kinerja) in storage.
    IndicatorId
);
id_type!(
    /// An activity (Kegiatan). Before a plan is stored (e.g. fresh from the importer) it is a
    /// position-based id local to the plan; storage replaces it with the stored id.
    ActivityId
);
id_type!(
    /// A work unit (satker / UPT, or a regional office above them).
    UnitId
);
id_type!(
    /// A person who signs in.
    UserId
);
