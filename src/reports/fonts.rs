//! The font reports are set in.
//!
//! Chinese text needs a CJK font, and a PDF must carry the font it uses (a
//! reader's machine may have none). The program ships WenQuanYi Micro Hei
//! (`assets/fonts/`, Apache-2.0), embedded in the binary so that reports work on
//! a fresh machine; an installation may point to a fuller font such as Noto Sans
//! CJK with `--report-font` and `--report-font-face`; in a collection (.ttc)
//! without a face named, each report takes the face of its reader's script
//! ([`super::font_faces`]). Only the glyphs a report
//! uses are written into it (printpdf's subsetting, which needs its
//! `text_layout` feature), so a report weighs tens of kilobytes, not megabytes.
//!
//! Parsing a CJK font takes tens of milliseconds and megabytes of memory: it is
//! done once per process (at start-up for a configured font, on first use for
//! the embedded one), never per request.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use printpdf::ParsedFont;

use super::font_faces::{FaceChoice, choose, wanted};
use super::layout::Measure;
use crate::i18n::Locale;

/// WenQuanYi Micro Hei, face 0 ("Micro Hei"; face 1 is the monospaced variant).
static EMBEDDED: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// Characters a report font must have: Latin, Simplified and Traditional Chinese.
const REQUIRED: &[char] = &['A', 'z', '0', '中', '文', '书', '書', '社', '區'];

/// Why a font cannot be used for reports.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// The file cannot be read.
    #[error("cannot read the report font {path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: std::io::Error,
    },
    /// The face index is past the end of the collection.
    #[error(
        "the report font {path} has {faces} face(s), numbered from 0; there is no face {face} (--report-font-face)"
    )]
    NoSuchFace {
        /// The file.
        path: PathBuf,
        /// The face asked for.
        face: u32,
        /// How many the file has.
        faces: u32,
    },
    /// Not a TrueType or OpenType font (or collection) that can be parsed.
    #[error("{path} is not a TrueType or OpenType font (.ttf, .otf, .ttc) that can be read")]
    NotAFont {
        /// The file.
        path: PathBuf,
    },
    /// The font cannot draw Chinese (or Latin) text.
    #[error(
        "the report font {path} (face {face}) has no glyph for {missing:?}: choose a font that covers Chinese and Latin text, such as Noto Sans CJK"
    )]
    NotCjk {
        /// The file.
        path: PathBuf,
        /// The face.
        face: u32,
        /// A character it lacks.
        missing: char,
    },
    /// A collection whose faces name their scripts has none for a language.
    #[error(
        "the report font collection {path} has no face for {wanted} (its faces: {faces}): name the face to use with --report-font-face"
    )]
    NoFaceForLanguage {
        /// The file.
        path: PathBuf,
        /// The script tags looked for ("SC", "TC or HK").
        wanted: String,
        /// The family names of its faces, in order.
        faces: String,
    },
    /// A face index was given without a font file.
    #[error("--report-font-face needs --report-font (the built-in font has one face)")]
    FaceWithoutFont,
}

/// A parsed report font.
pub struct ReportFont {
    parsed: ParsedFont,
    units_per_em: f32,
    /// Where it came from, for logs.
    pub source: String,
}

