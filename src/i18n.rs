//! Languages: negotiation from the request, and lookups in the locale files.
//!
//! Strings live only in `locales/<lang>/main.ftl` (Fluent), compiled into the
//! binary. Code refers to them by key; codes such as `intake.channel` map to keys
//! such as `field-intake-channel` through [`code_key`].

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidirectional isolation marks would show up as stray characters in JSON.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    /// Simplified Chinese, the default.
    ZhCn,
    /// Traditional Chinese.
    ZhTw,
    /// English.
    En,
}

static ZH_CN: LanguageIdentifier = langid!("zh-CN");
static ZH_TW: LanguageIdentifier = langid!("zh-TW");
static EN: LanguageIdentifier = langid!("en");

impl Locale {
    /// Every supported locale.
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

    /// The BCP 47 tag, as in `lang` attributes and cookies.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }

    /// Maps one language tag to a supported locale: any Traditional Chinese
    /// (zh-TW, zh-HK, zh-MO, zh-Hant) to zh-TW, other Chinese to zh-CN.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        match parts.next()? {
            "zh" => {
                let traditional = parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant"));
                Some(if traditional {
                    Locale::ZhTw
                } else {
                    Locale::ZhCn
                })
            }
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The best locale for an `Accept-Language` header; Simplified Chinese when
    /// nothing matches, since that is what most users read.
    pub fn negotiate(accept_language: Option<&str>) -> Locale {
        accept_language
            .map(accept_language::parse)
            .unwrap_or_default()
            .iter()
            .find_map(|tag| Locale::from_tag(tag))
            .unwrap_or(Locale::ZhCn)
    }

    /// The text for a key.
    pub fn text(self, key: &str) -> String {
        LOCALES.lookup(self.langid(), key)
    }

    /// The text for a key, if the locale files have it.
    pub fn try_text(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(self.langid(), key)
    }

    /// The text for a key with arguments.
    pub fn text_with(self, key: &str, args: &[(&'static str, Arg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES.lookup_with_args(self.langid(), key, &map)
    }

    /// Joins items with the locale's list separator ("、" in Chinese).
    pub fn join(self, items: &[String]) -> String {
        items.join(&self.text("list-separator"))
    }

    /// A date as people write it in this language: 2026年11月23日, 23 Nov 2026.
    pub fn date(self, date: chrono::NaiveDate) -> String {
        match self {
            Locale::ZhCn | Locale::ZhTw => date.format("%Y年%-m月%-d日").to_string(),
            Locale::En => date.format("%-d %b %Y").to_string(),
        }
    }

    /// A stored (UTC) time shown in the installation's zone with its date, to the minute.
    pub fn date_time(self, at: chrono::NaiveDateTime) -> String {
        let local = crate::local_time::to_local(at);
        format!("{} {}", self.date(local.date()), local.format("%H:%M"))
    }

    /// The local day of a stored (UTC) time.
    pub fn day_of(self, at: chrono::NaiveDateTime) -> String {
        self.date(crate::local_time::local_day(at))
    }

    /// A whole number with the locale's grouping (12,345).
    pub fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }

    /// An amount in fen as yuan with two decimals (¥12,345.60).
    pub fn money(self, fen: i64) -> String {
        format!("¥{}.{:02}", self.number(fen / 100), (fen % 100).abs())
    }

    /// The label of a code: `code_key(prefix, code)` looked up, or the code itself.
    pub fn label(self, prefix: &str, code: &str) -> String {
        self.try_text(&code_key(prefix, code))
            .unwrap_or_else(|| code.to_owned())
    }
}

/// A Fluent argument.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text.
    Text(String),
    /// A number.
    Number(i64),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

/// The locale-file key for a code: `("field", "contract.goals.0.description")` gives
/// `field-contract-goals-description` (list indices are dropped).
pub fn code_key(prefix: &str, code: &str) -> String {
    let mut key = String::from(prefix);
    for part in code.split('.').filter(|p| p.parse::<usize>().is_err()) {
        key.push('-');
        key.push_str(&part.replace('_', "-"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_chinese_variants() {
        assert_eq!(Locale::negotiate(Some("zh-HK,en;q=0.5")), Locale::ZhTw);
        assert_eq!(Locale::negotiate(Some("zh-Hant-TW")), Locale::ZhTw);
        assert_eq!(Locale::negotiate(Some("en-GB,zh;q=0.8")), Locale::En);
        assert_eq!(Locale::negotiate(Some("fr-FR, de")), Locale::ZhCn);
        assert_eq!(Locale::negotiate(Some("fr, zh-SG;q=0.4")), Locale::ZhCn);
        assert_eq!(Locale::negotiate(None), Locale::ZhCn);
    }

    #[test]
    fn keys_for_codes() {
        assert_eq!(
            code_key("field", "contract.goals.3.description"),
            "field-contract-goals-description"
        );
        assert_eq!(code_key("stage", "intake"), "stage-intake");
        assert_eq!(Locale::ZhCn.label("stage", "assessment"), "预估");
        assert_eq!(Locale::ZhTw.label("stage", "contract"), "計劃及合約");
    }

    #[test]
    fn formats_per_locale() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(Locale::ZhCn.date(d), "2026年11月3日");
        assert_eq!(Locale::En.date(d), "3 Nov 2026");
        assert_eq!(Locale::En.number(1_234_567), "1,234,567");
        assert_eq!(Locale::ZhTw.money(2_520_000_050), "¥25,200,000.50");
    }

    #[test]
    fn arguments_are_filled_in() {
        let text = Locale::En.text_with("error-conflict", &[("current", Arg::Number(7))]);
        assert!(text.contains("version 7"), "{text}");
    }
}
