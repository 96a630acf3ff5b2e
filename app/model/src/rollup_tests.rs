use super::*;
use crate::testkit::{d, rp};

fn unit(id: i64, name: &str, parent: Option<i64>) -> Unit {
    Unit {
        id: UnitId(id),
        name: name.into(),
        parent: parent.map(UnitId),
        zone: None,
    }
}

#[test]
fn the_roll_up_opens_on_this_year_else_the_latest_past_year_with_plans() {
    assert_eq!(default_year(&[], 2026), 2026);
    assert_eq!(default_year(&[2027, 2026, 2024], 2026), 2026);
    assert_eq!(default_year(&[2027, 2025, 2024], 2026), 2025);
    assert_eq!(default_year(&[2028, 2027], 2026), 2027);
}

/// A Kanwil (1) with two UPTs (2, 3), a unit below UPT 2 (4), and another Kanwil (5).
fn units() -> Vec<Unit> {
    vec![
        unit(1, "KANWIL SULTENG", None),
        unit(3, "Rutan Poso", Some(1)),
        unit(2, "Lapas Luwuk", Some(1)),
        unit(4, "Bapas Luwuk", Some(2)),
        unit(5, "KANWIL SULSEL", None),
    ]
}

fn figures(plan: i64, budget: &str, blocked: &str, realized: &str) -> PlanFigures {
    PlanFigures {
        plan: PlanId(plan),
        state: QuarterState::Draft,
        activities: 2,
        budget: rp(budget),
        blocked: rp(blocked),
        realized: rp(realized),
        rpd_mismatches: 1,
        open_conflicts: 0,
        last_change: None,
        standings: StandingCounts::default(),
        overdue: false,
    }
}

fn returned() -> QuarterState {
    QuarterState::Returned {
        by: "Pimpinan".into(),
        at: Timestamp(100),
        comment: "Perbaiki".into(),
    }
}

fn plans() -> HashMap<UnitId, PlanFigures> {
    let mut luwuk = figures(20, "1.000.000", "200.000", "400.000");
    luwuk.state = returned();
    luwuk.open_conflicts = 2;
    luwuk.last_change = Some(LastChange {
        by: "Operator Luwuk".into(),
        at: Timestamp(500),
        line: 7,
    });
    let mut poso = figures(30, "500.000", "0", "100.000");
    poso.state = QuarterState::Approved {
        by: "Pimpinan".into(),
        at: Timestamp(90),
    };
    poso.last_change = Some(LastChange {
        by: "Operator Poso".into(),
        at: Timestamp(500),
        line: 6,
    });
    let bapas = figures(40, "300.000", "0", "0");
    let elsewhere = figures(50, "9.000.000", "0", "9.000.000");
    HashMap::from([
        (UnitId(2), luwuk),
        (UnitId(3), poso),
        (UnitId(4), bapas),
        (UnitId(5), elsewhere),
    ])
}

