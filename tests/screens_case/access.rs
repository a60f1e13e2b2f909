//! Languages, and who sees what on the case page.

use axum::http::{Method, StatusCode};

use super::{case_in_intervention, get, get_in, post, post_in, today};
use crate::common::{Fixture, TestApp, create_client, open_case};

async fn three_languages(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "刘洋", 1990).await;
    let (id, _) = open_case(&app, &fx, "special_group", &client).await;
    let uri = format!("/cases/{id}");
    for (lang, texts) in [
        (
            "zh-CN",
            ["当前阶段：接案", "服务对象", "来源渠道", "个案时间线"],
        ),
        (
            "zh-TW",
            ["目前階段：接案", "服務對象", "來源渠道", "個案時間線"],
        ),
        (
            "en",
            [
                "Current stage: Intake",
                "Client",
                "How the case came in",
                "Timeline",
            ],
        ),
    ] {
        let page = get_in(&app, &uri, &fx.worker, lang).await;
        assert!(page.body.contains(&format!("lang=\"{lang}\"")));
        for t in texts {
            assert!(page.body.contains(t), "{lang}: {t}");
        }
    }
    // Messages too: a refused transition, in each language.
    let v = get(&app, &uri, &fx.worker).await.version();
    for (lang, text) in [
        ("zh-CN", "个案处于“接案”阶段"),
        ("zh-TW", "個案處於「接案」階段"),
        ("en", "The case is in Intake"),
    ] {
        let answer = post_in(
            &app,
            &format!("{uri}/transitions"),
            &fx.worker,
            &v,
            &[("transition", "advance")],
            lang,
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains(text), "{lang}: {text}");
    }
    let (status, body) = app
        .call_with(
            Method::GET,
            &uri,
            Some(&fx.worker),
            None,
            &[
                ("accept", "text/html"),
                ("accept-language", "en"),
                ("cookie", "casework_lang=zh-TW"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.as_str().unwrap().contains("目前階段"),
        "the cookie wins over Accept-Language"
    );
}
on_both_backends!(languages, three_languages);

async fn who_sees_what(app: TestApp) {
    let fx = Fixture::insert(&app);
    let id = case_in_intervention(&app, &fx).await;
    let uri = format!("/cases/{id}");
    let own = get(&app, &uri, &fx.worker).await;
    for secret in ["SECRET-SELF-HARM", "SECRET-RISK", "SECRET-NOTES"] {
        assert!(own.body.contains(secret), "the worker reads {secret}");
    }
    assert!(
        !own.body.contains("access-log\""),
        "only supervisors get the access log link"
    );
    let teammate = get(&app, &uri, &fx.colleague).await;
    assert_eq!(teammate.status, StatusCode::OK);
    for secret in ["SECRET-SELF-HARM", "SECRET-RISK", "SECRET-NOTES"] {
        assert!(
            !teammate.body.contains(secret),
            "a teammate never reads {secret}"
        );
    }
    assert!(teammate.body.contains("Withheld"));
    assert!(
        !teammate.body.contains(&format!("action=\"/cases/{id}/")),
        "no forms, no moves"
    );
    assert!(!teammate.body.contains("name=\"transition\""));
    let refused = post(
        &app,
        &format!("/cases/{id}/sessions"),
        &fx.colleague,
        &own.version(),
        &[
            ("held_on", &today()),
            ("duration_minutes", "30"),
            ("mode", "phone"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let supervisor = get(&app, &uri, &fx.supervisor).await;
    assert!(
        supervisor
            .body
            .contains(&format!("href=\"/cases/{id}/access-log\""))
    );
    assert!(supervisor.body.contains("value=\"step_back\""));
    for outsider in [&fx.other_team_worker, &fx.stranger, &fx.officer, &fx.admin] {
        let page = get(&app, &uri, outsider).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(!page.body.contains("林小红"));
    }
}
on_both_backends!(who_sees_what_on_the_page, who_sees_what);
