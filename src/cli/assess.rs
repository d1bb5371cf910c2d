//! `migprof assess PROFILE [--format md|csv|json]`: the data assessment of a profile's national
//! data system: the instrument x topic matrix, the instrument-level gaps and the actions they
//! draft. Exit 0 when printed (gaps are not an error), 1 when the profile cannot be read or its
//! data-system references are wrong.

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::profile::Profile;
use crate::system::annex::{ILLUSTRATIVE, cell_text};
use crate::system::assess::{Assessment, assess, draft_actions};
use crate::system::topics::Topics;
use crate::text::{csv_cell, json_for_terminal, terminal_multiline};
use anyhow::Context;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    pub profile: PathBuf,
    /// Output format: md, csv or json.
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json"])]
    pub format: String,
}

pub fn run(env: &Env, a: AssessArgs) -> anyhow::Result<i32> {
    let shown = a.profile.display().to_string();
    let text = crate::profile::read_text(&a.profile)?;
    let profile = Profile::from_toml(&text, &shown)?;
    let template = super::template_for(&profile.meta.template, &a.profile)
        .with_context(|| format!("{shown}: template `{}`", profile.meta.template))?;
    let topics = env.catalogue.topics()?;
    let problems = crate::system::validate(&profile, &text, &env.catalogue, topics, &template);
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(|p| format!("{shown}:{p}\n")).collect();
        super::err(&terminal_multiline(&lines.concat()))?;
        return Ok(EXIT_FAILED);
    }
    if !crate::system::has_data_system(&profile) {
        super::err(&format!(
            "{}: the profile lists no [[agency]] or [[instrument]]: nothing to assess\n",
            terminal_multiline(&shown)
        ))?;
        return Ok(EXIT_FAILED);
    }
    let result = assess(&profile, &env.catalogue, topics, &template);
    let out = match a.format.as_str() {
        "csv" => to_csv(&result)?,
        "json" => {
            let actions = draft_actions(&result, &profile, &env.catalogue, topics);
            let v = serde_json::json!({
                "country": profile.meta.country,
                "illustrative": profile.data_system.as_ref().is_some_and(|d| d.illustrative),
                "assessment": result,
                "actions": actions,
            });
            json_for_terminal(&format!("{}\n", serde_json::to_string_pretty(&v)?)).into_owned()
        }
        _ => terminal_multiline(&to_md(&profile, env, topics, &result)).into_owned(),
    };
    super::out(&out)?;
    Ok(EXIT_OK)
}

fn to_csv(a: &Assessment) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "instrument",
        "instrument_name",
        "agency",
        "topic",
        "coverage",
        "expected",
        "gap",
    ])?;
    for r in &a.rows {
        for c in &r.cells {
            let gap = a
                .gaps
                .iter()
                .find(|g| g.instrument == r.instrument && g.topic == c.topic)
                .map_or(String::new(), |g| g.sentence.clone());
            let fields = [
                r.instrument.clone(),
                r.name.clone(),
                r.agency.clone(),
                c.topic.clone(),
                c.coverage.id().to_string(),
                c.expected.to_string(),
                gap,
            ];
            w.write_record(fields.iter().map(|f| csv_cell(f).into_owned()))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn to_md(p: &Profile, env: &Env, topics: &Topics, a: &Assessment) -> String {
    let mut s = format!("# Data assessment: {}\n\n", p.meta.title);
    if p.data_system.as_ref().is_some_and(|d| d.illustrative) {
        s.push_str(&format!("**{ILLUSTRATIVE}**\n\n"));
    }
    let name = |t: &str| topics.get(t).map_or(t.to_string(), |x| x.name.clone());
    s.push_str(&format!(
        "| Instrument | {} |\n",
        a.topics
            .iter()
            .map(|t| name(t))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    s.push_str(&format!("|---|{}\n", "---|".repeat(a.topics.len())));
    for r in &a.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| cell_text(c.coverage, c.expected))
            .collect();
        s.push_str(&format!(
            "| {} | {} |\n",
            r.name.replace('|', "/"),
            cells.join(" | ")
        ));
    }
    s.push_str("\nIn brackets, or -: instruments of its kind do not produce the profile's indicators that need the topic.\n\n");
    s.push_str(&format!("## Instrument-level gaps ({})\n\n", a.gaps.len()));
    for g in &a.gaps {
        s.push_str(&format!("- {}\n", g.sentence));
    }
    if !a.uncovered.is_empty() {
        s.push_str(&format!(
            "\nNo instrument is recorded as collecting: {}.\n",
            a.uncovered
                .iter()
                .map(|t| name(t))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    let actions = draft_actions(a, p, &env.catalogue, topics);
    s.push_str(&format!("\n## Drafted actions ({})\n\n", actions.len()));
    for x in &actions {
        s.push_str(&format!(
            "- [{}] {} (responsible: {}; {}; instrument `{}`)\n",
            x.priority,
            x.action,
            x.responsible,
            x.timeframe,
            x.instrument.as_deref().unwrap_or("")
        ));
    }
    s
}