#[test]
fn a_kanwil_row_sums_its_upts_and_the_units_below_them() {
    let rows = roll_up(UnitId(1), &units(), &plans(), |_| true).expect("in reach");
    let names: Vec<(&str, u32)> = rows.iter().map(|r| (r.name.as_str(), r.depth)).collect();
    // The Kanwil first, then its UPTs by name, each followed by the units below it.
    assert_eq!(
        names,
        vec![
            ("KANWIL SULTENG", 0),
            ("Lapas Luwuk", 1),
            ("Bapas Luwuk", 2),
            ("Rutan Poso", 1),
        ]
    );
    let kanwil = &rows[0];
    assert_eq!(
        kanwil.plan, None,
        "the Kanwil has no plan of its own this year"
    );
    assert!(kanwil.has_units_below);
    // 1.000.000 + 300.000 + 500.000; blocked 200.000; realized 400.000 + 0 + 100.000.
    assert_eq!(kanwil.sums.plans, 3);
    assert_eq!(kanwil.sums.budget, rp("1.800.000"));
    assert_eq!(kanwil.sums.blocked, rp("200.000"));
    assert_eq!(kanwil.sums.realized, rp("500.000"));
    assert_eq!(kanwil.sums.activities, 6);
    assert_eq!(kanwil.sums.rpd_mismatches, 3);
    assert_eq!(kanwil.sums.open_conflicts, 2);
    // 500.000 / (1.800.000 − 200.000) × 100 = 31,25.
    assert_eq!(kanwil.sums.absorption(), Some(d("31.25")));
    assert_eq!(kanwil.sums.against_target(d("40")), Some(d("-8.75")));
    assert_eq!(
        kanwil.sums.states,
        StateCounts {
            draft: 1,
            submitted: 0,
            approved: 1,
            returned: 1
        }
    );
    assert_eq!(
        kanwil.sums.states.describe(),
        "1 draf \u{00b7} 1 disetujui \u{00b7} 1 dikembalikan"
    );
    // The newest change of the three plans: both at 500, Luwuk's on the later audit line.
    assert_eq!(
        kanwil.sums.last_change.as_ref().map(|c| c.by.as_str()),
        Some("Operator Luwuk")
    );
    // Luwuk sums itself and the Bapas below it: 400.000 / (1.300.000 − 200.000) × 100.
    let luwuk = &rows[1];
    assert_eq!(luwuk.plan, Some((PlanId(20), returned())));
    assert_eq!(luwuk.sums.budget, rp("1.300.000"));
    assert_eq!(
        luwuk.sums.absorption().map(|a| a.round_dp(4)),
        Some(d("36.3636"))
    );
    // A unit with nothing below sums its own plan alone.
    let poso = &rows[3];
    assert!(!poso.has_units_below);
    assert_eq!(poso.sums.budget, rp("500.000"));
    assert_eq!(poso.sums.absorption(), Some(d("20")));
}

#[test]
fn a_unit_out_of_reach_is_left_out_with_the_units_below_it() {
    let rows = roll_up(UnitId(1), &units(), &plans(), |u| u != UnitId(2)).expect("in reach");
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["KANWIL SULTENG", "Rutan Poso"]);
    assert_eq!(rows[0].sums.budget, rp("500.000"));
    assert_eq!(
        roll_up(UnitId(1), &units(), &plans(), |u| u != UnitId(1)),
        None
    );
    assert_eq!(roll_up(UnitId(99), &units(), &plans(), |_| true), None);
}

#[test]
fn with_nothing_to_spend_there_is_no_absorption() {
    let sums = Sums::default();
    assert_eq!(sums.absorption(), None);
    assert_eq!(sums.against_target(d("15")), None);
    assert_eq!(sums.states.describe(), "belum ada rencana");
}

#[test]
fn a_year_in_an_address_is_four_digits_between_2000_and_2100() {
    assert_eq!(fiscal_year_from_query("2026"), Ok(2026));
    assert_eq!(fiscal_year_from_query(" 2100 "), Ok(2100));
    for bad in ["1999", "2101", "abc", "", "20.26", "-2026"] {
        let said = fiscal_year_from_query(bad).unwrap_err();
        assert!(
            said.starts_with("Tahun \u{201c}") && said.contains("antara 2000 dan 2100"),
            "{bad}: {said}"
        );
    }
}

#[test]
fn the_home_page_offers_the_roll_up_of_units_a_role_reaches_below() {
    use crate::access::fixtures::{person, tree, KANWIL, OTHER_KANWIL, SIBLING, SUB, UPT};
    use crate::access::Role;
    // A Kanwil's pimpinan reaches its UPTs; a pimpinan also of a UPT below it gets one link.
    let head = person(1, &[(Role::Pimpinan, UPT), (Role::Pimpinan, KANWIL)]);
    assert_eq!(offered_units(&head, &tree()), vec![KANWIL]);
    // Two regional offices: two links, in grant order.
    let both = person(
        2,
        &[(Role::Pimpinan, OTHER_KANWIL), (Role::Pimpinan, KANWIL)],
    );
    assert_eq!(offered_units(&both, &tree()), vec![OTHER_KANWIL, KANWIL]);
    // An operator reads their own unit only; a pimpinan of a unit with nothing below, one unit.
    let operator = person(3, &[(Role::Operator, KANWIL)]);
    assert_eq!(offered_units(&operator, &tree()), Vec::<UnitId>::new());
    let alone = person(4, &[(Role::Pimpinan, SIBLING), (Role::Pimpinan, SUB)]);
    assert_eq!(offered_units(&alone, &tree()), Vec::<UnitId>::new());
    // An admin manages units but reads no plan: nothing to roll up.
    let admin = person(5, &[(Role::Admin, KANWIL)]);
    assert_eq!(offered_units(&admin, &tree()), Vec::<UnitId>::new());
}

