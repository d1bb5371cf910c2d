//! `migprof fetch --provider P --dataset D --profile P.toml [--country ISO3] [--dry-run]`:
//! download a dataset for the profile's country from the provider's public API (see
//! [`crate::fetch`]), keep the raw response in `sources/` beside the profile with a sidecar
//! (URL, date, sha256), and add it to the profile as `migprof import FILE --profile P` would,
//! the source recording the URL. Exit codes as `import`: 0 added, 1 the download or the import
//! failed, 2 wrong usage (unknown provider or dataset).

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, Env};
use crate::fetch::{self, Api, FetchError};
use crate::ingest::Context;
use crate::profile::ProfileFile;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Provider API: worldbank, unhcr, eurostat, oecd or ilostat.
    #[arg(long)]
    pub provider: String,
    /// Dataset: a World Bank indicator code (SM.POP.NETM) or catalogue indicator; UNHCR
    /// `population` (the country as host) or `population-origin`; a Eurostat dataflow
    /// (migr_asyappctza); OECD `DF_MIG`; an ILOSTAT indicator (EMP_NIFL_SEX_RT).
    #[arg(long)]
    pub dataset: String,
    /// The profile to add the data to; the raw response is kept in `sources/` beside it.
    #[arg(long, required_unless_present = "dry_run")]
    pub profile: Option<PathBuf>,
    /// ISO3 code of the country (default: the profile's; must agree with it).
    #[arg(long)]
    pub country: Option<String>,
    /// Print the request URL and stop (nothing is downloaded).
    #[arg(long)]
    pub dry_run: bool,
    /// The API's base URL instead of the public one (a mirror, or a local server in tests).
    #[arg(long, env = "MIGPROF_FETCH_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// Seconds each attempt may take.
    #[arg(long, default_value_t = 60.0, value_name = "SECS")]
    pub timeout: f64,
    /// Further attempts after a server error (5xx, 429) or a timeout; never after another 4xx.
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// Milliseconds before the first retry, doubled for each further one.
    #[arg(long, default_value_t = 2000, value_name = "MS")]
    pub backoff_ms: u64,
    /// Largest response accepted, in bytes.
    #[arg(long, default_value_t = fetch::http::MAX_BYTES, value_name = "BYTES")]
    pub max_bytes: u64,
}

/// Now (UTC) as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = crate::model::civil_date((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

