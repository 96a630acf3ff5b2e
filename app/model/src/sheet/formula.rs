//! What A (Pembilang) and B (Penyebut) count, read from the formula text (Rumus Perhitungan).
//!
//! Formulas come as plain text (`X = A-text / B-text x 100%`), with a legend
//! (`... = A/B x 100% Keterangan: A = ... B = ...`), or as LaTeX left behind by a converter
//! (`$X = \frac{\sum \text{...}}{\sum \text{...}} \times 100\%$`). Anything else (`Nilai IKPA`)
//! says nothing about A and B, and both labels stay empty.

use super::cells::collapse_spaces;

/// The numerator and denominator labels of `formula`; both empty when it does not name them.
pub(super) fn formula_labels(formula: &str) -> (String, String) {
    let labels = legend_labels(formula)
        .or_else(|| fraction_labels(formula))
        .or_else(|| division_labels(formula));
    match labels {
        Some((a, b)) if names_something(&a, &b) => (a, b),
        _ => (String::new(), String::new()),
    }
}

/// `Keterangan: A = <text> B = <text>` (also `A : <text>`).
fn legend_labels(formula: &str) -> Option<(String, String)> {
    let (_, a_text) = definition(formula, 'A', 0)?;
    let (b_start, b_text) = definition(formula, 'B', a_text)?;
    Some((
        collapse_spaces(&formula[a_text..b_start]),
        collapse_spaces(&formula[b_text..]),
    ))
}

/// Finds `letter` standing alone and followed by `=` or `:`, at or after byte `from`.
/// Returns where the letter is and where its definition text starts.
fn definition(text: &str, letter: char, from: usize) -> Option<(usize, usize)> {
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        let stands_alone = !previous.is_some_and(char::is_alphanumeric);
        previous = Some(c);
        if i < from || c != letter || !stands_alone {
            continue;
        }
        let spaced = text[i + c.len_utf8()..].trim_start();
        if spaced.starts_with(['=', ':']) {
            return Some((i, text.len() - spaced.len() + 1));
        }
    }
    None
}

/// `\frac{<A>}{<B>}`, each side plain text once the LaTeX is stripped.
fn fraction_labels(formula: &str) -> Option<(String, String)> {
    let at = formula.find("\\frac")?;
    let (numerator, rest) = brace_group(&formula[at + "\\frac".len()..])?;
    let (denominator, _) = brace_group(rest)?;
    Some((strip_latex(numerator), strip_latex(denominator)))
}

/// `X = <A> / <B> x 100%`, plain or with `\text{...}` sides.
fn division_labels(formula: &str) -> Option<(String, String)> {
    let plain = strip_latex(formula);
    let (_, right) = plain.split_once('=')?;
    let ratio = strip_hundred_percent(right.trim());
    let (a, b) = if ratio.matches(" / ").count() == 1 {
        ratio.split_once(" / ")?
    } else if ratio.matches('/').count() == 1 {
        ratio.split_once('/')?
    } else {
        return None;
    };
    Some((collapse_spaces(a), collapse_spaces(b)))
}

/// Drops a trailing `x 100%` (also `× 100 %`, `* 100%`).
fn strip_hundred_percent(text: &str) -> &str {
    let stripped = text
        .strip_suffix('%')
        .map(str::trim_end)
        .and_then(|t| t.strip_suffix("100"))
        .map(str::trim_end)
        .and_then(|t| t.strip_suffix(['x', 'X', '\u{d7}', '*']));
    stripped.map_or(text, str::trim_end)
}

/// The text of a `{...}` group at the start of `text` (after spaces), and what follows it.
fn brace_group(text: &str) -> Option<(&str, &str)> {
    let body = text.trim_start().strip_prefix('{')?;
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some((&body[..i], &body[i + 1..])),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// LaTeX to plain words: `\text{...}` keeps its text, `\sum` and `$` go, `\times` is `x`,
/// `\%` is `%`.
fn strip_latex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '\\' => {
                let name_len = rest.len()
                    - rest
                        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                        .len();
                let (name, after) = rest.split_at(name_len);
                if name.is_empty() {
                    // An escaped symbol: `\%`, `\{`, or spacing such as `\,`.
                    let symbol = after.chars().next();
                    match symbol {
                        Some(s @ ('%' | '{' | '}' | '$' | '&' | '#' | '_')) => out.push(s),
                        _ => out.push(' '),
                    }
                    rest = &after[symbol.map_or(0, char::len_utf8)..];
                } else {
                    match name {
                        "times" | "cdot" => out.push_str(" x "),
                        "div" => out.push_str(" / "),
                        _ => out.push(' '),
                    }
                    rest = after;
                }
            }
            '{' | '}' | '$' => out.push(' '),
            _ => out.push(c),
        }
    }
    collapse_spaces(&out)
}

