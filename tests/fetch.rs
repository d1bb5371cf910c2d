//! `migprof fetch` against a local HTTP server on 127.0.0.1 started by each test, serving the
//! fixtures of tests/fixtures/fetch/ (each in its API's documented response format). Nothing
//! here reaches the network: every run of the binary gets HTTPS_PROXY / HTTP_PROXY / ALL_PROXY
//! pointing at a closed local port and NO_PROXY=127.0.0.1, so a request to a default public host
//! would fail on the closed proxy (see `the_public_host_is_never_contacted`).

use assert_cmd::Command;
use migprof::model::Status;
use migprof::profile::ProfileFile;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fetch")
        .join(name)
}

fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// The World Bank `downloadformat=csv` answer: a zip of the API_ file and its two companions.
fn worldbank_zip() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for name in [
            "API_SM.POP.NETM_DS2_en_csv_v2_fetch.csv",
            "Metadata_Indicator_API_SM.POP.NETM_DS2_en_csv_v2_fetch.csv",
            "Metadata_Country_API_SM.POP.NETM_DS2_en_csv_v2_fetch.csv",
        ] {
            z.start_file(name, opts).unwrap();
            z.write_all(&read_fixture(&format!("worldbank/{name}")))
                .unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// What the server answers to the n-th request (the last entry repeats).
#[derive(Clone)]
enum Reply {
    Ok(&'static str, Vec<u8>),
    Status(u16),
    /// Accept, read the request, never answer (for the timeout).
    Hang,
}

/// A request as received: the request line and the headers (lower-case names).
#[derive(Clone, Debug)]
struct Seen {
    line: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
    fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn read_head(r: &mut BufReader<TcpStream>) -> Option<Seen> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 {
            break;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    Some(Seen {
        line: line.trim_end().to_string(),
        headers,
    })
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn handle(stream: TcpStream, reply: Reply, seen: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut w = stream.try_clone().unwrap();
    let mut r = BufReader::new(stream);
    let Some(mut req) = read_head(&mut r) else {
        return;
    };
    if req.line.starts_with("CONNECT ") {
        // Acting as a proxy: the tunnel is open, the real request follows on it.
        seen.lock().unwrap().push(req.clone());
        let _ = w.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
        match read_head(&mut r) {
            Some(inner) => req = inner,
            None => return,
        }
    }
    seen.lock().unwrap().push(req);
    let (code, ctype, body) = match reply {
        Reply::Ok(ctype, body) => (200, ctype, body),
        Reply::Status(c) => (c, "text/plain", format!("status {c}").into_bytes()),
        Reply::Hang => {
            std::thread::sleep(Duration::from_secs(5));
            return;
        }
    };
    let head = format!(
        "HTTP/1.1 {code} {}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reason(code),
        body.len()
    );
    let _ = w.write_all(head.as_bytes());
    let _ = w.write_all(&body);
    let _ = w.flush();
    let mut rest = Vec::new();
    let _ = r.read_to_end(&mut rest);
}

/// Start a server on 127.0.0.1:0 answering `script` in order.
fn serve(script: Vec<Reply>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = Arc::clone(&seen);
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(stream) = stream else { continue };
            let reply = script
                .get(n)
                .or(script.last())
                .cloned()
                .unwrap_or(Reply::Status(500));
            let s3 = Arc::clone(&s2);
            std::thread::spawn(move || handle(stream, reply, &s3));
        }
    });
    Server { addr, seen }
}

/// A local port nothing listens on.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let p = l.local_addr().unwrap().port();
    drop(l);
    p
}

/// The binary with the network fenced off: every proxy variable names a closed local port, and
/// only 127.0.0.1 is reached directly.
fn migprof(dir: &Path) -> Command {
    let dead = format!("http://127.0.0.1:{}", closed_port());
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(dir)
        .env_remove("MIGPROF_CATALOGUE")
        .env_remove("MIGPROF_FETCH_BASE_URL")
        .env("HTTPS_PROXY", &dead)
        .env("https_proxy", &dead)
        .env("HTTP_PROXY", &dead)
        .env("http_proxy", &dead)
        .env("ALL_PROXY", &dead)
        .env("all_proxy", &dead)
        .env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1")
        .timeout(Duration::from_secs(60));
    c
}

