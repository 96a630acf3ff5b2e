//! Bad requests to "Impor dari Excel": garbage bytes, files that are no workbook, an empty and
//! an oversize file, no file, a body that is no multipart form, a tampered hidden field, sheets
//! of units that are not the person's or do not exist, a plan that is already there; and the
//! people who may not import at all.

use super::http::{encode, finish, post, Bad, Rng, MEGABYTE};
use super::{Who, World};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

const BOUNDARY: &str = "----corpus-boundary-q7YzK2";
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/xlsx/");

/// The seed's text export naming `unit` and `year`.
fn sheet_for(unit: &str, year: i32) -> Vec<u8> {
    server::ops::import::DEMO_SHEET
        .replace(
            "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024",
            &format!("{unit} TAHUN {year}"),
        )
        .into_bytes()
}

fn random_bytes(rng: &mut Rng, len: usize) -> Vec<u8> {
    (0..len).map(|_| rng.next_u64().to_le_bytes()[0]).collect()
}

fn multipart(field: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; \
         filename=\"rencana.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// `file` sent to the upload (multipart) or to the confirmation (base64 in a form), at random:
/// the step, its path, content type and body.
fn either_step(
    rng: &mut Rng,
    file: &[u8],
    multipart_type: String,
) -> (&'static str, &'static str, String, Vec<u8>) {
    if rng.chance(50) {
        (
            "upload",
            "/impor/pratinjau",
            multipart_type,
            multipart("berkas", file),
        )
    } else {
        let body = format!("berkas={}", encode(STANDARD.encode(file).as_bytes()));
        (
            "confirm",
            "/impor/simpan",
            "application/x-www-form-urlencoded".to_owned(),
            body.into_bytes(),
        )
    }
}

/// A bad request to one of the import's two posts.
pub fn import_request(world: &World, rng: &mut Rng) -> Bad {
    let multipart_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let form = "application/x-www-form-urlencoded";
    let importers = [Who::OperatorA, Who::AdminA, Who::OperatorB];
    let bad_file = |rng: &mut Rng| -> (&'static str, Vec<u8>) {
        match rng.below(7) {
            0 => {
                let len = 1 + rng.index(4096);
                ("garbage bytes", random_bytes(rng, len))
            }
            1 => ("a zip that is no workbook", {
                let mut bytes = b"PK\x03\x04".to_vec();
                bytes.extend(random_bytes(rng, 200));
                bytes
            }),
            2 => ("a PDF", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec()),
            3 => ("an empty file", Vec::new()),
            4 => (
                "text that is no sheet",
                b"SASARAN\tINDIKATOR\nhalo".to_vec(),
            ),
            5 => (
                "a known bad workbook",
                std::fs::read(format!(
                    "{FIXTURES}{}",
                    rng.pick(&[
                        "bad-letter-in-pagu.xlsx",
                        "bad-missing-tw-label.xlsx",
                        "bad-merge-across-goals.xlsx"
                    ])
                ))
                .expect("a fixture"),
            ),
            _ => (
                "a sheet of a unit that does not exist",
                sheet_for("UNIT TIDAK ADA", 2024),
            ),
        }
    };
    let (kind, path, content_type, body, who): (String, &str, String, Vec<u8>, Who) =
        match rng.below(8) {
            0 | 1 => {
                let (what, file) = bad_file(rng);
                let body = multipart("berkas", &file);
                (
                    format!("upload: {what}"),
                    "/impor/pratinjau",
                    multipart_type,
                    body,
                    *rng.pick(&importers),
                )
            }
            2 => {
                let (what, file) = bad_file(rng);
                let body = format!("berkas={}", encode(STANDARD.encode(file).as_bytes()));
                (
                    format!("confirm: {what}"),
                    "/impor/simpan",
                    form.to_owned(),
                    body.into_bytes(),
                    *rng.pick(&importers),
                )
            }
            3 => {
                // One byte over the limit: refused whole, nothing read as a plan.
                let file = vec![b'x'; 5 * MEGABYTE + 1];
                (
                    "upload: an oversize file".to_owned(),
                    "/impor/pratinjau",
                    multipart_type,
                    multipart("berkas", &file),
                    Who::OperatorA,
                )
            }
            4 => {
                let (what, body) = match rng.below(4) {
                    0 => ("not base64", "berkas=%21%21%21%3C%3E".to_owned()),
                    1 => (
                        "base64 of garbage",
                        format!(
                            "berkas={}",
                            encode(STANDARD.encode(random_bytes(rng, 300)).as_bytes())
                        ),
                    ),
                    2 => ("no field", "lain=1".to_owned()),
                    _ => (
                        "cut short",
                        format!(
                            "berkas={}",
                            &STANDARD.encode(sheet_for("KANWIL A", 2030))[..4001]
                        ),
                    ),
                };
                (
                    format!("confirm: tampered hidden field, {what}"),
                    "/impor/simpan",
                    form.to_owned(),
                    body.into_bytes(),
                    *rng.pick(&importers),
                )
            }
            5 => {
                // Well-formed, but not theirs to import, or already there: A's sheet as B's
                // operator, B's as A's people; KANWIL A's plan for 2024 exists.
                let (unit, who) = *rng.pick(&[
                    ("KANWIL A", Who::OperatorB),
                    ("KANWIL B", Who::OperatorA),
                    ("KANWIL B", Who::AdminA),
                    ("UPT A1", Who::OperatorA),
                    ("KANWIL A", Who::OperatorA),
                    ("UPT A1", Who::AdminA),
                ]);
                let step = either_step(rng, &sheet_for(unit, 2024), multipart_type);
                (
                    format!("{}: another unit's or an existing plan", step.0),
                    step.1,
                    step.2,
                    step.3,
                    who,
                )
            }
            6 => {
                // A new plan's sheet, by someone who may import nothing.
                let who = *rng.pick(&[Who::Anonymous, Who::PimpinanA]);
                let step = either_step(rng, &sheet_for("KANWIL A", 2031), multipart_type);
                (
                    format!("{} by a non-importer", step.0),
                    step.1,
                    step.2,
                    step.3,
                    who,
                )
            }
            _ => {
                let (what, content_type, body) = match rng.below(3) {
                    0 => ("no file field", multipart_type, multipart("lain", b"x")),
                    1 => ("not multipart", form.to_owned(), b"berkas=abc".to_vec()),
                    _ => (
                        "a broken multipart body",
                        multipart_type,
                        b"--tidak-ada-batas\r\n".to_vec(),
                    ),
                };
                (
                    format!("upload: {what}"),
                    "/impor/pratinjau",
                    content_type,
                    body,
                    *rng.pick(&importers),
                )
            }
        };
    let builder = post(path, Some(&content_type));
    let length = rng.chance(50);
    let request = finish(builder, world, who, rng, body, length);
    Bad {
        label: format!("{path} {kind} as {who:?}"),
        kind: format!("import: {kind}"),
        request,
    }
}
