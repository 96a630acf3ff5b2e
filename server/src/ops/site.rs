//! The built site (`LEPTOS_SITE_ROOT`) as `serve` finds it: whether its `/pkg` names carry a
//! hash of their content, and a brotli and a gzip copy of each file worth compressing, made
//! once so that no request pays for it (the file service sends `file.br` or `file.gz` to a
//! browser that accepts it).

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Whether the pages name content-hashed `/pkg` files. cargo-leptos (`hash-files = true`)
/// writes the hashes to `hash.txt` beside the server binary, and tells a server it runs with
/// `LEPTOS_HASH_FILES`; a server started another way (a script, a service manager) finds the
/// file itself. An explicit `LEPTOS_HASH_FILES` wins.
pub fn hashed_names(explicit: Option<&str>, hash_file: &str) -> bool {
    match explicit {
        Some(value) => value.trim() == "true",
        None => std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(hash_file)))
            .is_some_and(|file| file.is_file()),
    }
}

/// The kinds of file that shrink when compressed; images and fonts already are.
const COMPRESSIBLE: [&str; 8] = ["wasm", "js", "css", "html", "svg", "txt", "json", "map"];
/// Below this a compressed copy saves less than its headers cost.
const MIN_BYTES: u64 = 1024;
/// Files above this (a debug build's wasm) get a fast brotli level instead of the best: the
/// best takes minutes on them, and nobody serves a debug build over a slow line.
const BEST_UP_TO_BYTES: u64 = 8 * 1024 * 1024;

/// A compressed copy of a site file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    const ALL: [Encoding; 2] = [Encoding::Brotli, Encoding::Gzip];

    fn suffix(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gz",
        }
    }

    fn copy_of(self, file: &Path) -> PathBuf {
        let mut name = file.as_os_str().to_owned();
        name.push(".");
        name.push(self.suffix());
        PathBuf::from(name)
    }

    fn compress(self, from: &Path, to: &Path, size: u64) -> io::Result<()> {
        let mut input = BufReader::new(fs::File::open(from)?);
        let mut output = BufWriter::new(fs::File::create(to)?);
        match self {
            Encoding::Brotli => {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: if size <= BEST_UP_TO_BYTES { 11 } else { 5 },
                    lgwin: 22,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut input, &mut output, &params)?;
            }
            Encoding::Gzip => {
                let mut gzip = flate2::write::GzEncoder::new(output, flate2::Compression::best());
                io::copy(&mut input, &mut gzip)?;
                output = gzip.finish()?;
            }
        }
        output.flush()?;
        output.into_inner().map_err(|e| e.into_error())?.sync_all()
    }
}

/// What `precompress` found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Precompressed {
    /// Compressed copies written now.
    pub written: usize,
    /// Compressed copies already there and newer than their file.
    pub kept: usize,
}

/// The files under `root` worth compressing, each with its size (none when there is no site).
fn compressible(root: &Path) -> io::Result<Vec<(PathBuf, u64)>> {
    let mut found = Vec::new();
    if !root.is_dir() {
        return Ok(found);
    }
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let path = entry.path();
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file()
                && path
                    .extension()
                    .and_then(OsStr::to_str)
                    .is_some_and(|ext| COMPRESSIBLE.contains(&ext))
            {
                let size = entry.metadata()?.len();
                if size >= MIN_BYTES {
                    found.push((path, size));
                }
            }
        }
    }
    Ok(found)
}

/// Whether `copy` was made from the current `file` (it is at least as new).
fn fresh(copy: &Path, file: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified());
    matches!((modified(copy), modified(file)), (Ok(c), Ok(f)) if c >= f)
}