/// A temp dir with `p.toml` made by `migprof new` for `iso3`, reference year 2023.
fn new_profile(iso3: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    migprof(d.path())
        .args([
            "new",
            "--country",
            iso3,
            "--year",
            "2023",
            "--out",
            "p.toml",
        ])
        .assert()
        .success();
    d
}

fn fetch(dir: &Path, base: &str, provider: &str, dataset: &str) -> assert_cmd::assert::Assert {
    migprof(dir)
        .args([
            "fetch",
            "--provider",
            provider,
            "--dataset",
            dataset,
            "--profile",
            "p.toml",
            "--base-url",
            base,
            "--backoff-ms",
            "10",
        ])
        .assert()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The single fetched source of the profile in `dir`: checks URL, file, sha256 and date, and
/// returns the profile.
fn fetched_source(dir: &Path, url: &str, file_in_sources: &str) -> ProfileFile {
    let pf = ProfileFile::load(&dir.join("p.toml")).unwrap();
    assert_eq!(pf.profile.sources.len(), 1, "{:?}", pf.profile.sources);
    let s = &pf.profile.sources[0];
    assert_eq!(s.url.as_deref(), Some(url));
    let file = s.file.as_deref().unwrap();
    assert!(
        file.starts_with("sources/") && file.ends_with(file_in_sources),
        "{file}"
    );
    let bytes = std::fs::read(dir.join(file)).unwrap();
    assert_eq!(s.sha256.as_deref(), Some(sha256_hex(&bytes).as_str()));
    let day = s.retrieved.as_deref().unwrap();
    assert_eq!(day.len(), 10, "{day}");
    assert!(file.contains(day), "the file name carries the date: {file}");
    pf
}

/// The value of `indicator` for `period` (no breakdown unless `dis` gives one).
fn value(pf: &ProfileFile, indicator: &str, period: &str, dis: &[(&str, &str)]) -> f64 {
    let hits: Vec<_> = pf
        .profile
        .observations
        .iter()
        .filter(|o| {
            o.indicator == indicator
                && o.period == period
                && o.disaggregation.len() == dis.len()
                && dis
                    .iter()
                    .all(|(k, v)| o.disaggregation.get(*k).map(String::as_str) == Some(*v))
        })
        .collect();
    assert_eq!(hits.len(), 1, "{indicator} {period} {dis:?}: {hits:?}");
    hits[0].value
}

/// The sidecar beside the raw file: URL, date, sha256 of the raw bytes.
fn check_sidecar(dir: &Path, raw_name: &str, url: &str, raw: &[u8]) {
    let sources = dir.join("sources");
    let raw_path = std::fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(raw_name) && !n.ends_with(".source.toml"))
                && p.is_file()
        })
        .unwrap_or_else(|| panic!("no {raw_name}* in {}", sources.display()));
    assert_eq!(
        std::fs::read(&raw_path).unwrap(),
        raw,
        "raw response kept as received"
    );
    let mut side = raw_path.file_name().unwrap().to_os_string();
    side.push(".source.toml");
    let text = std::fs::read_to_string(raw_path.with_file_name(side)).unwrap();
    let t: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(t["url"].as_str(), Some(url));
    assert_eq!(t["sha256"].as_str(), Some(sha256_hex(raw).as_str()));
    assert_eq!(t["retrieved"].as_str().map(str::len), Some(10));
    assert!(t["retrieved_at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn worldbank_zip_end_to_end() {
    let zip = worldbank_zip();
    let srv = serve(vec![Reply::Ok("application/zip", zip.clone())]);
    let d = new_profile("DEU");
    let a = fetch(d.path(), &srv.base(), "worldbank", "SM.POP.NETM");
    let a = a.success();
    let url = format!(
        "{}/v2/country/DEU/indicator/SM.POP.NETM?downloadformat=csv",
        srv.base()
    );
    let reqs = srv.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        reqs[0].line,
        "GET /v2/country/DEU/indicator/SM.POP.NETM?downloadformat=csv HTTP/1.1"
    );
    assert!(stdout(&a).contains("worldbank_api"), "{}", stdout(&a));
    let pf = fetched_source(d.path(), &url, "API_SM.POP.NETM_DS2_en_csv_v2_fetch.csv");
    assert_eq!(
        pf.profile.sources[0].format.as_deref(),
        Some("worldbank_api")
    );
    // Fixture row "Germany","DEU",...: column "2021" is 312735, "2015" is 397921.
    assert_eq!(value(&pf, "net_migration", "2021", &[]), 312735.0);
    assert_eq!(value(&pf, "net_migration", "2015", &[]), 397921.0);
    // The Metadata_Indicator companion unpacked beside it names WPP 2022 (estimates end in
    // 2021): 2022 is kept marked as a projection, with the revision.
    let o = pf
        .profile
        .observations
        .iter()
        .find(|o| o.indicator == "net_migration" && o.period == "2022")
        .unwrap();
    assert_eq!(o.value, 154592.0);
    assert_eq!(o.status, Some(Status::Projection));
    assert_eq!(o.revision.as_deref(), Some("WPP 2022"));
    check_sidecar(d.path(), "worldbank-SM.POP.NETM-DEU-", &url, &zip);
}