fn counts(met: u32, close: u32, behind: u32, unreported: u32) -> StandingCounts {
    StandingCounts {
        met,
        close,
        behind,
        unreported,
    }
}

/// `plans()` with standings and Luwuk's quarter overdue.
fn judged_plans() -> HashMap<UnitId, PlanFigures> {
    let mut plans = plans();
    let set = |plans: &mut HashMap<UnitId, PlanFigures>, unit, standings, overdue| {
        if let Some(p) = plans.get_mut(&UnitId(unit)) {
            p.standings = standings;
            p.overdue = overdue;
        }
    };
    set(&mut plans, 2, counts(3, 1, 2, 0), true);
    set(&mut plans, 3, counts(5, 0, 0, 1), false);
    set(&mut plans, 4, counts(0, 2, 0, 0), false);
    plans
}

#[test]
fn standings_and_overdue_quarters_add_up_the_tree() {
    let rows = roll_up(UnitId(1), &units(), &judged_plans(), |_| true).expect("in reach");
    assert_eq!(rows[0].sums.standings, counts(8, 3, 2, 1));
    assert_eq!(rows[0].sums.standings.indicators(), 14);
    assert_eq!(rows[0].sums.overdue, 1);
    // Luwuk: its own 3/1/2 and the Bapas's 0/2/0.
    assert_eq!(rows[1].sums.standings, counts(3, 3, 2, 0));
    assert!(rows[1].overdue);
    assert!(!rows[2].overdue && !rows[3].overdue);
}

#[test]
fn a_quarter_is_overdue_by_the_day_in_its_own_units_zone() {
    use crate::time::Zone;
    let mut units = units();
    units[0].zone = Some(Zone::Wita); // the Kanwil; its units inherit WITA
    units[4].zone = Some(Zone::Wib); // the other Kanwil
    let mut plans = plans();
    // 2026-03-31T16:30:00Z: 1 April in WITA, still 31 March in WIB.
    let now = Timestamp(1_774_974_600);
    let deadlines = ReportDeadlines::default_for(2026);
    mark_overdue(&mut plans, &units, &deadlines, Quarter::Q1, now);
    let overdue = |u| plans[&UnitId(u)].overdue;
    assert!(overdue(2), "returned, past the deadline in WITA");
    assert!(!overdue(3), "approved is never overdue");
    assert!(overdue(4), "a draft, past the deadline in WITA");
    assert!(!overdue(5), "a draft, but still 31 March in WIB");
}

#[test]
fn needing_attention_is_overdue_behind_target_or_absorbing_below_target() {
    let mut sums = Sums {
        budget: rp("1.000"),
        realized: rp("500"),
        ..Sums::default()
    };
    assert!(!sums.needs_attention(d("50")));
    assert!(sums.needs_attention(d("50.01")));
    sums.standings.behind = 1;
    assert!(sums.needs_attention(d("10")));
    sums.standings.behind = 0;
    sums.overdue = 1;
    assert!(sums.needs_attention(d("10")));
}

