//! The bad-input corpus's world and its list of server functions: two units' plans, people of
//! several roles, and for each server function its arguments, encoding and who may call it.
//! `requests` makes the bad requests from these.

pub mod answers;
mod evidence;
mod http;
mod import;
mod push;
pub mod requests;
mod routes;
mod server_fns;

pub use http::Rng;
pub use routes::route_request;
pub use server_fns::{server_fns, ServerFnSpec};

use model::access::{Grant, Role};
use model::PlanId;
use server::storage::{InsertOutcome, Store, UnitPlacement};

/// What an argument is; `Opt…` ones may be left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    Plan,
    /// A plan, optional: none asks about the person's own unit.
    OptPlan,
    Goal,
    Indicator,
    Activity,
    /// An activity, optional: the budget table's row a button names (none: every posted row).
    OptActivity,
    Unit,
    User,
    Conflict,
    Quarter,
    /// A quarter by its number (1 to 4), optional: none is the whole plan.
    OptQuarter,
    Direction,
    Flag,
    Year,
    /// A fiscal year, optional: none is the current one.
    OptYear,
    Version,
    Since,
    Text,
    Role,
    /// A time zone's code (`WIB`, `WITA`, `WIT`), or empty for the parent unit's.
    Zone,
    OptText,
    OptFilter,
    /// A page number (`model::paging::PageNumber`), optional.
    Page,
    Mutations,
}

impl Arg {
    /// An id naming a stored row: one that does not exist, or another unit's, is refused.
    pub fn is_id(self) -> bool {
        matches!(
            self,
            Arg::Plan
                | Arg::OptPlan
                | Arg::Goal
                | Arg::Indicator
                | Arg::Activity
                | Arg::OptActivity
                | Arg::Unit
                | Arg::User
                | Arg::Conflict
        )
    }

    /// Decoded by serde into a number, an enum or a bool.
    pub fn is_typed(self) -> bool {
        self.is_id()
            || matches!(
                self,
                Arg::Quarter
                    | Arg::OptQuarter
                    | Arg::Zone
                    | Arg::Direction
                    | Arg::Flag
                    | Arg::Year
                    | Arg::OptYear
                    | Arg::Version
                    | Arg::Since
                    | Arg::Page
            )
    }

    pub fn is_text(self) -> bool {
        matches!(self, Arg::Text | Arg::Role | Arg::OptText)
    }

    pub fn required(self) -> bool {
        !matches!(
            self,
            Arg::OptText
                | Arg::OptFilter
                | Arg::Page
                | Arg::OptQuarter
                | Arg::OptYear
                | Arg::OptActivity
                | Arg::OptPlan
        )
    }
}

/// Who may call a server function at all (past that, the rule decides per plan or unit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    Nobody,
    SignedIn,
    Read,
    Edit,
    Submit,
    Decide,
    /// Read the plan and make one for its unit (a copy into another year): the unit's operator.
    Copy,
    Admin,
    TopAdmin,
}

/// The people the corpus signs in as: all but `OperatorB` hold their role in KANWIL A (a top
/// unit, above UPT A1); `OperatorB` works in KANWIL B, the other tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    OperatorA,
    PimpinanA,
    AdminA,
    OperatorB,
}

pub const EVERYONE: [Who; 5] = [
    Who::Anonymous,
    Who::OperatorA,
    Who::PimpinanA,
    Who::AdminA,
    Who::OperatorB,
];

impl Needs {
    /// Whether `who` is refused this function whatever the arguments say (for `OperatorB`: as
    /// long as the arguments name KANWIL A's plan or units).
    pub fn refuses(self, who: Who) -> bool {
        use Who::*;
        match self {
            Needs::Nobody => false,
            Needs::SignedIn => who == Anonymous,
            Needs::Read => matches!(who, Anonymous | AdminA | OperatorB),
            Needs::Edit => matches!(who, Anonymous | PimpinanA | AdminA | OperatorB),
            Needs::Submit => matches!(who, Anonymous | AdminA | OperatorB),
            Needs::Decide => matches!(who, Anonymous | OperatorA | AdminA | OperatorB),
            Needs::Copy => matches!(who, Anonymous | PimpinanA | AdminA | OperatorB),
            Needs::Admin | Needs::TopAdmin => {
                matches!(who, Anonymous | OperatorA | PimpinanA | OperatorB)
            }
        }
    }
}

/// Two trees: KANWIL A above UPT A1, and KANWIL B; a plan in KANWIL A and one in KANWIL B.
pub struct World {
    /// A's plan, B's plan.
    pub plans: [PlanId; 2],
    /// KANWIL A, UPT A1, KANWIL B.
    pub units: [i64; 3],
    /// The first goal, indicator and activity of A's plan and of B's.
    pub goals: [i64; 2],
    pub indicators: [i64; 2],
    pub activities: [i64; 2],
    /// A link attached to the first indicator's TW I of A's plan and of B's.
    pub evidence: [i64; 2],
    /// An operator of UPT A1 (an admin of KANWIL A may act on them), and `OperatorB`'s id.
    pub users: [i64; 2],
    /// The session cookie of each of [`EVERYONE`] (none for `Anonymous`).
    pub cookies: Vec<(Who, Option<String>)>,
}