#[test]
fn unhcr_json_end_to_end() {
    let body = read_fixture("unhcr_population_deu.json");
    let srv = serve(vec![Reply::Ok("application/json", body.clone())]);
    let d = new_profile("DEU");
    let a = fetch(d.path(), &srv.base(), "unhcr", "population").success();
    let url = format!(
        "{}/population/v1/population/?cf_type=ISO&coa=DEU&yearFrom=1951&yearTo=2023&limit=10000&page=1",
        srv.base()
    );
    assert!(stdout(&a).contains("unhcr_api"), "{}", stdout(&a));
    assert_eq!(srv.requests()[0].header("accept"), Some("application/json"));
    let pf = fetched_source(d.path(), &url, ".json");
    assert_eq!(pf.profile.sources[0].format.as_deref(), Some("unhcr_api"));
    assert_eq!(pf.profile.sources[0].provider, "unhcr_refugee_data_finder");
    // Fixture items: 2023 "refugees":2263015, "asylum_seekers":275030, "stateless":26800;
    // 2022 "refugees":2075445.
    assert_eq!(value(&pf, "refugees_hosted", "2023", &[]), 2263015.0);
    assert_eq!(value(&pf, "refugees_hosted", "2022", &[]), 2075445.0);
    assert_eq!(value(&pf, "asylum_seekers", "2023", &[]), 275030.0);
    assert_eq!(value(&pf, "stateless", "2023", &[]), 26800.0);
    check_sidecar(d.path(), "unhcr-population-DEU-", &url, &body);
}

#[test]
fn eurostat_sdmx_end_to_end() {
    let body = read_fixture("eurostat_migr_asyappctza_de.csv");
    let srv = serve(vec![Reply::Ok(
        "application/vnd.sdmx.data+csv;version=2.0.0",
        body.clone(),
    )]);
    let d = new_profile("DEU");
    fetch(d.path(), &srv.base(), "eurostat", "migr_asyappctza").success();
    let url = format!(
        "{}/sdmx/3.0/data/dataflow/ESTAT/migr_asyappctza/1.0/*?c%5Bgeo%5D=DE&format=csvdata&formatVersion=2.0&compress=false",
        srv.base()
    );
    assert_eq!(
        srv.requests()[0].header("accept"),
        Some("application/vnd.sdmx.data+csv;version=2.0.0")
    );
    let pf = fetched_source(d.path(), &url, ".csv");
    assert_eq!(pf.profile.sources[0].format.as_deref(), Some("sdmx_csv"));
    // Fixture rows: TOTAL/NASY_APP/DE/2023 = 329035, 2022 = 217735; SY/NASY_APP/2023 = 102930.
    // The ASY_APP row (all applicants) is not what the catalogue reads.
    assert_eq!(value(&pf, "asylum_applications", "2023", &[]), 329035.0);
    assert_eq!(value(&pf, "asylum_applications", "2022", &[]), 217735.0);
    assert_eq!(
        value(
            &pf,
            "asylum_applications",
            "2023",
            &[("citizenship", "SYR")]
        ),
        102930.0
    );
    check_sidecar(d.path(), "eurostat-migr_asyappctza-DEU-", &url, &body);
}

