//! Keeping a fetched response: the raw bytes under `<profile dir>/sources/`, written atomically
//! (a temporary file in the same folder, then renamed without overwriting), a sidecar
//! `<file>.source.toml` with the URL, the retrieval date and time and the sha256, and for a zip
//! (World Bank) its files unpacked into a folder named after it.

use super::FetchError;
use super::api::{Body, Prepared};
use super::http::Response;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a fetch put its files.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The raw response as received.
    pub raw: PathBuf,
    pub sidecar: PathBuf,
    /// sha256 of the raw response.
    pub sha256: String,
    /// The file to import: the raw response, or the data file unpacked from a zip.
    pub import: PathBuf,
}

#[derive(Debug, Serialize)]
struct Sidecar<'a> {
    url: &'a str,
    retrieved: &'a str,
    retrieved_at: &'a str,
    sha256: &'a str,
    bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type: Option<&'a str>,
    api: &'a str,
    provider: &'a str,
    dataset: &'a str,
    country: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unpacked: Vec<Unpacked>,
}

#[derive(Debug, Serialize)]
struct Unpacked {
    file: String,
    sha256: String,
}

/// Hex sha256 of bytes.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file-name part: letters, digits, `.`, `_`, `-`; anything else becomes `_`.
fn part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_matches('.')
        .to_string()
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> FetchError + '_ {
    move |e| FetchError::Io {
        path: path.display().to_string(),
        source: e,
    }
}

/// Write `bytes` to `path` atomically; `false` when `path` exists (nothing written).
fn write_new(path: &Path, bytes: &[u8]) -> Result<bool, FetchError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(dir))?;
    tmp.write_all(bytes).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(FetchError::Io {
            path: path.display().to_string(),
            source: e.error,
        }),
    }
}

/// Save `resp` for `p` under `<profile_dir>/sources/`. A file of the same name with the same
/// content is kept as it is (a second fetch on the same day of unchanged data); with other
/// content the new one gets `-2`, `-3`... `today` is `YYYY-MM-DD`, `now` the time written in the
/// sidecar (`YYYY-MM-DDTHH:MM:SSZ`).
#[allow(clippy::too_many_arguments)]
pub fn save(
    profile_dir: &Path,
    p: &Prepared,
    provider: &str,
    iso3: &str,
    today: &str,
    now: &str,
    resp: &Response,
    max_bytes: u64,
) -> Result<Saved, FetchError> {
    let dir = profile_dir.join("sources");
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let sha = sha256(&resp.bytes);
    let stem = format!(
        "{}-{}-{}-{}",
        p.api.id(),
        part(&p.dataset),
        part(iso3),
        part(today)
    );
    let mut n = 1;
    let (raw, stem) = loop {
        let s = if n == 1 {
            stem.clone()
        } else {
            format!("{stem}-{n}")
        };
        let path = dir.join(format!("{s}.{}", p.body.ext()));
        if write_new(&path, &resp.bytes)? {
            break (path, s);
        }
        let same = std::fs::read(&path)
            .map(|b| sha256(&b) == sha)
            .unwrap_or(false);
        if same {
            break (path, s);
        }
        n += 1;
        if n > 999 {
            return Err(FetchError::Usage(format!(
                "{}: too many fetches of {stem} today",
                dir.display()
            )));
        }
    };
    let (import, unpacked) = match p.body {
        Body::Zip => unzip(&raw, &dir.join(&stem), max_bytes)?,
        Body::Json | Body::Csv => (raw.clone(), Vec::new()),
    };
    let mut name = raw
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".source.toml");
    let sidecar = raw.with_file_name(name);
    let record = Sidecar {
        url: &p.url,
        retrieved: today,
        retrieved_at: now,
        sha256: &sha,
        bytes: resp.bytes.len(),
        content_type: resp.content_type.as_deref(),
        api: p.api.id(),
        provider,
        dataset: &p.dataset,
        country: iso3,
        unpacked,
    };
    let text = toml::to_string(&record)
        .map_err(|e| FetchError::Usage(format!("writing {}: {e}", sidecar.display())))?;
    let text = format!(
        "# Written by `migprof fetch`: where and when the file beside it was downloaded.\n{text}"
    );
    let tmp_ok = write_new(&sidecar, text.as_bytes())?;
    if !tmp_ok {
        // The same raw file fetched again: the sidecar of the first fetch is replaced, so
        // that it gives the time of the last retrieval.
        let d = sidecar.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(d).map_err(io(d))?;
        tmp.write_all(text.as_bytes()).map_err(io(&sidecar))?;
        tmp.persist(&sidecar).map_err(|e| FetchError::Io {
            path: sidecar.display().to_string(),
            source: e.error,
        })?;
    }
    Ok(Saved {
        raw,
        sidecar,
        sha256: sha,
        import,
    })
}

/// Unpack the files of a zip into `into` (flat: only each entry's file name is used, so no
/// entry can write outside it), at most `max_bytes` in all; return the data file to import:
/// the one `API_*.csv` (the World Bank download's data table; its `Metadata_*` companions are
/// read beside it by the importer).
fn unzip(
    zip_path: &Path,
    into: &Path,
    max_bytes: u64,
) -> Result<(PathBuf, Vec<Unpacked>), FetchError> {
    use std::io::Read;
    let bad = |m: String| FetchError::Api {
        url: zip_path.display().to_string(),
        message: m,
    };
    let f = std::fs::File::open(zip_path).map_err(io(zip_path))?;
    let mut z = zip::ZipArchive::new(f).map_err(|e| bad(format!("not a readable zip: {e}")))?;
    std::fs::create_dir_all(into).map_err(io(into))?;
    let mut total = 0u64;
    let mut data = None;
    let mut unpacked = Vec::new();
    for i in 0..z.len() {
        let mut entry = z
            .by_index(i)
            .map_err(|e| bad(format!("zip entry {i}: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let Some(name) = entry
            .enclosed_name()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        else {
            continue;
        };
        let name = part(&name);
        if name.is_empty() {
            continue;
        }
        let mut bytes = Vec::new();
        let room = max_bytes.saturating_sub(total);
        entry
            .by_ref()
            .take(room.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("zip entry {name}: {e}")))?;
        total += bytes.len() as u64;
        if total > max_bytes {
            return Err(bad(format!(
                "the unpacked files exceed the limit of {max_bytes} bytes"
            )));
        }
        let path = into.join(&name);
        if !write_new(&path, &bytes)? {
            let same = std::fs::read(&path).map(|b| b == bytes).unwrap_or(false);
            if !same {
                return Err(bad(format!(
                    "{} exists with other content; not overwritten",
                    path.display()
                )));
            }
        }
        if name.starts_with("API_") && name.to_ascii_lowercase().ends_with(".csv") {
            if data.is_some() {
                return Err(bad("the zip holds more than one API_*.csv data file".into()));
            }
            data = Some(path.clone());
        }
        unpacked.push(Unpacked {
            file: name,
            sha256: sha256(&bytes),
        });
    }
    match data {
        Some(d) => Ok((d, unpacked)),
        None => Err(bad("the zip holds no API_*.csv data file".into())),
    }
}
