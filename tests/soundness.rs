//! Soundness: every statement true in meaning, not only in digits (issue 9).
//!
//! One test per rule of `../shared/reference/statistical-soundness.md` that migprof enforces,
//! each on the real files where one shows the problem. The rules live in modules by area:
//! direction, territory, revision, projection, coverage and placement of values at import;
//! series, charts, key figures and sentences in the report; one way to change a profile; gating.

#[path = "soundness/import_meaning.rs"]
mod import_meaning;
#[path = "soundness/ops.rs"]
mod ops;
#[path = "soundness/placement.rs"]
mod placement;
#[path = "soundness/report.rs"]
mod report;
