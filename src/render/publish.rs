//! Publishing a build: write every output into a fresh folder beside the destination and swap it
//! in only when the build is complete.
//!
//! A build that fails (full disk, bad chart) leaves the previous outputs as they were; files of
//! an earlier build that this one no longer writes (a chart that was dropped) vanish; and nothing
//! planted inside the destination (a symlink to another file) is ever written through, because
//! the build never writes into the old folder: it is renamed away whole and removed without
//! following links.

use super::{BuildReport, RenderError};
use std::path::{Path, PathBuf};

fn io(path: &Path) -> impl Fn(std::io::Error) -> RenderError + '_ {
    move |e| RenderError::Io {
        path: path.display().to_string(),
        source: e,
    }
}

/// A temporary folder with a random name, created exclusively in `dir`, with the usual mode
/// (0777 less the umask) rather than the 0700 of a private temporary folder.
fn fresh_dir(dir: &Path, prefix: &str) -> Result<tempfile::TempDir, RenderError> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o777));
    }
    b.tempdir_in(dir).map_err(io(dir))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string())
}

/// Replace `dest` (a folder, a file, a symlink or nothing) with the folder `staged`. The old
/// entry is first moved into a fresh private folder, then removed without following symlinks;
/// if moving the new folder in fails, the old entry is put back.
fn swap_in(staged: &Path, dest: &Path) -> Result<(), RenderError> {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let exists = std::fs::symlink_metadata(dest).is_ok();
    if !exists {
        return std::fs::rename(staged, dest).map_err(io(dest));
    }
    let trash = fresh_dir(&parent, &format!(".{}.old-", name_of(dest)))?;
    let old = trash.path().join("previous");
    std::fs::rename(dest, &old).map_err(io(dest))?;
    if let Err(e) = std::fs::rename(staged, dest) {
        let _ = std::fs::rename(&old, dest);
        return Err(io(dest)(e));
    }
    // `remove_dir_all` removes symlinks, it does not follow them. A failure here leaves only a
    // hidden folder behind; the new outputs are in place.
    let _ = std::fs::remove_dir_all(trash.path());
    Ok(())
}

/// Run `build` on a fresh folder and publish what it wrote at `dest` (the whole folder, or only
/// its `sub` folder, e.g. `data` for an export that leaves the report beside it alone). The
/// paths in the returned report point into `dest`. On any error `dest` is left untouched.
pub fn publish(
    dest: &Path,
    sub: Option<&str>,
    build: impl FnOnce(&Path) -> Result<BuildReport, RenderError>,
) -> Result<BuildReport, RenderError> {
    // The staging folder sits in the folder that holds the entry to replace, so the final
    // rename stays within one file system.
    let holder = match sub {
        Some(_) => dest.to_path_buf(),
        None => match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        },
    };
    if std::fs::symlink_metadata(&holder).is_err() {
        std::fs::create_dir_all(&holder).map_err(io(&holder))?;
    }
    let stage = fresh_dir(&holder, &format!(".{}.build-", name_of(dest)))?;
    let mut report = build(stage.path())?;
    match sub {
        Some(s) => swap_in(&stage.path().join(s), &dest.join(s))?,
        None => swap_in(stage.path(), dest)?,
    }
    for f in &mut report.files {
        if let Ok(rel) = f.strip_prefix(stage.path()) {
            *f = dest.join(rel);
        }
    }
    // With `sub`, the staging folder (now without `sub`) is removed when `stage` drops; without,
    // it was renamed to `dest` and there is nothing left to remove.
    if sub.is_none() {
        let _ = stage.keep();
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) -> Result<PathBuf, RenderError> {
        let p = dir.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).map_err(io(d))?;
        }
        std::fs::write(&p, text).map_err(io(&p))?;
        Ok(p)
    }

    #[test]
    fn swaps_in_a_complete_build_and_drops_stale_files() {
        let root = tempfile::tempdir().unwrap();
        let dest = root.path().join("deu");
        write(&dest, "charts/figure-09.svg", "old").unwrap();
        let rep = publish(&dest, None, |d| {
            Ok(BuildReport {
                files: vec![write(d, "report.html", "new").unwrap()],
                skipped_charts: Vec::new(),
                timings: Vec::new(),
            })
        })
        .unwrap();
        assert_eq!(rep.files, vec![dest.join("report.html")]);
        assert_eq!(
            std::fs::read_to_string(dest.join("report.html")).unwrap(),
            "new"
        );
        assert!(!dest.join("charts/figure-09.svg").exists());
        // Nothing but the destination is left in its folder.
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("deu")]);
    }

    #[test]
    fn a_failed_build_leaves_the_old_outputs() {
        let root = tempfile::tempdir().unwrap();
        let dest = root.path().join("deu");
        write(&dest, "report.html", "old").unwrap();
        let r = publish(&dest, None, |d| {
            write(d, "report.html", "half").unwrap();
            Err(RenderError::Other("disk full".into()))
        });
        assert!(r.is_err());
        assert_eq!(
            std::fs::read_to_string(dest.join("report.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }
}
