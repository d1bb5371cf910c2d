//! The HTTP GET of a fetch: a timeout per attempt, bounded retries with exponential backoff on
//! server errors (5xx, 429) and timeouts (never on another 4xx), the proxy chosen from
//! `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` with `NO_PROXY` honoured, and a size limit.

use super::FetchError;
use std::time::Duration;

/// How a fetch talks to the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Per attempt, connection to last byte.
    pub timeout: Duration,
    /// Attempts after the first one, for 5xx, 429 and timeouts.
    pub retries: u32,
    /// The wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Largest response body accepted.
    pub max_bytes: u64,
}

/// The default size limit: 256 MiB (a whole SDMX dataflow is far smaller; a country's is KiB).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

impl Default for Options {
    fn default() -> Options {
        Options {
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_bytes: MAX_BYTES,
        }
    }
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
    /// Attempts made (1 = no retry).
    pub attempts: u32,
}

/// The host of an `http(s)://` URL, lower case, without user info, port or brackets.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    host.to_ascii_lowercase()
}

/// The proxy to use for `url`, from the environment as `env` reads it: `NO_PROXY` (a comma list
/// of hosts or domain suffixes, `*` for all) first, then `HTTPS_PROXY` for https URLs or
/// `HTTP_PROXY` for http ones, then `ALL_PROXY`; lower-case names too. Empty values are unset.
pub fn proxy_for(url: &str, env: impl Fn(&str) -> Option<String>) -> Option<String> {
    let get = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| env(n).filter(|v| !v.trim().is_empty()))
            .map(|v| v.trim().to_string())
    };
    let host = host_of(url);
    if let Some(list) = get(&["NO_PROXY", "no_proxy"]) {
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                return None;
            }
            let e = entry.trim_start_matches("*.").trim_start_matches('.');
            let e = host_of(&format!("x://{e}"));
            if host == e || host.ends_with(&format!(".{e}")) {
                return None;
            }
        }
    }
    if url.starts_with("https://") {
        get(&["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"])
    } else {
        get(&["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
    }
}

/// What one attempt gave.
enum Attempt {
    Done(Response),
    /// Worth another attempt: (why, wait asked for by the server).
    Retry(FetchError, Option<Duration>),
    Fail(FetchError),
}

/// GET `url` with `accept`, through `proxy` (see [`proxy_for`]).
pub fn get(
    url: &str,
    accept: &str,
    proxy: Option<&str>,
    opts: &Options,
) -> Result<Response, FetchError> {
    let proxy_shown = proxy;
    let proxy = match proxy {
        Some(p) => Some(ureq::Proxy::new(p).map_err(|e| {
            FetchError::Usage(format!(
                "proxy {p:?} (from the environment) is not usable: {e}"
            ))
        })?),
        None => None,
    };
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .proxy(proxy)
        .user_agent(concat!("migprof/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent: ureq::Agent = config.into();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        match once(&agent, url, accept, opts, attempt) {
            Attempt::Done(r) => return Ok(r),
            Attempt::Fail(FetchError::Offline { host, detail }) if proxy_shown.is_some() => {
                return Err(FetchError::Offline {
                    host,
                    detail: format!(
                        "{detail} (connecting through the proxy {})",
                        proxy_shown.unwrap_or_default()
                    ),
                });
            }
            Attempt::Fail(e) => return Err(e),
            Attempt::Retry(e, asked) => {
                if attempt > opts.retries {
                    return Err(e);
                }
                let doubled = opts
                    .backoff
                    .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
                // A server's Retry-After is honoured up to a minute.
                let wait = asked
                    .map(|a| a.min(Duration::from_secs(60)))
                    .unwrap_or(doubled);
                std::thread::sleep(wait);
            }
        }
    }
}

fn once(agent: &ureq::Agent, url: &str, accept: &str, opts: &Options, attempt: u32) -> Attempt {
    let mut resp = match agent.get(url).header("Accept", accept).call() {
        Ok(r) => r,
        Err(e) => return transport_error(url, e, opts, attempt),
    };
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type");
    let retry_after = header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    if status == 429 || (500..600).contains(&status) {
        return Attempt::Retry(
            FetchError::Server {
                url: url.to_string(),
                status,
                attempts: attempt,
            },
            retry_after,
        );
    }
    let body = resp
        .body_mut()
        .with_config()
        .limit(opts.max_bytes)
        .read_to_vec();
    let bytes = match body {
        Ok(b) => b,
        Err(e) => return transport_error(url, e, opts, attempt),
    };
    if !(200..300).contains(&status) {
        let start = String::from_utf8_lossy(bytes.get(..300).unwrap_or(&bytes)).into_owned();
        return Attempt::Fail(FetchError::Status {
            url: url.to_string(),
            status,
            body: start.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    Attempt::Done(Response {
        status,
        content_type,
        bytes,
        attempts: attempt,
    })
}

fn transport_error(url: &str, e: ureq::Error, opts: &Options, attempt: u32) -> Attempt {
    use std::io::ErrorKind;
    let offline = |detail: String| {
        Attempt::Fail(FetchError::Offline {
            host: host_of(url),
            detail,
        })
    };
    match e {
        ureq::Error::Timeout(_) => Attempt::Retry(
            FetchError::Timeout {
                url: url.to_string(),
                secs: opts.timeout.as_secs_f64(),
                attempts: attempt,
            },
            None,
        ),
        ureq::Error::BodyExceedsLimit(n) => Attempt::Fail(FetchError::TooLarge {
            url: url.to_string(),
            limit: n,
        }),
        ureq::Error::HostNotFound => offline("the host name does not resolve".to_string()),
        ureq::Error::ConnectionFailed => offline("the connection failed".to_string()),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused
            | ErrorKind::NetworkUnreachable
            | ErrorKind::HostUnreachable
            | ErrorKind::AddrNotAvailable => offline(io.to_string()),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => Attempt::Retry(
                FetchError::Timeout {
                    url: url.to_string(),
                    secs: opts.timeout.as_secs_f64(),
                    attempts: attempt,
                },
                None,
            ),
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::UnexpectedEof => Attempt::Retry(
                FetchError::Http {
                    url: url.to_string(),
                    detail: format!("{io} (after {attempt} attempts)"),
                },
                None,
            ),
            _ => Attempt::Fail(FetchError::Http {
                url: url.to_string(),
                detail: io.to_string(),
            }),
        },
        other => Attempt::Fail(FetchError::Http {
            url: url.to_string(),
            detail: other.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://api.worldbank.org/v2/x"),
            "api.worldbank.org"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/a?b"), "127.0.0.1");
        assert_eq!(host_of("http://u:p@[::1]:80/"), "::1");
    }

    #[test]
    fn proxy_by_scheme_and_no_proxy() {
        let e = [
            ("HTTPS_PROXY", "http://127.0.0.1:9"),
            ("http_proxy", "http://127.0.0.1:8"),
            ("NO_PROXY", "localhost, .example.org,10.0.0.1:80"),
        ];
        assert_eq!(
            proxy_for("https://api.unhcr.org/x", env(&e)).as_deref(),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(
            proxy_for("http://api.unhcr.org/x", env(&e)).as_deref(),
            Some("http://127.0.0.1:8")
        );
        assert_eq!(proxy_for("https://sdmx.example.org/x", env(&e)), None);
        assert_eq!(proxy_for("http://localhost:3000/x", env(&e)), None);
        assert_eq!(proxy_for("http://10.0.0.1/x", env(&e)), None);
        assert_eq!(
            proxy_for("https://x", env(&[("NO_PROXY", "*"), ("ALL_PROXY", "p")])),
            None
        );
        assert_eq!(
            proxy_for("https://x", env(&[("ALL_PROXY", "http://p:1")])).as_deref(),
            Some("http://p:1")
        );
        assert_eq!(proxy_for("https://x", env(&[("HTTPS_PROXY", " ")])), None);
    }
}
