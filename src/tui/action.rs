//! Every user intent and every effect result is an [`Action`]; slow or fallible work is an
//! [`Effect`] that the event loop runs and feeds back as an action.

use super::app::{BuildSummary, PendingImport, ProfileEntry, Screen};
use crate::profile::ProfileFile;
use std::path::PathBuf;

/// A text editing operation (one-line fields and the multi-line editor).
#[derive(Debug, Clone, PartialEq)]
pub enum EditOp {
    Insert(char),
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    /// Ctrl-U: clear the current line.
    ClearLine,
}

#[derive(Debug, Clone)]
pub enum Action {
    // Navigation and global commands.
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Left,
    Right,
    NextScreen,
    PrevScreen,
    GoScreen(Screen),
    Help,
    /// Show or hide the full text (descriptions, definitions, scores, chart) of the detail pane.
    Details,
    Save,
    Undo,
    Redo,
    Quit,
    /// Ctrl-C: quit with the prompt; a second Ctrl-C quits at once after an autosave.
    Interrupt,
    Select,
    Cancel,
    /// Tab inside a form or path field (completion / next field).
    Tab,
    BackTab,
    /// Space in a checklist.
    Toggle,
    Yes,
    No,
    Edit(EditOp),
    /// Text pasted (bracketed paste): typed into the editor or field that is open, ignored
    /// elsewhere so a paste never runs commands.
    Paste(String),
    // Screen commands.
    NewProfile,
    Rescan,
    AddFile,
    AddManual,
    ChoosePreferred,
    /// `/`: find anything by name, id or status.
    Search,
    /// The next (`n`) or previous (`N`) search match, or problem when nothing was searched.
    NextMatch,
    PrevMatch,
    /// The values of the selected indicator per source, where they differ, with the reason.
    Compare,
    /// Indicators listed by id instead of by name (`i`), and back.
    ToggleIds,
    EditText,
    InsertGenerated,
    AdoptAction,
    NewAction,
    EditAction,
    DeleteAction,
    /// Set a drafted action aside for the session, or bring a dismissed one back.
    DismissAction,
    /// `L`: the message log.
    Messages,
    Build,
    RemoveSource,
    RenameSource,
    ReimportSource,
    // Results of effects.
    ProfilesScanned(Vec<ProfileEntry>),
    Opened(Result<Box<Opened>, String>),
    Completed {
        input: String,
        completion: String,
        candidates: Vec<String>,
    },
    Previewed(Result<Box<PendingImport>, String>),
    Saved(Result<String, String>),
    /// The save was refused: another program changed the file since it was read.
    ChangedOnDisk(String),
    /// Saved under another name (the file now being edited).
    SavedAs(Result<Box<ProfileFile>, String>),
    Built(Result<BuildSummary, String>),
    /// A recorded source file read again: (source id, sha256, the import).
    Reimported(Result<Box<(String, String, crate::ingest::Outcome)>, String>),
    Autosaved(Result<(), String>),
    /// Another whole second of the running job has passed (the progress line shows it).
    JobTick(u64),
    /// The worker thread could not be started (the job did not run).
    JobFailed(String),
    /// The terminal's size (columns, rows), at start and on every resize.
    Resized(u16, u16),
}

/// A profile loaded from disk, with the text of a recovery file found beside it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub file: ProfileFile,
    /// (path, text, when it was written).
    pub recovery: Option<(PathBuf, String, String)>,
}

/// Work the event loop does outside `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// List the profiles under ./profiles.
    ScanProfiles,
    Open(PathBuf),
    /// Start a new profile at a path (refused when the file exists).
    Create(PathBuf, Box<crate::profile::Profile>),
    /// Complete a path in the add-file field.
    Complete(String),
    /// Detect and import a file for the preview.
    Preview(PathBuf),
    Save,
    /// Save the profile under another name (after an external change to the file).
    SaveAs(PathBuf),
    /// Write the recovery file beside the profile.
    Autosave,
    /// Remove the recovery file (after a save, or when the user discards it).
    DeleteRecovery,
    Build,
    /// Read a source's recorded file again (for a re-import).
    Reimport(String),
}
