//! Data gaps and the drafted action plan. Not implemented yet.
