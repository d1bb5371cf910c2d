//! Running effects: the file system, imports, saving and building. Each returns an action.

use super::action::{Action, Effect, Opened};
use super::app::{App, BuildSummary, PendingImport, PreviewLine, ProfileEntry};
use crate::catalogue::Catalogue;
use crate::country::Countries;
use crate::ingest::{Context, detect, import};
use crate::profile::{Profile, ProfileFile, atomic_write_like};
use crate::render::publish::publish;
use crate::render::{BuildOptions, Formats, build_profile_with};
use crate::template::Template;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The recovery file of a profile: `<dir>/<stem>.recover.toml`.
pub fn recovery_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".into());
    path.with_file_name(format!("{stem}.recover.toml"))
}

/// Work for the worker thread: everything it needs is owned, so the event loop keeps the state.
pub type Work = Box<dyn FnOnce() -> Action + Send>;

/// Environment variable that delays every background job by this many milliseconds, so a
/// test can watch the TUI answer keys while one runs. Read only in debug builds (the tests').
pub const TEST_DELAY_ENV: &str = "MIGPROF_TUI_TEST_JOB_DELAY_MS";

fn test_delay() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var(TEST_DELAY_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Is this effect run on the worker thread (imports, re-imports, builds)?
pub fn is_background(e: &Effect) -> bool {
    matches!(e, Effect::Preview(_) | Effect::Reimport(_) | Effect::Build)
}

/// The work of a background effect, with its own copies of what it reads (`None`: not a
/// background effect, or no profile open). Its result is an action applied on the event loop
/// like any other, so the profile only changes there, through the core operations.
pub fn background(app: &App, effect: &Effect) -> Option<Work> {
    let f = app.file.as_ref()?;
    let (catalogue, countries) = (app.catalogue.clone(), app.countries.clone());
    match effect {
        Effect::Preview(path) => {
            let (profile, path) = (f.profile.clone(), path.clone());
            Some(Box::new(move || {
                test_delay();
                let r = preview_with(&profile, &catalogue, &countries, &path);
                Action::Previewed(r.map(Box::new))
            }))
        }
        Effect::Reimport(id) => {
            let (file, id) = (f.clone(), id.clone());
            Some(Box::new(move || {
                test_delay();
                let r = reimport_with(&file, &catalogue, &countries, &id);
                Action::Reimported(r.map(Box::new))
            }))
        }
        Effect::Build => {
            let job = BuildJob {
                file: f.clone(),
                catalogue,
                countries,
                template: app.template.clone(),
                out_root: app.out_root.clone(),
                problems: app.derived.problems.len(),
            };
            Some(Box::new(move || {
                test_delay();
                Action::Built(build_with(&job))
            }))
        }
        _ => None,
    }
}

pub fn run(app: &App, effect: Effect) -> Option<Action> {
    match effect {
        Effect::ScanProfiles => Some(Action::ProfilesScanned(scan(&app.profiles_dir))),
        Effect::Open(path) => Some(Action::Opened(open(&path).map(Box::new))),
        Effect::Create(path, profile) => {
            Some(Action::Opened(create(&path, *profile).map(Box::new)))
        }
        Effect::Complete(input) => {
            let (completion, candidates) = complete_path(&input);
            Some(Action::Completed {
                input,
                completion,
                candidates,
            })
        }
        Effect::Preview(path) => Some(Action::Previewed(preview(app, &path).map(Box::new))),
        Effect::Save => {
            let mut f = app.file.clone()?;
            match f.save() {
                Ok(()) => Some(Action::Saved(Ok(f.original))),
                // Another program changed the file: never overwrite it; the user chooses.
                Err(e @ crate::profile::ProfileError::ChangedOnDisk { .. }) => {
                    Some(Action::ChangedOnDisk(e.to_string()))
                }
                Err(e) => Some(Action::Saved(Err(e.to_string()))),
            }
        }
        Effect::SaveAs(path) => {
            let f = app.file.as_ref()?;
            let mut copy = ProfileFile::create(&path, f.profile.clone());
            Some(Action::SavedAs(
                copy.save()
                    .map(|_| Box::new(copy))
                    .map_err(|e| e.to_string()),
            ))
        }
        Effect::Autosave => {
            let f = app.file.as_ref()?;
            let r = f
                .recovery_text()
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    let rec = recovery_path(&f.path);
                    if let Some(d) = rec.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
                    }
                    atomic_write_like(&rec, text.as_bytes(), &f.path)
                        .map_err(|e| format!("{}: {e}", rec.display()))
                });
            Some(Action::Autosaved(r))
        }
        Effect::DeleteRecovery => {
            if let Some(f) = app.file.as_ref() {
                let rec = recovery_path(&f.path);
                if rec.exists() {
                    let _ = std::fs::remove_file(rec);
                }
            }
            None
        }
        Effect::Build => Some(Action::Built(build(app))),
        Effect::Reimport(id) => Some(Action::Reimported(reimport(app, &id).map(Box::new))),
    }
}

