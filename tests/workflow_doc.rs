//! docs/workflow.md must describe the machine the code runs.

use std::collections::BTreeSet;

use casework::domain::workflow::{Guard, RULES};

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/workflow.md")).unwrap()
}

/// The table rows between `<!-- NAME:start -->` and `<!-- NAME:end -->`, header excluded.
fn table(doc: &str, name: &str) -> Vec<Vec<String>> {
    let start = doc
        .find(&format!("<!-- {name}:start -->"))
        .expect("start marker");
    let end = doc
        .find(&format!("<!-- {name}:end -->"))
        .expect("end marker");
    doc[start..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn transition_table_matches_the_code() {
    let documented: BTreeSet<Vec<String>> = table(&doc(), "rules").into_iter().collect();
    let coded: BTreeSet<Vec<String>> = RULES
        .iter()
        .map(|r| {
            vec![
                r.from.to_string(),
                r.transition.to_string(),
                r.to.to_string(),
                r.roles
                    .iter()
                    .map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if r.not_by_assigned_worker {
                    "yes"
                } else {
                    "no"
                }
                .to_owned(),
                r.guard.to_string(),
            ]
        })
        .collect();
    assert_eq!(
        documented.len(),
        RULES.len(),
        "duplicate rows in the document"
    );
    assert_eq!(
        documented,
        coded,
        "\nonly documented: {:?}\nonly in code: {:?}",
        documented.difference(&coded).collect::<Vec<_>>(),
        coded.difference(&documented).collect::<Vec<_>>()
    );
}

#[test]
fn guard_table_matches_the_code() {
    let documented: BTreeSet<(String, String)> = table(&doc(), "guards")
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let coded: BTreeSet<(String, String)> = Guard::ALL
        .iter()
        .map(|g| {
            let reqs: Vec<&str> = g.requirements().iter().map(|m| m.as_str()).collect();
            (g.to_string(), reqs.join(", "))
        })
        .collect();
    assert_eq!(documented, coded);
}

#[test]
fn diagram_draws_every_rule() {
    let doc = doc();
    let start = doc.find("```mermaid").expect("a mermaid diagram");
    let end = start + doc[start..].find("\n```\n").expect("end of the diagram");
    let edges: BTreeSet<String> = doc[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("-->") && !l.starts_with("[*]"))
        .map(str::to_owned)
        .collect();
    let coded: BTreeSet<String> = RULES
        .iter()
        .map(|r| format!("{} --> {} : {}", r.from, r.to, r.transition))
        .collect();
    assert_eq!(edges, coded);
}
