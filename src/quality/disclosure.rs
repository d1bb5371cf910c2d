//! Disclosure control of small counts. Not implemented yet.