/// When a file was last written, `YYYY-MM-DD HH:MM UTC` (empty when unknown).
fn written_at(path: &Path) -> String {
    let Ok(t) = std::fs::metadata(path).and_then(|m| m.modified()) else {
        return String::new();
    };
    let Ok(d) = t.duration_since(std::time::UNIX_EPOCH) else {
        return String::new();
    };
    let secs = d.as_secs();
    format!(
        "{} {:02}:{:02} UTC",
        crate::model::civil_date((secs / 86_400) as i64),
        (secs % 86_400) / 3600,
        (secs % 3600) / 60
    )
}

/// On a hang-up or termination: write every pending edit (the profile in memory, the text of
/// an open editor, the fields of an unfinished form as comments) to the recovery file.
/// Returns its path; `None` when nothing is pending.
pub fn emergency_recovery(app: &App) -> Option<Result<PathBuf, String>> {
    let f = app.file.as_ref()?;
    let (profile, notes) = app.pending()?;
    let unchanged = !app.dirty && notes.is_empty() && profile == f.profile;
    if unchanged {
        return None;
    }
    let mut tmp = f.clone();
    tmp.profile = profile;
    let r = tmp
        .recovery_text()
        .map_err(|e| e.to_string())
        .and_then(|text| {
            // The header line first (the profile it was based on), then the unfinished fields.
            let (head, body) = text.split_once('\n').unwrap_or(("", text.as_str()));
            let mut out = format!("{head}\n");
            for n in &notes {
                out.push_str("# ");
                out.push_str(&n.replace(['\n', '\r'], " "));
                out.push('\n');
            }
            out.push_str(body);
            let rec = recovery_path(&f.path);
            atomic_write_like(&rec, out.as_bytes(), &f.path)
                .map(|_| rec.clone())
                .map_err(|e| format!("{}: {e}", rec.display()))
        });
    Some(r)
}

fn read_recovery(path: &Path, current: Option<&Profile>) -> Option<(PathBuf, String, String)> {
    let rec = recovery_path(path);
    let text = std::fs::read_to_string(&rec).ok()?;
    let when = written_at(&rec);
    match (Profile::from_toml(&text, ""), current) {
        (Ok(p), Some(c)) if &p == c => {
            let _ = std::fs::remove_file(&rec);
            None
        }
        _ => Some((rec, text, when)),
    }
}

fn open(path: &Path) -> Result<Opened, String> {
    if !path.exists() {
        // An unsaved new profile whose recovery file survived.
        let rec = recovery_path(path);
        let text = std::fs::read_to_string(&rec).map_err(|e| format!("{}: {e}", path.display()))?;
        let p = Profile::from_toml(&text, &rec.display().to_string()).map_err(|e| e.to_string())?;
        return Ok(Opened {
            file: ProfileFile::create(path, p),
            recovery: None,
        });
    }
    let file = ProfileFile::load(path).map_err(|e| e.to_string())?;
    let recovery = read_recovery(path, Some(&file.profile)).map(|(rec, text, when)| {
        // Made from an older version of the profile: restoring would undo what was saved since.
        let when = if file.recovery_is_stale(&text) {
            format!("{when}; the profile was saved since: restoring replaces it")
        } else {
            when
        };
        (rec, text, when)
    });
    Ok(Opened { file, recovery })
}

fn create(path: &Path, profile: Profile) -> Result<Opened, String> {
    if path.exists() {
        return Err(format!(
            "{} already exists: open it from the list instead",
            path.display()
        ));
    }
    if let Some(d) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let recovery = read_recovery(path, None);
    Ok(Opened {
        file: ProfileFile::create(path, profile),
        recovery,
    })
}

