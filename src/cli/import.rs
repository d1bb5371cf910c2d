//! `migprof import` and `migprof refresh`.
//!
//! `migprof import FILE [--country ISO3] [--format F] [--profile P.toml] [--mapping M] [-v]`
//! detects (or is told) the format and prints what the file holds for the country as a table.
//! The country is `--country`, else the profile's country with `--profile`; with neither, every
//! country is imported and a per-country count summary is printed instead of the table.
//! With `--profile` the values are added to the profile as one new source entry (id derived from
//! provider and dataset, sha256 of the file, today's date, licence from the registry) plus its
//! observations. The import is refused (exit 1) when the same file (same sha256) is already a
//! source of the profile, or when the profile already has a value for the same indicator, period
//! and disaggregation from the same provider. A UNHCR footnotes file imported into a profile adds
//! no values: its footnotes are attached to the profile's UNHCR Refugee Data Finder values.
//! File paths are stored as given; relative paths are read relative to the current directory.
//!
//! `migprof refresh P.toml [--write]` re-imports every source that records a file and reports,
//! per source, values added / changed (value, flags or footnote) / removed, a changed sha256,
//! or a missing file. A relative
//! path is looked up relative to the profile's directory first, then the current directory.
//! Without `--write` nothing is changed and the exit code is 1 when anything differs (so scripts
//! can check); with `--write` the source's observations are replaced by the new import and its
//! sha256 and retrieval date updated, and the exit code is 1 only when a file is missing or
//! fails to import. Sources imported with the generic format cannot be refreshed (the mapping
//! file is not recorded) and are reported as skipped.

pub(super) mod batch;

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, Env};
use crate::ingest::{self, Context, Format, Outcome, Record};
use crate::model::Observation;
use crate::ops;
use crate::profile::ProfileFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The provider file, exactly as downloaded.
    pub file: PathBuf,
    /// ISO3 code of the country to keep (default: the profile's country, else every country).
    #[arg(long)]
    pub country: Option<String>,
    /// Force a format instead of detecting it.
    #[arg(long)]
    pub format: Option<String>,
    /// Add the file's values to this profile; repeat it, or give several after one `--profile`
    /// (a shell glob), to fill many profiles from one read of the file.
    #[arg(long, num_args = 1.., action = clap::ArgAction::Append)]
    pub profile: Vec<PathBuf>,
    /// Mapping file for the generic importer.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// List unmapped series and countries.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct RefreshArgs {
    /// The profiles; each recorded file is read once for all of them.
    #[arg(required = true, num_args = 1..)]
    pub profile: Vec<PathBuf>,
    /// Write the re-imported values, sha256 and retrieval date into the profile.
    #[arg(long)]
    pub write: bool,
    /// List every added, changed and removed value (default: the first 20 per source).
    #[arg(long, short)]
    pub verbose: bool,
}

pub use crate::ops::sha256_file;

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::model::civil_date((secs / 86_400) as i64)
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn fmt_dis(o: &Observation) -> String {
    o.disaggregation
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shorten(s: &str, n: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= n {
        one_line
    } else {
        let mut t: String = one_line.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn print_table(records: &[Record]) -> anyhow::Result<()> {
    let rows: Vec<[String; 6]> = records
        .iter()
        .map(|r| {
            let o = &r.observation;
            [
                o.indicator.clone(),
                o.period.clone(),
                fmt_dis(o),
                fmt_value(o.value),
                o.flags.join(","),
                o.footnote
                    .as_deref()
                    .map(|f| shorten(f, 40))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let head = [
        "indicator",
        "period",
        "disaggregation",
        "value",
        "flags",
        "footnote",
    ];
    let mut w = head.map(str::len);
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(x) = w.get_mut(i) {
                *x = (*x).max(c.chars().count());
            }
        }
    }
    let line = |cells: [&str; 6]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let width = w.get(i).copied().unwrap_or(0);
            if i == 3 {
                s.push_str(&format!("{c:>width$}  "));
            } else {
                s.push_str(&format!("{c:<width$}  "));
            }
        }
        s.trim_end().to_string()
    };
    let mut text = line(head);
    for r in &rows {
        text.push('\n');
        text.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]));
    }
    say!("{text}");
    Ok(())
}

/// Per country: values, indicators, first and last period.
type CountrySummary<'a> = (usize, BTreeSet<&'a str>, Option<&'a str>, Option<&'a str>);

