//! Rows and cells: splitting a line into cells and recognizing what a cell holds.
//!
//! Nothing here knows about columns: the export drifts by a cell from row to row, so every
//! decision is made from a cell's content or from its place next to an anchor cell.

use crate::quarter::Quarter;

/// One line of the export split at tabs, or one row of a workbook's sheet; each cell trimmed.
#[derive(Clone, Debug)]
pub(super) struct Row<'a> {
    /// 1-based line number (the sheet's row number for a workbook).
    pub line: usize,
    pub cells: Vec<&'a str>,
    /// A workbook's row: where each cell sits (as long as `cells`). Empty for a text line, whose
    /// errors name the line only.
    pub places: Vec<Place<'a>>,
}

/// Where a workbook cell sits.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Place<'a> {
    /// 0-based column.
    pub column: u32,
    /// For a copy of a merged range's top-left cell (read as empty): the range, e.g. `A7:A22`.
    pub merged: Option<&'a str>,
    /// The column header's text above it (`PAGU`), once the header row is found.
    pub header: &'a str,
}

impl<'a> Row<'a> {
    pub fn new(line: usize, text: &'a str) -> Row<'a> {
        Row {
            line,
            cells: text.split('\t').map(str::trim).collect(),
            places: Vec::new(),
        }
    }

    /// The merged range a cell is a copy of.
    pub fn merged(&self, index: usize) -> Option<&'a str> {
        self.places.get(index).and_then(|place| place.merged)
    }

    /// The column header above a cell, upper case with single spaces (`PAGU`); empty when unknown.
    pub fn header(&self, index: usize) -> String {
        self.places
            .get(index)
            .map(|place| collapse_spaces(place.header).to_uppercase())
            .unwrap_or_default()
    }

    /// The cell at `index`, or an empty one past the end of the row.
    pub fn cell(&self, index: usize) -> &'a str {
        self.cells.get(index).copied().unwrap_or("")
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }

    pub fn non_empty(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.cells.iter().copied().filter(|c| !c.is_empty())
    }

    /// The first quarter label (`TW I` .. `TW IV`) and where it is.
    pub fn first_quarter_label(&self) -> Option<(usize, Quarter)> {
        self.cells
            .iter()
            .enumerate()
            .find_map(|(i, c)| Quarter::parse_label(c).map(|q| (i, q)))
    }

    /// The row's text as one string, for messages and single-cell lines (titles, signature).
    pub fn text(&self) -> String {
        self.non_empty().collect::<Vec<_>>().join(" ")
    }

    /// A totals row under the table: `JUMLAH` first, then the sums.
    pub fn is_totals(&self) -> bool {
        self.non_empty()
            .next()
            .is_some_and(|first| first.to_uppercase().starts_with("JUMLAH"))
            && self.first_quarter_label().is_none()
    }

    /// The column header row: `SASARAN KEGIATAN`, `INDIKATOR KINERJA`, ...
    pub fn is_header(&self) -> bool {
        let upper: Vec<String> = self
            .non_empty()
            .map(|c| collapse_spaces(c).to_uppercase())
            .collect();
        upper.iter().any(|c| c.starts_with("SASARAN"))
            && upper.iter().any(|c| c.starts_with("INDIKATOR"))
    }
}

/// A goal or indicator cell: `1. Meningkatnya ...`, the number before the dot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Numbered {
    pub number: Option<u32>,
    pub text: String,
}

impl Numbered {
    /// `3. Persentase ...` gives number 3; a cell without a number keeps all its text.
    pub fn read(cell: &str) -> Numbered {
        match numbered(cell) {
            Some((number, text)) => Numbered {
                number: Some(number),
                text: text.to_owned(),
            },
            None => Numbered {
                number: None,
                text: cell.trim().to_owned(),
            },
        }
    }
}

/// `N. text` or `N) text` with one to three digits: the number and the text after it.
pub(super) fn numbered(cell: &str) -> Option<(u32, &str)> {
    let cell = cell.trim();
    let digits = cell.len() - cell.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = cell[digits..].strip_prefix(['.', ')'])?;
    let text = rest.trim_start();
    if !text.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    Some((cell[..digits].parse().ok()?, text))
}

/// The shape of a target cell: a number, then `%` or a unit of one to three words
/// (`85%`, `1 Dokumen`, `1 Layanan`). Returns the number text and the unit (`persen` is `%`).
/// The number is not read here: a malformed one still marks the cell as the target.
pub(super) fn target_shape(cell: &str) -> Option<(&str, &str)> {
    let cell = cell.trim();
    let number_len = cell.len()
        - cell
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            .len();
    let number = &cell[..number_len];
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !number.ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let unit = cell[number_len..].trim();
    if unit == "%" || unit.eq_ignore_ascii_case("persen") {
        return Some((number, "%"));
    }
    let words: Vec<&str> = unit.split_whitespace().collect();
    let is_word = |w: &&str| w.chars().all(char::is_alphabetic);
    ((1..=3).contains(&words.len()) && words.iter().all(is_word)).then_some((number, unit))
}

/// A note such as `Terdapat pagu blokir sebesar Rp. 464.229.000`: `None` when the note does not
/// speak of a blocked budget, `Some(None)` when it does without an amount, else the amount text.
pub(super) fn blocked_amount(note: &str) -> Option<Option<&str>> {
    const KEY: &str = "pagu blokir";
    let at = note.to_ascii_lowercase().find(KEY)?;
    let after = &note[at + KEY.len()..];
    let Some(start) = after.find(|c: char| c.is_ascii_digit()) else {
        return Some(None);
    };
    let tail = &after[start..];
    let len = tail.len()
        - tail
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            .len();
    Some(Some(tail[..len].trim_end_matches(['.', ','])))
}

