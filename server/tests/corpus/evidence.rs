//! Bad requests to evidence (data dukung): uploads by people who may not attach there, files
//! that are no PDF, image or office file, empty and oversize files, bad links and captions,
//! broken or missing multipart bodies, addresses that name no slot; downloads and removals of
//! evidence that is not there or not theirs; posts from another site.

use super::http::{finish, post, without_origin, Bad, Rng, HOST, MEGABYTE};
use super::{Who, World};
use axum::http::{header, Request};

const BOUNDARY: &str = "----corpus-evidence-Hq2w";

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, file_name, bytes) in parts {
        let disposition = match file_name {
            Some(name) => format!("form-data; name=\"{field}\"; filename=\"{name}\""),
            None => format!("form-data; name=\"{field}\""),
        };
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn garbage(rng: &mut Rng, len: usize) -> Vec<u8> {
    (0..len).map(|_| rng.next_u64().to_le_bytes()[0]).collect()
}

/// A form part: its field, its file name (a file) or none (a text field), its bytes.
type OwnedPart<'a> = (&'a str, Option<&'a str>, Vec<u8>);

const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";

/// A bad request about evidence.
pub fn evidence_request(world: &World, rng: &mut Rng) -> Bad {
    let multipart_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let plan_a = world.plans[0].0;
    let slot_a = format!(
        "/rencana/{plan_a}/bukti/indikator/{}/tw/1",
        world.indicators[0]
    );
    let (kind, path, content_type, body, who): (String, String, String, Vec<u8>, Who) =
        match rng.below(9) {
            // A good file, by someone who may not attach to A's plan.
            0 => (
                "upload by someone who may not edit".into(),
                slot_a.clone(),
                multipart_type,
                multipart(&[("berkas", Some("bast.pdf"), PDF)]),
                *rng.pick(&[Who::Anonymous, Who::PimpinanA, Who::AdminA, Who::OperatorB]),
            ),
            // A bad file or form, by A's operator.
            1..=3 => {
                let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00".to_vec();
                let html = b"<!DOCTYPE html><svg onload=alert(1)>".to_vec();
                let zip = {
                    let mut bytes = b"PK\x03\x04".to_vec();
                    bytes.extend(garbage(rng, 300));
                    bytes
                };
                let noise = {
                    let len = 1 + rng.index(4096);
                    garbage(rng, len)
                };
                let long_caption = "k".repeat(201);
                let (what, parts): (&str, Vec<OwnedPart>) = match rng.below(9) {
                    0 => (
                        "a renamed program",
                        vec![("berkas", Some("laporan.pdf"), exe)],
                    ),
                    1 => (
                        "a page as a photo",
                        vec![("berkas", Some("foto.png"), html)],
                    ),
                    2 => (
                        "a zip that is no office file",
                        vec![("berkas", Some("data.xlsx"), zip)],
                    ),
                    3 => ("garbage", vec![("berkas", Some("berkas.docx"), noise)]),
                    4 => (
                        "an empty file",
                        vec![("berkas", Some("kosong.pdf"), Vec::new())],
                    ),
                    5 => (
                        "a file and a link",
                        vec![
                            ("berkas", Some("bast.pdf"), PDF.to_vec()),
                            ("tautan", None, b"https://drive.example.id/x".to_vec()),
                        ],
                    ),
                    6 => (
                        "nothing",
                        vec![("keterangan", None, b"Dokumentasi".to_vec())],
                    ),
                    7 => (
                        "a link that is no web address",
                        vec![(
                            "tautan",
                            None,
                            rng.pick(&[
                                "javascript:alert(1)",
                                "ftp://x/y",
                                "drive.example.id",
                                "https://",
                            ])
                            .as_bytes()
                            .to_vec(),
                        )],
                    ),
                    _ => (
                        "a caption too long",
                        vec![
                            ("tautan", None, b"https://drive.example.id/x".to_vec()),
                            ("keterangan", None, long_caption.into_bytes()),
                        ],
                    ),
                };
                let parts: Vec<(&str, Option<&str>, &[u8])> = parts
                    .iter()
                    .map(|(f, n, b)| (*f, *n, b.as_slice()))
                    .collect();
                (
                    format!("upload: {what}"),
                    slot_a.clone(),
                    multipart_type,
                    multipart(&parts),
                    Who::OperatorA,
                )
            }
            // Over the limit: sent whole now and then (refused while it streams), else only
            // announced by its length (refused before a byte is read).
            4 => {
                let size = if rng.chance(20) {
                    20 * MEGABYTE + 1
                } else {
                    64
                };
                let mut file = PDF.to_vec();
                file.resize(size, b'x');
                // A small one claims far more than it carries (below): refused by its length.
                let body = multipart(&[("berkas", Some("besar.pdf"), &file)]);
                (
                    format!("upload: a file over the limit ({size} bytes)"),
                    slot_a.clone(),
                    multipart_type,
                    body,
                    Who::OperatorA,
                )
            }
            // Not a multipart form, or a broken one.
            5 => {
                let (what, content_type, body) = match rng.below(3) {
                    0 => (
                        "not multipart",
                        "application/x-www-form-urlencoded".to_owned(),
                        b"tautan=https%3A%2F%2Fx.id".to_vec(),
                    ),
                    1 => (
                        "a broken body",
                        multipart_type,
                        b"--tidak-ada-batas\r\n".to_vec(),
                    ),
                    _ => ("no content type", String::new(), PDF.to_vec()),
                };
                (
                    format!("upload: {what}"),
                    slot_a.clone(),
                    content_type,
                    body,
                    Who::OperatorA,
                )
            }
            // An address that names no slot of A's plan.
            6 => {
                let path = rng
                    .pick(&[
                        format!(
                            "/rencana/{plan_a}/bukti/indikator/{}/tw/1",
                            world.indicators[1]
                        ),
                        format!(
                            "/rencana/{plan_a}/bukti/kegiatan/{}/tw/2",
                            world.activities[1]
                        ),
                        format!("/rencana/{plan_a}/bukti/sasaran/{}/tw/1", world.goals[0]),
                        format!(
                            "/rencana/{plan_a}/bukti/indikator/{}/tw/5",
                            world.indicators[0]
                        ),
                        format!("/rencana/{plan_a}/bukti/indikator/abc/tw/1"),
                        format!("/rencana/abc/bukti/indikator/{}/tw/1", world.indicators[0]),
                        format!(
                            "/rencana/999999/bukti/indikator/{}/tw/1",
                            world.indicators[0]
                        ),
                    ])
                    .clone();
                (
                    "upload: an address that names no slot".into(),
                    path,
                    multipart_type,
                    multipart(&[("berkas", Some("bast.pdf"), PDF)]),
                    Who::OperatorA,
                )
            }
            // Removing what is not there or not theirs.
            7 => {
                let (id, who) = match rng.below(3) {
                    0 => (world.evidence[1].to_string(), Who::OperatorA),
                    1 => (
                        world.evidence[0].to_string(),
                        *rng.pick(&[Who::Anonymous, Who::PimpinanA, Who::AdminA, Who::OperatorB]),
                    ),
                    _ => (
                        rng.pick(&["abc", "-1", "0", "999999", "9223372036854775808"])
                            .to_string(),
                        Who::OperatorA,
                    ),
                };
                (
                    "remove: not there or not theirs".into(),
                    format!("/bukti/{id}/hapus"),
                    String::new(),
                    Vec::new(),
                    who,
                )
            }
            // A download of another unit's file, or of none.
            _ => {
                let (id, who) = match rng.below(2) {
                    0 => (
                        world.evidence[1].to_string(),
                        *rng.pick(&[Who::OperatorA, Who::PimpinanA]),
                    ),
                    _ => (
                        rng.pick(&["abc", "-1", "0", "999999", "1.5"]).to_string(),
                        Who::OperatorA,
                    ),
                };
                let request = Request::builder()
                    .uri(format!("/bukti/{id}"))
                    .header(header::HOST, HOST);
                let request = finish(request, world, who, rng, Vec::new(), false);
                return Bad {
                    label: format!("GET /bukti/{id} as {who:?}"),
                    kind: "evidence: download not theirs or not there".into(),
                    request,
                };
            }
        };
    let content_type = (!content_type.is_empty()).then_some(content_type);
    let builder = if rng.chance(5) {
        without_origin(&path, content_type.as_deref(), rng)
    } else {
        post(&path, content_type.as_deref())
    };
    let claims = kind.contains("over the limit") && body.len() < MEGABYTE;
    let length = !claims && rng.chance(50);
    let mut request = finish(builder, world, who, rng, body, length);
    if claims {
        request
            .headers_mut()
            .insert(header::CONTENT_LENGTH, (64 * MEGABYTE).into());
    }
    Bad {
        label: format!("POST {path} {kind} as {who:?}"),
        kind: format!("evidence: {kind}"),
        request,
    }
}