fn print_summary(out: &Outcome) -> anyhow::Result<()> {
    let mut per: BTreeMap<&str, CountrySummary> = BTreeMap::new();
    for r in &out.records {
        let e = per.entry(r.country.as_str()).or_default();
        e.0 += 1;
        e.1.insert(r.observation.indicator.as_str());
        let p = r.observation.period.as_str();
        e.2 = Some(e.2.map_or(p, |x: &str| x.min(p)));
        e.3 = Some(e.3.map_or(p, |x: &str| x.max(p)));
    }
    say!("country  values  indicators  periods");
    for (c, (n, inds, lo, hi)) in per {
        say!(
            "{c:<7}  {n:>6}  {:>10}  {}-{}",
            inds.len(),
            lo.unwrap_or(""),
            hi.unwrap_or("")
        );
    }
    Ok(())
}

fn report_unmapped(out: &Outcome, verbose: bool) -> anyhow::Result<()> {
    let ns: usize = out.unmapped_series.values().sum();
    let nc: usize = out.unmapped_countries.values().sum();
    if ns + nc + out.skipped_aggregates > 0 {
        warn!(
            "not imported: {} series or selections ({ns} cells) map to no catalogue indicator; {} country cells ({nc} rows) resolve to no country; {} aggregate rows skipped{}",
            out.unmapped_series.len(),
            out.unmapped_countries.len(),
            out.skipped_aggregates,
            if verbose {
                ""
            } else {
                " (--verbose lists them)"
            }
        );
    }
    if verbose {
        for (s, n) in &out.unmapped_series {
            warn!("  unmapped series  {s:?}: {n}");
        }
        for (c, n) in &out.unmapped_countries {
            warn!("  unmapped country {c:?}: {n}");
        }
    }
    Ok(())
}

fn resolve_country(env: &Env, s: &str) -> Result<String, String> {
    match env
        .countries
        .by_code(s)
        .or_else(|| env.countries.by_name(s))
    {
        Some(c) => Ok(c.iso3.clone()),
        None => Err(format!(
            "unknown country `{s}`{}",
            env.countries
                .suggest(s)
                .map(|x| format!(" (did you mean {x}?)"))
                .unwrap_or_default()
        )),
    }
}

fn parse_format(s: Option<&str>) -> Result<Option<Format>, String> {
    match s {
        None => Ok(None),
        Some(s) => Format::from_id(s).map(Some).ok_or_else(|| {
            format!(
                "unknown format `{s}`; one of: {}",
                Format::ALL.map(|f| f.id()).join(", ")
            )
        }),
    }
}

