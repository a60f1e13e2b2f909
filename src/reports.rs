//! Printed reports (PDF, printpdf): the case report, the evaluation report, and what any report needs:
//! the font, page layout with wrapping and pagination, and the PDF writer.

pub mod case_report;
pub mod evaluation;
pub mod font_faces;
pub mod fonts;
pub mod layout;
pub mod pdf;
