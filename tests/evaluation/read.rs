//! Reading the report back: pages and downloads as a browser asks for them, the
//! CSV parsed with the `csv` crate, and a table's cells out of the HTML.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};

use crate::common::TestApp;

/// GET as a browser: session cookie, `Accept: text/html`, a language.
pub async fn download(
    app: &TestApp,
    user: &str,
    uri: &str,
    lang: &str,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let (token, _) = app.session_for(user);
    let req = Request::builder()
        .uri(uri)
        .header("accept", "text/html,*/*")
        .header("accept-language", lang)
        .header("cookie", app.cookie(&token))
        .body(Body::empty())
        .unwrap();
    app.send(req).await
}

/// A page as text; `user` `None` sends no session.
pub async fn page(
    app: &TestApp,
    user: Option<&str>,
    uri: &str,
    lang: &str,
) -> (StatusCode, String) {
    let mut req = Request::builder()
        .uri(uri)
        .header("accept", "text/html")
        .header("accept-language", lang);
    if let Some(user) = user {
        let (token, _) = app.session_for(user);
        req = req.header("cookie", app.cookie(&token));
    }
    let (status, _, body) = app.send(req.body(Body::empty()).unwrap()).await;
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// A parsed CSV: `section,item,label,measure,value` rows.
pub struct Csv {
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    pub fn parse(bytes: &[u8]) -> Csv {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let text = text.strip_prefix('\u{feff}').expect("byte-order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            ["section", "item", "label", "measure", "value"]
        );
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        Csv { rows }
    }

    /// The value of one figure; panics when the CSV lacks it.
    pub fn get(&self, section: &str, item: &str, measure: &str) -> String {
        let found: Vec<&Vec<String>> = self
            .rows
            .iter()
            .filter(|r| r[0] == section && r[1] == item && r[3] == measure)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{section}/{item}/{measure} in {:?}",
            self.rows
        );
        found[0][4].clone()
    }

    /// A count of a table.
    pub fn count(&self, section: &str, item: &str) -> String {
        self.get(section, item, "count")
    }
}

/// The figure cells of one row of one table of the screen.
pub fn cells(html: &str, table: &str, item: &str) -> Vec<String> {
    let start = html
        .find(&format!("data-table=\"{table}\""))
        .unwrap_or_else(|| panic!("no table {table}"));
    let rest = &html[start..];
    let end = rest.find("</table>").unwrap_or(rest.len());
    let rest = &rest[..end];
    let row_at = rest
        .find(&format!("<tr data-item=\"{item}\">"))
        .unwrap_or_else(|| panic!("no row {item} in {table}"));
    let row = &rest[row_at..];
    let row = &row[..row.find("</tr>").unwrap()];
    row.split("<td class=\"num\">")
        .skip(1)
        .map(|c| c[..c.find("</td>").unwrap()].to_owned())
        .collect()
}

/// The text of a PDF, one string per page with all white space removed, as
/// poppler's `pdftotext` extracts it; `None` when poppler is not installed
/// (outside CI, where it must be).
pub fn pdf_pages(pdf: &[u8]) -> Option<Vec<String>> {
    use std::process::Command;
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "CI is set but pdftotext is missing: install poppler-utils"
        );
        eprintln!("pdftotext not found (apt-get install poppler-utils): PDF checks skipped");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text
        .split('\u{0C}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    Some(pages)
}

/// With `CASEWORK_SCREENSHOTS` set, writes the first pages of a PDF as PNG
/// images into `docs/screenshots/` (`name-1.png`...), for the documentation.
pub fn keep_page_images(pdf: &[u8], name: &str, pages: u32) {
    if std::env::var("CASEWORK_SCREENSHOTS").is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/screenshots")
        .join(name);
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", &pages.to_string()])
        .arg(&path)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed");
}
