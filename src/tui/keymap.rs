//! One table of key bindings drives key handling, the status bar and the help overlay.

use super::action::{Action, EditOp};
use super::app::{Mode, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ctx {
    /// Normal mode on every screen.
    Global,
    /// Normal mode on one screen.
    Screen(Screen),
    /// A modal mode (text field, editor, picker...).
    Mode(Mode),
    /// Every mode (Ctrl-C).
    Always,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}
const fn code(c: KeyCode) -> Key {
    Key {
        code: c,
        ctrl: false,
    }
}

pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    /// How the keys are written in the bar and help.
    pub shown: &'static str,
    pub help: &'static str,
    pub action: Action,
    /// Short label in the status bar; `None` = only in the help.
    pub bar: Option<&'static str>,
}

use Ctx::{Always, Global, Mode as M, Screen as S};

const fn b(
    ctx: Ctx,
    keys: &'static [Key],
    shown: &'static str,
    help: &'static str,
    action: Action,
    bar: Option<&'static str>,
) -> Binding {
    Binding {
        ctx,
        keys,
        shown,
        help,
        action,
        bar,
    }
}

/// Every binding. Order = order in the bar and the help.
pub const BINDINGS: &[Binding] = &[
    b(
        Always,
        &[ctrl('c')],
        "^C",
        "quit (twice: at once, after autosave)",
        Action::Interrupt,
        None,
    ),
    // Home
    b(
        S(Screen::Home),
        &[k('n')],
        "n",
        "new profile",
        Action::NewProfile,
        Some("new"),
    ),
    b(
        S(Screen::Home),
        &[code(KeyCode::Enter), k('o')],
        "Enter",
        "open the selected profile",
        Action::Select,
        Some("open"),
    ),
    b(
        S(Screen::Home),
        &[k('r')],
        "r",
        "rescan ./profiles",
        Action::Rescan,
        None,
    ),
    // Sources
    b(
        S(Screen::Sources),
        &[k('a'), code(KeyCode::Enter)],
        "a",
        "add a file (path, Tab completes)",
        Action::AddFile,
        Some("add file"),
    ),
    b(
        S(Screen::Sources),
        &[k('m')],
        "m",
        "add a manual value with citation",
        Action::AddManual,
        Some("manual value"),
    ),
    b(
        S(Screen::Sources),
        &[k('d')],
        "d",
        "remove a source and its values (u undoes)",
        Action::RemoveSource,
        None,
    ),
    b(
        S(Screen::Sources),
        &[k('R')],
        "R",
        "rename the selected source's id",
        Action::RenameSource,
        None,
    ),
    b(
        S(Screen::Sources),
        &[k('i')],
        "i",
        "re-import the selected source's file",
        Action::ReimportSource,
        None,
    ),
    b(
        S(Screen::Sources),
        &[k('v')],
        "v",
        "full text: description, access, caveats",
        Action::Details,
        None,
    ),
    // Indicators
    b(
        S(Screen::Indicators),
        &[k('p'), code(KeyCode::Enter)],
        "p",
        "choose the preferred source",
        Action::ChoosePreferred,
        Some("prefer source"),
    ),
    b(
        S(Screen::Indicators),
        &[k('c')],
        "c",
        "compare sources side by side, and why",
        Action::Compare,
        None,
    ),
    b(
        S(Screen::Indicators),
        &[k('m')],
        "m",
        "add a manual value for this indicator",
        Action::AddManual,
        Some("manual value"),
    ),
    b(
        S(Screen::Indicators),
        &[k('i')],
        "i",
        "list indicators by id instead of by name, and back",
        Action::ToggleIds,
        None,
    ),
    // Narrative
    b(
        S(Screen::Narrative),
        &[k('e'), code(KeyCode::Enter)],
        "e",
        "edit the section text",
        Action::EditText,
        Some("edit"),
    ),
    b(
        S(Screen::Narrative),
        &[k('i')],
        "i",
        "append the generated sentence",
        Action::InsertGenerated,
        Some("insert generated"),
    ),
    // Gaps
    b(
        S(Screen::Gaps),
        &[k('v')],
        "v",
        "full text of the action and the gap",
        Action::Details,
        None,
    ),
    b(
        S(Screen::Narrative),
        &[k('v')],
        "v",
        "whole prompt and generated sentence",
        Action::Details,
        None,
    ),
    b(
        S(Screen::Gaps),
        &[k('a')],
        "a",
        "adopt the drafted action",
        Action::AdoptAction,
        Some("adopt"),
    ),
    b(
        S(Screen::Gaps),
        &[k('n')],
        "n",
        "new action",
        Action::NewAction,
        Some("new"),
    ),
    b(
        S(Screen::Gaps),
        &[k('e'), code(KeyCode::Enter)],
        "e",
        "edit the action",
        Action::EditAction,
        Some("edit"),
    ),
    b(
        S(Screen::Gaps),
        &[k('d')],
        "d",
        "delete the action",
        Action::DeleteAction,
        Some("delete"),
    ),
    b(
        S(Screen::Gaps),
        &[k('x')],
        "x",
        "dismiss the draft / restore a dismissed one",
        Action::DismissAction,
        None,
    ),
    // Build
    b(
        S(Screen::Build),
        &[k('b'), code(KeyCode::Enter)],
        "b",
        "build the report",
        Action::Build,
        Some("build"),
    ),
    b(
        S(Screen::Indicators),
        &[k('v')],
        "v",
        "full text: definition, scores, chart",
        Action::Details,
        None,
    ),
    // Data system
    b(
        S(Screen::System),
        &[k('v')],
        "v",
        "full text: role, contact, topics, gaps",
        Action::Details,
        None,
    ),
    b(
        S(Screen::System),
        &[code(KeyCode::Enter), k('a')],
        "Enter",
        "the assessment: instrument x topic matrix and gaps",
        Action::Select,
        Some("assessment"),
    ),
    // Global (normal mode)
    b(
        Global,
        &[k('j'), code(KeyCode::Down)],
        "j/k",
        "move down / up",
        Action::Down,
        None,
    ),
    b(
        Global,
        &[k('k'), code(KeyCode::Up)],
        "k",
        "move up",
        Action::Up,
        None,
    ),
    b(
        Global,
        &[k('g'), code(KeyCode::Home)],
        "g/G",
        "first / last",
        Action::Top,
        None,
    ),
    b(
        Global,
        &[k('G'), code(KeyCode::End)],
        "G",
        "last",
        Action::Bottom,
        None,
    ),
    b(
        Global,
        &[code(KeyCode::PageDown), ctrl('d')],
        "PgDn/PgUp",
        "page down / up (also ^D / ^U)",
        Action::PageDown,
        None,
    ),
    b(
        Global,
        &[code(KeyCode::PageUp), ctrl('u')],
        "PgUp",
        "page up",
        Action::PageUp,
        None,
    ),
    b(
        Global,
        &[k('h'), code(KeyCode::Left)],
        "h/l",
        "previous / next screen",
        Action::Left,
        None,
    ),
    b(
        Global,
        &[k('l'), code(KeyCode::Right)],
        "l",
        "next screen",
        Action::Right,
        None,
    ),
    b(
        Global,
        &[code(KeyCode::Tab)],
        "Tab",
        "next screen (1-7: go to)",
        Action::NextScreen,
        Some("screens"),
    ),
    b(
        Global,
        &[code(KeyCode::BackTab)],
        "S-Tab",
        "previous screen",
        Action::PrevScreen,
        None,
    ),
    b(
        Global,
        &[k('1')],
        "1",
        "Home",
        Action::GoScreen(Screen::Home),
        None,
    ),
    b(
        Global,
        &[k('2')],
        "2",
        "Sources",
        Action::GoScreen(Screen::Sources),
        None,
    ),
    b(
        Global,
        &[k('3')],
        "3",
        "Indicators",
        Action::GoScreen(Screen::Indicators),
        None,
    ),
    b(
        Global,
        &[k('4')],
        "4",
        "Narrative",
        Action::GoScreen(Screen::Narrative),
        None,
    ),
    b(
        Global,
        &[k('5')],
        "5",
        "Gaps",
        Action::GoScreen(Screen::Gaps),
        None,
    ),
    b(
        Global,
        &[k('6')],
        "6",
        "Build",
        Action::GoScreen(Screen::Build),
        None,
    ),
    b(
        Global,
        &[k('7')],
        "7",
        "Data system",
        Action::GoScreen(Screen::System),
        None,
    ),
    b(
        Global,
        &[ctrl('s')],
        "^S",
        "save",
        Action::Save,
        Some("save"),
    ),
    b(Global, &[k('u')], "u", "undo", Action::Undo, Some("undo")),
    b(
        Global,
        &[ctrl('r'), k('U')],
        "^R",
        "redo (also U)",
        Action::Redo,
        None,
    ),
    b(
        Global,
        &[k('/')],
        "/",
        "find by name or id (or: missing, stale...)",
        Action::Search,
        None,
    ),
    b(
        S(Screen::Indicators),
        &[k('n')],
        "n/N",
        "next / previous match, or problem (conflicting, missing, stale)",
        Action::NextMatch,
        None,
    ),
    b(
        S(Screen::Indicators),
        &[k('N')],
        "N",
        "previous match or problem",
        Action::PrevMatch,
        None,
    ),
    b(
        Global,
        &[k('L')],
        "L",
        "message log: the last 100 messages in full",
        Action::Messages,
        None,
    ),
    b(Global, &[k('?')], "?", "help", Action::Help, Some("help")),
    b(Global, &[k('q')], "q", "quit", Action::Quit, Some("quit")),
    b(
        Global,
        &[code(KeyCode::Esc)],
        "Esc",
        "clear the message",
        Action::Cancel,
        None,
    ),
    // Help overlay
    b(
        M(Mode::Help),
        &[code(KeyCode::Tab)],
        "Tab",
        "next page: statuses, then the source order",
        Action::NextScreen,
        Some("next page"),
    ),
    b(
        M(Mode::Help),
        &[code(KeyCode::Esc), k('?'), k('q')],
        "Esc",
        "close the help",
        Action::Cancel,
        Some("close"),
    ),
    // One-line fields and forms
    b(
        M(Mode::Text),
        &[code(KeyCode::Enter)],
        "Enter",
        "accept",
        Action::Select,
        Some("accept"),
    ),
    b(
        M(Mode::Text),
        &[code(KeyCode::Esc)],
        "Esc",
        "cancel",
        Action::Cancel,
        Some("cancel"),
    ),
    b(
        M(Mode::Text),
        &[code(KeyCode::Tab)],
        "Tab",
        "complete / next field",
        Action::Tab,
        Some("complete/next"),
    ),
    b(
        M(Mode::Text),
        &[code(KeyCode::BackTab)],
        "S-Tab",
        "previous field",
        Action::BackTab,
        Some("prev"),
    ),
    b(
        M(Mode::Text),
        &[code(KeyCode::Down)],
        "Down",
        "next field",
        Action::Tab,
        None,
    ),
    b(
        M(Mode::Text),
        &[code(KeyCode::Up)],
        "Up",
        "previous field",
        Action::BackTab,
        None,
    ),
    // Multi-line editor
    b(
        M(Mode::Editor),
        &[code(KeyCode::Esc)],
        "Esc",
        "done (keeps the text)",
        Action::Cancel,
        Some("done"),
    ),
    b(
        M(Mode::Editor),
        &[ctrl('s')],
        "^S",
        "done and save",
        Action::Save,
        Some("save"),
    ),
    b(
        M(Mode::Editor),
        &[ctrl('g')],
        "^G",
        "insert the generated sentence",
        Action::InsertGenerated,
        Some("generated"),
    ),
    // Country picker
    b(
        M(Mode::Picker),
        &[code(KeyCode::Enter)],
        "Enter",
        "choose",
        Action::Select,
        Some("choose"),
    ),
    b(
        M(Mode::Picker),
        &[code(KeyCode::Down), ctrl('n')],
        "Down/Up",
        "move",
        Action::Down,
        Some("move"),
    ),
    b(
        M(Mode::Picker),
        &[code(KeyCode::Up), ctrl('p')],
        "Up",
        "move up",
        Action::Up,
        None,
    ),
    b(
        M(Mode::Picker),
        &[code(KeyCode::Esc)],
        "Esc",
        "cancel",
        Action::Cancel,
        Some("cancel"),
    ),
    // Checklist
    b(
        M(Mode::Checklist),
        &[k(' ')],
        "Space",
        "toggle",
        Action::Toggle,
        Some("toggle"),
    ),
    b(
        M(Mode::Checklist),
        &[k('j'), code(KeyCode::Down)],
        "j/k",
        "move",
        Action::Down,
        Some("move"),
    ),
    b(
        M(Mode::Checklist),
        &[k('k'), code(KeyCode::Up)],
        "k",
        "move up",
        Action::Up,
        None,
    ),
    b(
        M(Mode::Checklist),
        &[code(KeyCode::Enter)],
        "Enter",
        "create the profile",
        Action::Select,
        Some("create"),
    ),
    b(
        M(Mode::Checklist),
        &[code(KeyCode::Esc)],
        "Esc",
        "cancel",
        Action::Cancel,
        Some("cancel"),
    ),
    // Choice list
    b(
        M(Mode::Choice),
        &[k('j'), code(KeyCode::Down)],
        "j/k",
        "move",
        Action::Down,
        Some("move"),
    ),
    b(
        M(Mode::Choice),
        &[k('k'), code(KeyCode::Up)],
        "k",
        "move up",
        Action::Up,
        None,
    ),
    b(
        M(Mode::Choice),
        &[code(KeyCode::Enter)],
        "Enter",
        "choose",
        Action::Select,
        Some("choose"),
    ),
    b(
        M(Mode::Choice),
        &[code(KeyCode::Esc)],
        "Esc",
        "cancel",
        Action::Cancel,
        Some("cancel"),
    ),
    // Yes/no
    b(
        M(Mode::Confirm),
        &[k('y'), code(KeyCode::Enter)],
        "y",
        "yes",
        Action::Yes,
        Some("yes"),
    ),
    b(
        M(Mode::Confirm),
        &[k('n')],
        "n",
        "no",
        Action::No,
        Some("no"),
    ),
    b(
        M(Mode::Confirm),
        &[code(KeyCode::Esc)],
        "Esc",
        "cancel",
        Action::Cancel,
        Some("cancel"),
    ),
];

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let has_ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if key.ctrl != has_ctrl {
        return false;
    }
    match (key.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b || (key.ctrl && a.eq_ignore_ascii_case(&b)),
        (a, b) => a == b,
    }
}