impl std::fmt::Debug for ReportFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportFont")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl ReportFont {
    /// The built-in WenQuanYi Micro Hei, parsed on first use and kept for the
    /// life of the process.
    pub fn embedded() -> Arc<ReportFont> {
        static FONT: OnceLock<Arc<ReportFont>> = OnceLock::new();
        FONT.get_or_init(|| {
            let mut font = parse(EMBEDDED, 0, Path::new("wqy-microhei.ttc"))
                .expect("the built-in report font parses and covers Chinese");
            font.source = "built-in WenQuanYi Micro Hei".to_owned();
            Arc::new(font)
        })
        .clone()
    }

    /// The font the settings name for a reader: the file and face given, or the
    /// built-in one. A collection given without a face gives the face of the
    /// reader's script (see [`super::font_faces`]); a face given always wins.
    pub fn configured(
        path: Option<&Path>,
        face: Option<u32>,
        locale: Locale,
    ) -> Result<Arc<ReportFont>, FontError> {
        match (path, face) {
            (None, None) => Ok(Self::embedded()),
            (None, Some(_)) => Err(FontError::FaceWithoutFont),
            (Some(path), face) => {
                // One parse per file, face (and, without a face, language) for the
                // life of the process: start-up loads every language's (and fails
                // there if one is unusable), requests find them here.
                type Loaded = Vec<(PathBuf, Option<u32>, Locale, Arc<ReportFont>)>;
                static LOADED: Mutex<Loaded> = Mutex::new(Vec::new());
                let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
                let same = |(p, f, l, _): &&(PathBuf, Option<u32>, Locale, Arc<ReportFont>)| {
                    p == path && *f == face && (face.is_some() || *l == locale)
                };
                if let Some((.., font)) = loaded.iter().find(same) {
                    return Ok(font.clone());
                }
                let font = Self::from_file_for(path, face, locale)?;
                // Two languages on one face (Simplified Chinese and English) share it.
                let font = loaded
                    .iter()
                    .find(|(p, .., f)| p == path && f.source == font.source)
                    .map_or_else(|| Arc::new(font), |(.., f)| f.clone());
                loaded.push((path.to_owned(), face, locale, font.clone()));
                Ok(font)
            }
        }
    }

    /// Reads and checks a font file for a reader: `face`, or else the face of
    /// the reader's script in a collection whose faces name their scripts.
    pub fn from_file_for(
        path: &Path,
        face: Option<u32>,
        locale: Locale,
    ) -> Result<ReportFont, FontError> {
        let bytes = std::fs::read(path).map_err(|reason| FontError::Unreadable {
            path: path.to_owned(),
            reason,
        })?;
        let face = match face {
            Some(face) => face,
            None => match choose(&bytes, locale) {
                FaceChoice::Untagged => 0,
                FaceChoice::Face(face) => face,
                FaceChoice::Missing(faces) => {
                    return Err(FontError::NoFaceForLanguage {
                        path: path.to_owned(),
                        wanted: wanted(locale).join(" or "),
                        faces: faces.join(", "),
                    });
                }
            },
        };
        parse(&bytes, face, path)
    }

    /// Reads and checks a font file; `face` picks a face of a collection (.ttc).
    pub fn from_file(path: &Path, face: u32) -> Result<ReportFont, FontError> {
        let bytes = std::fs::read(path).map_err(|reason| FontError::Unreadable {
            path: path.to_owned(),
            reason,
        })?;
        parse(&bytes, face, path)
    }

    /// The parsed face, for the PDF writer.
    pub fn parsed(&self) -> &ParsedFont {
        &self.parsed
    }
}

impl Measure for ReportFont {
    fn advance(&self, c: char) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(u32::from(c))?;
        if gid == 0 {
            return None;
        }
        Some(f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
    }
}

/// The number of faces in a font file: a collection says so in its header
/// (`ttcf`, version, count), anything else has one.
fn face_count(bytes: &[u8]) -> u32 {
    match bytes.get(..12) {
        Some(h) if &h[..4] == b"ttcf" => u32::from_be_bytes([h[8], h[9], h[10], h[11]]),
        _ => 1,
    }
}

