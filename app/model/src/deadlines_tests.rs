use super::*;
use crate::dashboard::due_quarters;

/// Noon UTC on the given day.
fn noon(year: i16, month: i8, day: i8) -> Timestamp {
    let date = jiff::civil::date(year, month, day).at(12, 0, 0, 0);
    Timestamp(
        jiff::tz::Offset::UTC
            .to_timestamp(date)
            .expect("a real day")
            .as_second(),
    )
}

#[test]
fn the_default_deadlines_are_the_dashboards_due_reports_on_every_day_of_two_years() {
    let deadlines = ReportDeadlines::default_for(2025);
    let mut day = jiff::civil::date(2025, 1, 1);
    while day.year() < 2027 {
        let now = noon(day.year(), day.month(), day.day());
        let passed: Vec<Quarter> = Quarter::ALL
            .into_iter()
            .filter(|q| deadlines.has_passed(*q, now, Zone::Wib))
            .collect();
        let month = u32::try_from(day.month()).expect("a month");
        assert_eq!(
            passed,
            due_quarters(2025, i32::from(day.year()), month),
            "on {day}"
        );
        day = day.tomorrow().expect("a next day");
    }
}

#[test]
fn a_deadline_passes_at_midnight_in_the_units_own_zone() {
    let deadlines = ReportDeadlines::default_for(2026);
    // 2026-03-31T16:30:00Z: 23.30 on 31 March in WIB, already 1 April in WITA and WIT.
    let at = Timestamp(noon(2026, 3, 31).0 + 4 * 3600 + 1800);
    assert!(!deadlines.has_passed(Quarter::Q1, at, Zone::Wib));
    assert!(deadlines.has_passed(Quarter::Q1, at, Zone::Wita));
    assert!(deadlines.has_passed(Quarter::Q1, at, Zone::Wit));
}

#[test]
fn only_an_unapproved_quarter_past_its_deadline_is_overdue() {
    let deadlines = ReportDeadlines::default_for(2026);
    let after = noon(2026, 4, 1);
    let before = noon(2026, 3, 31);
    let who = || ("pimpinan".to_owned(), Timestamp(0));
    let approved = QuarterState::Approved {
        by: who().0,
        at: who().1,
    };
    let submitted = QuarterState::Submitted {
        by: who().0,
        at: who().1,
    };
    let returned = QuarterState::Returned {
        by: who().0,
        at: who().1,
        comment: "perbaiki".into(),
    };
    let q = Quarter::Q1;
    assert!(deadlines.is_overdue(q, &QuarterState::Draft, after, Zone::Wita));
    assert!(deadlines.is_overdue(q, &submitted, after, Zone::Wita));
    assert!(deadlines.is_overdue(q, &returned, after, Zone::Wita));
    assert!(!deadlines.is_overdue(q, &approved, after, Zone::Wita));
    assert!(!deadlines.is_overdue(q, &QuarterState::Draft, before, Zone::Wita));
}

#[test]
fn a_later_deadline_gives_a_quarter_more_days() {
    let day = Day::parse("2026-04-15").expect("a day");
    let deadlines = ReportDeadlines::default_for(2026)
        .with(Quarter::Q1, day)
        .expect("after the quarter");
    assert!(!deadlines.has_passed(Quarter::Q1, noon(2026, 4, 15), Zone::Wib));
    assert!(deadlines.has_passed(Quarter::Q1, noon(2026, 4, 16), Zone::Wib));
    assert_eq!(deadlines.deadline(Quarter::Q1).label(), "15 April 2026");
    assert_eq!(deadlines.deadline(Quarter::Q1).to_string(), "2026-04-15");
}

#[test]
fn a_deadline_before_the_quarter_ends_or_years_later_is_refused() {
    let year = ReportDeadlines::default_for(2026);
    let early = Day::parse("2026-06-29").expect("a day");
    assert_eq!(
        year.with(Quarter::Q2, early).unwrap_err(),
        "Batas laporan TW II tidak boleh sebelum triwulan berakhir (30 Juni 2026)"
    );
    let late = Day::parse("2028-01-01").expect("a day");
    assert!(year.with(Quarter::Q4, late).is_err());
    assert!(year
        .with(Quarter::Q4, Day::parse("2027-12-31").expect("a day"))
        .is_ok());
}

#[test]
fn only_a_real_day_in_year_month_day_form_is_read() {
    for bad in [
        "",
        "2026-4-15",
        "15-04-2026",
        "2026-02-30",
        "2026-13-01",
        "abcd-ef-gh",
        "2026-04-15x",
        "+026-04-15",
        "0000-01-01",
    ] {
        assert!(Day::parse(bad).is_err(), "{bad:?} was read");
    }
    assert_eq!(
        Day::parse(" 2024-02-29 ").map(|d| d.label()),
        Ok("29 Februari 2024".to_owned())
    );
}
