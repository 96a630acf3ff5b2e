//! Every server function of `app/src/api`: its arguments in order, its encoding, and who may
//! call it at all.

use super::{Arg, Needs};
use app::api::{
    admin, dashboard, document, edit, history, plan, session, structure, sync, workflow,
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
        spec!(
            edit::SaveReport,
            Edit,
            [
                ("plan", Plan),
                ("indicator", Indicator),
                ("quarter", Quarter),
                ("planned_work", Text),
                ("numerator", Text),
                ("denominator", Text),
                ("achievement", Text),
                ("evidence", Text),
                ("status", Text),
                ("note", Text)
            ]
        ),
        spec!(
            edit::SaveActivity,
            Edit,
            [
                ("plan", Plan),
                ("activity", Activity),
                ("name", Text),
                ("budget", Text),
                ("blocked", Text),
                ("withdrawal_plan_1", Text),
                ("withdrawal_plan_2", Text),
                ("withdrawal_plan_3", Text),
                ("withdrawal_plan_4", Text),
                ("realization_1", Text),
                ("realization_2", Text),
                ("realization_3", Text),
                ("realization_4", Text)
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
        spec!(plan::OpenPlan, Read, [("id", Plan)]),
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
