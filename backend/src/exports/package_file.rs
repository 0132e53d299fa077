//! Writing an export package: a ZIP with each system's data as JSON (and as CSV where it is
//! tabular), an `index.html` a person can read, and a `manifest.json` with the SHA-256 of
//! every file. Blocking I/O, run off the async runtime. Each file is copied through a fixed
//! buffer, so memory stays flat whatever the size.

use std::{
    fs::File,
    io::{self, BufReader, Read, Write},
    path::{Path, PathBuf},
};

use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use super::tables::{self, Table};

/// Data files up to this size are also offered as CSV and previewed in `index.html`; larger
/// ones are packaged as JSON only, so that nothing is ever parsed whole into memory.
const TABULAR_LIMIT: u64 = 32 * 1024 * 1024;

/// One system's contribution.
pub(crate) struct Part {
    /// The system's name.
    pub system: String,
    /// Its data or upload, in a local file; `None` when it returned only a receipt.
    pub file: Option<PathBuf>,
    /// Whether `file` is JSON from a webhook (else a file a person uploaded).
    pub json: bool,
    /// The receipt or note.
    pub note: Option<String>,
}

/// What the package is for.
pub(crate) struct Cover {
    pub request_id: String,
    pub kind: String,
    pub created_at: String,
}

/// One packaged file.
#[derive(Serialize)]
pub(crate) struct Entry {
    path: String,
    size: u64,
    sha256: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    request_id: &'a str,
    kind: &'a str,
    created_at: &'a str,
    files: &'a [Entry],
}

/// Writes the package to `out`.
pub(crate) fn write(out: &Path, cover: &Cover, parts: &[Part]) -> io::Result<()> {
    let mut zip = ZipWriter::new(File::create(out)?);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    let mut entries = Vec::new();
    let mut previews = Vec::new();
    for part in parts {
        let Some(path) = &part.file else { continue };
        let ext = if part.json { "json" } else { "upload" };
        let name = format!("systems/{}.{ext}", part.system);
        zip.start_file(name.as_str(), options)?;
        let (size, sha256) = copy_hashing(&mut File::open(path)?, &mut zip)?;
        entries.push(Entry {
            path: name,
            size,
            sha256,
        });
        if part.json && size <= TABULAR_LIMIT {
            for table in read_tables(path)? {
                let name = match &table.name {
                    Some(field) => format!("systems/{}.{field}.csv", part.system),
                    None => format!("systems/{}.csv", part.system),
                };
                entries.push(add_bytes(&mut zip, &name, table.csv().as_bytes(), options)?);
                previews.push((part.system.clone(), name, table));
            }
        }
    }
    let index = super::index_html::render(cover, parts, &entries, &previews);
    entries.push(add_bytes(
        &mut zip,
        "index.html",
        index.as_bytes(),
        options,
    )?);
    let manifest = Manifest {
        request_id: &cover.request_id,
        kind: &cover.kind,
        created_at: &cover.created_at,
        files: &entries,
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(io::Error::other)?;
    add_bytes(&mut zip, "manifest.json", &manifest, options)?;
    zip.finish()?.sync_all()
}

impl Entry {
    /// The path inside the package.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The size in bytes.
    pub(crate) fn size(&self) -> u64 {
        self.size
    }
}

fn read_tables(path: &Path) -> io::Result<Vec<Table>> {
    let value: serde_json::Value = match serde_json::from_reader(BufReader::new(File::open(path)?))
    {
        Ok(value) => value,
        // Not JSON after all: it is still packaged as sent, just not as CSV.
        Err(_) => return Ok(Vec::new()),
    };
    Ok(tables::find(&value))
}

fn add_bytes(
    zip: &mut ZipWriter<File>,
    name: &str,
    bytes: &[u8],
    options: SimpleFileOptions,
) -> io::Result<Entry> {
    zip.start_file(name, options)?;
    let (size, sha256) = copy_hashing(&mut &bytes[..], zip)?;
    Ok(Entry {
        path: name.to_owned(),
        size,
        sha256,
    })
}

/// Copies `from` into `to` through a 1 MiB buffer, returning the size and SHA-256.
fn copy_hashing(from: &mut impl Read, to: &mut impl Write) -> io::Result<(u64, String)> {
    let mut buffer = vec![0; 1024 * 1024];
    let mut hash = Sha256::new();
    let mut size = 0u64;
    loop {
        let n = from.read(&mut buffer)?;
        if n == 0 {
            return Ok((size, hex::encode(hash.finalize())));
        }
        hash.update(&buffer[..n]);
        to.write_all(&buffer[..n])?;
        size += n as u64;
    }
}