fn applies(ctx: Ctx, mode: Mode, screen: Screen) -> bool {
    match ctx {
        Ctx::Always => true,
        Ctx::Global => mode == Mode::Normal,
        Ctx::Screen(s) => mode == Mode::Normal && s == screen,
        Ctx::Mode(m) => m == mode,
    }
}

/// The action of a key in a mode on a screen. Pure: no state besides the arguments.
pub fn map_key(mode: Mode, screen: Screen, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    if let Some(b) = BINDINGS
        .iter()
        .filter(|b| applies(b.ctx, mode, screen))
        .find(|b| b.keys.iter().any(|k| matches(k, ev)))
    {
        return Some(b.action.clone());
    }
    if mode == Mode::Help {
        return Some(Action::Cancel);
    }
    if matches!(mode, Mode::Text | Mode::Editor | Mode::Picker) {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let op = match ev.code {
            KeyCode::Char('u') if ctrl => EditOp::ClearLine,
            KeyCode::Char(c) if !ctrl => EditOp::Insert(c),
            KeyCode::Backspace => EditOp::Backspace,
            KeyCode::Delete => EditOp::Delete,
            KeyCode::Left => EditOp::Left,
            KeyCode::Right => EditOp::Right,
            KeyCode::Home => EditOp::Home,
            KeyCode::End => EditOp::End,
            KeyCode::Up if mode == Mode::Editor => EditOp::Up,
            KeyCode::Down if mode == Mode::Editor => EditOp::Down,
            KeyCode::Enter if mode == Mode::Editor => EditOp::Newline,
            _ => return None,
        };
        return Some(Action::Edit(op));
    }
    None
}

/// The bindings shown in the status bar for a mode and screen.
pub fn bar(mode: Mode, screen: Screen) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.bar.is_some() && b.ctx != Ctx::Always && applies(b.ctx, mode, screen))
}

/// Every binding that applies in a mode and screen (for the help overlay).
pub fn help(mode: Mode, screen: Screen) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| applies(b.ctx, mode, screen))
}
