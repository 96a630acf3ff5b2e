//! An indicator's formula as people paste it from a word processor: text with LaTeX between
//! dollar signs (`$X = \frac{\sum \text{Jumlah …}}{\sum \text{Total …}} \times 100\%$`). The
//! LaTeX subset they use is shown as MathML, which every current browser draws without
//! JavaScript; anything outside the subset is shown as written. Editing shows the source.

use leptos::prelude::*;

/// The formula, rendered: MathML for each `$…$` part this module understands, the rest as text.
#[component]
pub fn Formula(#[prop(into)] source: Signal<String>) -> impl IntoView {
    let html = move || source.with(|s| formula_html(&super::text_or_dash(s)));
    view! { <span class="formula-text" inner_html=html></span> }
}

/// Safe HTML for `source`: every character a person typed is escaped, and a `$…$` part becomes
/// `<math>` only when the whole part is in the subset (otherwise the part is shown as written).
pub fn formula_html(source: &str) -> String {
    let mut html = String::new();
    let mut rest = source;
    while let Some(start) = rest.find('$') {
        let Some(length) = rest[start + 1..].find('$') else {
            break;
        };
        let (before, math) = (&rest[..start], &rest[start + 1..start + 1 + length]);
        escape_into(&mut html, before);
        match to_mathml(math) {
            Some(mathml) => html.push_str(&mathml),
            None => escape_into(&mut html, &rest[start..start + length + 2]),
        }
        rest = &rest[start + length + 2..];
    }
    escape_into(&mut html, rest);
    html
}

/// `<math>` for one LaTeX expression, or `None` where it leaves the subset.
fn to_mathml(latex: &str) -> Option<String> {
    let mut parser = Parser {
        chars: latex.chars().collect(),
        at: 0,
    };
    let row = parser.row(None)?;
    if parser.at < parser.chars.len() {
        return None;
    }
    let mut out = String::from("<math display=\"inline\"><mrow>");
    for node in &row {
        node.write(&mut out);
    }
    out.push_str("</mrow></math>");
    Some(out)
}

/// The part of an expression the subset knows.
#[derive(Debug, PartialEq)]
enum Node {
    /// A letter: `X`, `A`.
    Identifier(char),
    /// Digits, with `.` or `,` inside: `100`, `12,5`.
    Number(String),
    /// `=`, `+`, `-`, `/`, `(`, `)`, `×`, `%`, `∑`, `≤`, ...
    Operator(char),
    /// `\text{…}`.
    Text(String),
    /// `\frac{…}{…}`.
    Fraction(Vec<Node>, Vec<Node>),
    /// `{…}`.
    Group(Vec<Node>),
    /// A base with a subscript, a superscript or both.
    Scripts(Box<Node>, Option<Box<Node>>, Option<Box<Node>>),
}

impl Node {
    fn write(&self, out: &mut String) {
        match self {
            Node::Identifier(c) => tagged(out, "mi", &c.to_string()),
            Node::Number(n) => tagged(out, "mn", n),
            Node::Operator(c) => tagged(out, "mo", &c.to_string()),
            Node::Text(t) => tagged(out, "mtext", t),
            Node::Fraction(numerator, denominator) => {
                out.push_str("<mfrac>");
                write_row(out, numerator);
                write_row(out, denominator);
                out.push_str("</mfrac>");
            }
            Node::Group(nodes) => write_row(out, nodes),
            Node::Scripts(base, sub, sup) => {
                let tag = match (sub, sup) {
                    (Some(_), Some(_)) => "msubsup",
                    (Some(_), None) => "msub",
                    _ => "msup",
                };
                out.push_str(&format!("<{tag}>"));
                for node in [Some(base), sub.as_ref(), sup.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    node.write(out);
                }
                out.push_str(&format!("</{tag}>"));
            }
        }
    }
}

fn write_row(out: &mut String, nodes: &[Node]) {
    out.push_str("<mrow>");
    for node in nodes {
        node.write(out);
    }
    out.push_str("</mrow>");
}

fn tagged(out: &mut String, tag: &str, text: &str) {
    out.push_str(&format!("<{tag}>"));
    escape_into(out, text);
    out.push_str(&format!("</{tag}>"));
}

use model::text::escape_html_into as escape_into;

