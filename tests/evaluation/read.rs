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
