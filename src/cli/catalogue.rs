//! `migprof catalogue`: list indicators (optionally of one section) or providers (of one family).

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::model::Family;
use crate::text::{json_for_terminal, terminal};
use std::fmt::Write as _;

#[derive(Debug, clap::Args)]
pub struct CatalogueArgs {
    /// Only indicators of this template section (e.g. A.2, KS).
    #[arg(long)]
    pub section: Option<String>,
    /// List the registry's providers of this family instead (government, academia,
    /// civil_society, international, non_traditional, or `all`).
    #[arg(long)]
    pub family: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(env: &Env, args: CatalogueArgs) -> anyhow::Result<i32> {
    let mut out = String::new();
    let code = list(env, &args, &mut out)?;
    // JSON output keeps its meaning; control and bidi characters are `\uXXXX` escapes.
    super::out(&json_for_terminal(&out))?;
    Ok(code)
}

fn list(env: &Env, args: &CatalogueArgs, out: &mut String) -> anyhow::Result<i32> {
    if let Some(fam) = &args.family {
        let providers: Vec<_> = if fam == "all" {
            env.catalogue.providers.iter().collect()
        } else {
            let Some(f) = Family::from_id(fam) else {
                super::err(&format!(
                    "migprof: error: unknown family `{}` (expected one of: {}, all)\n",
                    terminal(fam),
                    Family::ALL.map(|f| f.id()).join(", ")
                ))?;
                return Ok(EXIT_FAILED);
            };
            env.catalogue.providers_in(f).collect()
        };
        if args.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&providers)?)?;
        } else {
            writeln!(out, "{:<28} {:<16} {:<22} NAME", "ID", "FAMILY", "LICENCE")?;
            for p in providers {
                writeln!(
                    out,
                    "{:<28} {:<16} {:<22} {}",
                    terminal(&p.id),
                    p.family.id(),
                    truncate(&terminal(&p.licence), 22),
                    terminal(&p.name)
                )?;
            }
        }
        return Ok(EXIT_OK);
    }
    let indicators: Vec<_> = match &args.section {
        Some(s) => env.catalogue.in_section(s).collect(),
        None => env.catalogue.indicators.iter().collect(),
    };
    if indicators.is_empty()
        && let Some(s) = &args.section
    {
        super::err(&format!(
            "migprof: error: no indicators in section `{}`\n",
            terminal(s)
        ))?;
        return Ok(EXIT_FAILED);
    }
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&indicators)?)?;
    } else {
        writeln!(out, "{:<30} {:<8} {:<12} NAME", "ID", "SECTION", "UNIT")?;
        for i in indicators {
            writeln!(
                out,
                "{:<30} {:<8} {:<12} {}",
                terminal(&i.id),
                terminal(&i.section),
                i.unit.label(),
                terminal(&i.name)
            )?;
        }
    }
    Ok(EXIT_OK)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}