/// Profiles under `dir` (and one level of sub-folders, `examples/` marked as examples), newest
/// first; templates and recovery files are left out.
pub fn scan(dir: &Path) -> Vec<ProfileEntry> {
    let mut found: Vec<(std::time::SystemTime, PathBuf, bool)> = Vec::new();
    let visit = |d: &Path, example: bool, found: &mut Vec<_>| -> Vec<PathBuf> {
        let mut subdirs = Vec::new();
        let Ok(rd) = std::fs::read_dir(d) else {
            return subdirs;
        };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                if name != "templates" && !name.starts_with('.') {
                    subdirs.push(p);
                }
                continue;
            }
            if name.starts_with('.') || !name.ends_with(".toml") {
                continue;
            }
            let main = if let Some(stem) = name.strip_suffix(".recover.toml") {
                // Only an orphan recovery file (never saved) is listed, as its profile path.
                let main = p.with_file_name(format!("{stem}.toml"));
                if main.exists() {
                    continue;
                }
                main
            } else {
                p.clone()
            };
            let t = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            found.push((t, main, example));
        }
        subdirs
    };
    let subdirs = visit(dir, false, &mut found);
    for s in subdirs {
        let example = s.file_name().is_some_and(|n| n == "examples");
        visit(&s, example, &mut found);
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found
        .into_iter()
        .map(|(_, path, example)| entry(path, example))
        .collect()
}

fn entry(path: PathBuf, example: bool) -> ProfileEntry {
    let recovery = recovery_path(&path).exists();
    let read = if path.exists() {
        ProfileFile::load(&path)
            .map(|f| (f.profile, false))
            .map_err(|e| e.to_string())
    } else {
        let rec = recovery_path(&path);
        std::fs::read_to_string(&rec)
            .map_err(|e| e.to_string())
            .and_then(|t| Profile::from_toml(&t, "").map_err(|e| e.to_string()))
            .map(|p| (p, true))
    };
    match read {
        Ok((p, unsaved)) => ProfileEntry {
            path,
            example,
            title: if unsaved {
                format!("{} (unsaved, recovered)", p.meta.title)
            } else {
                p.meta.title.clone()
            },
            country: p.meta.country.clone(),
            year: p.meta.reference_year,
            sources: p.sources.len(),
            observations: p.observations.len(),
            error: None,
            recovery,
        },
        Err(e) => ProfileEntry {
            path,
            example,
            title: String::new(),
            country: String::new(),
            year: 0,
            sources: 0,
            observations: 0,
            error: Some(e),
            recovery,
        },
    }
}

/// Complete a path: the longest common prefix of the matching entries, and the candidates.
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let expanded = match (input.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => format!("{}/{rest}", home.to_string_lossy()),
        _ => input.to_string(),
    };
    let (dir, prefix) = match expanded.rfind('/') {
        Some(i) => (expanded[..=i].to_string(), expanded[i + 1..].to_string()),
        None => (String::new(), expanded.clone()),
    };
    let read_dir = if dir.is_empty() {
        ".".to_string()
    } else {
        dir.clone()
    };
    let Ok(rd) = std::fs::read_dir(&read_dir) else {
        return (input.to_string(), Vec::new());
    };
    let mut names: Vec<String> = rd
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            if !n.starts_with(&prefix) || (n.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            Some(if e.path().is_dir() {
                format!("{n}/")
            } else {
                n
            })
        })
        .collect();
    names.sort();
    let Some(first) = names.first() else {
        return (input.to_string(), Vec::new());
    };
    let mut common = first.clone();
    for n in &names[1..] {
        while !n.starts_with(&common) {
            common.pop();
        }
    }
    let completed = if common.len() > prefix.len() {
        let tail = &common[prefix.len()..];
        format!("{input}{tail}")
    } else {
        input.to_string()
    };
    (completed, names)
}

