//! Small helpers for text a person typed.

/// The key a name is the same by: case and runs of white space do not make another name
/// ("Lapas  Kelas IIB Luwuk" is "LAPAS KELAS IIB LUWUK").
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Appends `text` to `out` escaped for HTML (`&`, `<`, `>`, `"`, `'`): for markup written as
/// text (formulas as MathML, the server's own pages).
pub fn escape_html_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` escaped for HTML (see [`escape_html_into`]).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html_into(&mut out, text);
    out
}

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
