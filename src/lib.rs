#![forbid(unsafe_code)]
//! migprof: build IOM-style country Migration Profiles.
//!
//! Core modules (no terminal): [`model`], [`catalogue`], [`country`], [`template`], [`profile`],
//! [`validate`], [`ingest`], [`quality`], [`render`]. Front ends: [`cli`] and [`tui`].

pub mod catalogue;
pub mod check;
pub mod cli;
pub mod country;
pub mod error;
pub mod fetch;
pub mod i18n;
pub mod ingest;
pub mod model;
pub mod ops;
pub mod profile;
pub mod publication;
pub mod quality;
pub mod render;
pub mod system;
pub mod template;
#[doc(hidden)]
pub mod testdata;
pub mod text;
pub mod tui;
pub mod validate;