#[test]
fn oecd_sdmx_end_to_end() {
    let body = read_fixture("oecd_df_mig_deu.csv");
    let srv = serve(vec![Reply::Ok("text/csv", body.clone())]);
    let d = new_profile("DEU");
    fetch(d.path(), &srv.base(), "oecd", "DF_MIG").success();
    let url = format!(
        "{}/data/OECD.ELS.IMD,DSD_MIG@DF_MIG,1.0/DEU.......?format=csvfilewithlabels",
        srv.base()
    );
    let pf = fetched_source(d.path(), &url, ".csv");
    assert_eq!(pf.profile.sources[0].provider, "oecd_imd");
    // Fixture rows DEU/W/B11/_T: 2021 = 1140085, 2022 = 2665772; DEU/SYR/B11/2022 = 71426.
    assert_eq!(value(&pf, "imm_inflow", "2021", &[]), 1140085.0);
    assert_eq!(value(&pf, "imm_inflow", "2022", &[]), 2665772.0);
    assert_eq!(
        value(&pf, "imm_inflow", "2022", &[("citizenship", "SYR")]),
        71426.0
    );
    check_sidecar(d.path(), "oecd-DF_MIG-DEU-", &url, &body);
}

#[test]
fn an_answer_with_nothing_for_the_country_is_refused_and_the_file_kept() {
    // The header of the ILOSTAT answer and no row: nothing to add, the download kept.
    let full = read_fixture("ilostat_emp_nifl_sex_rt_deu.csv");
    let body: Vec<u8> = full
        .split(|&b| b == b'\n')
        .next()
        .map(|h| [h, b"\n"].concat())
        .unwrap();
    let srv = serve(vec![Reply::Ok("text/csv", body.clone())]);
    let d = new_profile("DEU");
    let a = fetch(d.path(), &srv.base(), "ilostat", "EMP_NIFL_SEX_RT").code(1);
    assert_eq!(
        srv.requests()[0].line,
        "GET /data/ILO,DF_EMP_NIFL_SEX_RT,1.0/DEU.A.?format=csv HTTP/1.1"
    );
    let err = stderr(&a);
    assert!(err.contains("nothing to add"), "{err}");
    assert!(err.contains("the downloaded file is kept at"), "{err}");
    let url = format!(
        "{}/data/ILO,DF_EMP_NIFL_SEX_RT,1.0/DEU.A.?format=csv",
        srv.base()
    );
    check_sidecar(d.path(), "ilostat-EMP_NIFL_SEX_RT-DEU-", &url, &body);
    let pf = ProfileFile::load(&d.path().join("p.toml")).unwrap();
    assert!(pf.profile.sources.is_empty());
}

#[test]
fn a_503_is_retried_then_the_data_is_imported() {
    let body = read_fixture("unhcr_population_deu.json");
    let srv = serve(vec![
        Reply::Status(503),
        Reply::Ok("application/json", body),
    ]);
    let d = new_profile("DEU");
    let a = fetch(d.path(), &srv.base(), "unhcr", "population").success();
    assert_eq!(srv.requests().len(), 2, "one retry");
    assert!(stdout(&a).contains("2 attempts"), "{}", stdout(&a));
    let pf = ProfileFile::load(&d.path().join("p.toml")).unwrap();
    assert_eq!(value(&pf, "refugees_hosted", "2023", &[]), 2263015.0);
}

#[test]
fn a_server_failing_every_time_gives_up_after_the_retries() {
    let srv = serve(vec![Reply::Status(503)]);
    let d = new_profile("DEU");
    let a = migprof(d.path())
        .args([
            "fetch",
            "--provider",
            "unhcr",
            "--dataset",
            "population",
            "--profile",
            "p.toml",
            "--base-url",
            &srv.base(),
            "--retries",
            "2",
            "--backoff-ms",
            "10",
        ])
        .assert()
        .code(1);
    assert_eq!(srv.requests().len(), 3);
    assert!(
        stderr(&a).contains("HTTP 503 (3 attempts)"),
        "{}",
        stderr(&a)
    );
}

