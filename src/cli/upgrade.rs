//! `migprof upgrade P...`: rewrite profiles in the file layout of this build (format version 2,
//! values per series), through the same save as every other command: atomic, refused when
//! another program changed the file since it was read, comments outside the values kept.

use super::{EXIT_FAILED, EXIT_OK};
use crate::profile::{FORMAT_VERSION, ProfileFile, compact, file_version};
use crate::text::terminal;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    long_about = "Rewrite profiles in the compact layout of this build (format version 2: the values \
    of each series together, one line per breakdown cell). Version 1 profiles (one [[observation]] \
    table per value) are also upgraded by any command that saves them; this does it explicitly.\n\n\
    Each file is replaced atomically and only when it is still the one that was read; it is read \
    back and must give the same profile. A profile already at version 2 is left as it is. A \
    failing profile is reported and the others go on; exit 1 if any failed."
)]
pub struct UpgradeArgs {
    /// Profiles to upgrade.
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// Only say which profiles would be upgraded; change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(a: UpgradeArgs) -> anyhow::Result<i32> {
    let mut failed = 0;
    for path in &a.profiles {
        match upgrade_one(path, a.dry_run) {
            Ok(line) => super::out(&format!(
                "{}: {}\n",
                terminal(&path.display().to_string()),
                line
            ))?,
            Err(e) => {
                failed += 1;
                super::err(&format!("migprof: error: {}\n", terminal(&e)))?;
            }
        }
    }
    Ok(if failed > 0 { EXIT_FAILED } else { EXIT_OK })
}

/// Upgrade one profile; the line to print, or the error (naming the file).
fn upgrade_one(path: &Path, dry_run: bool) -> Result<String, String> {
    let mut pf = ProfileFile::load(path).map_err(|e| e.to_string())?;
    let from = file_version(&pf.original).unwrap_or(0);
    if from == i64::from(FORMAT_VERSION) {
        return Ok(format!("already version {FORMAT_VERSION}, left as it is"));
    }
    let before = pf.original.len();
    if dry_run {
        let text = pf.render().map_err(|e| e.to_string())?;
        return Ok(format!(
            "would be upgraded from version {from} to {FORMAT_VERSION} ({} -> {})",
            size(before),
            size(text.len())
        ));
    }
    pf.save().map_err(|e| e.to_string())?;
    let back = ProfileFile::load(path).map_err(|e| e.to_string())?;
    if back.profile != pf.profile {
        return Err(format!(
            "{}: the upgraded file does not read back as the same profile (please report this)",
            path.display()
        ));
    }
    let series = compact::places(&back.original).map_or(0, |p| p.series.len());
    Ok(format!(
        "upgraded from version {from} to {FORMAT_VERSION}: {} values in {series} series, {} -> {}",
        back.profile.observations.len(),
        size(before),
        size(back.original.len())
    ))
}

fn size(bytes: usize) -> String {
    if bytes >= 10 * 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}
