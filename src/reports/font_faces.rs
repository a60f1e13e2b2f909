//! Which face of a font collection (.ttc) to set a report in.
//!
//! CJK collections put one face per script in one file, and the faces draw the
//! same code points differently: in `NotoSansCJK-Regular.ttc` face 0 is Japanese,
//! 2 Simplified Chinese (SC) and 3 Traditional Chinese (TC). Taking face 0 when
//! none is named would print Chinese reports with Japanese glyph shapes, so a
//! collection whose faces name their script is read by the reader's language:
//! the face whose family name carries "SC" for Simplified Chinese and English,
//! "TC" (else "HK") for Traditional Chinese. A collection whose faces name no
//! script (WenQuanYi Micro Hei: a proportional and a monospaced face) keeps face 0.
//!
//! Pure: it reads the collection header and each face's `name` table from bytes.
//! The names come from the Unicode and Windows records (UTF-16BE) and the
//! Macintosh ones (ASCII for these names); name IDs 1 (family), 4 (full name) and
//! 16 (typographic family).

use crate::i18n::Locale;

/// Script tags a CJK family name carries as a word of its own.
const SCRIPT_TAGS: [&str; 5] = ["SC", "TC", "HK", "JP", "KR"];

/// The tags to look for, in order of preference, for a reader's language.
pub fn wanted(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::ZhCn | Locale::En => &["SC"],
        Locale::ZhTw => &["TC", "HK"],
    }
}

/// What the collection offers for a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaceChoice {
    /// Not a collection, or a collection whose faces name no script: face 0.
    Untagged,
    /// The face for the language.
    Face(u32),
    /// The faces name scripts, but none of those wanted; their names.
    Missing(Vec<String>),
}

/// The face of `bytes` (a font file) to use for `locale` when none was named.
pub fn choose(bytes: &[u8], locale: Locale) -> FaceChoice {
    let families = families(bytes);
    let tags: Vec<Vec<&str>> = families.iter().map(|names| script_tags(names)).collect();
    if tags.iter().all(Vec::is_empty) {
        return FaceChoice::Untagged;
    }
    for tag in wanted(locale) {
        if let Some(i) = tags.iter().position(|t| t.contains(tag)) {
            return FaceChoice::Face(u32::try_from(i).unwrap_or(0));
        }
    }
    FaceChoice::Missing(
        families
            .into_iter()
            .map(|names| names.first().cloned().unwrap_or_default())
            .collect(),
    )
}

/// The script tags among a face's names.
fn script_tags(names: &[String]) -> Vec<&'static str> {
    SCRIPT_TAGS
        .into_iter()
        .filter(|tag| {
            names.iter().any(|n| {
                n.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == *tag)
            })
        })
        .collect()
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let v = u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?);
    usize::try_from(v).ok()
}

/// The family names of each face of a collection; empty for a single font.
fn families(bytes: &[u8]) -> Vec<Vec<String>> {
    if bytes.get(..4) != Some(b"ttcf") {
        return Vec::new();
    }
    let Some(count) = u32_at(bytes, 8) else {
        return Vec::new();
    };
    // A damaged header must not make us allocate or loop without bound.
    let count = count.min(bytes.len() / 4);
    (0..count)
        .map(|i| {
            u32_at(bytes, 12 + 4 * i)
                .and_then(|offset| face_names(bytes, offset))
                .unwrap_or_default()
        })
        .collect()
}

