//! The kinds of evidence, with their one stored code and how each is served.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    Pdf,
    Png,
    Jpeg,
    Docx,
    Xlsx,
    Link,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 6] = [
        EvidenceKind::Pdf,
        EvidenceKind::Png,
        EvidenceKind::Jpeg,
        EvidenceKind::Docx,
        EvidenceKind::Xlsx,
        EvidenceKind::Link,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Png => "png",
            EvidenceKind::Jpeg => "jpeg",
            EvidenceKind::Docx => "docx",
            EvidenceKind::Xlsx => "xlsx",
            EvidenceKind::Link => "link",
        }
    }

    pub fn from_code(code: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The media type the file is served with: never HTML or SVG, whatever was sent.
    pub fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            EvidenceKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            EvidenceKind::Link => "text/plain; charset=utf-8",
        }
    }

    /// Opened in the browser (PDF, images) rather than downloaded.
    pub fn opens_inline(self) -> bool {
        matches!(
            self,
            EvidenceKind::Pdf | EvidenceKind::Png | EvidenceKind::Jpeg
        )
    }

    pub fn is_image(self) -> bool {
        matches!(self, EvidenceKind::Png | EvidenceKind::Jpeg)
    }

    /// What a list calls it.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "PDF",
            EvidenceKind::Png => "PNG",
            EvidenceKind::Jpeg => "JPG",
            EvidenceKind::Docx => "DOCX",
            EvidenceKind::Xlsx => "XLSX",
            EvidenceKind::Link => "Tautan",
        }
    }
}
