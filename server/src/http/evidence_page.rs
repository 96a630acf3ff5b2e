//! The page of one quarter's evidence, `/rencana/{plan}/bukti/indikator/{id}/tw/{n}` (or
//! `kegiatan/{id}`), written on the server as a whole document: the list (name, kind, size,
//! caption, who and when in the unit's zone, a small preview of images, "Hapus") and the form
//! that attaches a file or a link. Plain forms: it works without JavaScript.

use crate::usecases::evidence::SlotView;
use model::evidence::{format_size, Evidence, EvidenceKind, Source, MAX_CAPTION_CHARS};
use model::text::escape_html as escape;
use std::fmt::Write as _;

pub fn slot_page(stylesheet: &str, view: &SlotView, error: Option<&str>, limit: u64) -> String {
    let quarter = view.slot.quarter.label();
    let title = format!("Data dukung {} {quarter}", view.place);
    let mut body = format!(
        "<p class=\"evidence-back\"><a href=\"/rencana/{}\">\u{2190} Kembali ke rencana</a> \
         \u{b7} {}</p><h1>{}</h1>",
        view.plan,
        escape(&view.plan_title),
        escape(&title)
    );
    if let Some(error) = error {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(error)
        );
    }
    if view.evidence.is_empty() {
        body.push_str("<p class=\"evidence-empty\">Belum ada data dukung.</p>");
    } else {
        body.push_str("<ul class=\"evidence-list\">");
        for evidence in &view.evidence {
            item(&mut body, view, evidence);
        }
        body.push_str("</ul>");
    }
    match &view.locked {
        Some(reason) => {
            let _ = write!(body, "<p class=\"evidence-locked\">{}</p>", escape(reason));
        }
        None => add_form(&mut body, view, limit),
    }
    document(stylesheet, &title, &body)
}

fn item(body: &mut String, view: &SlotView, evidence: &Evidence) {
    let id = evidence.id;
    body.push_str("<li class=\"evidence-item\">");
    let href = match &evidence.source {
        Source::Link(link) => link.clone(),
        Source::File { .. } => format!("/bukti/{id}"),
    };
    if evidence.kind.is_image() && !evidence.is_missing() {
        let _ = write!(
            body,
            "<img class=\"evidence-preview\" src=\"/bukti/{id}\" alt=\"\" width=\"96\" \
             height=\"72\" loading=\"lazy\"/>"
        );
    }
    body.push_str("<div class=\"evidence-text\">");
    if evidence.is_missing() {
        let _ = write!(
            body,
            "<span class=\"evidence-name\">{}</span> <strong class=\"evidence-missing\">berkas \
             hilang</strong>",
            escape(&evidence.name)
        );
    } else {
        let _ = write!(
            body,
            "<a class=\"evidence-name\" href=\"{}\" target=\"_blank\" rel=\"noopener \
             noreferrer\">{}</a>",
            escape(&href),
            escape(&evidence.name)
        );
    }
    let size = match evidence.kind {
        EvidenceKind::Link => String::new(),
        _ => format!(", {}", format_size(evidence.size)),
    };
    let _ = write!(
        body,
        " <span class=\"evidence-meta\">({}{size})</span>",
        evidence.kind.label()
    );
    if !evidence.caption.is_empty() {
        let _ = write!(
            body,
            "<br/><span class=\"evidence-caption\">{}</span>",
            escape(&evidence.caption)
        );
    }
    let _ = write!(
        body,
        "<br/><small>oleh {}, {}</small></div>",
        escape(&evidence.by),
        evidence.at.in_zone(view.zone)
    );
    if view.locked.is_none() {
        let _ = write!(
            body,
            "<form method=\"post\" action=\"/bukti/{id}/hapus\">\
             <button type=\"submit\" aria-label=\"Hapus {}\">Hapus</button></form>",
            escape(&evidence.name)
        );
    }
    body.push_str("</li>");
}

fn add_form(body: &mut String, view: &SlotView, limit: u64) {
    let _ = write!(
        body,
        "<form class=\"evidence-add\" method=\"post\" action=\"/rencana/{}/bukti/{}\" \
         enctype=\"multipart/form-data\"><h2>Tambah data dukung</h2>\
         <label for=\"berkas\">Berkas (PDF, JPG, PNG, DOCX atau XLSX; paling besar {})</label>\
         <input id=\"berkas\" type=\"file\" name=\"berkas\" \
         accept=\".pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png\"/>\
         <label for=\"tautan\">atau tautan (http:// atau https://)</label>\
         <input id=\"tautan\" type=\"url\" name=\"tautan\" placeholder=\"https://\"/>\
         <label for=\"keterangan\">Keterangan</label>\
         <input id=\"keterangan\" type=\"text\" name=\"keterangan\" maxlength=\"{MAX_CAPTION_CHARS}\"/>\
         <button type=\"submit\">Lampirkan</button></form>",
        view.plan,
        view.slot.path(),
        format_size(limit)
    );
}

/// A whole document in the app's frame (its stylesheet, the top bar).
fn document(stylesheet: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"/>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>{}\
         <link rel=\"stylesheet\" href=\"{}\"/><title>{} \u{2013} Pantau</title></head><body>\
         <header class=\"topbar\"><a href=\"/\" class=\"brand\">Pantau</a>\
         <span class=\"tagline\">Rencana Aksi Perjanjian Kinerja</span></header>\
         <main class=\"evidence-page\">{body}</main></body></html>",
        app::app_links_html(),
        escape(stylesheet),
        escape(title)
    )
}
