//! Small helpers for text a person typed.

/// `text`, trimmed, cut to `max` characters with an ellipsis: what a message quotes back, so a
/// pasted page does not drown the point (or fill a response).
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}\u{2026}", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_quoted_whole_and_trimmed() {
        assert_eq!(excerpt("  ratio ", 10), "ratio");
    }

    #[test]
    fn a_long_text_is_cut_at_a_character_with_an_ellipsis() {
        assert_eq!(excerpt("Peningkatan Layanan", 11), "Peningkatan\u{2026}");
        assert_eq!(excerpt("ééééé", 2), "éé\u{2026}");
        assert_eq!(excerpt(&"x".repeat(1_000_000), 20).chars().count(), 21);
    }
}
