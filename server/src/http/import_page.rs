//! The pages of "Impor dari Excel", written on the server as whole documents: the upload form,
//! the preview (what the file holds, every check and warning, and "Simpan" with the file in a
//! hidden field) and the result. They need no JavaScript: plain forms post and the answer is
//! the next page.

use crate::ops::import::check_place;
use crate::usecases::importing::{Preview, MAX_UPLOAD_BYTES};
use model::figures::plan_totals;
use model::money::Rupiah;
use model::{plan_checks, Plan, PlanId};
use std::fmt::Write as _;

use model::text::escape_html as escape;

/// A whole document in the app's frame (its stylesheet, the top bar).
fn document(stylesheet: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"/>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>{}\
         <link rel=\"stylesheet\" href=\"{}\"/><title>{} \u{2013} Pantau</title></head><body>\
         <header class=\"topbar\"><a href=\"/\" class=\"brand\">Pantau</a>\
         <span class=\"tagline\">Rencana Aksi Perjanjian Kinerja</span></header>\
         <main class=\"import-page\">{body}</main></body></html>",
        app::app_links_html(),
        escape(stylesheet),
        escape(title)
    )
}

fn upload_form() -> String {
    format!(
        "<form class=\"import-upload\" method=\"post\" action=\"/impor/pratinjau\" \
         enctype=\"multipart/form-data\">\
         <label for=\"berkas\">Berkas lembar kerja (.xlsx, paling besar {} MB)</label>\
         <input id=\"berkas\" type=\"file\" name=\"berkas\" required \
         accept=\".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>\
         <button type=\"submit\">Lihat pratinjau</button></form>",
        MAX_UPLOAD_BYTES / (1024 * 1024)
    )
}

/// Step 1: choose the file. `error` is a refusal of the last attempt.
pub fn upload_page(stylesheet: &str, error: Option<&str>) -> String {
    let mut body = String::from("<h1>Impor dari Excel</h1>");
    if let Some(error) = error {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(error)
        );
    }
    body.push_str(
        "<p>Pilih lembar kerja Rencana Kegiatan Perjanjian Kinerja seperti yang disimpan unit Anda \
         (kolom SASARAN KEGIATAN sampai KETERANGAN, judul berisi nama unit dan tahun). Pantau \
         menampilkan pratinjau lebih dulu; tidak ada yang disimpan sebelum Anda menekan \
         \u{201c}Simpan\u{201d}.</p>",
    );
    body.push_str(&upload_form());
    document(stylesheet, "Impor dari Excel", &body)
}

/// A refusal shown on its own (no form): signed out, not allowed.
pub fn refusal_page(stylesheet: &str, message: &str) -> String {
    let body = format!(
        "<h1>Impor dari Excel</h1><p class=\"error\" role=\"alert\">{}</p>\
         <p><a href=\"/\">Kembali ke daftar rencana</a></p>",
        escape(message)
    );
    document(stylesheet, "Impor dari Excel", &body)
}

fn money(amount: Rupiah) -> String {
    format!("Rp\u{a0}{amount}")
}

/// Step 2: what the file holds, and "Simpan" carrying the same file back (`encoded`).
pub fn preview_page(stylesheet: &str, preview: &Preview, encoded: &str) -> String {
    let plan = &preview.parsed.plan;
    let header = &plan.header;
    let totals = plan_totals(plan);
    let mut body = format!(
        "<h1>Pratinjau impor</h1><p role=\"status\">Belum ada yang disimpan. Periksa isi berkas \
         di bawah, lalu tekan \u{201c}Simpan\u{201d}.</p>\
         <dl class=\"import-summary\"><dt>Unit</dt><dd>{}</dd><dt>Tahun anggaran</dt><dd>{}</dd>\
         <dt>Judul</dt><dd>{}</dd><dt>Penanda tangan</dt><dd>{}</dd></dl>",
        escape(&preview.unit.name),
        header.fiscal_year,
        escape(&header.title),
        escape(&signatory(plan)),
    );
    let _ = write!(
        body,
        "<h2>Jumlah</h2><table class=\"import-totals\"><tbody>\
         <tr><th scope=\"row\">Sasaran</th><td>{}</td></tr>\
         <tr><th scope=\"row\">Indikator</th><td>{}</td></tr>\
         <tr><th scope=\"row\">Kegiatan</th><td>{}</td></tr>\
         <tr><th scope=\"row\">Pagu</th><td class=\"num\">{}</td></tr>\
         <tr><th scope=\"row\">Pagu blokir</th><td class=\"num\">{}</td></tr>\
         <tr><th scope=\"row\">Rencana penarikan dana</th><td class=\"num\">{}</td></tr>\
         <tr><th scope=\"row\">Realisasi</th><td class=\"num\">{}</td></tr></tbody></table>",
        plan.goals.len(),
        plan.indicators().count(),
        totals.activity_count,
        money(totals.budget),
        money(totals.blocked),
        money(totals.withdrawal_plan_total()),
        money(totals.realization_total()),
    );
    body.push_str(&findings(preview));
    body.push_str(&goals(plan));
    body.push_str(&activities(plan));
    let _ = write!(
        body,
        "<form class=\"import-save\" method=\"post\" action=\"/impor/simpan\">\
         <input type=\"hidden\" name=\"berkas\" value=\"{}\"/>\
         <button type=\"submit\">Simpan</button> <a href=\"/impor\">Batal, pilih berkas lain</a>\
         </form>",
        escape(encoded)
    );
    document(stylesheet, "Pratinjau impor", &body)
}

