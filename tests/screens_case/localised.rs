//! Validation messages in the reader's language, beside the field they are
//! about (the field's `aria-describedby` points to them): intake, assessment
//! (a WHO-5 answer out of range), session log, closure and the new-case form,
//! in Simplified and Traditional Chinese. Nothing is saved.

use axum::http::StatusCode;
use serde_json::json;

use super::{api_step, case_in_intervention, get, post_in};
use crate::common::{Fixture, Snapshot, TestApp, create_client, open_case};

/// One refused form per language and the messages expected beside its fields.
struct Expect {
    field_id: &'static str,
    zh_cn: &'static str,
    zh_tw: &'static str,
}

async fn refused_in_both_chinese(
    app: &TestApp,
    actor: &str,
    case: Option<&str>,
    uri: &str,
    fields: &[(&str, &str)],
    expected: &[Expect],
) {
    let version = match case {
        Some(id) => get(app, &format!("/cases/{id}"), actor).await.version(),
        None => "0".into(),
    };
    let before = Snapshot::take(app);
    for lang in ["zh-CN", "zh-TW"] {
        let answer = post_in(app, uri, actor, &version, fields, lang).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{lang} {uri}: {}",
            answer.body
        );
        for e in expected {
            let text = if lang == "zh-CN" { e.zh_cn } else { e.zh_tw };
            answer.assert_error(e.field_id, text);
        }
        let alert = if lang == "zh-CN" {
            "html lang=\"zh-CN\""
        } else {
            "html lang=\"zh-TW\""
        };
        assert!(
            answer.body.contains(alert),
            "{lang}: the page is in the reader's language"
        );
        assert_eq!(Snapshot::take(app), before, "{lang} {uri}: nothing saved");
    }
}

async fn messages_in_chinese(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();

    // Intake: an unknown channel.
    let client = create_client(&app, w, "钱芳", 1990).await;
    let (intake, _) = open_case(&app, &fx, "counselling", &client).await;
    refused_in_both_chinese(
        &app,
        w,
        Some(&intake),
        &format!("/cases/{intake}/intake"),
        &[
            ("channel", "fax"),
            ("urgency", "soon"),
            ("presenting_problem", "失眠"),
        ],
        &[Expect {
            field_id: "intake-channel",
            zh_cn: "来源渠道不存在或不能在此使用。",
            zh_tw: "來源渠道不存在或不能在此使用。",
        }],
    )
    .await;

    // Assessment: a WHO-5 answer above 5.
    api_step(
        &app,
        w,
        &intake,
        "intake",
        json!({ "channel": "hotline",
        "presenting_problem": "失眠", "urgency": "soon", "consent_service": true,
        "consent_sensitive": true }),
    )
    .await;
    api_step(
        &app,
        w,
        &intake,
        "transitions",
        json!({ "transition": "advance" }),
    )
    .await;
    refused_in_both_chinese(
        &app,
        w,
        Some(&intake),
        &format!("/cases/{intake}/assessment"),
        &[
            ("risk_level", "low"),
            ("who5.1", "9"),
            ("who5.2", "1"),
            ("who5.3", "1"),
            ("who5.4", "1"),
            ("who5.5", "1"),
        ],
        &[Expect {
            field_id: "assessment-who5-items",
            zh_cn: "WHO-5 全部五项的回答须介于 0 与 5 之间。",
            zh_tw: "WHO-5 全部五項的回答須介於 0 與 5 之間。",
        }],
    )
    .await;

    // Session log: a duration that is not a number, no mode.
    let id = case_in_intervention(&app, &fx).await;
    refused_in_both_chinese(
        &app,
        w,
        Some(&id),
        &format!("/cases/{id}/sessions"),
        &[
            ("held_on", &super::today()),
            ("duration_minutes", "abc"),
            ("mode", ""),
        ],
        &[
            Expect {
                field_id: "session-duration-minutes",
                zh_cn: "时长（分钟）须介于 1 与 1440 之间。",
                zh_tw: "時長（分鐘）須介於 1 與 1440 之間。",
            },
            Expect {
                field_id: "session-mode",
                zh_cn: "请填写服务方式。",
                zh_tw: "請填寫服務方式。",
            },
        ],
    )
    .await;

    // Closure: satisfaction out of range, half a WHO-5.
    api_step(
        &app,
        w,
        &id,
        "transitions",
        json!({ "transition": "advance" }),
    )
    .await;
    refused_in_both_chinese(
        &app,
        w,
        Some(&id),
        &format!("/cases/{id}/closure"),
        &[
            ("reason", "goals_achieved"),
            ("satisfaction", "9"),
            ("who5.1", "4"),
        ],
        &[
            Expect {
                field_id: "closure-satisfaction",
                zh_cn: "服务对象满意度须介于 1 与 5 之间。",
                zh_tw: "服務對象滿意度須介於 1 與 5 之間。",
            },
            Expect {
                field_id: "closure-who5-items",
                zh_cn: "请填写WHO-5 全部五项的回答。",
                zh_tw: "請填寫WHO-5 全部五項的回答。",
            },
        ],
    )
    .await;

    // New case: no name, an unknown case type.
    refused_in_both_chinese(
        &app,
        w,
        None,
        "/cases/new",
        &[
            ("full_name", " "),
            ("case_type", "astrology"),
            ("team_id", fx.team.as_str()),
        ],
        &[
            Expect {
                field_id: "client-full-name",
                zh_cn: "请填写姓名。",
                zh_tw: "請填寫姓名。",
            },
            Expect {
                field_id: "case-case-type",
                zh_cn: "请选择个案类型。",
                zh_tw: "請選擇個案類型。",
            },
        ],
    )
    .await;
}
on_both_backends!(localised_messages, messages_in_chinese);
