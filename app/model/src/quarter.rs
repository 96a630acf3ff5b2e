//! The four quarters (Triwulan) of a fiscal year.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Quarter {
    Q1,
    Q2,
    Q3,
    Q4,
}

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4];

    /// Zero-based position, for indexing the per-quarter arrays of the model.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(index: usize) -> Option<Quarter> {
        Quarter::ALL.get(index).copied()
    }

    /// The quarter's number, 1 to 4: how storage, forms (`?tw=2`) and keys write it.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    pub fn from_number(number: u8) -> Option<Quarter> {
        Quarter::from_index(usize::from(number.checked_sub(1)?))
    }

    /// The quarter an address names (`?tw=2`), or why it names none, in the words a page shows.
    pub fn from_query(raw: &str) -> Result<Quarter, String> {
        raw.trim()
            .parse::<u8>()
            .ok()
            .and_then(Quarter::from_number)
            .ok_or_else(|| {
                format!(
                    "Triwulan \u{201c}{}\u{201d} tidak sah: tulis 1 sampai 4",
                    crate::text::excerpt(raw, 20)
                )
            })
    }

    /// The label the sheets use: `TW I` .. `TW IV`.
    pub fn label(self) -> &'static str {
        match self {
            Quarter::Q1 => "TW I",
            Quarter::Q2 => "TW II",
            Quarter::Q3 => "TW III",
            Quarter::Q4 => "TW IV",
        }
    }

    /// Reads `TW I` .. `TW IV` (spacing and case as staff type them).
    pub fn parse_label(text: &str) -> Option<Quarter> {
        let compact: String = text.split_whitespace().collect::<String>().to_uppercase();
        match compact.as_str() {
            "TWI" => Some(Quarter::Q1),
            "TWII" => Some(Quarter::Q2),
            "TWIII" => Some(Quarter::Q3),
            "TWIV" => Some(Quarter::Q4),
            _ => None,
        }
    }

    /// This quarter and the ones before it, for cumulative figures.
    pub fn up_to(self) -> impl Iterator<Item = Quarter> {
        Quarter::ALL.into_iter().take(self.index() + 1)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_back_as_the_same_quarter() {
        for q in Quarter::ALL {
            assert_eq!(Quarter::parse_label(q.label()), Some(q));
        }
        assert_eq!(Quarter::parse_label(" tw  iii "), Some(Quarter::Q3));
        assert_eq!(Quarter::parse_label("TW V"), None);
    }

    #[test]
    fn an_address_names_a_quarter_by_its_number_one_to_four() {
        assert_eq!(Quarter::from_query(" 2 "), Ok(Quarter::Q2));
        for bad in ["0", "5", "abc", ""] {
            let refusal = Quarter::from_query(bad).expect_err(bad);
            assert!(
                refusal.ends_with("tidak sah: tulis 1 sampai 4"),
                "{refusal}"
            );
        }
    }

    #[test]
    fn up_to_lists_the_quarters_so_far() {
        assert_eq!(
            Quarter::Q3.up_to().collect::<Vec<_>>(),
            vec![Quarter::Q1, Quarter::Q2, Quarter::Q3]
        );
    }
}
