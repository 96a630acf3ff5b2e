//! Every server function of `app/src/api`: its arguments in order, its encoding, and who may
//! call it at all.

use super::{Arg, Needs};
use app::api::{
    admin, dashboard, document, edit, history, plan, rollup, session, structure, sync, workflow,
    years,
};
use leptos::server_fn::ServerFn;

pub struct ServerFnSpec {
    pub path: &'static str,
    pub args: &'static [(&'static str, Arg)],
    pub needs: Needs,
    /// Takes its arguments as JSON (else as a urlencoded form).
    pub json: bool,
}

macro_rules! spec {
    ($ty:ty, $needs:ident, [$(($name:literal, $arg:ident)),* $(,)?]) => {
        ServerFnSpec {
            path: <$ty as ServerFn>::PATH,
            args: &[$(($name, Arg::$arg)),*],
            needs: Needs::$needs,
            json: false,
        }
    };
}

/// Every server function of `app/src/api`, with its arguments in order.
pub fn server_fns() -> Vec<ServerFnSpec> {
    vec![
        // admin
        spec!(admin::GetAdminView, Admin, []),
        spec!(admin::CreateUnit, Admin, [("name", Text), ("parent", Unit)]),
        spec!(
            admin::CreateUser,
            Admin,
            [
                ("username", Text),
                ("name", Text),
                ("password", Text),
                ("unit", Unit),
                ("role", Role)
            ]
        ),
        spec!(
            admin::GrantRole,
            Admin,
            [("user", User), ("unit", Unit), ("role", Role)]
        ),
        spec!(
            admin::RevokeRole,
            Admin,
            [("user", User), ("unit", Unit), ("role", Role)]
        ),
        spec!(
            admin::ResetPassword,
            Admin,
            [("user", User), ("password", Text)]
        ),
        spec!(
            admin::SetDisabled,
            Admin,
            [("user", User), ("disabled", Flag)]
        ),
        spec!(admin::SetUnitZone, Admin, [("unit", Unit), ("zone", Zone)]),
        // dashboard
        spec!(dashboard::GetThresholds, SignedIn, [("year", Year)]),
        spec!(
            dashboard::SaveThresholds,
            TopAdmin,
            [
                ("year", Year),
                ("q1", Text),
                ("q2", Text),
                ("q3", Text),
                ("q4", Text)
            ]
        ),
        spec!(dashboard::ReportingMonth, SignedIn, [("plan", OptPlan)]),
        // edit
        // The quarter table's form: its cells by quarter (`tw[1][note]`), the button's quarter.
        spec!(
            edit::SaveReport,
            Edit,
            [
                ("plan", Plan),
                ("indicator", Indicator),
                ("quarter", OptQuarter),
                ("tw[1][planned_work]", OptText),
                ("tw[1][numerator]", OptText),
                ("tw[1][denominator]", OptText),
                ("tw[1][achievement]", OptText),
                ("tw[1][evidence]", OptText),
                ("tw[1][status]", OptText),
                ("tw[1][note]", OptText)
            ]
        ),
        // The budget table's form: its cells by activity, the button's activity.
        spec!(
            edit::SaveActivity,
            Edit,
            [
                ("plan", Plan),
                ("activity", OptActivity),
                ("kegiatan[{activity}][name]", OptText),
                ("kegiatan[{activity}][budget]", OptText),
                ("kegiatan[{activity}][blocked]", OptText),
                ("kegiatan[{activity}][withdrawal_plan_1]", OptText),
                ("kegiatan[{activity}][withdrawal_plan_2]", OptText),
                ("kegiatan[{activity}][withdrawal_plan_3]", OptText),
                ("kegiatan[{activity}][withdrawal_plan_4]", OptText),
                ("kegiatan[{activity}][realization_1]", OptText),
                ("kegiatan[{activity}][realization_2]", OptText),
                ("kegiatan[{activity}][realization_3]", OptText),
                ("kegiatan[{activity}][realization_4]", OptText)
            ]
        ),
        spec!(
            edit::SaveIndicator,
            Edit,
            [
                ("plan", Plan),
                ("indicator", Indicator),
                ("name", Text),
                ("target_value", Text),
                ("target_unit", Text),
                ("formula", Text),
                ("numerator_label", Text),
                ("denominator_label", Text),
                ("kind", Text),
                ("polarity", Text),
                ("aggregation", Text)
            ]
        ),
        spec!(
            edit::SaveGoal,
            Edit,
            [("plan", Plan), ("goal", Goal), ("title", Text)]
        ),
        spec!(
            edit::SaveHeader,
            Edit,
            [
                ("plan", Plan),
                ("fiscal_year", Text),
                ("title", Text),
                ("signatory_position", Text),
                ("signatory_name", Text),
                ("signatory_nip", Text),
                ("place_date", Text)
            ]
        ),
        // document
        spec!(
            document::GetDocument,
            Read,
            [("id", Plan), ("quarter", OptQuarter)]
        ),
        // history
        spec!(
            history::GetHistory,
            Read,
            [("plan", Plan), ("filter", OptFilter), ("page", Page)]
        ),
        // plan
        spec!(plan::ListPlans, SignedIn, []),
        spec!(plan::GetPlan, Read, [("id", Plan)]),
        spec!(plan::GetPlanAccess, Read, [("id", Plan)]),
        spec!(plan::GetEvidenceCounts, Read, [("id", Plan)]),
        spec!(plan::OpenPlan, Read, [("id", Plan)]),
        // rollup: the unit's roll-up needs a role that reads its plans (A's operator reads only
        // KANWIL A, not UPT A1 below it: refused like a stranger, as "not found").
        spec!(
            rollup::GetRollup,
            Read,
            [("unit", Unit), ("year", OptYear), ("quarter", OptQuarter)]
        ),
        spec!(
            rollup::GetRollupUnit,
            Read,
            [
                ("root", Unit),
                ("unit", Unit),
                ("year", Year),
                ("quarter", Quarter)
            ]
        ),
        spec!(rollup::RollupUnits, SignedIn, []),
        // session
        spec!(session::CurrentPerson, Nobody, []),
        // structure
        spec!(structure::AddGoal, Edit, [("plan", Plan), ("title", Text)]),
        spec!(
            structure::RemoveGoal,
            Edit,
            [("plan", Plan), ("goal", Goal)]
        ),
        spec!(
            structure::MoveGoal,
            Edit,
            [("plan", Plan), ("goal", Goal), ("direction", Direction)]
        ),
        spec!(
            structure::AddIndicator,
            Edit,
            [("plan", Plan), ("goal", Goal), ("name", Text)]
        ),
        spec!(
            structure::RemoveIndicator,
            Edit,
            [("plan", Plan), ("indicator", Indicator)]
        ),
        spec!(
            structure::MoveIndicator,
            Edit,
            [
                ("plan", Plan),
                ("indicator", Indicator),
                ("direction", Direction)
            ]
        ),
        spec!(
            structure::AddActivity,
            Edit,
            [("plan", Plan), ("name", Text)]
        ),
        spec!(
            structure::RemoveActivity,
            Edit,
            [("plan", Plan), ("activity", Activity)]
        ),
        spec!(
            structure::LinkActivity,
            Edit,
            [
                ("plan", Plan),
                ("indicator", Indicator),
                ("activity", Activity)
            ]
        ),
        spec!(
            structure::UnlinkActivity,
            Edit,
            [
                ("plan", Plan),
                ("indicator", Indicator),
                ("activity", Activity)
            ]
        ),
        // sync: a push's refusals of single edits are answers inside a 200 (the protocol), so
        // only what refuses the whole push counts: who may edit is asked per edit.
        ServerFnSpec {
            json: true,
            ..spec!(sync::SyncPush, SignedIn, [("mutations", Mutations)])
        },
        spec!(sync::SyncPull, Read, [("plan", Plan), ("since", Since)]),
        spec!(
            sync::ResolveConflict,
            Edit,
            [
                ("plan", Plan),
                ("conflict", Conflict),
                ("choice", Text),
                ("text", OptText)
            ]
        ),
        // years: the copy's goals and activities are optional lists (none ticked copies none)
        spec!(years::PlanYears, Read, [("plan", Plan)]),
        spec!(years::GetEarlierYear, Read, [("plan", Plan)]),
        spec!(years::CopyPlan, Copy, [("plan", Plan), ("year", Year)]),
        // workflow
        spec!(
            workflow::SubmitQuarter,
            Submit,
            [("plan", Plan), ("quarter", Quarter)]
        ),
        spec!(
            workflow::ApproveQuarter,
            Decide,
            [("plan", Plan), ("quarter", Quarter), ("version", Version)]
        ),
        spec!(
            workflow::ReturnQuarter,
            Decide,
            [("plan", Plan), ("quarter", Quarter), ("comment", Text)]
        ),
        spec!(
            workflow::ReopenQuarter,
            Decide,
            [("plan", Plan), ("quarter", Quarter)]
        ),
    ]
}
