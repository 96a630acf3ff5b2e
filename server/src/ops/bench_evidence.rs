//! Benchmark: evidence files over loopback (`pantau bench-evidence [MB] [PARALLEL]`, run by
//! `scripts/bench`). A server on 127.0.0.1 (the whole router, a fresh SQLite database, the demo
//! plan) takes PARALLEL (10) uploads of MB (20) MB at once, distinct files, from clients in
//! this process that generate their bodies as they send them (so the process's memory is the
//! server's); then one upload and its download are timed alone. Prints throughput (MB/s) and
//! the process's peak resident memory (`VmHWM` from `/proc/self/status`) before and after the
//! parallel uploads, and appends them to the bench summary. Asserts nothing.

use crate::config::Settings;
use crate::http::auth::{open_session, SESSION_COOKIE};
use crate::ops::bench_summary::{append, Figure};
use crate::storage::{Store, UnitPlacement};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const BOUNDARY: &str = "----pantau-bench-evidence";
const PIECE: usize = 64 * 1024;

pub async fn run(url: &str, megabytes: u64, parallel: usize) -> Result<Vec<String>, String> {
    let store = Store::connect(url).await.map_err(|e| e.to_string())?;
    let report = crate::ops::import::import_sheet(
        &store,
        crate::ops::import::DEMO_SHEET,
        &UnitPlacement::Top,
    )
    .await
    .map_err(|e| e.to_string())?;
    let plan = report.plan_id();
    let stored = store
        .load_plan_unchecked(plan)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no plan")?;
    let indicator = stored.goals[0].indicators[0].id.ok_or("no indicator")?;
    let unit = store
        .plan_unit(plan)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no unit")?;
    let user = crate::ops::bench_sync::bench_operator(&store, unit, "bench.evidence").await?;
    let token = open_session(&store, user.id, crate::clock::now())
        .await
        .map_err(|e| e.to_string())?;
    let cookie = format!("{SESSION_COOKIE}={token}");
    let size = megabytes * 1024 * 1024;
    let settings = Settings {
        evidence_max_bytes: Some(size.max(model::evidence::DEFAULT_MAX_FILE_BYTES)),
        ..Settings::default()
    };
    let options = LeptosOptions::builder()
        .output_name("pantau")
        .site_pkg_dir("pkg")
        .build();
    let app = crate::http::router::router_with(store.clone(), options, settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    let path = format!("/rencana/{plan}/bukti/indikator/{indicator}/tw/1");

    let before = peak_kb();
    let started = Instant::now();
    let uploads: Vec<_> = (0..parallel)
        .map(|n| {
            let (cookie, path) = (cookie.clone(), path.clone());
            tokio::spawn(async move { upload(addr, &cookie, &path, size, n as u64 + 1).await })
        })
        .collect();
    for upload in uploads {
        upload.await.map_err(|e| e.to_string())??;
    }
    let parallel_seconds = started.elapsed().as_secs_f64();
    let after = peak_kb();

    let started = Instant::now();
    upload(addr, &cookie, &path, size, 1000).await?;
    let upload_seconds = started.elapsed().as_secs_f64();
    let newest = store
        .plan_evidence(plan)
        .await
        .map_err(|e| e.to_string())?
        .last()
        .map(|e| e.id)
        .ok_or("nothing attached")?;
    let started = Instant::now();
    let downloaded = download(addr, &cookie, &format!("/bukti/{newest}")).await?;
    let download_seconds = started.elapsed().as_secs_f64();
    if downloaded != size {
        return Err(format!("downloaded {downloaded} bytes of {size}"));
    }
    let (blobs, chunks) = store.blob_counts().await.map_err(|e| e.to_string())?;

    let mb = megabytes as f64;
    let area = format!("evidence: {megabytes} MB files, SQLite, loopback");
    let figures = [
        Figure::new(
            area.clone(),
            "upload (MB/s)",
            format!("{:.1}", mb / upload_seconds),
            "-",
        ),
        Figure::new(
            area.clone(),
            "download (MB/s)",
            format!("{:.1}", mb / download_seconds),
            "-",
        ),
        Figure::new(
            area.clone(),
            format!("{parallel} parallel uploads (s)"),
            format!("{parallel_seconds:.1}"),
            "-",
        ),
        Figure::new(
            area.clone(),
            format!("peak memory after {parallel} parallel uploads (MB)"),
            format!("{:.0}", after as f64 / 1024.0),
            format!("bounded: far below {parallel} x {megabytes} MB"),
        ),
    ];
    append(&figures)?;
    Ok(vec![
        format!(
            "{area}: upload {:.1} MB/s ({upload_seconds:.2} s), download {:.1} MB/s \
             ({download_seconds:.2} s)",
            mb / upload_seconds,
            mb / download_seconds
        ),
        format!(
            "{area}: {parallel} parallel uploads in {parallel_seconds:.1} s \
             ({:.1} MB/s in all); process peak memory (VmHWM) {:.0} MB before, {:.0} MB after \
             ({} blobs, {chunks} chunk rows stored)",
            mb * parallel as f64 / parallel_seconds,
            before as f64 / 1024.0,
            after as f64 / 1024.0,
            blobs
        ),
    ])
}

/// The process's peak resident memory so far, in kB (`VmHWM`); 0 where `/proc` has none.
pub fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

/// Posts a generated PDF of `size` bytes (its bytes depend on `seed`) as the add form does,
/// writing it piece by piece; the server must answer with its redirect.
async fn upload(
    addr: SocketAddr,
    cookie: &str,
    path: &str,
    size: u64,
    seed: u64,
) -> Result<(), String> {
    let head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"keterangan\"\r\n\r\nbench {seed}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"bench-{seed}.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    let tail = format!("\r\n--{BOUNDARY}--\r\n");
    let length = head.len() as u64 + size + tail.len() as u64;
    let mut stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n\
         Connection: close\r\n\r\n{head}"
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut piece = vec![0u8; PIECE];
    let mut sent = 0u64;
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    while sent < size {
        let n = PIECE.min((size - sent) as usize);
        for byte in piece[..n].iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *byte = x as u8;
        }
        if sent == 0 {
            piece[..5].copy_from_slice(b"%PDF-");
        }
        stream
            .write_all(&piece[..n])
            .await
            .map_err(|e| e.to_string())?;
        sent += n as u64;
    }
    stream
        .write_all(tail.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .await
        .map_err(|e| e.to_string())?;
    let answer = String::from_utf8_lossy(&answer);
    if !answer.starts_with("HTTP/1.1 303") {
        return Err(format!(
            "upload answered {}",
            answer.chars().take(300).collect::<String>()
        ));
    }
    Ok(())
}

/// Reads a file whole, counting its body's bytes without keeping them.
async fn download(addr: SocketAddr, cookie: &str, path: &str) -> Result<u64, String> {
    let stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let mut stream = BufReader::new(stream);
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    );
    stream
        .get_mut()
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut header = Vec::new();
    while !header.ends_with(b"\r\n\r\n") {
        let byte = stream.read_u8().await.map_err(|e| e.to_string())?;
        header.push(byte);
    }
    let header = String::from_utf8_lossy(&header);
    if !header.starts_with("HTTP/1.1 200") {
        return Err(format!("download answered {header}"));
    }
    let mut buffer = vec![0u8; PIECE];
    let mut total = 0u64;
    loop {
        let n = stream.read(&mut buffer).await.map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    Ok(total)
}
