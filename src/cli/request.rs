//! `migprof request PROFILE [--agency ID] [--out DIR] [--deadline DATE] [--contact TEXT]`:
//! one XLSX data-request workbook per agency of the profile (or the one named), written
//! atomically into DIR (default: beside the profile). The agency fills it in and sends it back;
//! `migprof import WORKBOOK --profile PROFILE` reads it (see `migprof import --help`).

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::profile::Profile;
use crate::system::request::{RequestOptions, workbooks};
use crate::text::terminal_multiline;
use anyhow::Context;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct RequestArgs {
    pub profile: PathBuf,
    /// Only this agency (its `[[agency]]` id).
    #[arg(long)]
    pub agency: Option<String>,
    /// Folder for the workbooks (created if needed; default: the profile's folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Date by which the workbook should come back (YYYY-MM-DD).
    #[arg(long)]
    pub deadline: Option<String>,
    /// Who the agency sends it back to (default: the profile's authors).
    #[arg(long)]
    pub contact: Option<String>,
}

pub fn run(env: &Env, a: RequestArgs) -> anyhow::Result<i32> {
    let shown = a.profile.display().to_string();
    let text = crate::profile::read_text(&a.profile)?;
    let profile = Profile::from_toml(&text, &shown)?;
    let template = super::template_for(&profile.meta.template, &a.profile)
        .with_context(|| format!("{shown}: template `{}`", profile.meta.template))?;
    if let Some(d) = &a.deadline
        && !is_date(d)
    {
        super::err(&format!(
            "migprof: error: --deadline {}: not a date YYYY-MM-DD\n",
            terminal_multiline(d)
        ))?;
        return Ok(super::EXIT_USAGE);
    }
    let today = super::import::today();
    if let Some(d) = &a.deadline
        && d.as_str() < today.as_str()
    {
        super::err(&format!(
            "migprof: error: --deadline {}: before today ({today})\n",
            terminal_multiline(d)
        ))?;
        return Ok(super::EXIT_USAGE);
    }
    let opts = RequestOptions {
        deadline: a.deadline.clone(),
        contact: a.contact.clone(),
        issued: today,
    };
    let books = match workbooks(
        &profile,
        &env.catalogue,
        &template,
        a.agency.as_deref(),
        &opts,
    ) {
        Ok(b) => b,
        Err(e) => {
            super::err(&format!(
                "migprof: error: {}\n",
                terminal_multiline(&format!("{shown}: {e}"))
            ))?;
            return Ok(EXIT_FAILED);
        }
    };
    let dir = match &a.out {
        Some(d) => d.clone(),
        None => a
            .profile
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), |p| p.to_path_buf()),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
    for b in &books {
        let path = dir.join(&b.file_name);
        if b.indicators.is_empty() {
            super::out(&format!(
                "{}: no selected indicator is produced by agency `{}`'s instruments; no workbook\n",
                terminal_multiline(&shown),
                terminal_multiline(&b.agency)
            ))?;
            continue;
        }
        crate::profile::atomic_write(&path, &b.bytes)
            .with_context(|| format!("{}", path.display()))?;
        super::out(&format!(
            "{}: {} indicators for agency `{}`\n",
            terminal_multiline(&path.display().to_string()),
            b.indicators.len(),
            terminal_multiline(&b.agency)
        ))?;
    }
    Ok(EXIT_OK)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}