fn sha256_file(path: &Path) -> Result<String, String> {
    crate::ops::sha256_file(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn preview(app: &App, path: &Path) -> Result<PendingImport, String> {
    let p = app.profile().ok_or("no profile open")?;
    preview_with(p, &app.catalogue, &app.countries, path)
}

fn preview_with(
    p: &Profile,
    catalogue: &Catalogue,
    countries: &Countries,
    path: &Path,
) -> Result<PendingImport, String> {
    let format = detect(path).map_err(|e| e.to_string())?;
    let ctx = Context {
        catalogue,
        countries,
        country: Some(&p.meta.country),
        include_aggregates: false,
        mapping: None,
    };
    let outcome = import(path, Some(format), &ctx).map_err(|e| format!("{format}: {e}"))?;
    let sha256 = sha256_file(path)?;
    // The preview shows what the import would add: the same rules of entry as the import.
    let (admitted, refused) = match crate::ops::admit(
        p,
        catalogue,
        &outcome.records,
        &path.display().to_string(),
        &outcome.provider,
    ) {
        Ok(a) => (a, None),
        Err(e) => (crate::ops::Admitted::default(), Some(e.to_string())),
    };
    let mut by_ind: BTreeMap<&str, Vec<(f64, &str, f64)>> = BTreeMap::new();
    for o in &admitted.observations {
        if !o.is_total() {
            by_ind.entry(&o.indicator).or_default();
            continue;
        }
        let axis = o.parsed_period().map_or(0.0, |x| x.axis_value());
        by_ind
            .entry(&o.indicator)
            .or_default()
            .push((axis, &o.period, o.value));
    }
    let summary = by_ind
        .into_iter()
        .map(|(ind, mut v)| {
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            let count = admitted
                .observations
                .iter()
                .filter(|o| o.indicator == ind)
                .count();
            PreviewLine {
                indicator: ind.to_string(),
                count,
                first: v.first().map(|x| x.1.to_string()).unwrap_or_default(),
                last: v.last().map(|x| x.1.to_string()).unwrap_or_default(),
                latest: v.last().map_or(f64::NAN, |x| x.2),
            }
        })
        .collect();
    let licence = catalogue
        .provider(&outcome.provider)
        .map(|p| p.licence.clone())
        .unwrap_or_default();
    Ok(PendingImport {
        path: path.display().to_string(),
        sha256,
        format,
        outcome,
        summary,
        licence,
        left_out: admitted.left_out.clone(),
        projections: admitted.projections,
        refused,
    })
}

/// Read a source's recorded file again: (source id, sha256, import), for `ops::reimport_source`.
fn reimport(app: &App, id: &str) -> Result<(String, String, crate::ingest::Outcome), String> {
    let f = app.file.as_ref().ok_or("no profile open")?;
    reimport_with(f, &app.catalogue, &app.countries, id)
}

fn reimport_with(
    f: &ProfileFile,
    catalogue: &Catalogue,
    countries: &Countries,
    id: &str,
) -> Result<(String, String, crate::ingest::Outcome), String> {
    let s = f
        .profile
        .source(id)
        .ok_or_else(|| format!("no source `{id}`"))?;
    let file = s
        .file
        .as_deref()
        .ok_or_else(|| format!("source `{id}` is a manual entry: it has no file to re-import"))?;
    let path = crate::ops::locate(&f.path, file)
        .ok_or_else(|| format!("{file}: missing (looked beside the profile and here)"))?;
    let format = match s.format.as_deref().map(crate::ingest::Format::from_id) {
        Some(Some(crate::ingest::Format::Generic | crate::ingest::Format::Px)) => {
            return Err(format!(
                "{file}: generic imports need their mapping file; re-import it with the CLI"
            ));
        }
        Some(Some(fmt)) => fmt,
        _ => detect(&path).map_err(|e| e.to_string())?,
    };
    let ctx = Context {
        catalogue,
        countries,
        country: Some(&f.profile.meta.country),
        include_aggregates: false,
        mapping: None,
    };
    let outcome = import(&path, Some(format), &ctx).map_err(|e| e.to_string())?;
    Ok((id.to_string(), sha256_file(&path)?, outcome))
}

fn build(app: &App) -> Result<BuildSummary, String> {
    let f = app.file.as_ref().ok_or("no profile open")?;
    build_with(&BuildJob {
        file: f.clone(),
        catalogue: app.catalogue.clone(),
        countries: app.countries.clone(),
        template: app.template.clone(),
        out_root: app.out_root.clone(),
        problems: app.derived.problems.len(),
    })
}

/// What a build needs, owned (it runs on the worker thread).
struct BuildJob {
    file: ProfileFile,
    catalogue: Catalogue,
    countries: Countries,
    template: Template,
    out_root: PathBuf,
    /// Problems `check` reports (a marked draft when not 0: the user confirmed).
    problems: usize,
}

fn build_with(j: &BuildJob) -> Result<BuildSummary, String> {
    let f = &j.file;
    let stem = f
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| f.profile.meta.country.to_lowercase());
    let out_dir = j.out_root.join(stem);
    if let Some(msg) = crate::validate::value_out_of_range(&f.profile) {
        return Err(msg);
    }
    // A profile that `check` rejects is built only as a marked draft (the user confirmed).
    let banner = (j.problems > 0).then(|| crate::check::invalid_banner(j.problems));
    // The previous edition the profile names: the same core function as `migprof build`.
    let previous =
        crate::system::editions::previous_of(&f.profile, &f.path).map_err(|e| e.to_string())?;
    let options = BuildOptions {
        formats: Formats::ALL,
        banner,
        previous,
    };
    let report = publish(&out_dir, None, |dir| {
        build_profile_with(
            &f.profile,
            &j.catalogue,
            &j.countries,
            &j.template,
            dir,
            &options,
        )
    })
    .map_err(|e| e.to_string())?;
    Ok(BuildSummary {
        out_dir,
        files: report.files,
        skipped: report.skipped_charts,
    })
}
