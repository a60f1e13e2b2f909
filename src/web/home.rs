//! The front page: what this is, in the visitor's language.

use maud::{DOCTYPE, Markup, html};

use super::locale::RequestLocale;

/// `GET /`.
pub async fn home(RequestLocale(l): RequestLocale) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(l.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (l.text("app-name")) }
            }
            body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6" {
                h1 { (l.text("app-name")) }
                p { (l.text("app-tagline")) }
                p { (l.text("home-running")) }
                p { (l.text("home-next")) }
                p { a href="/healthz" { (l.text("home-health")) } }
            }
        }
    }
}
