//! The country's national migration data system (issue 11): agencies and instruments in the
//! profile, the recommended topics, the data assessment, data requests to agencies and their
//! returned contributions, the working group's review, and editions.
//!
//! Core only: nothing here prints or reads the terminal.

pub mod annex;
pub mod assess;
pub mod contribution;
pub mod editions;
pub mod model;
pub mod request;
pub mod review;
pub mod topics;

use crate::catalogue::Catalogue;
use crate::error::nearest;
use crate::model::Family;
use crate::profile::Profile;
use crate::template::Template;
use crate::validate::{Locator, Step};
use std::collections::BTreeSet;
use topics::Topics;

/// Does the profile describe a data system (agencies or instruments)?
pub fn has_data_system(profile: &Profile) -> bool {
    !profile.agencies.is_empty() || !profile.instruments.is_empty()
}

/// The references of the data-system entries, each problem as `line:col: error: message` with
/// the field named (`instrument[2] (enoe).agency: ...`). `text` is the profile's TOML (for the
/// place; may be empty).
pub fn validate(
    profile: &Profile,
    text: &str,
    catalogue: &Catalogue,
    topics: &Topics,
    template: &Template,
) -> Vec<String> {
    let loc = Locator::new(text);
    let mut out = Vec::new();
    let mut err = |path: &[Step], message: String| {
        out.push(format!("{}: error: {message}", loc.locate(path)));
    };
    let mut agency_ids = BTreeSet::new();
    for (i, a) in profile.agencies.iter().enumerate() {
        let at = [Step::Key("agency"), Step::Index(i), Step::Key("id")];
        if a.id.trim().is_empty() {
            err(&at, format!("agency[{i}].id: an agency needs an id"));
        } else if !agency_ids.insert(a.id.as_str()) {
            err(
                &at,
                format!("agency[{i}].id: agency `{}` is defined twice", a.id),
            );
        }
        let provider = a.provider_id();
        match catalogue.provider(provider) {
            None => err(
                &[Step::Key("agency"), Step::Index(i), Step::Key("provider")],
                format!(
                    "agency[{i}] ({}).provider: `{provider}` is not in the source registry",
                    a.id
                ),
            ),
            Some(p) if p.family != Family::Government => err(
                &[Step::Key("agency"), Step::Index(i), Step::Key("provider")],
                format!(
                    "agency[{i}] ({}).provider: `{provider}` is not a government provider (family {})",
                    a.id,
                    p.family.id()
                ),
            ),
            Some(_) => {}
        }
    }
    let mut instrument_ids = BTreeSet::new();
    for (i, ins) in profile.instruments.iter().enumerate() {
        let base = [Step::Key("instrument"), Step::Index(i)];
        if ins.id.trim().is_empty() {
            err(
                &base,
                format!("instrument[{i}].id: an instrument needs an id"),
            );
        } else if !instrument_ids.insert(ins.id.as_str()) {
            err(
                &base,
                format!(
                    "instrument[{i}].id: instrument `{}` is defined twice",
                    ins.id
                ),
            );
        }
        if !agency_ids.contains(ins.agency.as_str()) {
            let hint = nearest(&ins.agency, agency_ids.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            err(
                &[Step::Key("instrument"), Step::Index(i), Step::Key("agency")],
                format!(
                    "instrument[{i}] ({}).agency: no agency `{}` in the profile{hint}",
                    ins.id, ins.agency
                ),
            );
        }
        for t in ins.topics.keys() {
            if topics.get(t).is_none() {
                let hint = nearest(t, topics.topics.iter().map(|x| x.id.as_str()))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                err(
                    &[
                        Step::Key("instrument"),
                        Step::Index(i),
                        Step::Key("topics"),
                        Step::Key(t),
                    ],
                    format!(
                        "instrument[{i}] ({}).topics.{t}: unknown topic `{t}`{hint}",
                        ins.id
                    ),
                );
            }
        }
    }
    for (i, a) in profile.actions.iter().enumerate() {
        if let Some(ag) = &a.agency
            && !agency_ids.contains(ag.as_str())
        {
            err(
                &[Step::Key("action"), Step::Index(i), Step::Key("agency")],
                format!("action[{i}].agency: no agency `{ag}` in the profile"),
            );
        }
        if let Some(ins) = &a.instrument
            && !instrument_ids.contains(ins.as_str())
        {
            err(
                &[Step::Key("action"), Step::Index(i), Step::Key("instrument")],
                format!("action[{i}].instrument: no instrument `{ins}` in the profile"),
            );
        }
    }
    for id in profile.review.keys() {
        if template.section(id).is_none() {
            err(
                &[Step::Key("review"), Step::Key(id)],
                format!("review.{id}: the template has no section `{id}`"),
            );
        }
    }
    out
}