#[test]
fn a_404_is_a_clear_error_and_not_retried() {
    let srv = serve(vec![Reply::Status(404)]);
    let d = new_profile("DEU");
    let before = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    let a = fetch(d.path(), &srv.base(), "worldbank", "SM.POP.NETM").code(1);
    assert_eq!(srv.requests().len(), 1, "no retry on 404");
    let err = stderr(&a);
    assert!(
        err.contains("HTTP 404") && err.contains("not retried"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("p.toml")).unwrap(),
        before
    );
    assert!(!d.path().join("sources").exists(), "nothing saved");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let srv = serve(vec![Reply::Hang]);
    let d = new_profile("DEU");
    let t0 = std::time::Instant::now();
    let a = migprof(d.path())
        .args([
            "fetch",
            "--provider",
            "unhcr",
            "--dataset",
            "population",
            "--profile",
            "p.toml",
            "--base-url",
            &srv.base(),
            "--timeout",
            "0.5",
            "--retries",
            "1",
            "--backoff-ms",
            "10",
        ])
        .assert()
        .code(1);
    let err = stderr(&a);
    assert!(err.contains("no answer within 0.5 s (2 attempts)"), "{err}");
    assert_eq!(srv.requests().len(), 2);
    assert!(t0.elapsed() < Duration::from_secs(20));
}

