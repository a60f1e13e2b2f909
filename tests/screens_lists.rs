//! The staff screens of lists, through HTTP as a browser uses them: the home
//! page (caseload, intake queue, what is due, sign-offs), the case list
//! (filters, sorting, keyset pages, bad values, scope) and the new-case screen
//! (client search, duplicate warning, creation, refusals), in three languages.
//!
//! `scale` loads 100,000 cases and prints timings; it is ignored unless asked for:
//! `cargo test --release --test screens_lists -- --ignored --nocapture`.

#[macro_use]
mod common;
#[path = "screens_lists/home.rs"]
mod home;
#[path = "screens_lists/list.rs"]
mod list;
#[path = "screens_lists/new_case.rs"]
mod new_case;
#[path = "screens_lists/replay.rs"]
mod replay;
#[path = "screens_lists/scale.rs"]
mod scale;
#[path = "screens_lists/support.rs"]
mod support;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common::{Fixture, TestApp};
use support::page;

async fn three_languages(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = Some(fx.worker.as_str());
    for (lang, home, list, new) in [
        ("zh-CN", "我的工作", "个案列表", "新建个案（接案）"),
        ("zh-TW", "我的工作", "個案列表", "新建個案（接案）"),
        ("en", "My work", "Cases", "New case at intake"),
    ] {
        for (uri, title) in [("/", home), ("/cases", list), ("/cases/new", new)] {
            let (status, html) = page(&app, w, uri, lang).await;
            assert_eq!(status, StatusCode::OK);
            assert!(html.contains(&format!("<h1>{title}</h1>")), "{lang} {uri}");
        }
    }
}
on_both_backends!(languages, three_languages);

/// Every message, term and attribute of every locale file exists in all three
/// languages: a key missing in one language shows its raw name on screen, and an
/// extra one is usually a typo of a key the code asks for.
#[test]
fn locale_files_have_the_same_keys() {
    use fluent_syntax::ast::Entry;
    let dir = |lang: &str| format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let keys = |lang: &str, file: &str| -> BTreeSet<String> {
        let path = format!("{}/{file}", dir(lang));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let resource = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{path} does not parse: {errors:?}"));
        let mut keys = BTreeSet::new();
        for entry in resource.body {
            let (id, attributes) = match entry {
                Entry::Message(m) => (m.id.name.to_owned(), m.attributes),
                Entry::Term(t) => (format!("-{}", t.id.name), t.attributes),
                _ => continue,
            };
            for a in attributes {
                keys.insert(format!("{id}.{}", a.id.name));
            }
            keys.insert(id);
        }
        keys
    };
    let mut files: Vec<String> = std::fs::read_dir(dir("en"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".ftl"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    let mut problems = Vec::new();
    for file in &files {
        let en = keys("en", file);
        assert!(!en.is_empty(), "{file} has no messages");
        for lang in ["zh-CN", "zh-TW"] {
            let other = keys(lang, file);
            for missing in en.difference(&other) {
                problems.push(format!("{lang}/{file}: missing {missing}"));
            }
            for extra in other.difference(&en) {
                problems.push(format!("{lang}/{file}: extra {extra}"));
            }
        }
    }
    for lang in ["zh-CN", "zh-TW"] {
        let mut theirs: Vec<String> = std::fs::read_dir(dir(lang))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|f| f.ends_with(".ftl"))
            .collect();
        theirs.sort();
        assert_eq!(theirs, files, "{lang} has other locale files than en");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The language switch goes back only to a path of this site: a tab or newline
/// hidden in `back` (which browsers drop, turning `/\t/evil.com` into
/// `//evil.com`), a backslash, a space or any control character sends the
/// reader home instead, and never makes a 500.
async fn language_switch_goes_back_only_here(app: TestApp) {
    use axum::body::Body;
    use axum::http::{Request, header};
    for (back, expected) in [
        ("%2Fcases%3Fstage%3Dintake", "/cases?stage=intake"),
        ("%2Fcases%2Fnew", "/cases/new"),
        ("%2F%09%2Fevil.com", "/"),
        ("%2F%0A%2Fevil.com", "/"),
        ("%2F%0D%0ASet-Cookie%3Ax", "/"),
        ("%2F%2Fevil.com", "/"),
        ("%2F%5Cevil.com", "/"),
        ("%2F%20%2Fevil.com", "/"),
        ("%2F%00", "/"),
        ("%2F%7F", "/"),
        ("%2F%E4%B8%AD", "/"),
        ("https%3A%2F%2Fevil.com", "/"),
        ("evil.com", "/"),
        ("", "/"),
    ] {
        for tag in ["en", "xx"] {
            let req = Request::builder()
                .uri(format!("/language/{tag}?back={back}"))
                .header("accept", "text/html")
                .body(Body::empty())
                .unwrap();
            let (status, headers, _) = app.send(req).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{tag} back={back}");
            assert_eq!(
                headers[header::LOCATION].to_str().unwrap(),
                expected,
                "{tag} back={back}"
            );
        }
    }
}
on_both_backends!(language_switch_back, language_switch_goes_back_only_here);