/// The names of the face whose table directory starts at `offset`.
fn face_names(b: &[u8], offset: usize) -> Option<Vec<String>> {
    let tables = usize::from(u16_at(b, offset + 4)?);
    let name = (0..tables)
        .map(|i| offset + 12 + 16 * i)
        .find(|r| b.get(*r..*r + 4) == Some(b"name"))?;
    let table = u32_at(b, name + 8)?;
    let count = usize::from(u16_at(b, table + 2)?);
    let strings = table + usize::from(u16_at(b, table + 4)?);
    let mut names = Vec::new();
    for i in 0..count {
        let r = table + 6 + 12 * i;
        let (platform, name_id) = (u16_at(b, r)?, u16_at(b, r + 6)?);
        if ![1, 4, 16].contains(&name_id) {
            continue;
        }
        let (len, at) = (
            usize::from(u16_at(b, r + 8)?),
            usize::from(u16_at(b, r + 10)?),
        );
        let Some(raw) = b.get(strings + at..strings + at + len) else {
            continue;
        };
        let text = match platform {
            0 | 3 => {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            _ => raw.iter().map(|c| char::from(*c)).collect(),
        };
        if !names.contains(&text) {
            names.push(text);
        }
    }
    Some(names)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A collection of faces that hold nothing but a `name` table with one
    /// Windows family name each: enough for the chooser.
    pub(crate) fn collection(families: &[&str]) -> Vec<u8> {
        let mut out = b"ttcf\x00\x01\x00\x00".to_vec();
        out.extend((families.len() as u32).to_be_bytes());
        let header = 12 + 4 * families.len();
        let mut faces = Vec::new();
        for family in families {
            let offset = header + faces.len();
            let name: Vec<u8> = family.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let mut face = Vec::new();
            face.extend(0x0001_0000u32.to_be_bytes());
            face.extend(1u16.to_be_bytes());
            face.extend([0u8; 6]);
            let table = offset + 12 + 16;
            face.extend(b"name");
            face.extend(0u32.to_be_bytes());
            face.extend((table as u32).to_be_bytes());
            face.extend(((6 + 12 + name.len()) as u32).to_be_bytes());
            // name table: format 0, one record, strings after it.
            face.extend(0u16.to_be_bytes());
            face.extend(1u16.to_be_bytes());
            face.extend(18u16.to_be_bytes());
            for v in [3u16, 1, 0x0409, 1, name.len() as u16, 0] {
                face.extend(v.to_be_bytes());
            }
            face.extend(name);
            faces.extend(face);
        }
        out.extend(
            families
                .iter()
                .scan(header, |at, f| {
                    let this = *at;
                    *at += 12 + 16 + 18 + 2 * f.encode_utf16().count();
                    Some(this as u32)
                })
                .flat_map(u32::to_be_bytes),
        );
        out.extend(faces);
        out
    }

    #[test]
    fn the_reader_s_script_is_chosen() {
        let noto = collection(&[
            "Noto Sans CJK JP",
            "Noto Sans CJK KR",
            "Noto Sans CJK SC",
            "Noto Sans CJK TC",
            "Noto Sans CJK HK",
        ]);
        assert_eq!(choose(&noto, Locale::ZhCn), FaceChoice::Face(2));
        assert_eq!(choose(&noto, Locale::En), FaceChoice::Face(2));
        assert_eq!(choose(&noto, Locale::ZhTw), FaceChoice::Face(3));
        let hk = collection(&["Source Han Sans HK", "Source Han Sans SC"]);
        assert_eq!(choose(&hk, Locale::ZhTw), FaceChoice::Face(0));
        assert_eq!(choose(&hk, Locale::ZhCn), FaceChoice::Face(1));
    }

    #[test]
    fn untagged_collections_keep_face_0_and_missing_scripts_are_named() {
        assert_eq!(
            choose(&collection(&["Micro Hei", "Micro Hei Mono"]), Locale::ZhTw),
            FaceChoice::Untagged
        );
        // "SCRIPT" is not the tag "SC": whole words only.
        assert_eq!(
            choose(&collection(&["SCRIPTA Sans"]), Locale::ZhCn),
            FaceChoice::Untagged
        );
        assert_eq!(
            choose(
                &collection(&["Noto Sans CJK JP", "Noto Sans CJK KR"]),
                Locale::ZhCn
            ),
            FaceChoice::Missing(vec!["Noto Sans CJK JP".into(), "Noto Sans CJK KR".into()])
        );
        assert_eq!(
            choose(b"\x00\x01\x00\x00 a single font", Locale::ZhCn),
            FaceChoice::Untagged
        );
        assert_eq!(
            choose(b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff", Locale::ZhCn),
            FaceChoice::Untagged
        );
    }

    #[test]
    fn the_built_in_collection_names_no_script() {
        let wqy = include_bytes!("../../assets/fonts/wqy-microhei.ttc");
        let names = families(wqy);
        assert_eq!(names.len(), 2);
        assert!(
            names[0].iter().any(|n| n.contains("Micro Hei")),
            "{names:?}"
        );
        assert_eq!(choose(wqy, Locale::ZhCn), FaceChoice::Untagged);
    }
}
