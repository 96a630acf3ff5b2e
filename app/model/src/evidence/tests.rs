use super::*;
use crate::ids::IndicatorId;

fn zip_with(parts: &[&str]) -> Vec<u8> {
    // Local headers only, as the start of an archive: signature, 22 bytes, name length,
    // extra length, name.
    let mut bytes = Vec::new();
    for part in parts {
        bytes.extend_from_slice(b"PK\x03\x04");
        bytes.extend_from_slice(&[0; 22]);
        bytes.extend_from_slice(&(part.len() as u16).to_le_bytes());
        bytes.extend_from_slice(&[0, 0]);
        bytes.extend_from_slice(part.as_bytes());
        bytes.extend_from_slice(b"compressed data");
    }
    bytes
}

fn central_with(parts: &[&str]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for part in parts {
        bytes.extend_from_slice(b"PK\x01\x02");
        bytes.extend_from_slice(&[0; 24]);
        bytes.extend_from_slice(&(part.len() as u16).to_le_bytes());
        bytes.extend_from_slice(&[0; 16]);
        bytes.extend_from_slice(part.as_bytes());
    }
    bytes
}

#[test]
fn pdf_png_and_jpeg_are_known_by_their_first_bytes() {
    assert_eq!(
        sniff_head("a", b"%PDF-1.7\n..."),
        Ok(Sniffed::Is(EvidenceKind::Pdf))
    );
    assert_eq!(
        sniff_head("a", b"\x89PNG\r\n\x1a\n\0\0"),
        Ok(Sniffed::Is(EvidenceKind::Png))
    );
    assert_eq!(
        sniff_head("a", b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
        Ok(Sniffed::Is(EvidenceKind::Jpeg))
    );
    assert_eq!(sniff_head("a", b"PK\x03\x04rest"), Ok(Sniffed::Zip));
}

#[test]
fn a_renamed_program_is_refused_naming_the_file() {
    let refused = sniff_head("laporan.pdf", b"MZ\x90\0\x03\0\0\0").unwrap_err();
    assert_eq!(refused, EvidenceError::UnknownType("laporan.pdf".into()));
    assert!(refused.to_string().contains("\u{201c}laporan.pdf\u{201d}"));
    assert!(refused
        .to_string()
        .contains("hanya PDF, JPG, PNG, DOCX atau XLSX"));
}

#[test]
fn html_and_svg_are_refused_whatever_their_name() {
    for head in [
        &b"<!DOCTYPE html><script>"[..],
        b"<svg xmlns=\"http://www.w3.org/2000/svg\">",
        b" %PDF-1.4",
    ] {
        assert!(matches!(
            sniff_head("foto.png", head),
            Err(EvidenceError::UnknownType(_))
        ));
    }
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(
        sniff_head("a.pdf", b""),
        Err(EvidenceError::Empty("a.pdf".into()))
    );
}

#[test]
fn a_zip_is_docx_or_xlsx_by_its_parts() {
    let docx = zip_with(&["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    assert_eq!(zip_kind("a", &docx, &[]), Ok(EvidenceKind::Docx));
    let xlsx = zip_with(&["[Content_Types].xml", "xl/workbook.xml"]);
    assert_eq!(zip_kind("a", &xlsx, &[]), Ok(EvidenceKind::Xlsx));
    // Parts found only in the central directory at the end.
    let head = zip_with(&["[Content_Types].xml"]);
    let tail = central_with(&["[Content_Types].xml", "xl/workbook.xml"]);
    assert_eq!(zip_kind("a", &head, &tail), Ok(EvidenceKind::Xlsx));
}

#[test]
fn any_other_zip_is_refused() {
    let other = zip_with(&["setup.exe", "readme.txt"]);
    assert_eq!(
        zip_kind("arsip.docx", &other, &[]),
        Err(EvidenceError::UnknownType("arsip.docx".into()))
    );
    // A part named like a folder of the wrong kind does not count.
    let lookalike = zip_with(&["word/document.xml.exe", "xl/"]);
    assert!(zip_kind("a", &lookalike, &[]).is_err());
    // Both at once is no office file either.
    let both = zip_with(&["word/document.xml", "xl/workbook.xml"]);
    assert!(zip_kind("a", &both, &[]).is_err());
}

#[test]
fn a_truncated_zip_header_reads_no_name_and_never_panics() {
    assert!(zip_kind("a", b"PK\x03\x04\0\0", b"PK\x01\x02").is_err());
    let mut cut = zip_with(&["word/document.xml"]);
    cut.truncate(40);
    assert!(zip_kind("a", &cut, &[]).is_err());
}

#[test]
fn only_http_and_https_links_are_taken() {
    assert_eq!(
        check_link("  https://drive.google.com/file/d/abc/view "),
        Ok("https://drive.google.com/file/d/abc/view".into())
    );
    assert!(check_link("http://simonev.kemenkumham.go.id/x?y=1").is_ok());
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "ftp://server/file",
        "drive.google.com/file",
        "https://",
        "https:///path",
        "https://a b.com",
        "",
    ] {
        assert!(
            matches!(check_link(bad), Err(EvidenceError::BadLink(_))),
            "{bad}"
        );
    }
    let long = format!("https://a.id/{}", "x".repeat(MAX_LINK_CHARS));
    assert_eq!(check_link(&long), Err(EvidenceError::LinkTooLong));
}

#[test]
fn a_caption_is_trimmed_and_limited_to_200_characters() {
    assert_eq!(
        check_caption("  BAST Bahan Makanan "),
        Ok("BAST Bahan Makanan".into())
    );
    assert_eq!(check_caption(""), Ok(String::new()));
    assert!(check_caption(&"é".repeat(200)).is_ok());
    assert_eq!(
        check_caption(&"é".repeat(201)),
        Err(EvidenceError::CaptionTooLong)
    );
    assert_eq!(check_caption("a\u{0}b"), Err(EvidenceError::CaptionControl));
}

#[test]
fn a_file_past_the_limit_is_refused_with_the_limit_in_megabytes() {
    let limit = DEFAULT_MAX_FILE_BYTES;
    assert_eq!(check_size("a.pdf", limit, limit), Ok(()));
    let refused = check_size("a.pdf", limit + 1, limit).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Berkas \u{201c}a.pdf\u{201d} terlalu besar: paling besar 20 MB"
    );
}

#[test]
fn sizes_read_the_indonesian_way() {
    assert_eq!(format_size(0), "0 byte");
    assert_eq!(format_size(1023), "1023 byte");
    assert_eq!(format_size(1024), "1 KB");
    // 12.5 KB = 12800 bytes.
    assert_eq!(format_size(12_800), "12,5 KB");
    // 1.5 MB = 1572864 bytes.
    assert_eq!(format_size(1_572_864), "1,5 MB");
    assert_eq!(format_size(20 * 1024 * 1024), "20 MB");
    // 1500 MB: a thousands separator.
    assert_eq!(format_size(1500 * 1024 * 1024), "1.500 MB");
}

#[test]
fn a_file_name_keeps_only_its_last_part_without_dangerous_characters() {
    assert_eq!(
        safe_file_name("C:\\Users\\op\\BAST TW I.pdf"),
        "BAST TW I.pdf"
    );
    assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
    assert_eq!(safe_file_name("a\"b;c\r\n.pdf"), "abc.pdf");
    assert_eq!(safe_file_name("..."), "berkas");
    assert_eq!(safe_file_name(""), "berkas");
    let long = format!("{}.xlsx", "n".repeat(300));
    let safe = safe_file_name(&long);
    assert_eq!(safe.chars().count(), 120);
    assert!(safe.ends_with("n.xlsx"));
}

#[test]
fn a_slot_reads_back_from_its_address() {
    let slot = Slot {
        owner: Owner::Indicator(IndicatorId(5)),
        quarter: crate::Quarter::Q1,
    };
    assert_eq!(slot.path(), "indikator/5/tw/1");
    assert_eq!(Slot::from_path("indikator", "5", "1"), Some(slot));
    assert_eq!(Slot::from_path("indikator", "0", "1"), None);
    assert_eq!(Slot::from_path("indikator", "5", "5"), None);
    assert_eq!(Slot::from_path("sasaran", "5", "1"), None);
}

#[test]
fn every_kind_reads_back_from_its_code_and_none_is_served_as_html() {
    for kind in EvidenceKind::ALL {
        assert_eq!(EvidenceKind::from_code(kind.code()), Some(kind));
        assert!(!kind.media_type().contains("html"));
        assert!(!kind.media_type().contains("svg"));
    }
    assert_eq!(EvidenceKind::from_code("exe"), None);
}

#[test]
fn a_slot_is_placed_in_its_plan_or_not_at_all() {
    let plan = crate::testkit::stored_plan();
    let indicator = plan.indicators().next().unwrap().id.unwrap();
    let slot = Slot {
        owner: Owner::Indicator(indicator),
        quarter: crate::Quarter::Q2,
    };
    let placed = place(&plan, &slot).unwrap();
    assert!(placed.starts_with("Indikator "), "{placed}");
    let elsewhere = Slot {
        owner: Owner::Indicator(IndicatorId(987_654)),
        quarter: crate::Quarter::Q2,
    };
    assert_eq!(place(&plan, &elsewhere), None);
    let change = evidence_change(placed, &slot, "BAST.pdf", true);
    assert_eq!(change.field, "Berkas data dukung TW II");
    assert_eq!((change.old.as_str(), change.new.as_str()), ("", "BAST.pdf"));
    assert_eq!(change.subject.quarter, Some(crate::Quarter::Q2));
    let removed = evidence_change("x".into(), &slot, "BAST.pdf", false);
    assert_eq!(
        (removed.old.as_str(), removed.new.as_str()),
        ("BAST.pdf", "")
    );
}

#[test]
fn documents_list_each_quarters_files_by_name_and_links_whole_after_the_typed_text() {
    let mut plan = crate::testkit::stored_plan();
    plan.goals[0].indicators[0].quarters[0].evidence = "Dokumen Kontrak".into();
    let attached = |id: i64, quarter, name: &str, source| Evidence {
        id: EvidenceId(id),
        plan: crate::PlanId(1),
        slot: Slot {
            owner: Owner::Indicator(IndicatorId(10)),
            quarter,
        },
        kind: EvidenceKind::Pdf,
        name: name.into(),
        caption: String::new(),
        size: 1,
        source,
        by: "Sri".into(),
        at: crate::time::Timestamp(0),
    };
    let file = Source::File {
        sha256: "ab".into(),
        present: true,
    };
    let evidence = [
        attached(1, crate::Quarter::Q1, "BAST.pdf", file.clone()),
        attached(
            2,
            crate::Quarter::Q1,
            "https://drive.example.id/x",
            Source::Link("https://drive.example.id/x".into()),
        ),
        attached(3, crate::Quarter::Q2, "foto.jpg", file),
    ];
    let listed = with_evidence(plan, &evidence);
    let quarters = &listed.goals[0].indicators[0].quarters;
    assert_eq!(
        quarters[0].evidence,
        "Dokumen Kontrak\nBerkas: BAST.pdf, https://drive.example.id/x"
    );
    assert_eq!(quarters[1].evidence, "Berkas: foto.jpg");
    assert_eq!(quarters[2].evidence, "");
    // Indicator 1.2 has none.
    assert_eq!(listed.goals[0].indicators[1].quarters[0].evidence, "");
}