/// Both labels describe something: neither is empty, and they are not just `A` and `B`.
fn names_something(a: &str, b: &str) -> bool {
    let placeholders = is_letter(a) && is_letter(b);
    !a.is_empty() && !b.is_empty() && !placeholders
}

/// `A`, `B`: a placeholder, not a description.
fn is_letter(label: &str) -> bool {
    let mut chars = label.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(formula: &str) -> (String, String) {
        formula_labels(formula)
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn a_legend_after_keterangan_names_a_and_b() {
        let formula = "% Pemenuhan Layanan Makanan =A/B x 100% Keterangan: A = Jumlah Pemenuhan \
                       layanan makanan bagi Tahanan /Narapidana/Anak B = Jumlah Tahanan /Narapidana/Anak";
        assert_eq!(
            labels(formula),
            pair(
                "Jumlah Pemenuhan layanan makanan bagi Tahanan /Narapidana/Anak",
                "Jumlah Tahanan /Narapidana/Anak"
            )
        );
    }

    #[test]
    fn a_latex_fraction_with_sums_names_a_and_b() {
        let formula = r"$X = \frac{\sum \text{Jumlah gangguan kamtib yang dapat dicegah}}{\sum \text{Jumlah gangguan kamtib}} \times 100\%$";
        assert_eq!(
            labels(formula),
            pair(
                "Jumlah gangguan kamtib yang dapat dicegah",
                "Jumlah gangguan kamtib"
            )
        );
    }

    #[test]
    fn a_latex_fraction_without_sums_names_a_and_b() {
        let formula = r"$X = \frac{\text{Jumlah Peningkatan Kompetensi Pegawai}}{\text{Jumlah Pegawai}} \times 100\%$";
        assert_eq!(
            labels(formula),
            pair("Jumlah Peningkatan Kompetensi Pegawai", "Jumlah Pegawai")
        );
    }

    #[test]
    fn a_latex_division_of_texts_names_a_and_b() {
        let formula = r"$X = \text{Jumlah narapidana yang produktif} / \text{Total narapidana yang bekerja} \times 100\%$";
        assert_eq!(
            labels(formula),
            pair(
                "Jumlah narapidana yang produktif",
                "Total narapidana yang bekerja"
            )
        );
    }

    #[test]
    fn a_plain_division_names_a_and_b() {
        let formula =
            "X = Jumlah Layanan Perkantoran yang terselesaikan / Jumlah Layanan Perkantoran x 100%";
        assert_eq!(
            labels(formula),
            pair(
                "Jumlah Layanan Perkantoran yang terselesaikan",
                "Jumlah Layanan Perkantoran"
            )
        );
    }

    #[test]
    fn slashes_inside_the_labels_do_not_split_them() {
        let formula = "X = Jumlah tahanan/narapidana yang sehat / Jumlah tahanan/narapidana x 100%";
        assert_eq!(
            labels(formula),
            pair(
                "Jumlah tahanan/narapidana yang sehat",
                "Jumlah tahanan/narapidana"
            )
        );
    }

    #[test]
    fn bare_letters_a_over_b_say_nothing() {
        let formula =
            r"% Perubahan Perilaku Menjadi Sadar, Patuh dan Disiplin = $A/B \times 100\%$";
        assert_eq!(labels(formula), pair("", ""));
    }

    #[test]
    fn formulas_without_a_ratio_leave_the_labels_empty() {
        assert_eq!(labels("Nilai IKPA"), pair("", ""));
        assert_eq!(
            labels("Berdasarkan KMK no. 127/KM.6/2022 tentang indikator kinerja pengelolaan BMN"),
            pair("", "")
        );
        assert_eq!(labels(""), pair("", ""));
    }

    #[test]
    fn an_unclosed_fraction_does_not_panic() {
        assert_eq!(labels(r"$X = \frac{\text{Jumlah"), pair("", ""));
    }
}
