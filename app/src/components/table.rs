//! A table of rows under one row of column headings, as every list and chart table of the pages
//! draws it: headings are `scope="col"`, and a column of figures is right-aligned (`num`).

use leptos::either::Either;
use leptos::prelude::*;

/// One column heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    /// A column of figures, aligned right.
    pub numeric: bool,
}

/// A column of text.
pub const fn col(title: &'static str) -> Column {
    Column {
        title,
        numeric: false,
    }
}

/// A column of figures.
pub const fn num(title: &'static str) -> Column {
    Column {
        title,
        numeric: true,
    }
}

/// `<table class=class>` with an optional caption, the headings and `children` as its body.
#[component]
pub fn Table(
    class: &'static str,
    columns: &'static [Column],
    #[prop(optional, into)] caption: Option<String>,
    children: Children,
) -> impl IntoView {
    table(class, columns, caption, children)
}

/// A [`Table`] that scrolls sideways on its own when it is wider than a phone. A table with
/// nothing to focus in it names a `region`: the scrolling box is then reached with Tab and
/// scrolled with the arrow keys, and a screen reader announces it by that name.
#[component]
pub fn ScrollTable(
    class: &'static str,
    columns: &'static [Column],
    #[prop(optional, into)] caption: Option<String>,
    #[prop(optional, into)] region: Option<String>,
    children: Children,
) -> impl IntoView {
    let focusable = region.is_some().then_some("0");
    let role = region.is_some().then_some("region");
    view! {
        <div class="table-scroll" role=role tabindex=focusable aria-label=region>
            {table(class, columns, caption, children)}
        </div>
    }
}

fn table(
    class: &'static str,
    columns: &'static [Column],
    caption: Option<String>,
    children: Children,
) -> impl IntoView {
    let headings = columns
        .iter()
        .map(|c| {
            // Two elements rather than an optional class: a text column carries no `class=""`.
            if c.numeric {
                Either::Left(view! { <th scope="col" class="num">{c.title}</th> })
            } else {
                Either::Right(view! { <th scope="col">{c.title}</th> })
            }
        })
        .collect_view();
    view! {
        <table class=class>
            {caption.map(|c| view! { <caption>{c}</caption> })}
            <thead>
                <tr>{headings}</tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_figure_column_is_aligned_right_and_a_text_column_carries_no_class() {
        const COLUMNS: &[Column] = &[col("Kegiatan"), num("Pagu")];
        let html = Owner::new().with(|| {
            view! { <Table class="budget" columns=COLUMNS caption="Anggaran"><tr></tr></Table> }
                .to_html()
        });
        for part in [
            r#"<caption>Anggaran</caption><thead><tr><th scope="col">Kegiatan</th>"#,
            r#"<th scope="col" class="num">Pagu</th>"#,
            r#"<tbody><tr></tr></tbody>"#,
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
    }
}
