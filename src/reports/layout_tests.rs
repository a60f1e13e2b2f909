use proptest::prelude::*;

use super::*;

/// A font where Latin letters are half an em wide, Chinese a whole em, and
/// emoji are missing.
struct Fixed;

impl Measure for Fixed {
    fn advance(&self, c: char) -> Option<f32> {
        match c {
            '\u{1F600}'..='\u{1F64F}' => None,
            c if c.is_ascii() => Some(0.5),
            _ => Some(1.0),
        }
    }
}

/// Like [`Fixed`], without the white square either.
struct NoSquare;

impl Measure for NoSquare {
    fn advance(&self, c: char) -> Option<f32> {
        (c != FALLBACK).then(|| Fixed.advance(c)).flatten()
    }
}

fn fits(lines: &[String], size: f32, max: f32) -> bool {
    lines
        .iter()
        .all(|l| text_width(&Fixed, l, size) <= max + 1e-3)
}

#[test]
fn latin_text_breaks_at_spaces() {
    // 10 pt, half an em per letter: 5 pt per character, 60 pt holds 12.
    let lines = wrap(&Fixed, "hello world and more", 10.0, 60.0);
    assert_eq!(lines, ["hello world", "and more"]);
}

#[test]
fn chinese_breaks_between_any_characters() {
    let lines = wrap(&Fixed, "社会工作服务中心", 10.0, 40.0);
    assert_eq!(lines, ["社会工作", "服务中心"]);
}

#[test]
fn no_line_starts_with_a_closing_mark() {
    // Four characters fit; "，" may not start the second line, so "好" moves down with it.
    let lines = wrap(&Fixed, "我们很好，谢谢", 10.0, 40.0);
    assert_eq!(lines, ["我们很", "好，谢谢"]);
    assert!(lines.iter().all(|l| !l.starts_with('，')));
}

#[test]
fn mixed_chinese_and_english() {
    let lines = wrap(&Fixed, "服务对象 client 失眠 insomnia", 10.0, 50.0);
    assert!(fits(&lines, 10.0, 50.0), "{lines:?}");
    assert_eq!(
        lines.concat().replace(' ', ""),
        "服务对象client失眠insomnia"
    );
}

#[test]
fn a_word_wider_than_the_line_is_broken_by_characters() {
    let lines = wrap(&Fixed, "aaaaaaaaaaaaaaaaaaaa", 10.0, 30.0);
    assert_eq!(lines, ["aaaaaa", "aaaaaa", "aaaaaa", "aa"]);
}

#[test]
fn spaces_before_a_closing_mark_do_not_push_it_past_the_margin() {
    // No break is allowed between the space and "，", and together they are too wide.
    let lines = wrap(&Fixed, " ，", 10.0, 12.0);
    assert_eq!(lines, ["，"]);
}

#[test]
fn line_breaks_in_the_text_are_kept() {
    let lines = wrap(&Fixed, "one\n\ntwo\nthree", 10.0, 500.0);
    assert_eq!(lines, ["one", "", "two", "three"]);
}

#[test]
fn missing_characters_become_a_visible_square() {
    assert_eq!(printable(&Fixed, "好😀ok"), "好\u{25A1}ok");
    assert_eq!(printable(&NoSquare, "好😀ok"), "好?ok");
}

#[test]
fn control_characters_are_dropped_and_tabs_become_spaces() {
    assert_eq!(
        printable(&Fixed, "a\r\nb\tc\u{0007}\u{200B}d"),
        "a\nb    cd"
    );
}

#[test]
fn a_long_paragraph_runs_on_over_pages_within_the_margins() {
    let geo = Geometry::A4;
    let text = "职工连续夜班后失眠焦虑，需要减压与支持。".repeat(400);
    let pages = lay_out(
        &Fixed,
        &geo,
        &[
            Block::Heading("Sessions".into()),
            Block::Field {
                label: "Notes".into(),
                value: text.clone(),
            },
        ],
    );
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let mut all = String::new();
    for page in &pages {
        for item in &page.items {
            if let Placed::Text {
                y, x, size, text, ..
            } = item
            {
                assert!(
                    *y <= geo.height - geo.margin_bottom + 0.1,
                    "below the margin: {y}"
                );
                assert!(*y >= geo.margin_top, "above the margin: {y}");
                assert!(x + text_width(&Fixed, text, *size) <= geo.width - geo.margin_x + 0.1);
            }
        }
        all.push_str(&page.lines().concat());
    }
    assert_eq!(
        all,
        format!("SessionsNotes{text}"),
        "nothing lost or repeated"
    );
}

#[test]
fn a_heading_is_never_the_last_thing_on_a_page() {
    let geo = Geometry::A4;
    // 37 paragraphs leave room for the heading's own line, not for three more.
    let mut blocks: Vec<Block> = (0..37)
        .map(|i| Block::Paragraph(format!("line {i}")))
        .collect();
    blocks.push(Block::Heading("Closure".into()));
    blocks.push(Block::Paragraph("summary".into()));
    let pages = lay_out(&Fixed, &geo, &blocks);
    let holder = pages
        .iter()
        .find(|p| p.lines().contains(&"Closure"))
        .unwrap();
    assert_eq!(holder.lines().last(), Some(&"summary"));
    assert_eq!(holder.lines().first(), Some(&"Closure"));
    assert_eq!(pages[0].lines().last(), Some(&"line 36"));
}

#[test]
fn every_page_gets_the_mark_the_number_and_who_generated_it() {
    let geo = Geometry::A4;
    let mut pages = lay_out(
        &Fixed,
        &geo,
        &[
            Block::Paragraph("first".into()),
            Block::PageBreak,
            Block::Paragraph("second".into()),
            Block::PageBreak,
            Block::Paragraph("third".into()),
        ],
    );
    let label = |n: usize, total: usize| format!("Page {n} of {total}");
    add_furniture(
        &Fixed,
        &geo,
        &mut pages,
        &Furniture {
            mark: "CONFIDENTIAL",
            title: "CW-2026-000001",
            generated: "Generated by 李晓梅",
            page_label: &label,
        },
    );
    assert_eq!(pages.len(), 3);
    for (i, page) in pages.iter().enumerate() {
        let lines = page.lines();
        assert!(lines.contains(&"CONFIDENTIAL"));
        assert!(lines.contains(&"CW-2026-000001"));
        assert!(lines.contains(&"Generated by 李晓梅"));
        let number = format!("Page {} of 3", i + 1);
        assert!(lines.contains(&number.as_str()), "{lines:?}");
    }
}

proptest! {
    #[test]
    fn wrapped_lines_fit_and_keep_every_character(
        text in "[a-z 社会工作，。\n]{0,200}",
        max in 12.0f32..200.0,
    ) {
        let lines = wrap(&Fixed, &text, 10.0, max);
        prop_assert!(fits(&lines, 10.0, max), "{:?}", lines);
        let kept: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let given: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(kept, given);
    }
}
