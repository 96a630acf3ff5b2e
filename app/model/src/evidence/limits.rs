//! Limits and forms: captions, links, file sizes and names.

use super::EvidenceError;

/// The largest file unless the server's setting says otherwise: 20 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
pub const MAX_CAPTION_CHARS: usize = 200;
pub const MAX_LINK_CHARS: usize = 2000;
/// A file name longer than this is cut (its extension kept).
const MAX_NAME_CHARS: usize = 120;

/// The caption, trimmed; it may be empty.
pub fn check_caption(text: &str) -> Result<String, EvidenceError> {
    let text = text.trim();
    if text.chars().count() > MAX_CAPTION_CHARS {
        return Err(EvidenceError::CaptionTooLong);
    }
    if text.chars().any(char::is_control) {
        return Err(EvidenceError::CaptionControl);
    }
    Ok(text.to_owned())
}

/// A link people can open: `http://` or `https://`, a host, no spaces or control characters.
pub fn check_link(text: &str) -> Result<String, EvidenceError> {
    let text = text.trim();
    if text.chars().count() > MAX_LINK_CHARS {
        return Err(EvidenceError::LinkTooLong);
    }
    let bad = || EvidenceError::BadLink(crate::text::excerpt(text, 60));
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    if host.is_empty()
        || host.starts_with('.')
        || text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Err(bad());
    }
    Ok(text.to_owned())
}

/// Refuses a file past `limit` bytes; `size` may be what has been read so far.
pub fn check_size(name: &str, size: u64, limit: u64) -> Result<(), EvidenceError> {
    if size > limit {
        return Err(EvidenceError::TooLarge {
            name: name.to_owned(),
            limit: format_size(limit),
        });
    }
    Ok(())
}

/// A size the Indonesian way: `820 byte`, `12,5 KB`, `20 MB` (1 KB = 1024 bytes, one decimal,
/// none when it is whole).
pub fn format_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    let (unit, scale) = match bytes {
        b if b >= MB => ("MB", MB),
        b if b >= KB => ("KB", KB),
        b => return format!("{b} byte"),
    };
    let value = rust_decimal::Decimal::from(bytes) / rust_decimal::Decimal::from(scale);
    format!("{} {unit}", crate::number::format_decimal(value, 1))
}

/// The name a file is listed and served under: the last part of what the browser sent (some
/// send a whole path), without control characters, quotes or slashes, at most 120 characters
/// with its extension kept; `berkas` when nothing is left.
pub fn safe_file_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>' | ':' | '*' | '?' | '|')
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        return "berkas".to_owned();
    }
    if cleaned.chars().count() <= MAX_NAME_CHARS {
        return cleaned;
    }
    let extension = cleaned
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .filter(|ext| ext.chars().count() <= 8)
        .map(|ext| format!(".{ext}"))
        .unwrap_or_default();
    let keep = MAX_NAME_CHARS - extension.chars().count();
    let stem: String = cleaned.chars().take(keep).collect();
    format!("{stem}{extension}")
}