/// Commands that stand for one operator sign.
const OPERATORS: &[(&str, char)] = &[
    ("times", '\u{d7}'),
    ("cdot", '\u{22c5}'),
    ("div", '\u{f7}'),
    ("sum", '\u{2211}'),
    ("pm", '\u{b1}'),
    ("le", '\u{2264}'),
    ("leq", '\u{2264}'),
    ("ge", '\u{2265}'),
    ("geq", '\u{2265}'),
    ("neq", '\u{2260}'),
    ("%", '%'),
];

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    /// Nodes up to `end` (consumed) or to the end of the input when `end` is `None`.
    fn row(&mut self, end: Option<char>) -> Option<Vec<Node>> {
        let mut nodes = Vec::new();
        loop {
            match self.peek() {
                None if end.is_none() => return Some(nodes),
                None => return None,
                Some(c) if Some(c) == end => {
                    self.at += 1;
                    return Some(nodes);
                }
                Some('_' | '^') => {
                    let base = nodes.pop().unwrap_or(Node::Group(Vec::new()));
                    nodes.push(self.scripts(base)?);
                }
                Some(_) => {
                    if let Some(node) = self.atom()? {
                        nodes.push(node);
                    }
                }
            }
        }
    }

    /// One node, `Some(None)` for what draws nothing (spaces), `None` outside the subset.
    fn atom(&mut self) -> Option<Option<Node>> {
        let c = self.next()?;
        Some(Some(match c {
            ' ' | '\t' | '\n' => return Some(None),
            '{' => Node::Group(self.row(Some('}'))?),
            '\\' => return self.command(),
            c if c.is_ascii_digit() => self.number(c),
            c if c.is_alphabetic() => Node::Identifier(c),
            '=' | '+' | '-' | '/' | '(' | ')' | '[' | ']' | '<' | '>' | ',' | '.' | ':' | '*' => {
                Node::Operator(if c == '*' { '\u{d7}' } else { c })
            }
            _ => return None,
        }))
    }

    fn number(&mut self, first: char) -> Node {
        let mut digits = first.to_string();
        while let Some(c) = self.peek() {
            let separator = matches!(c, '.' | ',')
                && self
                    .chars
                    .get(self.at + 1)
                    .is_some_and(|d| d.is_ascii_digit());
            if !(c.is_ascii_digit() || separator) {
                break;
            }
            digits.push(c);
            self.at += 1;
        }
        Node::Number(digits)
    }

    /// After a backslash: `\frac`, `\text`, an operator, or a space command.
    fn command(&mut self) -> Option<Option<Node>> {
        let name = match self.peek()? {
            c if c.is_ascii_alphabetic() => {
                let start = self.at;
                while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    self.at += 1;
                }
                self.chars[start..self.at].iter().collect::<String>()
            }
            _ => self.next()?.to_string(),
        };
        Some(Some(match name.as_str() {
            "frac" => {
                let numerator = self.braced()?;
                let denominator = self.braced()?;
                Node::Fraction(numerator, denominator)
            }
            "text" | "mathrm" => Node::Text(self.braced_text()?),
            "," | ";" | " " | "quad" => return Some(None),
            name => Node::Operator(OPERATORS.iter().find(|(n, _)| *n == name)?.1),
        }))
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.at += 1;
        }
    }

    /// `{…}` as nodes.
    fn braced(&mut self) -> Option<Vec<Node>> {
        self.skip_spaces();
        (self.next()? == '{').then_some(())?;
        self.row(Some('}'))
    }

    /// `{…}` as plain text: `\text` keeps what it holds as written (`\%` is `%`).
    fn braced_text(&mut self) -> Option<String> {
        self.skip_spaces();
        (self.next()? == '{').then_some(())?;
        let mut text = String::new();
        loop {
            match self.next()? {
                '}' => return Some(text),
                '{' => return None,
                '\\' => text.push(self.next()?),
                c => text.push(c),
            }
        }
    }

    /// `_x`, `^{…}`, or both, on `base`.
    fn scripts(&mut self, base: Node) -> Option<Node> {
        let (mut sub, mut sup) = (None, None);
        while let Some(mark @ ('_' | '^')) = self.peek() {
            self.at += 1;
            self.skip_spaces();
            let script = Box::new(self.atom()??);
            let slot = if mark == '_' { &mut sub } else { &mut sup };
            if slot.replace(script).is_some() {
                return None;
            }
        }
        Some(Node::Scripts(Box::new(base), sub, sup))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_formula_becomes_a_fraction_of_two_sums_times_a_hundred_percent() {
        let source = r"$X = \frac{\sum \text{Jumlah Pegawai terlatih}}{\sum \text{Jumlah Pegawai}} \times 100\%$";
        assert_eq!(
            formula_html(source),
            "<math display=\"inline\"><mrow><mi>X</mi><mo>=</mo><mfrac>\
             <mrow><mo>\u{2211}</mo><mtext>Jumlah Pegawai terlatih</mtext></mrow>\
             <mrow><mo>\u{2211}</mo><mtext>Jumlah Pegawai</mtext></mrow></mfrac>\
             <mo>\u{d7}</mo><mn>100</mn><mo>%</mo></mrow></math>"
        );
    }

    #[test]
    fn a_formula_without_dollars_is_text_as_written() {
        assert_eq!(formula_html("A/B x 100%"), "A/B x 100%");
    }

    #[test]
    fn text_around_the_math_stays_and_is_escaped() {
        assert_eq!(
            formula_html("Rumus <b>: $A_1^2$ & lain"),
            "Rumus &lt;b&gt;: <math display=\"inline\"><mrow><msubsup><mi>A</mi><mn>1</mn>\
             <mn>2</mn></msubsup></mrow></math> &amp; lain"
        );
    }

    #[test]
    fn what_the_subset_does_not_know_is_shown_as_written() {
        for source in [
            r"$\sqrt{x}$",
            r"$\frac{a}$",
            r"$\text{tanpa akhir$",
            r"${a$",
            "$a}$",
            "$a_$",
            "$a_1_2$",
            "$a # b$",
        ] {
            assert_eq!(
                formula_html(source),
                source.replace('&', "&amp;"),
                "{source}"
            );
        }
    }

    #[test]
    fn an_unpaired_dollar_is_text() {
        assert_eq!(formula_html("Rp 5 $ atau"), "Rp 5 $ atau");
    }

    #[test]
    fn nothing_typed_inside_the_math_can_open_a_tag() {
        let html = formula_html(r#"$\text{<script>alert("x")</script>}$"#);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    }

    #[test]
    fn decimal_numbers_stay_whole() {
        assert_eq!(
            to_mathml("12,5 + 0.75"),
            Some(
                "<math display=\"inline\"><mrow><mn>12,5</mn><mo>+</mo><mn>0.75</mn></mrow></math>"
                    .into()
            )
        );
    }
}