#[test]
fn rows_sort_among_their_siblings_and_the_filter_keeps_parents() {
    use order::{arrange, RowView, SortKey};
    let rows = roll_up(UnitId(1), &units(), &judged_plans(), |_| true).expect("in reach");
    let names =
        |rows: &[RollupRow]| -> Vec<String> { rows.iter().map(|r| r.name.clone()).collect() };
    // Absorption, highest first: Luwuk's subtree 36,36 % before Poso's 20 %; the Bapas stays
    // under Luwuk.
    let view = RowView::from_query(Some("penyerapan"), Some("turun"), None).expect("a view");
    let sorted = arrange(rows.clone(), &view, d("25"));
    assert_eq!(
        names(&sorted),
        ["KANWIL SULTENG", "Lapas Luwuk", "Bapas Luwuk", "Rutan Poso"]
    );
    let view = view.sorted_by(SortKey::Absorption);
    assert!(
        !view.descending,
        "a second click on a descending column sorts ascending"
    );
    let sorted = arrange(rows.clone(), &view, d("25"));
    assert_eq!(
        names(&sorted),
        ["KANWIL SULTENG", "Rutan Poso", "Lapas Luwuk", "Bapas Luwuk"]
    );
    // Only what needs attention at a 25 % target: Luwuk (overdue, 2 behind) stays; Poso (20 %,
    // below target) stays; the Bapas (nothing spent of 300.000: 0 %) stays too.
    let filtered = arrange(rows.clone(), &RowView::default().filtered(true), d("25"));
    assert_eq!(filtered.len(), 4);
    // At a 15 % target Poso's 20 % is fine and nothing else of it needs attention.
    let filtered = arrange(rows.clone(), &RowView::default().filtered(true), d("15"));
    assert_eq!(
        names(&filtered),
        ["KANWIL SULTENG", "Lapas Luwuk", "Bapas Luwuk"]
    );
    // By state, most urgent first: Luwuk (overdue) before Poso (approved).
    let by_state = arrange(rows, &RowView::default().sorted_by(SortKey::State), d("15"));
    assert_eq!(names(&by_state)[1], "Lapas Luwuk");
    assert_eq!(names(&by_state)[3], "Rutan Poso");
}

#[test]
fn a_view_reads_from_the_address_and_writes_back_only_what_is_not_default() {
    use order::{RowView, SortKey};
    let view = RowView::from_query(Some("rpd"), Some("turun"), Some("1")).expect("a view");
    assert_eq!(view.query(), "urut=rpd&arah=turun&perhatian=1");
    assert_eq!(RowView::default().query(), "");
    for key in SortKey::ALL {
        assert_eq!(SortKey::from_code(key.code()), Some(key));
    }
    let said = RowView::from_query(Some("gaji"), None, None).unwrap_err();
    assert!(
        said.starts_with("Urutan \u{201c}gaji\u{201d} tidak dikenal"),
        "{said}"
    );
    assert!(RowView::from_query(None, Some("atas"), None).is_err());
    assert!(RowView::from_query(None, None, Some("ya")).is_err());
}

#[test]
fn the_attention_list_puts_overdue_first_then_behind_then_absorption_then_approval() {
    use attention::{attention_across, Concern};
    let mut plans = judged_plans();
    if let Some(poso) = plans.get_mut(&UnitId(3)) {
        poso.state = QuarterState::Submitted {
            by: "Operator Poso".into(),
            at: Timestamp(80),
        };
        poso.overdue = true;
    }
    let rows = roll_up(UnitId(1), &units(), &plans, |_| true).expect("in reach");
    let deadline = Day::quarter_end(2026, Quarter::Q1);
    let items = attention_across(&rows, &plans, Quarter::Q1, d("25"), deadline);
    let seen: Vec<(&str, &str)> = items.iter().map(|i| (i.name.as_str(), i.code())).collect();
    assert_eq!(
        seen,
        vec![
            ("Lapas Luwuk", "overdue"),
            ("Lapas Luwuk", "behind-target"),
            // Bapas: 0 % is 25 points below; Poso: 20 % is 5 below.
            ("Bapas Luwuk", "absorption"),
            ("Rutan Poso", "absorption"),
            ("Rutan Poso", "awaiting-approval"),
        ]
    );
    assert_eq!(items[0].concern, Concern::Overdue { returned: true });
    assert_eq!(
        items[0].message(),
        "Laporan TW I terlambat: dikembalikan dan belum diajukan lagi (batas 31 Maret 2026)"
    );
    assert_eq!(items[0].link(), "/rencana/20#persetujuan");
    assert_eq!(
        items[1].message(),
        "2 dari 6 indikator tertinggal dari target s.d. TW I"
    );
    assert_eq!(items[1].link(), "/rencana/20/dasbor#perhatian");
    assert_eq!(
        items[3].message(),
        "Penyerapan anggaran s.d. TW I baru 20%, di bawah target 25%"
    );
    assert_eq!(items[3].link(), "/rencana/30#kegiatan-title");
    assert_eq!(
        items[4].message(),
        "Laporan TW I menunggu persetujuan melewati batas 31 Maret 2026"
    );
}
