//! The font reports are set in.
//!
//! Chinese text needs a CJK font, and a PDF must carry the font it uses (a
//! reader's machine may have none). The program ships WenQuanYi Micro Hei
//! (`assets/fonts/`, Apache-2.0), embedded in the binary so that reports work on
//! a fresh machine; an installation may point to a fuller font such as Noto Sans
//! CJK with `--report-font` and `--report-font-face`. Only the glyphs a report
//! uses are written into it (printpdf's subsetting, which needs its
//! `text_layout` feature), so a report weighs tens of kilobytes, not megabytes.
//!
//! Parsing a CJK font takes tens of milliseconds and megabytes of memory: it is
//! done once per process (at start-up for a configured font, on first use for
//! the embedded one), never per request.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use printpdf::ParsedFont;

use super::layout::Measure;

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

    /// The font the settings name: the file and face given, or the built-in one.
    pub fn configured(
        path: Option<&Path>,
        face: Option<u32>,
    ) -> Result<Arc<ReportFont>, FontError> {
        match (path, face) {
            (None, None) => Ok(Self::embedded()),
            (None, Some(_)) => Err(FontError::FaceWithoutFont),
            (Some(path), face) => {
                // One parse per file and face for the life of the process: start-up
                // loads it (and fails there if it is unusable), requests find it here.
                static LOADED: Mutex<Vec<(PathBuf, u32, Arc<ReportFont>)>> = Mutex::new(Vec::new());
                let face = face.unwrap_or(0);
                let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some((_, _, font)) = loaded.iter().find(|(p, f, _)| p == path && *f == face)
                {
                    return Ok(font.clone());
                }
                let font = Arc::new(Self::from_file(path, face)?);
                loaded.push((path.to_owned(), face, font.clone()));
                Ok(font)
            }
        }
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
        let missing = ReportFont::configured(Some(Path::new("/nonexistent/font.ttc")), None);
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

        let err = ReportFont::configured(None, Some(2)).unwrap_err();
        assert!(matches!(err, FontError::FaceWithoutFont), "{err}");
    }
}