fn parse(bytes: &[u8], face: u32, path: &Path) -> Result<ReportFont, FontError> {
    let faces = face_count(bytes);
    if face >= faces {
        return Err(FontError::NoSuchFace {
            path: path.to_owned(),
            face,
            faces,
        });
    }
    let not_a_font = || FontError::NotAFont {
        path: path.to_owned(),
    };
    let index = usize::try_from(face).map_err(|_| not_a_font())?;
    // The parser indexes into tables by the offsets the file states; a damaged
    // file must give a message, not take the program down.
    let parsed = std::panic::catch_unwind(|| ParsedFont::from_bytes(bytes, index, &mut Vec::new()))
        .ok()
        .flatten()
        .filter(ParsedFont::has_source_bytes)
        .ok_or_else(not_a_font)?;
    let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
    let font = ReportFont {
        parsed,
        units_per_em,
        source: format!("{} (face {face})", path.display()),
    };
    if let Some(missing) = REQUIRED
        .iter()
        .copied()
        .find(|c| font.advance(*c).is_none())
    {
        return Err(FontError::NotCjk {
            path: path.to_owned(),
            face,
            missing,
        });
    }
    Ok(font)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_covers_chinese_and_latin_and_has_a_fallback_square() {
        let font = ReportFont::embedded();
        for c in ['中', '書', 'A', '□', '，'] {
            assert!(font.advance(c).is_some(), "{c}");
        }
        let cjk = font.advance('中').unwrap();
        let latin = font.advance('i').unwrap();
        assert!(
            cjk > 0.8 && cjk <= 1.1,
            "an ideograph is about one em: {cjk}"
        );
        assert!(latin < cjk, "Latin is narrower than Chinese");
        assert!(font.advance('\u{10FFFD}').is_none());
    }

    #[test]
    fn a_bad_path_or_face_is_a_clear_error() {
        let missing =
            ReportFont::configured(Some(Path::new("/nonexistent/font.ttc")), None, Locale::ZhCn);
        let message = missing.unwrap_err().to_string();
        assert!(message.contains("/nonexistent/font.ttc"), "{message}");

        let dir = tempfile::tempdir().unwrap();
        let ttc = dir.path().join("wqy.ttc");
        std::fs::write(&ttc, EMBEDDED).unwrap();
        let err = ReportFont::from_file(&ttc, 7).unwrap_err();
        assert!(
            matches!(
                err,
                FontError::NoSuchFace {
                    faces: 2,
                    face: 7,
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            ReportFont::from_file(&ttc, 1).is_ok(),
            "face 1 is the monospaced face"
        );

        let junk = dir.path().join("junk.ttf");
        std::fs::write(&junk, b"this is not a font at all, only words").unwrap();
        let err = ReportFont::from_file(&junk, 0).unwrap_err();
        assert!(matches!(err, FontError::NotAFont { .. }), "{err}");

        let err = ReportFont::configured(None, Some(2), Locale::En).unwrap_err();
        assert!(matches!(err, FontError::FaceWithoutFont), "{err}");

        // A collection whose faces are Japanese and Korean has none for Chinese
        // readers: the message says so and how to choose.
        let jk = dir.path().join("jk.ttc");
        let bytes =
            super::super::font_faces::tests::collection(&["Noto Sans CJK JP", "Noto Sans CJK KR"]);
        std::fs::write(&jk, bytes).unwrap();
        let err = ReportFont::from_file_for(&jk, None, Locale::ZhTw).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("TC or HK")
                && message.contains("Noto Sans CJK JP, Noto Sans CJK KR")
                && message.contains("--report-font-face"),
            "{message}"
        );
        // The built-in collection names no script: face 0 for everyone.
        let wqy = ReportFont::from_file_for(&ttc, None, Locale::ZhTw).unwrap();
        assert!(wqy.source.ends_with("(face 0)"), "{}", wqy.source);
    }

    /// With Noto Sans CJK installed (Debian's `fonts-noto-cjk`), a collection
    /// without a face gives Simplified Chinese to zh-CN and English readers and
    /// Traditional Chinese to zh-TW ones; a face named wins. Skipped without it.
    #[test]
    fn noto_cjk_faces_follow_the_reader() {
        let path = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
        if !path.exists() {
            eprintln!(
                "{} not installed (apt-get install fonts-noto-cjk): skipped",
                path.display()
            );
            return;
        }
        let face = |face, l| ReportFont::from_file_for(path, face, l).unwrap().source;
        assert!(face(None, Locale::ZhCn).ends_with("(face 2)"));
        assert!(face(None, Locale::En).ends_with("(face 2)"));
        assert!(face(None, Locale::ZhTw).ends_with("(face 3)"));
        assert!(face(Some(0), Locale::ZhTw).ends_with("(face 0)"));
    }
}