/// Runs of whitespace become one space.
pub(super) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How activity names are compared: case and spacing do not matter.
pub(super) fn name_key(name: &str) -> String {
    collapse_spaces(name).to_lowercase()
}

/// Whether `a` becomes `b` in at most `max` single-character edits (Levenshtein, in characters).
///
/// Only the band of `max` cells either side of the diagonal is computed, so the work grows with
/// the names' length times `max`, not with the product of the lengths: an export with long
/// activity names (a pasted paragraph) is still read at once.
pub(super) fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Distances above `max` are all "too far"; capping them keeps the sums small.
    let far = max + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut current = vec![far; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let low = row.saturating_sub(max).max(1);
        let high = (row + max).min(b.len());
        current[low - 1] = if low == 1 { row.min(far) } else { far };
        let mut best = current[low - 1];
        for j in low..=high {
            let substitution = previous[j - 1] + usize::from(*ca != b[j - 1]);
            let value = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(far);
            current[j] = value;
            best = best.min(value);
        }
        if high < b.len() {
            current[high + 1] = far;
        }
        if best > max {
            return false;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_and_missing_cells_read_as_empty() {
        let row = Row::new(7, "\t 85% \tTW I\r");
        assert_eq!(row.cells, vec!["", "85%", "TW I"]);
        assert_eq!(row.cell(9), "");
        assert_eq!(row.first_quarter_label(), Some((2, Quarter::Q1)));
        assert!(Row::new(1, "\t\t ").is_blank());
    }

    #[test]
    fn numbered_cells_give_their_number_and_text() {
        assert_eq!(
            numbered("5. Persentase tahanan"),
            Some((5, "Persentase tahanan"))
        );
        assert_eq!(numbered("12) Jumlah"), Some((12, "Jumlah")));
        assert_eq!(numbered("3.Tersusunnya"), Some((3, "Tersusunnya")));
        assert_eq!(numbered("5.160.600.000"), None);
        assert_eq!(numbered("85%"), None);
        assert_eq!(numbered("Persentase"), None);
        assert_eq!(Numbered::read("Tanpa nomor").number, None);
    }

    #[test]
    fn targets_are_a_number_then_percent_or_a_unit() {
        assert_eq!(target_shape("85%"), Some(("85", "%")));
        assert_eq!(target_shape("12,5 %"), Some(("12,5", "%")));
        assert_eq!(target_shape("1 Dokumen"), Some(("1", "Dokumen")));
        assert_eq!(target_shape("1 Layanan"), Some(("1", "Layanan")));
        assert_eq!(target_shape("90 persen"), Some(("90", "%")));
        assert_eq!(target_shape("5.160.600.000"), None);
        assert_eq!(
            target_shape("1. Persentase pemenuhan layanan makanan bagi tahanan"),
            None
        );
        assert_eq!(target_shape("5. Jumlah Layanan Perkantoran"), None);
        assert_eq!(target_shape("Nilai IKPA"), None);
        assert_eq!(target_shape("-"), None);
    }

    #[test]
    fn a_blocked_budget_note_gives_its_amount() {
        assert_eq!(
            blocked_amount("Terdapat pagu blokir sebesar Rp. 464.229.000"),
            Some(Some("464.229.000"))
        );
        assert_eq!(
            blocked_amount("Pagu Blokir Rp 10.257.000."),
            Some(Some("10.257.000"))
        );
        assert_eq!(blocked_amount("masih ada pagu blokir"), Some(None));
        assert_eq!(blocked_amount("Dokumen lengkap"), None);
    }

    #[test]
    fn the_header_row_is_recognized_by_its_titles() {
        assert!(Row::new(6, "SASARAN KEGIATAN\tINDIKATOR KINERJA\tTARGET KINERJA").is_header());
        assert!(!Row::new(6, "1. Meningkatnya\t1. Persentase\t85%").is_header());
    }

    #[test]
    fn names_within_a_few_single_character_edits_are_near() {
        assert!(within_edits("ketertiban", "keterliban", 1));
        assert!(within_edits("abc", "abc", 0));
        assert!(within_edits("", "abc", 3));
        assert!(!within_edits("", "abc", 2));
        assert!(within_edits("kitten", "sitting", 3));
        assert!(!within_edits("kitten", "sitting", 2));
        assert!(within_edits("layanan perkantoran", "layanan perkntoran", 2));
        assert!(!within_edits("abcdef", "badcfe", 2));
    }

    /// The whole Levenshtein table, as the band must agree with it.
    fn full_distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut current = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let substitution = previous[j] + usize::from(ca != *cb);
                current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
            }
            previous = current;
        }
        previous[b.len()]
    }

    proptest::proptest! {
        #[test]
        fn the_band_agrees_with_the_whole_table(a in "[abc\u{e9} ]{0,12}", b in "[abc\u{e9} ]{0,12}", max in 0..5_usize) {
            proptest::prop_assert_eq!(within_edits(&a, &b, max), full_distance(&a, &b) <= max);
        }
    }

    #[test]
    fn long_names_are_compared_without_quadratic_work() {
        // A pasted paragraph as an activity name: 200,000 characters each. The full table would
        // be 4 × 10^10 cells; the band is a few hundred thousand.
        let long: String = "layanan perkantoran ".repeat(10_000);
        let typo = long.replacen("perkantoran", "perkntoran", 1);
        let started = std::time::Instant::now();
        assert!(within_edits(&long, &typo, 2));
        assert!(!within_edits(&long, &long.replace("an", "en"), 2));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn names_compare_without_case_or_extra_spaces() {
        assert_eq!(name_key("  Layanan   Perkantoran "), "layanan perkantoran");
    }
}
