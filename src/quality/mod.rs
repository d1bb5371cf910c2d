//! Integration of sources: reconciliation, quality scores, gaps and the action plan, disclosure.
//! Pure functions over a profile and the catalogue; no terminal, no files.

pub mod disclosure;
pub mod gaps;
pub mod reconcile;
pub mod score;