/// Removes compressed copies older than their file (a rebuild replaced an unhashed file such
/// as `sw.js`), so none is ever sent for a newer file. Quick: run it before serving.
pub fn remove_stale(root: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for (file, _) in compressible(root)? {
        for encoding in Encoding::ALL {
            let copy = encoding.copy_of(&file);
            if copy.exists() && !fresh(&copy, &file) {
                fs::remove_file(&copy)?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Writes the missing compressed copies under `root`. Each is written beside under a temporary
/// name and then renamed, so a request never gets half a file. Slow (the best brotli of a
/// release wasm takes seconds): run it off the request path.
pub fn precompress(root: &Path) -> io::Result<Precompressed> {
    let mut done = Precompressed::default();
    for (file, size) in compressible(root)? {
        for encoding in Encoding::ALL {
            let copy = encoding.copy_of(&file);
            if fresh(&copy, &file) {
                done.kept += 1;
                continue;
            }
            let mut partial = copy.as_os_str().to_owned();
            // Named by the process: two servers starting on one site never write one file.
            partial.push(format!(".partial-{}", std::process::id()));
            let partial = PathBuf::from(partial);
            let written = encoding
                .compress(&file, &partial, size)
                .and_then(|()| fs::rename(&partial, &copy));
            if let Err(error) = written {
                let _ = fs::remove_file(&partial);
                return Err(error);
            }
            done.written += 1;
        }
    }
    Ok(done)
}

/// Brings the compressed copies up to date: stale ones are removed before this returns (so the
/// server never sends one for a newer file), missing ones are written in the background. A site
/// the server cannot write to is served as it is (compressed per request instead).
pub fn prepare(root: &Path) {
    match remove_stale(root) {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            "removed {n} outdated compressed copies under {}",
            root.display()
        ),
        Err(error) => tracing::warn!(
            "cannot check the compressed copies under {}: {error}",
            root.display()
        ),
    }
    let root = root.to_path_buf();
    tokio::task::spawn_blocking(move || {
        match precompress(&root) {
        Ok(done) => tracing::info!(
            "static files under {} compressed: {} copies written, {} already there",
            root.display(),
            done.written,
            done.kept
        ),
        Err(error) => tracing::warn!(
            "cannot write compressed copies under {} (served compressed per request instead): {error}",
            root.display()
        ),
    }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "pantau-site-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        fs::create_dir_all(dir.join("pkg")).unwrap();
        dir
    }

    #[test]
    fn compressed_copies_decode_to_the_file_and_small_or_binary_files_get_none() {
        let root = site();
        let wasm: Vec<u8> = (0..50_000u32).map(|i| (i % 7) as u8).collect();
        fs::write(root.join("pkg/pantau.abc.wasm"), &wasm).unwrap();
        fs::write(root.join("robots.txt"), "User-agent: *\n").unwrap();
        fs::write(root.join("pkg/logo.png"), vec![1u8; 5000]).unwrap();

        let done = precompress(&root).unwrap();
        assert_eq!(
            done,
            Precompressed {
                written: 2,
                kept: 0
            }
        );

        let mut decoded = Vec::new();
        brotli::Decompressor::new(
            fs::File::open(root.join("pkg/pantau.abc.wasm.br")).unwrap(),
            4096,
        )
        .read_to_end(&mut decoded)
        .unwrap();
        assert_eq!(decoded, wasm);
        let mut gunzipped = Vec::new();
        flate2::read::GzDecoder::new(fs::File::open(root.join("pkg/pantau.abc.wasm.gz")).unwrap())
            .read_to_end(&mut gunzipped)
            .unwrap();
        assert_eq!(gunzipped, wasm);
        assert!(!root.join("robots.txt.br").exists());
        assert!(!root.join("pkg/logo.png.br").exists());

        assert_eq!(
            precompress(&root).unwrap(),
            Precompressed {
                written: 0,
                kept: 2
            }
        );
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_copy_older_than_its_rebuilt_file_is_removed_and_made_again() {
        let root = site();
        let file = root.join("sw.js");
        fs::write(&file, "// first build\n".repeat(200)).unwrap();
        precompress(&root).unwrap();
        let old = fs::File::options()
            .write(true)
            .open(Encoding::Brotli.copy_of(&file))
            .unwrap();
        old.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
        drop(old);

        assert_eq!(remove_stale(&root).unwrap(), 1);
        assert!(!Encoding::Brotli.copy_of(&file).exists());
        assert!(Encoding::Gzip.copy_of(&file).exists());
        assert_eq!(
            precompress(&root).unwrap(),
            Precompressed {
                written: 1,
                kept: 1
            }
        );
        fs::remove_dir_all(root).unwrap();
    }
}
