//! A returned data-request workbook entering the profile: through the core operations only
//! ([`ops::add_source`] the first time, [`ops::reimport_source`] when the agency's earlier
//! contribution is there, so a corrected workbook replaces it), with the agency as the source
//! (its registry kind of producer, family government; a citation naming the agency and the date
//! received).

use crate::ingest::returned::agency_of;
use crate::ingest::{Context, Format};
use crate::ops::{self, FileImport, OpError, SourceDiff};
use crate::profile::Profile;

/// What happened to the profile.
#[derive(Debug, Clone, PartialEq)]
pub enum Contributed {
    /// A new source with this many values.
    Added { id: String, values: usize },
    /// The agency's earlier contribution replaced (no change when the diff is empty).
    Replaced { id: String, diff: Box<SourceDiff> },
}

/// The profile's source holding an agency's returned figures.
pub fn source_of(profile: &Profile, agency: &str) -> Option<String> {
    profile
        .sources
        .iter()
        .find(|s| {
            s.format.as_deref() == Some(Format::ReturnedRequest.id())
                && s.notes.as_deref().and_then(agency_of) == Some(agency)
        })
        .map(|s| s.id.clone())
}

/// Add (or replace) an agency's returned figures. `today` is the date received.
pub fn add_returned(
    profile: &mut Profile,
    ctx: &Context,
    imp: &FileImport,
    today: &str,
) -> Result<Contributed, OpError> {
    let out = imp.outcome;
    if out.format != Format::ReturnedRequest {
        return Err(OpError::Refused(format!(
            "{} is not a returned data request",
            imp.stored
        )));
    }
    let Some(agency_id) = out.notes.as_deref().and_then(agency_of).map(str::to_string) else {
        return Err(OpError::Refused(format!(
            "{}: the workbook does not say which agency it is from",
            imp.stored
        )));
    };
    // The agency as the profile lists it, else as the workbook names it (a profile without a
    // data system can still take an agency's figures; see [`unlisted_agency`]).
    let name = match profile.agencies.iter().find(|a| a.id == agency_id) {
        Some(a) => a.name.clone(),
        None => out
            .dataset
            .split_once(": figures returned")
            .map_or(agency_id.clone(), |(n, _)| n.to_string()),
    };
    let citation =
        format!("{name}: figures returned to the Migration Profile data request, received {today}");
    let result = match source_of(profile, &agency_id) {
        Some(id) => {
            let diff = ops::reimport_source(profile, ctx.catalogue, &id, imp, today)?;
            Contributed::Replaced {
                id,
                diff: Box::new(diff),
            }
        }
        None => match ops::add_source(profile, ctx, imp, today)? {
            ops::Added::Source { id, values, .. } => Contributed::Added { id, values },
            ops::Added::Footnotes { .. } => {
                return Err(OpError::Refused("unexpected footnotes table".into()));
            }
        },
    };
    let id = match &result {
        Contributed::Added { id, .. } | Contributed::Replaced { id, .. } => id.clone(),
    };
    let changed = match &result {
        Contributed::Added { .. } => true,
        Contributed::Replaced { diff, .. } => !diff.is_empty(),
    };
    if changed && let Some(s) = profile.sources.iter_mut().find(|s| s.id == id) {
        s.citation = Some(citation);
    }
    Ok(result)
}

/// The agency id of a returned workbook's import when the profile does not list it (the front
/// ends warn: the figures are filed under the name the workbook gives).
pub fn unlisted_agency(profile: &Profile, notes: Option<&str>) -> Option<String> {
    let id = notes.and_then(agency_of)?;
    (!profile.agencies.iter().any(|a| a.id == id)).then(|| id.to_string())
}
