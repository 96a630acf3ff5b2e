//! Long lists shown a page at a time (`?halaman=N`): which rows a page holds, how many pages
//! there are, and what a person typed as a page number.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A page number, counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct PageNumber(u32);

impl TryFrom<u32> for PageNumber {
    type Error = String;

    fn try_from(n: u32) -> Result<PageNumber, String> {
        PageNumber::new(n).ok_or_else(|| "Nomor halaman mulai dari 1".to_owned())
    }
}

impl From<PageNumber> for u32 {
    fn from(page: PageNumber) -> u32 {
        page.0
    }
}

impl PageNumber {
    pub const FIRST: PageNumber = PageNumber(1);

    /// Reads `?halaman=…`: a whole number from 1.
    pub fn parse(raw: &str) -> Result<PageNumber, String> {
        let raw = raw.trim();
        match raw.parse::<u32>() {
            Ok(n) if n >= 1 => Ok(PageNumber(n)),
            _ => Err(format!(
                "Nomor halaman \u{201c}{}\u{201d} tidak sah: tulis bilangan bulat mulai dari 1",
                crate::text::excerpt(raw, 20)
            )),
        }
    }

    pub fn new(n: u32) -> Option<PageNumber> {
        (n >= 1).then_some(PageNumber(n))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// The rows before this page, when each page holds `size` rows.
    pub fn offset(self, size: u32) -> u64 {
        u64::from(self.0 - 1) * u64::from(size)
    }
}

impl Default for PageNumber {
    fn default() -> PageNumber {
        PageNumber::FIRST
    }
}

impl fmt::Display for PageNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One page of a longer list, and where it sits in the whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: PageNumber,
    /// Rows per page.
    pub size: u32,
    /// Rows in the whole list.
    pub total: u64,
}

impl<T> Paged<T> {
    /// How many pages the whole list fills (an empty list is one empty page).
    pub fn pages(&self) -> u32 {
        let size = u64::from(self.size.max(1));
        u32::try_from(self.total.div_ceil(size).max(1)).unwrap_or(u32::MAX)
    }

    pub fn previous(&self) -> Option<PageNumber> {
        PageNumber::new(self.page.0 - 1)
    }

    pub fn next(&self) -> Option<PageNumber> {
        (self.page.0 < self.pages()).then(|| PageNumber(self.page.0 + 1))
    }

    /// Asked for a page after the last one.
    pub fn is_past_the_end(&self) -> bool {
        self.page.0 > self.pages()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paged(page: u32, total: u64) -> Paged<()> {
        Paged {
            items: Vec::new(),
            page: PageNumber(page),
            size: 100,
            total,
        }
    }

    #[test]
    fn a_page_number_is_a_whole_number_from_one() {
        assert_eq!(PageNumber::parse(" 3 "), Ok(PageNumber(3)));
        for bad in ["0", "-1", "abc", "1.5", "", "99999999999"] {
            let message = PageNumber::parse(bad).unwrap_err();
            assert!(message.contains("tidak sah"), "{bad}: {message}");
        }
    }

    #[test]
    fn page_zero_does_not_decode() {
        assert!(serde_json::from_str::<PageNumber>("0").is_err());
        assert_eq!(
            serde_json::from_str::<PageNumber>("2").unwrap(),
            PageNumber(2)
        );
        assert_eq!(serde_json::to_string(&PageNumber(7)).unwrap(), "7");
    }

    #[test]
    fn a_refused_page_number_is_echoed_short() {
        let message = PageNumber::parse(&"9".repeat(5000)).unwrap_err();
        assert!(message.len() < 200, "{message}");
    }

    #[test]
    fn a_page_starts_after_the_rows_of_the_pages_before_it() {
        assert_eq!(PageNumber(1).offset(100), 0);
        assert_eq!(PageNumber(3).offset(100), 200);
        // The largest page of the largest pages does not overflow.
        assert_eq!(
            PageNumber(u32::MAX).offset(u32::MAX),
            18_446_744_060_824_649_730
        );
    }

    #[test]
    fn pages_are_counted_up_and_an_empty_list_is_one_page() {
        assert_eq!(paged(1, 0).pages(), 1);
        assert_eq!(paged(1, 100).pages(), 1);
        assert_eq!(paged(1, 101).pages(), 2);
    }

    #[test]
    fn the_first_and_last_pages_have_no_way_further() {
        assert_eq!(paged(1, 250).previous(), None);
        assert_eq!(paged(1, 250).next(), Some(PageNumber(2)));
        assert_eq!(paged(3, 250).next(), None);
        assert_eq!(paged(3, 250).previous(), Some(PageNumber(2)));
        assert!(!paged(3, 250).is_past_the_end());
        assert!(paged(4, 250).is_past_the_end());
    }
}