#[test]
fn offline_gives_one_clear_message() {
    let d = new_profile("DEU");
    let base = format!("http://127.0.0.1:{}", closed_port());
    let a = fetch(d.path(), &base, "worldbank", "SM.POP.NETM").code(1);
    let err = stderr(&a);
    assert!(
        err.contains("cannot reach 127.0.0.1") && err.contains("offline"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one message: {err}");
}

#[test]
fn the_public_host_is_never_contacted() {
    // No --base-url: the default host is https://api.worldbank.org, which the fenced proxy
    // (a closed local port) refuses, so the test suite cannot reach it.
    let d = new_profile("DEU");
    let a = migprof(d.path())
        .args([
            "fetch",
            "--provider",
            "worldbank",
            "--dataset",
            "SM.POP.NETM",
            "--profile",
            "p.toml",
            "--retries",
            "0",
        ])
        .assert()
        .code(1);
    let err = stderr(&a);
    assert!(
        err.contains("cannot reach api.worldbank.org") && err.contains("through the proxy"),
        "{err}"
    );
}

#[test]
fn http_proxy_is_honoured() {
    // The local server is the proxy; the API host named in the URL does not exist.
    let body = read_fixture("unhcr_population_deu.json");
    let proxy = serve(vec![Reply::Ok("application/json", body)]);
    let d = new_profile("DEU");
    migprof(d.path())
        .env("HTTP_PROXY", proxy.base())
        .env("http_proxy", proxy.base())
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .args([
            "fetch",
            "--provider",
            "unhcr",
            "--dataset",
            "population",
            "--profile",
            "p.toml",
            "--base-url",
            "http://api.unhcr.invalid",
        ])
        .assert()
        .success();
    let reqs = proxy.requests();
    assert!(
        reqs.iter().any(|r| r.line.contains("api.unhcr.invalid")
            || r.header("host")
                .is_some_and(|h| h.contains("api.unhcr.invalid"))),
        "{reqs:?}"
    );
    let pf = ProfileFile::load(&d.path().join("p.toml")).unwrap();
    assert_eq!(value(&pf, "refugees_hosted", "2023", &[]), 2263015.0);
}

#[test]
fn an_api_error_answered_with_200_is_reported_and_nothing_saved() {
    // The World Bank answers a bad request with an XML message and HTTP 200.
    let body = br#"<?xml version="1.0" encoding="utf-8"?><wb:error xmlns:wb="http://www.worldbank.org"><wb:message id="120" key="Invalid value">The provided parameter value is not valid</wb:message></wb:error>"#.to_vec();
    let srv = serve(vec![Reply::Ok("text/xml", body)]);
    let d = new_profile("DEU");
    let a = fetch(d.path(), &srv.base(), "worldbank", "SM.POP.NETM").code(1);
    let err = stderr(&a);
    assert!(
        err.contains("expected a zip archive") && err.contains("Invalid value"),
        "{err}"
    );
    assert!(!d.path().join("sources").exists());
}

#[test]
fn fetching_the_same_data_twice_is_refused_as_already_imported() {
    let body = read_fixture("oecd_df_mig_deu.csv");
    let srv = serve(vec![Reply::Ok("text/csv", body)]);
    let d = new_profile("DEU");
    fetch(d.path(), &srv.base(), "oecd", "DF_MIG").success();
    let a = fetch(d.path(), &srv.base(), "oecd", "DF_MIG").code(1);
    assert!(stderr(&a).contains("same sha256"), "{}", stderr(&a));
    let pf = ProfileFile::load(&d.path().join("p.toml")).unwrap();
    assert_eq!(pf.profile.sources.len(), 1);
}

#[test]
fn dry_run_prints_the_documented_urls() {
    let d = tempfile::tempdir().unwrap();
    for (provider, dataset, country, url) in [
        (
            "worldbank",
            "net_migration",
            "KEN",
            "https://api.worldbank.org/v2/country/KEN/indicator/SM.POP.NETM?downloadformat=csv",
        ),
        (
            "unhcr",
            "population-origin",
            "SYR",
            "https://api.unhcr.org/population/v1/population/?cf_type=ISO&coo=SYR&yearFrom=1951&limit=10000&page=1",
        ),
        (
            "eurostat",
            "MIGR_ASYAPPCTZA",
            "GRC",
            "https://ec.europa.eu/eurostat/api/dissemination/sdmx/3.0/data/dataflow/ESTAT/migr_asyappctza/1.0/*?c%5Bgeo%5D=EL&format=csvdata&formatVersion=2.0&compress=false",
        ),
        (
            "oecd",
            "DF_MIG",
            "ITA",
            "https://sdmx.oecd.org/public/rest/data/OECD.ELS.IMD,DSD_MIG@DF_MIG,1.0/ITA.......?format=csvfilewithlabels",
        ),
        (
            "ilostat",
            "UNE_TUNE_SEX_AGE_NB",
            "FRA",
            "https://sdmx.ilo.org/rest/data/ILO,DF_UNE_TUNE_SEX_AGE_NB,1.0/FRA.A..?format=csv",
        ),
    ] {
        let a = migprof(d.path())
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .args([
                "fetch",
                "--provider",
                provider,
                "--dataset",
                dataset,
                "--country",
                country,
                "--dry-run",
            ])
            .assert()
            .success();
        assert_eq!(stdout(&a).trim(), url, "{provider}");
    }
}

#[test]
fn unknown_provider_or_dataset_is_a_usage_error() {
    let d = new_profile("DEU");
    let a = migprof(d.path())
        .args([
            "fetch",
            "--provider",
            "imf",
            "--dataset",
            "x",
            "--profile",
            "p.toml",
        ])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("one of: worldbank, unhcr, eurostat, oecd, ilostat"));
    let a = migprof(d.path())
        .args([
            "fetch",
            "--provider",
            "worldbank",
            "--dataset",
            "NY.GDP.XYZ",
            "--profile",
            "p.toml",
        ])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("SM.POP.NETM"), "{}", stderr(&a));
    let a = migprof(d.path())
        .args([
            "fetch",
            "--provider",
            "eurostat",
            "--dataset",
            "nama_10_gdp",
            "--profile",
            "p.toml",
        ])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("MIGR_ASYAPPCTZA"), "{}", stderr(&a));
}

