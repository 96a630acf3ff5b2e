//! Multi-row inserts that both databases accept.
//!
//! sqlx's `QueryBuilder::push_values` writes one placeholder per bound value, but for the `Any`
//! driver that placeholder is `?`, which SQLite reads and PostgreSQL does not. So the builder
//! builds the statement and binds the values, and [`numbered`] rewrites its `?` into
//! `$1, $2, ...`, which both read. The statement text around the values is ours and holds no `?`.

use super::StoreError;
use sqlx::query_builder::Separated;
use sqlx::{Any, AnyConnection, Execute, QueryBuilder};

/// Rows per multi-row INSERT: well under both databases' limits on bound parameters.
const ROWS_PER_INSERT: usize = 50;

/// Inserts `rows` with `head VALUES (..), (..), ... tail`, `ROWS_PER_INSERT` rows per
/// statement (`tail` is an `ON CONFLICT` clause, or empty); `push_row` binds one row's values
/// in the order of `head`'s columns. Returns how many rows the statements inserted or changed.
pub(super) async fn insert_rows<'r, T>(
    conn: &mut AnyConnection,
    head: &str,
    tail: &str,
    rows: &'r [T],
    mut push_row: impl FnMut(&mut Separated<'_, 'r, Any, &'static str>, &'r T),
) -> Result<u64, StoreError> {
    let mut affected = 0;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut builder = QueryBuilder::<Any>::new(head);
        builder.push_values(chunk, |mut values, row| push_row(&mut values, row));
        builder.push(tail);
        let sql = numbered(builder.sql());
        let arguments = builder
            .build()
            .take_arguments()
            .map_err(sqlx::Error::Encode)?
            .unwrap_or_default();
        affected += sqlx::query_with(&sql, arguments)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    Ok(affected)
}

/// `?` placeholders in order as `$1, $2, ...`.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + sql.len() / 4);
    let mut next = 0;
    for c in sql.chars() {
        if c == '?' {
            next += 1;
            out.push('$');
            out.push_str(&next.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn the_builders_question_marks_are_numbered_in_order() {
        assert_eq!(
            numbered("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(numbered("SELECT 1"), "SELECT 1");
    }
}
