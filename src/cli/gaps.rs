//! `migprof gaps PROFILE [--format md|csv|json]`: the data gaps of a profile, ranked, and its
//! data action plan (the profile's `[[action]]` entries when it has any, else drafted ones).
//! Output is deterministic. Exit 0 when the gaps were printed (gaps are not an error), 1 when
//! the profile cannot be read.

use super::{EXIT_OK, Env};
use crate::catalogue::Catalogue;
use crate::i18n::{Lang, english, t};
use crate::profile::{ActionItem, Profile};
use crate::quality::gaps::{Gap, gaps_and_drafts, providers_grouped_in};
use crate::text::{csv_cell, json_for_terminal, terminal_multiline};
use anyhow::Context;
use fluent_bundle::FluentValue;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct GapsArgs {
    pub profile: PathBuf,
    /// Output format: md, csv or json.
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json"])]
    pub format: String,
}

pub fn run(env: &Env, a: GapsArgs) -> anyhow::Result<i32> {
    let shown = a.profile.display().to_string();
    let text = crate::profile::read_text(&a.profile)?;
    let profile = Profile::from_toml(&text, &shown)?;
    // A value no statistic can have is an error here too (as in check and build).
    if let Some(msg) = crate::validate::value_out_of_range(&profile) {
        super::err(&format!(
            "migprof: error: {}\n",
            crate::text::terminal(&format!("{shown}: {msg}"))
        ))?;
        return Ok(super::EXIT_FAILED);
    }
    let template = super::template_for(&profile.meta.template, &a.profile)
        .with_context(|| format!("{shown}: template `{}`", profile.meta.template))?;
    // Gaps and drafts in the profile's language, as the report and the TUI write them.
    let (gaps, drafted) = gaps_and_drafts(&profile, &env.catalogue, &template);
    let (actions, from_profile) = if profile.actions.is_empty() {
        (drafted, false)
    } else {
        (profile.actions.clone(), true)
    };
    // Profile and catalogue text reaches the terminal: control and bidi characters escaped
    // (CSV cells are cleaned one by one, JSON keeps its meaning through `\uXXXX` escapes).
    let out = match a.format.as_str() {
        "csv" => to_csv(&gaps, &actions)?,
        "json" => {
            json_for_terminal(&to_json(&profile, &gaps, &actions, from_profile)?).into_owned()
        }
        _ => terminal_multiline(&to_md(
            &profile,
            &crate::render::report::title_for(&profile, &env.countries),
            &env.catalogue,
            &gaps,
            &actions,
            from_profile,
        ))
        .into_owned(),
    };
    super::out(&out)?;
    Ok(EXIT_OK)
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown: a gaps table and an action-plan table, in the profile's language (the fixed
/// words, indicator names, gap kinds, priorities and timeframes; the details and actions are
/// written in it already).
pub fn to_md(
    profile: &Profile,
    title: &str,
    catalogue: &Catalogue,
    gaps: &[Gap],
    actions: &[ActionItem],
    from_profile: bool,
) -> String {
    let lang = Lang::of(&profile.meta.language);
    let tr = |id: &str, args: &[(&str, FluentValue)]| t(lang, id, args);
    let en = |text: &str| english(lang, text);
    let local = crate::i18n::localize_catalogue(catalogue, lang);
    let header = |cols: &[&str]| {
        let cells: Vec<String> = cols.iter().map(|c| md_cell(&en(c))).collect();
        format!(
            "| {} |\n|{}\n",
            cells.join(" | "),
            "---|".repeat(cols.len())
        )
    };
    let mut s = format!(
        "# {}\n\n",
        tr(
            "cg-title",
            &[
                ("title", md_cell(title).into()),
                ("year", profile.meta.reference_year.to_string().into()),
            ],
        )
    );
    if gaps.is_empty() {
        s.push_str(&format!("{}\n\n", tr("cg-no-gaps", &[])));
    } else {
        s.push_str(&format!(
            "## {}\n\n",
            tr("cg-gaps", &[("n", gaps.len().to_string().into())])
        ));
        s.push_str(&header(&[
            "#",
            "Indicator",
            "Section",
            "Gap",
            "Detail",
            "Could be filled by",
        ]));
        for g in gaps {
            let name = local
                .indicator(&g.indicator)
                .map_or(g.indicator.clone(), |i| format!("{} (`{}`)", i.name, i.id));
            let who = providers_grouped_in(catalogue, &g.providers, lang);
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                g.rank,
                md_cell(&name),
                md_cell(&g.section),
                en(g.kind.label()),
                md_cell(&g.detail),
                if who.is_empty() {
                    tr("cg-no-provider", &[])
                } else {
                    md_cell(&who)
                }
            ));
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "## {}\n\n",
        tr(
            if from_profile {
                "cg-plan-recorded"
            } else {
                "cg-plan-drafted"
            },
            &[]
        )
    ));
    if actions.is_empty() {
        s.push_str(&format!("{}\n", tr("cg-no-actions", &[])));
        return s;
    }
    s.push_str(&header(&[
        "#",
        "Indicator",
        "Action",
        "Responsible",
        "Priority",
        "Timeframe",
    ]));
    for (i, a) in actions.iter().enumerate() {
        s.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            i + 1,
            md_cell(&a.indicator),
            md_cell(&a.action),
            md_cell(&en(&a.responsible)),
            md_cell(&en(&a.priority)),
            md_cell(&en(&a.timeframe))
        ));
    }
    s
}

