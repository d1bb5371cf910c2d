//! Live fetch: download a dataset for a country from a provider's public API, keep the raw
//! response next to the profile with its URL, date and sha256, and import it exactly as
//! `migprof import FILE --profile P` does ([`crate::ingest::import`], then
//! [`crate::ops::add_source`]); the source entry records the URL as well as the file.
//!
//! - [`api`]: the APIs (World Bank API v2, UNHCR population API, SDMX REST of Eurostat, OECD and
//!   ILOSTAT) and the request URL of a dataset for a country.
//! - [`http`]: the GET (timeout, bounded retries with backoff on 5xx and timeouts, proxies from
//!   the environment, a size limit).
//! - [`save`]: the raw file `<profile dir>/sources/<api>-<dataset>-<ISO3>-<date>.<ext>`, written
//!   atomically, with a sidecar `<file>.source.toml` (URL, retrieval date and time, sha256); a
//!   World Bank zip is unpacked beside it into a folder of the same name.
//!
//! Nothing here prints or reads the clock: the caller passes the date.

pub mod api;
pub mod http;
pub mod save;

pub use api::{Api, Body, Prepared, prepare};
pub use http::{Options, Response};
pub use save::Saved;

use crate::ingest::{self, Context, Outcome};
use crate::ops;
use crate::profile::Profile;
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FetchError {
    #[error("{0}")]
    Usage(String),
    #[error(
        "cannot reach {host}: {detail}. The machine looks offline, or the host (or the proxy in \
         HTTPS_PROXY/HTTP_PROXY) refuses connections; nothing was downloaded and the profile is unchanged"
    )]
    Offline { host: String, detail: String },
    #[error(
        "{url}: no answer within {secs} s ({attempts} attempts); try again later or raise --timeout"
    )]
    Timeout {
        url: String,
        secs: f64,
        attempts: u32,
    },
    #[error("{url}: the server failed with HTTP {status} ({attempts} attempts); try again later")]
    Server {
        url: String,
        status: u16,
        attempts: u32,
    },
    #[error("{url}: HTTP {status} (not retried: the request itself was refused): {body}")]
    Status {
        url: String,
        status: u16,
        body: String,
    },
    #[error("{url}: the response is larger than the limit of {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: {detail}")]
    Http { url: String, detail: String },
    #[error("{url}: the API did not answer with data: {message}")]
    Api { url: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Import(String),
}

/// Check that a response is the data the request asked for (an API may answer an error with
/// HTTP 200), before anything is saved.
pub fn check_response(p: &Prepared, resp: &Response) -> Result<(), FetchError> {
    let text_start = || {
        let s = String::from_utf8_lossy(resp.bytes.get(..300).unwrap_or(&resp.bytes)).into_owned();
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            "an empty body".to_string()
        } else {
            format!("it begins {s:?}")
        }
    };
    let fail = |message: String| {
        Err(FetchError::Api {
            url: p.url.clone(),
            message,
        })
    };
    match p.body {
        Body::Zip => {
            if !resp.bytes.starts_with(b"PK\x03\x04") {
                return fail(format!("expected a zip archive; {}", text_start()));
            }
        }
        Body::Json => {
            let v: serde_json::Value = match serde_json::from_slice(&resp.bytes) {
                Ok(v) => v,
                Err(e) => return fail(format!("not JSON ({e}); {}", text_start())),
            };
            if v.get("items").and_then(|i| i.as_array()).is_none() {
                return fail(format!("no `items` array; {}", text_start()));
            }
            let pages = v.get("maxPages").and_then(|m| m.as_u64()).unwrap_or(1);
            if pages > 1 {
                return fail(format!(
                    "the answer has {pages} pages and only the first was asked for; the \
                     response would be incomplete"
                ));
            }
        }
        Body::Csv => {
            let first = resp
                .bytes
                .split(|b| *b == b'\n')
                .next()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .unwrap_or_default();
            let first = first.trim_start_matches('\u{feff}');
            let cell = first.split(',').next().unwrap_or("").trim_matches('"');
            if !(cell == "STRUCTURE" || cell == "DATAFLOW") {
                return fail(format!("expected SDMX-CSV; {}", text_start()));
            }
        }
    }
    Ok(())
}

/// What [`add_to_profile`] did.
#[derive(Debug)]
pub struct Imported {
    pub outcome: Outcome,
    pub source_id: String,
    pub values: usize,
    pub admitted: ops::Admitted,
}

/// Import the saved file into `profile` (at `profile_path`) through the same core path as
/// `migprof import FILE --profile P`, then record the URL on the new source.
pub fn add_to_profile(
    profile: &mut Profile,
    profile_path: &Path,
    ctx: &Context,
    saved: &Saved,
    url: &str,
    today: &str,
    cwd: &Path,
) -> Result<Imported, FetchError> {
    let file = &saved.import;
    let outcome = ingest::import(file, None, ctx).map_err(|e| FetchError::Import(e.to_string()))?;
    let sha256 = ops::sha256_file(file).map_err(|e| FetchError::Io {
        path: file.display().to_string(),
        source: e,
    })?;
    let imp = ops::FileImport {
        stored: ops::stored_path(profile_path, file, cwd),
        sha256,
        outcome: &outcome,
    };
    let added = ops::add_source(profile, ctx, &imp, today)
        .map_err(|e| FetchError::Import(format!("{}: {e}", profile_path.display())))?;
    let ops::Added::Source {
        id,
        values,
        admitted,
    } = added
    else {
        return Err(FetchError::Import(format!(
            "{}: the fetched file is a footnotes table, not data",
            file.display()
        )));
    };
    if let Some(s) = profile.sources.iter_mut().find(|s| s.id == id) {
        s.url = Some(url.to_string());
    }
    Ok(Imported {
        outcome,
        source_id: id,
        values,
        admitted,
    })
}