#[test]
fn the_fetched_unhcr_json_imports_like_any_file() {
    // `migprof import` detects the saved API answer by its content.
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("unhcr_population_deu.json"),
        d.path().join("a.json"),
    )
    .unwrap();
    let a = migprof(d.path())
        .args(["import", "a.json", "--country", "DEU"])
        .assert()
        .success();
    let out = stdout(&a);
    assert!(
        out.contains("unhcr_api") && out.contains("2 rows read"),
        "{out}"
    );
    assert!(out.contains("2263015"), "{out}");
}

#[test]
fn a_response_over_the_size_limit_is_refused() {
    let body = read_fixture("oecd_df_mig_deu.csv");
    assert!(body.len() > 500);
    let srv = serve(vec![Reply::Ok("text/csv", body)]);
    let d = new_profile("DEU");
    let a = migprof(d.path())
        .args([
            "fetch",
            "--provider",
            "oecd",
            "--dataset",
            "DF_MIG",
            "--profile",
            "p.toml",
            "--base-url",
            &srv.base(),
            "--max-bytes",
            "500",
        ])
        .assert()
        .code(1);
    assert!(
        stderr(&a).contains("larger than the limit of 500 bytes"),
        "{}",
        stderr(&a)
    );
    assert_eq!(srv.requests().len(), 1, "not retried");
    assert!(!d.path().join("sources").exists());
}

#[test]
fn ilostat_sdmx_end_to_end() {
    // The catalogue maps the SDMX dataflow (series = the dataflow id, as the SDMX-CSV importer
    // reads it) beside ILOSTAT's bulk CSV.
    let body = read_fixture("ilostat_emp_nifl_sex_rt_deu.csv");
    let srv = serve(vec![Reply::Ok("text/csv", body)]);
    let d = new_profile("DEU");
    let a = fetch(d.path(), &srv.base(), "ilostat", "EMP_NIFL_SEX_RT").success();
    let url = format!(
        "{}/data/ILO,DF_EMP_NIFL_SEX_RT,1.0/DEU.A.?format=csv",
        srv.base()
    );
    let pf = fetched_source(d.path(), &url, ".csv");
    assert_eq!(pf.profile.sources[0].provider, "ilostat", "{}", stdout(&a));
    // Fixture rows DEU/A/SEX_T/2022: 5.117, SEX_M: 5.471 (SOURCE is an attribute).
    assert_eq!(value(&pf, "informal_employment_rate", "2022", &[]), 5.117);
    assert_eq!(
        value(&pf, "informal_employment_rate", "2022", &[("sex", "M")]),
        5.471
    );
}

#[test]
fn unhcr_items_by_origin_follow_the_data_finder_rules() {
    // `coo_all=true` gives one item per origin: the total is their sum, the latest year keeps
    // the origin detail, `-` and null are no value (as in the Data Finder's CSV).
    use predicates::prelude::*;
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("unhcr_population_deu_by_origin.json"),
        d.path().join("a.json"),
    )
    .unwrap();
    // 2022: SYR 669003 + AFG 254227 = 923230; 2023: 705837 + 280156 = 985993.
    migprof(d.path())
        .args(["import", "a.json", "--country", "DEU"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"refugees_hosted\s+2022\s+923230\n").unwrap())
        .stdout(predicate::str::is_match(r"refugees_hosted\s+2023\s+985993\n").unwrap())
        .stdout(predicate::str::is_match(r"refugees_hosted\s+2023\s+origin=SYR\s+705837").unwrap())
        .stdout(predicate::str::is_match(r"refugees_hosted\s+2023\s+origin=AFG\s+280156").unwrap())
        .stdout(predicate::str::contains("asylum_seekers").not());
}

#[test]
fn a_fetched_source_refreshes_from_its_saved_file() {
    let zip = worldbank_zip();
    let srv = serve(vec![Reply::Ok("application/zip", zip)]);
    let d = new_profile("DEU");
    fetch(d.path(), &srv.base(), "worldbank", "SM.POP.NETM").success();
    let a = migprof(d.path())
        .args(["refresh", "p.toml"])
        .assert()
        .success();
    assert!(stdout(&a).contains("no change"), "{}", stdout(&a));
    assert_eq!(
        srv.requests().len(),
        1,
        "refresh reads the saved file, not the API"
    );
}