/// A CSV text cell: control and bidi characters escaped, a leading `= + - @`, TAB or CR
/// neutralised so a spreadsheet does not run it as a formula.
fn cell(s: &str) -> String {
    csv_cell(&terminal_multiline(s)).into_owned()
}

/// CSV: one table; `table` is `gap` or `action`.
pub fn to_csv(gaps: &[Gap], actions: &[ActionItem]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "table",
        "rank",
        "indicator",
        "section",
        "kind",
        "detail",
        "action",
        "responsible",
        "priority",
        "timeframe",
        "providers",
        "generated",
    ])?;
    for g in gaps {
        w.write_record([
            "gap",
            &g.rank.to_string(),
            &cell(&g.indicator),
            &cell(&g.section),
            g.kind.id(),
            &cell(&g.detail),
            "",
            "",
            "",
            "",
            &cell(&g.providers.join(" ")),
            "",
        ])?;
    }
    for (i, a) in actions.iter().enumerate() {
        w.write_record([
            "action",
            &(i + 1).to_string(),
            &cell(&a.indicator),
            "",
            "",
            "",
            &cell(&a.action),
            &cell(&a.responsible),
            &cell(&a.priority),
            &cell(&a.timeframe),
            &cell(&a.providers.join(" ")),
            if a.generated { "true" } else { "false" },
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

/// JSON: `{ country, reference_year, gaps: [...], actions: [...], actions_from }`.
pub fn to_json(
    profile: &Profile,
    gaps: &[Gap],
    actions: &[ActionItem],
    from_profile: bool,
) -> anyhow::Result<String> {
    let gaps: Vec<serde_json::Value> = gaps
        .iter()
        .map(|g| {
            serde_json::json!({
                "rank": g.rank,
                "indicator": g.indicator,
                "section": g.section,
                "kind": g.kind.id(),
                "detail": g.detail,
                "providers": g.providers,
            })
        })
        .collect();
    let v = serde_json::json!({
        "country": profile.meta.country,
        "reference_year": profile.meta.reference_year,
        "gaps": gaps,
        "actions": actions,
        "actions_from": if from_profile { "profile" } else { "drafted" },
    });
    let mut s = serde_json::to_string_pretty(&v)?;
    s.push('\n');
    Ok(s)
}