pub fn run(env: &Env, a: ImportArgs) -> anyhow::Result<i32> {
    let format = match parse_format(a.format.as_deref()) {
        Ok(f) => f,
        Err(e) => {
            warn!("migprof: error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    if a.profile.len() > 1 {
        return batch::import(env, &a, format);
    }
    let mut pf = match a.profile.first() {
        Some(p) => Some(ProfileFile::load(p)?),
        None => None,
    };
    let country = match (&a.country, &pf) {
        (Some(c), pf) => {
            let c = match resolve_country(env, c) {
                Ok(c) => c,
                Err(e) => {
                    warn!("migprof: error: {e}");
                    return Ok(EXIT_FAILED);
                }
            };
            if let Some(pf) = pf
                && !pf.profile.meta.country.eq_ignore_ascii_case(&c)
            {
                warn!(
                    "migprof: error: --country {c} differs from the profile's country {}",
                    pf.profile.meta.country
                );
                return Ok(EXIT_FAILED);
            }
            Some(c)
        }
        (None, Some(pf)) => Some(pf.profile.meta.country.to_ascii_uppercase()),
        (None, None) => None,
    };
    let ctx = Context {
        catalogue: &env.catalogue,
        countries: &env.countries,
        country: country.as_deref(),
        include_aggregates: false,
        mapping: a.mapping.as_deref(),
    };
    let out = match ingest::import(&a.file, format, &ctx) {
        Ok(o) => o,
        Err(e) => {
            warn!("migprof: error: {e}");
            return Ok(EXIT_FAILED);
        }
    };
    let shown = a.file.display().to_string();
    say!(
        "{shown}: {} ({}; {}), {} rows read, {} values{}",
        out.format,
        out.provider,
        out.dataset,
        out.rows,
        out.records.len(),
        country
            .as_deref()
            .map(|c| format!(" for {c}"))
            .unwrap_or_default()
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
    if let Some(n) = &out.notes {
        say!("notes: {n}");
    }
    if !out.footnotes.is_empty() {
        say!("{} footnotes", out.footnotes.len());
    }
    if country.is_some() {
        if !out.records.is_empty() {
            print_table(&out.records)?;
        }
    } else {
        print_summary(&out)?;
    }
    for w in out
        .warnings
        .iter()
        .take(if a.verbose { usize::MAX } else { 10 })
    {
        if w.line == 0 {
            warn!("{shown}: warning: {}", w.message);
        } else {
            warn!("{shown}:{}: warning: {}", w.line, w.message);
        }
    }
    if !a.verbose && out.warnings.len() > 10 {
        warn!(
            "... {} more warnings (--verbose lists them)",
            out.warnings.len() - 10
        );
    }
    report_unmapped(&out, a.verbose)?;
    let Some(pf) = pf.as_mut() else {
        return Ok(EXIT_OK);
    };
    add_to_profile(pf, &a.file, &out, &ctx)
}

/// Print what an import left out, by reason.
fn report_left_out(admitted: &ops::Admitted) -> anyhow::Result<()> {
    for l in &admitted.left_out {
        say!(
            "left out {} values {}, e.g. {}",
            l.count,
            l.reason.describe(),
            l.example
        );
    }
    if admitted.projections > 0 {
        say!(
            "{} values are projections: kept, marked as projections (never shown as the latest value)",
            admitted.projections
        );
    }
    Ok(())
}

fn add_to_profile(
    pf: &mut ProfileFile,
    file: &Path,
    out: &Outcome,
    ctx: &Context,
) -> anyhow::Result<i32> {
    let shown_p = pf.path.display().to_string();
    let sha = sha256_file(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let imp = ops::FileImport {
        stored: ops::stored_path(&pf.path, file, &cwd),
        sha256: sha,
        outcome: out,
    };
    if out.format == Format::ReturnedRequest {
        return add_returned(pf, &imp, ctx);
    }
    match ops::add_source(&mut pf.profile, ctx, &imp, &today()) {
        Ok(ops::Added::Footnotes { attached: 0 }) => {
            say!("no UNHCR Refugee Data Finder value of {shown_p} matches a footnote");
            Ok(EXIT_OK)
        }
        Ok(ops::Added::Footnotes { attached }) => {
            pf.save()?;
            say!("attached footnotes to {attached} values of {shown_p}");
            Ok(EXIT_OK)
        }
        Ok(ops::Added::Source {
            id,
            values,
            admitted,
        }) => {
            report_left_out(&admitted)?;
            pf.save()?;
            say!("added {values} values to {shown_p} as source `{id}`");
            Ok(EXIT_OK)
        }
        Err(e) => {
            warn!("migprof: error: {shown_p}: {e}");
            Ok(EXIT_FAILED)
        }
    }
}

/// A returned data-request workbook: added as the agency's source, or replacing its earlier
/// contribution (see [`crate::system::contribution`]).
fn add_returned(pf: &mut ProfileFile, imp: &ops::FileImport, ctx: &Context) -> anyhow::Result<i32> {
    use crate::system::contribution::{Contributed, add_returned, unlisted_agency};
    let shown_p = pf.path.display().to_string();
    if let Some(id) = unlisted_agency(&pf.profile, imp.outcome.notes.as_deref()) {
        warn!(
            "{shown_p}: warning: agency `{id}` is not among the profile's [[agency]] entries; its figures are filed under the name the workbook gives"
        );
    }
    match add_returned(&mut pf.profile, ctx, imp, &today()) {
        Ok(Contributed::Added { id, values }) => {
            pf.save()?;
            say!("added {values} values to {shown_p} as source `{id}` (the agency's contribution)");
            Ok(EXIT_OK)
        }
        Ok(Contributed::Replaced { id, diff }) if diff.is_empty() => {
            say!("source `{id}` of {shown_p} already holds these figures; nothing changed");
            Ok(EXIT_OK)
        }
        Ok(Contributed::Replaced { id, diff }) => {
            pf.save()?;
            let (a, c, r) = diff.counts();
            say!(
                "replaced the agency's contribution `{id}` in {shown_p}: {a} added, {c} changed, {r} removed"
            );
            Ok(EXIT_OK)
        }
        Err(e) => {
            warn!("migprof: error: {shown_p}: {e}");
            Ok(EXIT_FAILED)
        }
    }
}

/// The backup `refresh --write` keeps of the previous file: `<profile>.bak` beside it.
pub fn backup_path(profile: &Path) -> PathBuf {
    let mut name = profile
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    profile.with_file_name(name)
}

pub fn refresh(env: &Env, a: RefreshArgs) -> anyhow::Result<i32> {
    let [profile] = a.profile.as_slice() else {
        return batch::refresh(env, &a);
    };
    refresh_one(env, profile, a.write, a.verbose)
}

fn refresh_one(env: &Env, profile: &Path, write: bool, verbose: bool) -> anyhow::Result<i32> {
    let mut pf = ProfileFile::load(profile)?;
    let country = pf.profile.meta.country.to_ascii_uppercase();
    let shown_p = profile.display().to_string();
    let mut differs = false;
    let mut failed = false;
    let mut changed_profile = false;
    let sources = pf.profile.sources.clone();
    let mut checked = 0;
    let today = today();
    let cwd = std::env::current_dir().unwrap_or_default();
    for s in &sources {
        let Some(file) = &s.file else { continue };
        checked += 1;
        let Some(path) = ops::locate(profile, file) else {
            let why = match std::fs::metadata(file) {
                Ok(m) if !m.is_file() => "not a regular file",
                _ => "missing (looked in the profile's directory and the current directory)",
            };
            say!("{}: {file}: {why}", s.id);
            failed = true;
            continue;
        };
        let format = match s.format.as_deref().map(Format::from_id) {
            Some(Some(f @ (Format::Generic | Format::Px))) => {
                say!(
                    "{}: {file}: skipped ({f} imports need their mapping file; re-import by hand)",
                    s.id
                );
                continue;
            }
            Some(Some(f)) => Some(f),
            Some(None) => {
                say!("{}: unknown format {:?}; detecting", s.id, s.format);
                None
            }
            None => None,
        };
        let sha = sha256_file(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let ctx = Context {
            catalogue: &env.catalogue,
            countries: &env.countries,
            country: Some(&country),
            include_aggregates: false,
            mapping: None,
        };
        let out = match ingest::import(&path, format, &ctx) {
            Ok(o) => o,
            Err(e) => {
                say!("{}: {e}", s.id);
                failed = true;
                continue;
            }
        };
        if out.format == Format::UnhcrFootnotes {
            continue;
        }
        let imp = ops::FileImport {
            // Keep the recorded path: the file is the one the profile names.
            stored: ops::stored_path(profile, &path, &cwd),
            sha256: sha,
            outcome: &out,
        };
        let diff = match ops::diff_source(&pf.profile, &env.catalogue, &s.id, &imp) {
            Ok(d) => d,
            Err(e) => {
                say!("{}: {e}", s.id);
                failed = true;
                continue;
            }
        };
        if diff.sha256_changed {
            say!(
                "{}: {file}: sha256 mismatch: recorded {}, now {}",
                s.id,
                s.sha256.as_deref().unwrap_or(""),
                imp.sha256
            );
            differs = true;
        }
        let (added, changed, removed) = diff.counts();
        if diff.changes.is_empty() {
            say!("{}: {file}: no change ({} values)", s.id, diff.unchanged);
        } else {
            differs = true;
            say!(
                "{}: {file}: {added} added, {changed} changed, {removed} removed",
                s.id
            );
            let n = if verbose { usize::MAX } else { 20 };
            for l in diff.changes.iter().take(n).map(change_line) {
                say!("{l}");
            }
            if diff.changes.len() > n {
                say!(
                    "  ... {} more (--verbose lists them)",
                    diff.changes.len() - n
                );
            }
        }
        if write && !diff.is_empty() {
            if let Err(e) =
                ops::reimport_source(&mut pf.profile, &env.catalogue, &s.id, &imp, &today)
            {
                say!("{}: {e}", s.id);
                failed = true;
                continue;
            }
            changed_profile = true;
        }
    }
    if checked == 0 {
        say!("{shown_p}: no source records a file; nothing to refresh");
    }
    if changed_profile {
        let bak = backup_path(profile);
        std::fs::copy(profile, &bak)
            .map_err(|e| anyhow::anyhow!("{}: keeping a backup: {e}", bak.display()))?;
        pf.save()?;
        say!(
            "updated {shown_p} (the previous file is kept as {})",
            bak.display()
        );
    }
    Ok(if failed || (differs && !write) {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}

pub(super) fn change_line(c: &ops::Change) -> String {
    match c {
        ops::Change::Added(n) => format!("  + {} = {}", n.key(), fmt_value(n.value)),
        ops::Change::Changed { old, new } => format!(
            "  ~ {}: {} [{}] -> {} [{}]",
            new.key(),
            fmt_value(old.value),
            old.flags.join(","),
            fmt_value(new.value),
            new.flags.join(",")
        ),
        ops::Change::Removed(o) => format!("  - {} (was {})", o.key(), fmt_value(o.value)),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::civil_date;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(-1), "1969-12-31");
    }
}
