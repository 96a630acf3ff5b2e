//! What a file is, from its first and last bytes. PDF, PNG and JPEG say so in their first bytes;
//! DOCX and XLSX are zip archives, told apart by their parts (`word/…`, `xl/…`), named in the
//! local headers near the start and in the central directory at the end. Everything else is
//! refused, whatever its name says.

use super::{EvidenceError, EvidenceKind};

/// How many bytes of the start (and of the end, for a zip) the sniffer reads.
pub const SNIFF_WINDOW: usize = 64 * 1024;

/// What the first bytes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Is(EvidenceKind),
    /// A zip archive: DOCX or XLSX once its parts are read ([`zip_kind`]).
    Zip,
}

const LOCAL_HEADER: &[u8] = b"PK\x03\x04";
const CENTRAL_HEADER: &[u8] = b"PK\x01\x02";

/// The kind the first bytes (`head`, at least the first 8 when the file is that long) show;
/// `name` is for the refusal.
pub fn sniff_head(name: &str, head: &[u8]) -> Result<Sniffed, EvidenceError> {
    if head.is_empty() {
        return Err(EvidenceError::Empty(name.to_owned()));
    }
    if head.starts_with(b"%PDF-") {
        Ok(Sniffed::Is(EvidenceKind::Pdf))
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(Sniffed::Is(EvidenceKind::Png))
    } else if head.starts_with(b"\xFF\xD8\xFF") {
        Ok(Sniffed::Is(EvidenceKind::Jpeg))
    } else if head.starts_with(LOCAL_HEADER) {
        Ok(Sniffed::Zip)
    } else {
        Err(EvidenceError::UnknownType(name.to_owned()))
    }
}

/// DOCX or XLSX, from the part names in a zip's first bytes (`head`) and last bytes (`tail`):
/// a document has `word/document.xml`, a workbook `xl/workbook.xml`; any other archive is
/// refused.
pub fn zip_kind(name: &str, head: &[u8], tail: &[u8]) -> Result<EvidenceKind, EvidenceError> {
    let names =
        part_names(head, LOCAL_HEADER, 26, 30).chain(part_names(tail, CENTRAL_HEADER, 28, 46));
    let mut word = false;
    let mut excel = false;
    for part in names {
        word |= part == b"word/document.xml";
        excel |= part == b"xl/workbook.xml";
    }
    match (word, excel) {
        (true, false) => Ok(EvidenceKind::Docx),
        (false, true) => Ok(EvidenceKind::Xlsx),
        _ => Err(EvidenceError::UnknownType(name.to_owned())),
    }
}

/// The part names of every header with `signature` in `bytes`: the name's length is a 16-bit
/// little-endian number at `length_at`, the name starts at `name_at`.
fn part_names<'a>(
    bytes: &'a [u8],
    signature: &'static [u8],
    length_at: usize,
    name_at: usize,
) -> impl Iterator<Item = &'a [u8]> + 'a {
    (0..bytes.len().saturating_sub(signature.len() - 1))
        .filter(move |&i| bytes[i..].starts_with(signature))
        .filter_map(move |i| {
            let length = bytes.get(i + length_at..i + length_at + 2)?;
            let length = usize::from(u16::from_le_bytes([length[0], length[1]]));
            bytes.get(i + name_at..i + name_at + length)
        })
}