impl World {
    pub async fn new(store: &Store) -> World {
        let mut plans = Vec::new();
        for name in ["KANWIL A", "UPT A1", "KANWIL B"] {
            let mut plan = model::synthetic::synthetic_plan(8);
            plan.header.work_unit = name.into();
            match store.insert_plan(&plan, &UnitPlacement::Top).await {
                Ok(InsertOutcome::Created(id)) => plans.push(id),
                other => panic!("{other:?}"),
            }
        }
        let mut units = Vec::new();
        for plan in &plans {
            units.push(store.plan_unit(*plan).await.expect("read").expect("a unit"));
        }
        store
            .set_unit_parent(units[1], Some(units[0]))
            .await
            .expect("place UPT A1");
        let (a, b) = (plans[0], plans[2]);
        let first = |plan: PlanId| async move {
            let plan = store
                .load_plan_unchecked(plan)
                .await
                .expect("read")
                .expect("stored");
            let goal = &plan.goals[0];
            (
                goal.id.expect("id").0,
                goal.indicators[0].id.expect("id").0,
                plan.activities[0].id.0,
            )
        };
        let (ga, ia, aa) = first(a).await;
        let (gb, ib, ab) = first(b).await;
        let mut evidence = [0; 2];
        for (at, (plan, indicator)) in [(a, ia), (b, ib)].into_iter().enumerate() {
            let mut write = store
                .write_plan(plan)
                .await
                .expect("write")
                .expect("a plan");
            let attached = write
                .attach(&server::storage::NewEvidence {
                    slot: model::evidence::Slot {
                        owner: model::evidence::Owner::Indicator(model::IndicatorId(indicator)),
                        quarter: model::Quarter::Q1,
                    },
                    kind: model::evidence::EvidenceKind::Link,
                    name: "https://drive.example.id/bast".into(),
                    caption: "BAST".into(),
                    source: server::storage::NewSource::Link(
                        "https://drive.example.id/bast".into(),
                    ),
                    by: model::UserId(0),
                    by_name: "baris perintah".into(),
                    at: model::time::Timestamp(0),
                })
                .await
                .expect("attach a link");
            write.commit().await.expect("commit");
            evidence[at] = attached.0;
        }
        let grant = |unit, role| Grant { unit, role };
        let target = crate::common::person(store, &[grant(units[1], Role::Operator)]).await;
        let mut cookies = Vec::new();
        let mut operator_b = 0;
        for who in EVERYONE {
            let grant = match who {
                Who::Anonymous => {
                    cookies.push((who, None));
                    continue;
                }
                Who::OperatorA => grant(units[0], Role::Operator),
                Who::PimpinanA => grant(units[0], Role::Pimpinan),
                Who::AdminA => grant(units[0], Role::Admin),
                Who::OperatorB => grant(units[2], Role::Operator),
            };
            let person = crate::common::person(store, &[grant]).await;
            if who == Who::OperatorB {
                operator_b = person.id.0;
            }
            cookies.push((who, Some(crate::common::cookie(store, &person).await)));
        }
        World {
            plans: [a, b],
            units: [units[0].0, units[1].0, units[2].0],
            goals: [ga, gb],
            indicators: [ia, ib],
            activities: [aa, ab],
            evidence,
            users: [target.id.0, operator_b],
            cookies,
        }
    }

    pub fn cookie(&self, who: Who) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(w, _)| *w == who)
            .and_then(|(_, c)| c.as_deref())
    }

    /// A form field's name in a request on A's plan: a table form's cell names its row by id
    /// (`kegiatan[{activity}][name]` becomes `kegiatan[12][name]`).
    pub fn name(&self, name: &str) -> String {
        name.replace("{activity}", &self.value(Arg::Activity, true))
    }

    /// The value an argument has in a request that would pass, on A's plan (`own`) or B's.
    pub fn value(&self, arg: Arg, own: bool) -> String {
        let at = usize::from(!own);
        match arg {
            Arg::Plan | Arg::OptPlan => self.plans[at].0.to_string(),
            Arg::Goal => self.goals[at].to_string(),
            Arg::Indicator => self.indicators[at].to_string(),
            Arg::Activity | Arg::OptActivity => self.activities[at].to_string(),
            // A's admin manages UPT A1; B's side is KANWIL B.
            Arg::Unit => self.units[if own { 1 } else { 2 }].to_string(),
            Arg::User => self.users[at].to_string(),
            Arg::Conflict => "1".into(),
            Arg::Quarter | Arg::OptQuarter => "1".into(),
            Arg::Direction => "Down".into(),
            Arg::Flag => "true".into(),
            Arg::Year | Arg::OptYear => "2026".into(),
            Arg::Version => "0".into(),
            Arg::Since => "0".into(),
            Arg::Page => "1".into(),
            Arg::Text | Arg::OptText => "Teks uji".into(),
            Arg::Role => "operator".into(),
            Arg::Zone => "WITA".into(),
            Arg::OptFilter | Arg::Mutations => String::new(),
        }
    }
}
