//! How the report's figures and labels read, shared by the screen, the CSV and
//! the PDF so that all three print the same text.

use crate::domain::evaluation::stats::tenths_text;
use crate::domain::evaluation::{Label, Shown};
use crate::i18n::Locale;

/// A figure as text: "1,234", "4.5", "66.7%", "<5", "*", "—".
pub fn shown(l: Locale, s: Shown) -> String {
    match s {
        Shown::Count(n) => l.number(n),
        Shown::Tenths(t) => tenths_text(t),
        Shown::Percent(t) => format!("{}%", tenths_text(t)),
        Shown::Small => "<5".to_owned(),
        Shown::Withheld => "*".to_owned(),
        Shown::NoData => "—".to_owned(),
    }
}

/// A figure for machines (CSV): no grouping separators, blank for "no data".
pub fn plain(s: Shown) -> String {
    match s {
        Shown::Count(n) => n.to_string(),
        Shown::Tenths(t) => tenths_text(t),
        Shown::Percent(t) => tenths_text(t),
        Shown::Small => "<5".to_owned(),
        Shown::Withheld => "*".to_owned(),
        Shown::NoData => String::new(),
    }
}

/// A row label in the reader's language.
pub fn label(l: Locale, label: &Label) -> String {
    match label {
        Label::Key(key) => l.try_text(key).unwrap_or_else(|| key.clone()),
        Label::Name(name) => name.clone(),
        Label::Month(first, _) => month(l, *first),
    }
}

/// A month as people write it: 2026年3月, Mar 2026.
pub fn month(l: Locale, first: chrono::NaiveDate) -> String {
    match l {
        Locale::ZhCn | Locale::ZhTw => first.format("%Y年%-m月").to_string(),
        Locale::En => first.format("%b %Y").to_string(),
    }
}

/// A short month label for a chart axis: 3月, Mar (with the year in January
/// and on the first point).
pub fn month_tick(l: Locale, first: chrono::NaiveDate, with_year: bool) -> String {
    use chrono::Datelike;
    if with_year || first.month() == 1 {
        return match l {
            Locale::ZhCn | Locale::ZhTw => first.format("%y年%-m月").to_string(),
            Locale::En => first.format("%b %y").to_string(),
        };
    }
    match l {
        Locale::ZhCn | Locale::ZhTw => first.format("%-m月").to_string(),
        Locale::En => first.format("%b").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_alike_everywhere() {
        assert_eq!(shown(Locale::En, Shown::Count(12345)), "12,345");
        assert_eq!(shown(Locale::ZhCn, Shown::Percent(667)), "66.7%");
        assert_eq!(shown(Locale::En, Shown::Small), "<5");
        assert_eq!(plain(Shown::Count(12345)), "12345");
        assert_eq!(plain(Shown::Percent(667)), "66.7");
        assert_eq!(plain(Shown::NoData), "");
        let march = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(month(Locale::ZhCn, march), "2026年3月");
        assert_eq!(month(Locale::En, march), "Mar 2026");
    }
}
