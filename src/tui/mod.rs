//! The terminal user interface. Not implemented yet.

/// Open the TUI on an optional profile.
pub fn run(
    _profile: Option<std::path::PathBuf>,
    _no_color: bool,
    _ascii: bool,
) -> anyhow::Result<()> {
    anyhow::bail!("the TUI is not implemented yet; use the subcommands (migprof --help)")
}
