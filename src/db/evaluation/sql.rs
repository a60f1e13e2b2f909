//! A small builder for the report's SQL: text with placeholders in the backend's
//! syntax, and the values bound to them. Every value is bound, never spliced.
//!
//! The report's queries use correlated subqueries and computed durations that the
//! query builder does not express portably; they are written out here once, with
//! the one difference between the backends (how to subtract two timestamps) kept
//! in [`Dialect`].

use chrono::NaiveDateTime;
use diesel::query_builder::BoxedSqlQuery;
use diesel::sql_types::{Text, Timestamp};

use crate::db::DbConnection;

type Backend = <DbConnection as diesel::Connection>::Backend;

/// Which SQL the connection speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `?` placeholders.
    Sqlite,
    /// `$n` placeholders.
    Postgres,
}

impl Dialect {
    /// The dialect of a connection.
    pub fn of(conn: &DbConnection) -> Dialect {
        match conn {
            DbConnection::Sqlite(_) => Dialect::Sqlite,
            DbConnection::Postgresql(_) => Dialect::Postgres,
        }
    }
}

#[derive(Debug, Clone)]
enum Bind {
    Text(String),
    Time(NaiveDateTime),
}

/// SQL text and its bound values.
#[derive(Debug, Clone)]
pub struct Sql {
    dialect: Dialect,
    text: String,
    binds: Vec<Bind>,
}

impl Sql {
    /// Empty SQL for a dialect.
    pub fn new(dialect: Dialect) -> Sql {
        Sql {
            dialect,
            text: String::new(),
            binds: Vec::new(),
        }
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Appends SQL text (never a value from outside: those go through the binds).
    pub fn push(&mut self, sql: &str) -> &mut Sql {
        self.text.push_str(sql);
        self
    }

    fn placeholder(&mut self, bind: Bind) -> &mut Sql {
        self.binds.push(bind);
        match self.dialect {
            Dialect::Sqlite => self.text.push('?'),
            Dialect::Postgres => {
                let n = self.binds.len();
                self.text.push_str(&format!("${n}"));
            }
        }
        self
    }

    /// Appends a placeholder bound to a text value.
    pub fn text(&mut self, value: &str) -> &mut Sql {
        self.placeholder(Bind::Text(value.to_owned()))
    }

    /// Appends a placeholder bound to a timestamp.
    pub fn time(&mut self, value: NaiveDateTime) -> &mut Sql {
        self.placeholder(Bind::Time(value))
    }

    /// Appends ` AND column >= start AND column < end`: the column within a
    /// period, half open as every period of the report.
    pub fn within(&mut self, column: &str, start: NaiveDateTime, end: NaiveDateTime) -> &mut Sql {
        self.push(" AND ")
            .push(column)
            .push(" >= ")
            .time(start)
            .push(" AND ")
            .push(column)
            .push(" < ")
            .time(end)
    }

    /// Appends `(?, ?, ...)` bound to the values (a list that is never empty:
    /// an empty list matches nothing, written as a value no id can have).
    pub fn list(&mut self, values: &[String]) -> &mut Sql {
        self.push("(");
        if values.is_empty() {
            self.text("");
        }
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.text(v);
        }
        self.push(")")
    }

    /// The query, ready to load.
    pub fn query(&self) -> BoxedSqlQuery<'static, Backend, diesel::query_builder::SqlQuery> {
        let mut q = diesel::sql_query(self.text.clone()).into_boxed::<Backend>();
        for bind in &self.binds {
            q = match bind {
                Bind::Text(s) => q.bind::<Text, _>(s.clone()),
                Bind::Time(t) => q.bind::<Timestamp, _>(*t),
            };
        }
        q
    }

    /// The text (for tests and logs).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_dialect() {
        for (dialect, want) in [
            (Dialect::Sqlite, "a = ? AND b IN (?, ?) AND c = ?"),
            (Dialect::Postgres, "a = $1 AND b IN ($2, $3) AND c = $4"),
        ] {
            let mut sql = Sql::new(dialect);
            sql.push("a = ")
                .text("x")
                .push(" AND b IN ")
                .list(&["1".into(), "2".into()])
                .push(" AND c = ")
                .text("z");
            assert_eq!(sql.as_str(), want);
            assert_eq!(sql.binds.len(), 4);
        }
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        let mut sql = Sql::new(Dialect::Sqlite);
        sql.push("x IN ").list(&[]);
        assert_eq!(sql.as_str(), "x IN (?)");
    }
}