fn signatory(plan: &Plan) -> String {
    match &plan.header.signatory {
        Some(s) => {
            let nip = s.nip.as_ref().map(|n| n.as_str().to_owned());
            format!(
                "{}, {}{}",
                s.name,
                s.position,
                nip.map(|n| format!(" (NIP. {n})")).unwrap_or_default()
            )
        }
        None => "\u{2013}".to_owned(),
    }
}

/// Every check of the plan and every decision the reader took on its own.
fn findings(preview: &Preview) -> String {
    let plan = &preview.parsed.plan;
    let checks = plan_checks(plan);
    let mut out = format!("<h2>Pemeriksaan ({})</h2>", checks.len());
    if checks.is_empty() {
        out.push_str("<p>Semua pemeriksaan lolos.</p>");
    } else {
        out.push_str("<ul class=\"import-checks\">");
        for check in &checks {
            let place = check_place(plan, check);
            let _ = write!(
                out,
                "<li><strong>{}</strong>: {}</li>",
                escape(&place),
                escape(&check.message())
            );
        }
        out.push_str("</ul>");
    }
    let warnings = &preview.parsed.warnings;
    let _ = write!(out, "<h2>Peringatan impor ({})</h2>", warnings.len());
    if warnings.is_empty() {
        out.push_str("<p>Tidak ada peringatan.</p>");
    } else {
        out.push_str("<ul class=\"import-warnings\">");
        for warning in warnings {
            let _ = write!(out, "<li>{}</li>", escape(&warning.to_string()));
        }
        out.push_str("</ul>");
    }
    out
}

fn goals(plan: &Plan) -> String {
    let mut out = String::from(
        "<h2>Sasaran dan indikator</h2><div class=\"table-scroll\"><table class=\"import-goals\">\
         <thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Sasaran / indikator</th>\
         <th scope=\"col\">Target</th><th scope=\"col\">Kegiatan</th></tr></thead><tbody>",
    );
    for goal in &plan.goals {
        let _ = write!(
            out,
            "<tr class=\"goal\"><td>{}</td><td colspan=\"3\">{}</td></tr>",
            goal.number,
            escape(&goal.title)
        );
        for indicator in &goal.indicators {
            let names: Vec<String> = indicator
                .activity_ids
                .iter()
                .filter_map(|id| plan.activity(*id))
                .map(|a| escape(&a.name))
                .collect();
            let _ = write!(
                out,
                "<tr><td>{}.{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                goal.number,
                indicator.number,
                escape(&indicator.name),
                escape(&indicator.target.to_string()),
                if names.is_empty() {
                    "\u{2013}".to_owned()
                } else {
                    names.join("<br/>")
                }
            );
        }
    }
    out.push_str("</tbody></table></div>");
    out
}

fn activities(plan: &Plan) -> String {
    let mut out = String::from(
        "<h2>Kegiatan</h2><div class=\"table-scroll\"><table class=\"import-activities\"><thead><tr>\
         <th scope=\"col\">Kegiatan</th><th scope=\"col\">Pagu</th><th scope=\"col\">Blokir</th>\
         <th scope=\"col\">RPD</th><th scope=\"col\">Realisasi</th></tr></thead><tbody>",
    );
    for activity in &plan.activities {
        let rpd: Rupiah = activity
            .quarters
            .iter()
            .filter_map(|q| q.withdrawal_plan)
            .sum();
        let realization: Rupiah = activity.quarters.iter().filter_map(|q| q.realization).sum();
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&activity.name),
            activity.budget,
            activity.blocked,
            rpd,
            realization
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// After "Simpan": the plan is stored; a link to it.
pub fn saved_page(stylesheet: &str, id: PlanId) -> String {
    let body = format!(
        "<h1>Rencana tersimpan</h1><p role=\"status\">Rencana dari berkas sudah disimpan sebagai \
         rencana nomor {id}.</p><p><a href=\"/rencana/{id}\">Buka rencana</a></p>\
         <p><a href=\"/impor\">Impor berkas lain</a></p>"
    );
    document(stylesheet, "Rencana tersimpan", &body)
}
