//! The working group's review of the profile, section by section (draft, submitted,
//! validated): outputs carry a DRAFT mark until every selected section is validated, and
//! `check --strict` fails on a section that is not.

use super::model::ReviewStatus;
use crate::profile::Profile;
use crate::template::Template;

/// Selected sections of the template that are not validated, with their status (`draft` when
/// the profile records none), in template order.
pub fn unvalidated<'t>(profile: &Profile, template: &'t Template) -> Vec<(&'t str, ReviewStatus)> {
    template
        .sections()
        .filter(|s| template.is_selected(s, &profile.modules))
        .filter_map(|s| {
            let status = profile
                .review
                .get(&s.id)
                .map_or(ReviewStatus::Draft, |r| r.status);
            (status != ReviewStatus::Validated).then_some((s.id.as_str(), status))
        })
        .collect()
}

/// The DRAFT mark of a profile under review: set once the profile records any review status,
/// until every selected section is validated. (A profile that records none is not yet in the
/// working group's process; `check --strict` still refuses it.)
pub fn draft_banner(profile: &Profile, template: &Template) -> Option<String> {
    if profile.review.is_empty() {
        return None;
    }
    let open = unvalidated(profile, template);
    if open.is_empty() {
        return None;
    }
    let first: Vec<String> = open
        .iter()
        .take(5)
        .map(|(id, st)| format!("{id} {}", st.id()))
        .collect();
    Some(format!(
        "DRAFT: {} of the selected sections are not yet validated by the working group ({}{}).",
        open.len(),
        first.join(", "),
        if open.len() > 5 { ", ..." } else { "" }
    ))
}

/// `check --strict` lines for the unvalidated sections.
pub fn strict_lines(profile: &Profile, template: &Template, shown: &str) -> Vec<String> {
    unvalidated(profile, template)
        .into_iter()
        .map(|(id, st)| {
            let who = profile
                .review
                .get(id)
                .map(|r| {
                    let by = r.by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default();
                    let on = r.date.as_deref().map(|d| format!(" on {d}")).unwrap_or_default();
                    format!("{by}{on}")
                })
                .unwrap_or_default();
            format!(
                "{shown}: error: section {id} is not validated (status {}{who}); --strict needs every selected section validated (`[review.\"{id}\"] status = \"validated\"`)",
                st.id()
            )
        })
        .collect()
}