pub fn run(env: &Env, a: FetchArgs) -> anyhow::Result<i32> {
    let Some(api) = Api::from_id(&a.provider) else {
        warn!(
            "migprof: error: unknown provider `{}`; one of: {}",
            a.provider,
            Api::ALL.map(|x| x.id()).join(", ")
        );
        return Ok(EXIT_USAGE);
    };
    if !(a.timeout.is_finite() && a.timeout > 0.0 && a.timeout <= 3600.0) {
        warn!("migprof: error: --timeout must be between 0 and 3600 seconds");
        return Ok(EXIT_USAGE);
    }
    let mut pf = match &a.profile {
        Some(p) => Some(ProfileFile::load(p)?),
        None => None,
    };
    let profile_country = pf
        .as_ref()
        .map(|p| p.profile.meta.country.to_ascii_uppercase());
    let wanted = match (&a.country, &profile_country) {
        (Some(c), _) => c.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => {
            warn!("migprof: error: give --country or --profile");
            return Ok(EXIT_USAGE);
        }
    };
    let Some(country) = env
        .countries
        .by_code(&wanted)
        .or_else(|| env.countries.by_name(&wanted))
        .cloned()
    else {
        warn!("migprof: error: unknown country `{wanted}`");
        return Ok(EXIT_FAILED);
    };
    if let Some(pc) = &profile_country
        && !pc.eq_ignore_ascii_case(&country.iso3)
    {
        warn!(
            "migprof: error: --country {} differs from the profile's country {pc}",
            country.iso3
        );
        return Ok(EXIT_FAILED);
    }
    let year = pf.as_ref().map(|p| p.profile.meta.reference_year);
    let prepared = match fetch::prepare(
        api,
        &a.dataset,
        &country,
        year,
        a.base_url.as_deref(),
        &env.catalogue,
    ) {
        Ok(p) => p,
        Err(e) => {
            warn!("migprof: error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let proxy = fetch::http::proxy_for(&prepared.url, |k| std::env::var(k).ok());
    if a.dry_run {
        say!("{}", prepared.url);
        if let Some(p) = &proxy {
            say!("(through the proxy {p})");
        }
        return Ok(EXIT_OK);
    }
    let Some(pf) = pf.as_mut() else {
        warn!("migprof: error: --profile is needed to fetch (or use --dry-run)");
        return Ok(EXIT_USAGE);
    };
    let opts = fetch::Options {
        timeout: Duration::from_secs_f64(a.timeout),
        retries: a.retries.min(10),
        backoff: Duration::from_millis(a.backoff_ms),
        max_bytes: a.max_bytes.max(1),
    };
    let failed = |e: FetchError| -> anyhow::Result<i32> {
        warn!("migprof: error: {e}");
        Ok(EXIT_FAILED)
    };
    let resp = match fetch::http::get(&prepared.url, prepared.accept, proxy.as_deref(), &opts) {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    if let Err(e) = fetch::check_response(&prepared, &resp) {
        return failed(e);
    }
    let today = super::import::today();
    let dir = match pf.path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let saved = match fetch::save::save(
        &dir,
        &prepared,
        api.registry_provider(),
        &country.iso3,
        &today,
        &now_utc(),
        &resp,
        opts.max_bytes,
    ) {
        Ok(s) => s,
        Err(e) => return failed(e),
    };
    say!(
        "fetched {} ({} bytes, sha256 {}{}) -> {}",
        prepared.url,
        resp.bytes.len(),
        saved.sha256,
        if resp.attempts > 1 {
            format!(", {} attempts", resp.attempts)
        } else {
            String::new()
        },
        saved.raw.display()
    );
    let ctx = Context {
        catalogue: &env.catalogue,
        countries: &env.countries,
        country: Some(&country.iso3),
        include_aggregates: false,
        mapping: None,
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = pf.path.clone();
    match fetch::add_to_profile(
        &mut pf.profile,
        &path,
        &ctx,
        &saved,
        &prepared.url,
        &today,
        &cwd,
    ) {
        Ok(imp) => {
            report(&imp, &saved.import)?;
            pf.save()?;
            say!(
                "added {} values to {} as source `{}`",
                imp.values,
                path.display(),
                imp.source_id
            );
            Ok(EXIT_OK)
        }
        Err(e) => {
            warn!("migprof: error: {e}");
            warn!(
                "the downloaded file is kept at {} (sidecar {})",
                saved.import.display(),
                saved.sidecar.display()
            );
            Ok(EXIT_FAILED)
        }
    }
}

fn report(imp: &fetch::Imported, file: &Path) -> anyhow::Result<()> {
    let out = &imp.outcome;
    say!(
        "{}: {} ({}; {}), {} rows read, {} values",
        file.display(),
        out.format,
        out.provider,
        out.dataset,
        out.rows,
        out.records.len()
    );
    if !out.dropped.is_empty() {
        let reasons: Vec<String> = out
            .dropped
            .iter()
            .map(|(r, n)| format!("{n} {r}"))
            .collect();
        say!(
            "rows: {} used, {} gave no value ({})",
            out.used,
            out.dropped_total(),
            reasons.join(", ")
        );
    }
    for w in out.warnings.iter().take(10) {
        warn!("{}: warning: {}", file.display(), w.message);
    }
    for l in &imp.admitted.left_out {
        say!(
            "left out {} values {}, e.g. {}",
            l.count,
            l.reason.describe(),
            l.example
        );
    }
    if imp.admitted.projections > 0 {
        say!(
            "{} values are projections: kept, marked as projections",
            imp.admitted.projections
        );
    }
    Ok(())
}
