//! Quality scores per value on the named dimensions. Not implemented yet.
