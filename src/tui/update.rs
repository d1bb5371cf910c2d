//! The one function that changes state: `update(&mut App, Action) -> Vec<Effect>`.
//! It does no I/O; files, saving and building are returned as effects.

use super::action::{Action, Effect, Opened};
use super::app::{
    App, BuildState, ConfirmKind, Field, Form, FormKind, IndRow, Job, JobKind, LOG_LIMIT, Mode,
    NewWizard, Next, Overlay, PendingImport, PlanRow, Screen, SrcRow, Status, UNDO_LIMIT, WizStep,
};
use super::text::{LineInput, TextArea};
use crate::profile::{ActionItem, Profile};
use std::collections::BTreeSet;

fn info(app: &mut App, text: impl Into<String>) {
    say(app, text.into(), false);
}

fn error(app: &mut App, text: impl Into<String>) {
    say(app, text.into(), true);
}

/// Show a message and keep it in the log (the last [`LOG_LIMIT`]).
fn say(app: &mut App, text: String, error: bool) {
    let s = Status { text, error };
    log(app, s.clone());
    app.status = Some(s);
}

/// Keep an information in the log without showing it (the progress line shows it).
fn log_info(app: &mut App, text: impl Into<String>) {
    log(
        app,
        Status {
            text: text.into(),
            error: false,
        },
    );
}

/// Keep a message in the log without showing it.
fn log(app: &mut App, s: Status) {
    app.messages.push(s);
    if app.messages.len() > LOG_LIMIT {
        let extra = app.messages.len() - LOG_LIMIT;
        app.messages.drain(..extra);
    }
}

/// Change the profile as one undoable step; autosave the recovery file afterwards.
fn edit_profile(app: &mut App, f: impl FnOnce(&mut Profile)) -> Vec<Effect> {
    let Some(file) = app.file.as_mut() else {
        return Vec::new();
    };
    let before = file.profile.clone();
    f(&mut file.profile);
    if file.profile == before {
        return Vec::new();
    }
    app.undo.push(before);
    app.redo.clear();
    if app.undo.len() > UNDO_LIMIT {
        app.undo.remove(0);
    }
    app.dirty = true;
    app.refresh();
    vec![Effect::Autosave]
}

fn need_profile(app: &mut App) -> bool {
    if app.file.is_none() {
        error(
            app,
            "No profile open: press 1 for Home, then n (new) or Enter (open)",
        );
        return false;
    }
    true
}

/// Results of effects (as opposed to the user's keys).
fn is_result(a: &Action) -> bool {
    matches!(
        a,
        Action::ProfilesScanned(_)
            | Action::Opened(_)
            | Action::Completed { .. }
            | Action::Previewed(_)
            | Action::Saved(_)
            | Action::ChangedOnDisk(_)
            | Action::SavedAs(_)
            | Action::Built(_)
            | Action::Reimported(_)
            | Action::Autosaved(_)
            | Action::JobTick(_)
            | Action::JobFailed(_)
            | Action::Resized(..)
    )
}

/// The job an effect starts on the worker thread, if it is one of those.
fn job_of(e: &Effect) -> Option<Job> {
    let (kind, label) = match e {
        Effect::Preview(path) => {
            let name = path.file_name().map_or(path.display().to_string(), |n| {
                n.to_string_lossy().into_owned()
            });
            (JobKind::Import, format!("Reading {name}"))
        }
        Effect::Reimport(id) => (JobKind::Reimport, format!("Re-reading `{id}`")),
        Effect::Build => (JobKind::Build, "Building".to_string()),
        _ => return None,
    };
    Some(Job {
        kind,
        label,
        secs: 0,
    })
}

/// Is a job running? Then say so (another cannot start until it ends) and return true.
fn busy(app: &mut App) -> bool {
    let Some(j) = &app.job else { return false };
    let text = format!(
        "One job at a time: {} is still running ({} s); the other keys work",
        j.label, j.secs
    );
    error(app, text);
    true
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let fx = step(app, action);
    // Imports, re-imports and builds run on the worker thread; one at a time.
    for e in &fx {
        if let Some(j) = job_of(e) {
            app.job = Some(j);
        }
    }
    // A preview that came back while another dialog was open, once that dialog is closed.
    if app.overlay.is_none()
        && let Some(p) = app.ready.take()
    {
        app.overlay = Some(Overlay::Preview(p));
    }
    fx
}

/// A finished job's result: the job is over.
fn job_done(app: &mut App) {
    app.job = None;
}

fn step(app: &mut App, action: Action) -> Vec<Effect> {
    if let Action::Resized(w, h) = action {
        app.size = Some((w, h));
        return Vec::new();
    }
    // While the terminal is too small nothing is shown, so no key acts on the hidden screen:
    // q or Ctrl-C quit (keeping unsaved changes in the recovery file), every other key waits.
    if app.too_small() && !is_result(&action) {
        return match action {
            Action::Quit | Action::Interrupt => {
                app.quit = true;
                if app.dirty {
                    vec![Effect::Autosave]
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        };
    }
    // Results of effects arrive whatever the mode.
    match action {
        Action::ProfilesScanned(mut entries) => {
            // Sorted: the user's own profiles, then the examples, each by file name.
            entries.sort_by_key(|e| {
                let name = e
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                (e.example, name, e.path.clone())
            });
            app.entries = entries;
            app.refresh();
            return Vec::new();
        }
        Action::Opened(r) => return opened(app, r),
        Action::Completed {
            input,
            completion,
            candidates,
        } => {
            if let Some(Overlay::AddFile {
                input: field,
                candidates: c,
            }) = app.overlay.as_mut()
                && field.text == input
            {
                field.set(&completion);
                *c = candidates;
            }
            return Vec::new();
        }
        Action::JobTick(secs) => {
            if let Some(j) = app.job.as_mut() {
                j.secs = secs;
            }
            return Vec::new();
        }
        Action::JobFailed(e) => {
            if app.job.as_ref().is_some_and(|j| j.kind == JobKind::Build) {
                app.build = BuildState::Failed(e.clone());
            }
            job_done(app);
            error(app, format!("Could not start the job: {e}"));
            return Vec::new();
        }
        Action::Previewed(r) => {
            job_done(app);
            match r {
                Ok(p) => {
                    // Every warning goes to the log (L), where it can be read in full.
                    for w in &p.outcome.warnings {
                        log(
                            app,
                            Status {
                                text: format!("{} line {}: {}", p.path, w.line, w.message),
                                error: false,
                            },
                        );
                    }
                    let n: usize = p.summary.iter().map(|l| l.count).sum();
                    // Over the file dialog that asked for it (or nothing); another dialog the
                    // user opened meanwhile is left alone and the preview waits for it.
                    match app.overlay {
                        None | Some(Overlay::AddFile { .. }) => {
                            info(
                                app,
                                format!("Preview of {}: {n} values for this country", p.path),
                            );
                            app.overlay = Some(Overlay::Preview(p));
                        }
                        Some(_) => {
                            info(
                                app,
                                format!(
                                    "The preview of {} is ready: it opens when this dialog closes",
                                    p.path
                                ),
                            );
                            app.ready = Some(p);
                        }
                    }
                }
                Err(e) => error(app, e),
            }
            return Vec::new();
        }
        Action::Saved(r) => {
            match r {
                Ok(text) => {
                    if let Some(f) = app.file.as_mut() {
                        f.original = text;
                        let shown = f.path.display().to_string();
                        app.dirty = false;
                        info(app, format!("Saved {shown}"));
                    }
                    if app.quit_after_save {
                        app.quit = true;
                    }
                    let mut fx = vec![Effect::DeleteRecovery, Effect::ScanProfiles];
                    if let Some(next) = app.after_save.take() {
                        fx.extend(proceed(app, next));
                    }
                    return fx;
                }
                Err(e) => {
                    app.quit_after_save = false;
                    app.after_save = None;
                    error(app, format!("Not saved: {e}"));
                }
            }
            return Vec::new();
        }
        Action::Built(r) => {
            job_done(app);
            let mut fx = Vec::new();
            match r {
                Ok(s) => {
                    info(
                        app,
                        format!("Built {} files in {}", s.files.len(), s.out_dir.display()),
                    );
                    app.build = BuildState::Done(s);
                }
                Err(e) => {
                    error(app, format!("Build failed: {e}"));
                    app.build = BuildState::Failed(e);
                }
            }
            if std::mem::take(&mut app.quit_after_job) {
                // The quit asked for while it ran: the editor's text is kept first; a form
                // being filled is not thrown away (q quits once it is done).
                if matches!(app.overlay, Some(Overlay::Editor { .. })) {
                    fx.extend(commit_editor(app));
                    app.overlay = None;
                }
                if app.overlay.is_none() {
                    fx.extend(normal(app, Action::Quit));
                } else {
                    info(app, "The build ended: q quits once this dialog is closed");
                }
            }
            return fx;
        }
        Action::Reimported(r) => {
            job_done(app);
            return reimported(app, r);
        }
        Action::ChangedOnDisk(msg) => {
            app.quit_after_save = false;
            app.after_save = None;
            error(app, format!("Not saved: {msg}"));
            app.overlay = Some(Overlay::Confirm(ConfirmKind::ExternalChange(msg)));
            return vec![Effect::Autosave];
        }
        Action::SavedAs(r) => {
            match r {
                Ok(f) => {
                    let shown = f.path.display().to_string();
                    app.file = Some(*f);
                    app.dirty = false;
                    app.refresh();
                    info(app, format!("Saved as {shown}: now editing it"));
                    return vec![Effect::ScanProfiles];
                }
                Err(e) => error(app, format!("Not saved: {e}")),
            }
            return Vec::new();
        }
        Action::Autosaved(r) => {
            if let Err(e) = r {
                error(app, format!("Autosave failed: {e}"));
            }
            return Vec::new();
        }
        Action::Interrupt => return interrupt(app),
        _ => {}
    }
    if let Action::Paste(text) = action {
        return paste(app, &text);
    }
    if app.help {
        // Tab turns the page (keys, statuses, source order); any other key closes.
        if matches!(action, Action::NextScreen) && app.help_page < 2 {
            app.help_page += 1;
        } else {
            app.help = false;
            app.help_page = 0;
        }
        return Vec::new();
    }
    match app.mode() {
        Mode::Normal => normal(app, action),
        _ => overlay(app, action),
    }
}

/// A paste, as the keys that type it: newlines only in the narrative editor (a one-line
/// field gets them as spaces), control characters dropped; nothing outside a text mode.
fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let mode = app.mode();
    if !matches!(mode, Mode::Text | Mode::Editor | Mode::Picker) {
        return Vec::new();
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut effects = Vec::new();
    for c in text.chars() {
        let op = match c {
            '\n' if mode == Mode::Editor => super::action::EditOp::Newline,
            '\n' | '\t' => super::action::EditOp::Insert(' '),
            c if c.is_control() => continue,
            c => super::action::EditOp::Insert(c),
        };
        effects.extend(overlay(app, Action::Edit(op)));
        // A field that a character closed (none should) ends the paste.
        if app.mode() != mode {
            break;
        }
    }
    effects.dedup();
    effects
}

fn opened(app: &mut App, r: Result<Box<Opened>, String>) -> Vec<Effect> {
    match r {
        Ok(o) => {
            let o = *o;
            let shown = o.file.path.display().to_string();
            app.dirty = o.file.original.is_empty() || o.file.is_dirty();
            app.file = Some(o.file);
            app.undo.clear();
            app.build = BuildState::Idle;
            app.cursors = Default::default();
            app.overlay = None;
            app.screen = Screen::Sources;
            app.refresh();
            if app.dirty {
                info(app, format!("{shown}: not saved yet (Ctrl-S saves)"));
            } else {
                info(app, format!("Opened {shown}"));
            }
            if let Some((path, text, when)) = o.recovery {
                app.overlay = Some(Overlay::Confirm(ConfirmKind::Recovery { path, text, when }));
            }
            if app.dirty {
                return vec![Effect::Autosave];
            }
        }
        Err(e) => error(app, e),
    }
    Vec::new()
}

fn interrupt(app: &mut App) -> Vec<Effect> {
    if let Some(Overlay::Editor { .. }) = app.overlay {
        let mut effects = commit_editor(app);
        app.overlay = None;
        effects.extend(interrupt(app));
        return effects;
    }
    // A job running: the first Ctrl-C asks as `q` does (a build would leave a half-written
    // folder); a second one quits at once.
    if app.job.is_some() && !app.interrupted {
        app.interrupted = true;
        app.help = false;
        app.overlay = Some(Overlay::Confirm(ConfirmKind::QuitDuringJob));
        return Vec::new();
    }
    if app.interrupted || !app.dirty {
        app.quit = true;
        return if app.dirty {
            vec![Effect::Autosave]
        } else {
            Vec::new()
        };
    }
    app.interrupted = true;
    app.help = false;
    app.overlay = Some(Overlay::Confirm(ConfirmKind::Quit));
    Vec::new()
}

fn list_len(app: &App) -> usize {
    match app.screen {
        Screen::Home => app.entries.len() + 1,
        Screen::Sources => app.derived.src_rows.len(),
        Screen::Indicators => app.derived.ind_rows.len(),
        Screen::Narrative => app.derived.sections.len(),
        Screen::Gaps => app.derived.plan_rows.len(),
        Screen::Build => 0,
        Screen::System => app.derived.sys_rows.len(),
    }
}

fn cursor_mut(app: &mut App) -> Option<&mut usize> {
    let c = &mut app.cursors;
    match app.screen {
        Screen::Home => Some(&mut c.home),
        Screen::Sources => Some(&mut c.sources),
        Screen::Indicators => Some(&mut c.indicators),
        Screen::Narrative => Some(&mut c.narrative),
        Screen::Gaps => Some(&mut c.gaps),
        Screen::Build => None,
        Screen::System => Some(&mut c.system),
    }
}

/// Rows moved by PageDown / PageUp.
const PAGE: usize = 10;

fn go(app: &mut App, screen: Screen) {
    if app.screen != screen {
        app.screen = screen;
        app.status = None;
    }
}

// Guards with side effects (a status message) read better as `if` inside the arm.
#[allow(clippy::collapsible_match)]
fn normal(app: &mut App, action: Action) -> Vec<Effect> {
    let len = list_len(app);
    match action {
        Action::Down
        | Action::Up
        | Action::Top
        | Action::Bottom
        | Action::PageDown
        | Action::PageUp => {
            if let Some(c) = cursor_mut(app) {
                *c = match action {
                    Action::Down => (*c + 1).min(len.saturating_sub(1)),
                    Action::Up => c.saturating_sub(1),
                    Action::PageDown => (*c + PAGE).min(len.saturating_sub(1)),
                    Action::PageUp => c.saturating_sub(PAGE),
                    Action::Top => 0,
                    _ => len.saturating_sub(1),
                };
            }
        }
        Action::NextScreen | Action::Right => {
            let i = (app.screen.index() + 1) % Screen::ALL.len();
            go(app, Screen::ALL[i]);
        }
        Action::PrevScreen | Action::Left => {
            let i = (app.screen.index() + Screen::ALL.len() - 1) % Screen::ALL.len();
            go(app, Screen::ALL[i]);
        }
        Action::GoScreen(s) => go(app, s),
        Action::Help => app.help = true,
        Action::Details => app.details = !app.details,
        Action::ToggleIds => app.show_ids = !app.show_ids,
        Action::Cancel => app.status = None,
        Action::Save => {
            if need_profile(app) {
                info(app, "Saving...");
                return vec![Effect::Save];
            }
        }
        Action::Undo => return undo(app),
        Action::Redo => return redo(app),
        Action::Quit if app.job.is_some() => {
            app.overlay = Some(Overlay::Confirm(ConfirmKind::QuitDuringJob));
        }
        Action::Quit => {
            if app.dirty && app.file.is_some() {
                app.overlay = Some(Overlay::Confirm(ConfirmKind::Quit));
            } else {
                app.quit = true;
            }
        }
        Action::Rescan => return vec![Effect::ScanProfiles],
        Action::NewProfile => return leave_then(app, Next::New),
        Action::Select if app.screen == Screen::Home => {
            if app.cursors.home == 0 {
                return leave_then(app, Next::New);
            } else if let Some(e) = app.entries.get(app.cursors.home - 1) {
                let path = e.path.clone();
                if app.file.as_ref().is_some_and(|f| f.path == path) {
                    go(app, Screen::Sources);
                    return Vec::new();
                }
                return leave_then(app, Next::Open(path));
            }
        }
        Action::RemoveSource => match app.current_source() {
            Some(s) => {
                let id = s.id.clone();
                app.overlay = Some(Overlay::Confirm(ConfirmKind::RemoveSource(id)));
            }
            None => error(app, "Move to one of the profile's sources first"),
        },
        Action::RenameSource => match app.current_source() {
            Some(s) => {
                let id = s.id.clone();
                app.overlay = Some(Overlay::Form(Form {
                    kind: FormKind::RenameSource(id.clone()),
                    title: format!("Rename source `{id}`"),
                    fields: vec![Field {
                        label: "Id",
                        input: LineInput::new(&id),
                    }],
                    focus: 0,
                    context: Vec::new(),
                }));
            }
            None => error(app, "Move to one of the profile's sources first"),
        },
        Action::ReimportSource => match app.current_source() {
            Some(s) if s.file.is_some() => {
                let id = s.id.clone();
                if busy(app) {
                    return Vec::new();
                }
                log_info(app, format!("Reading the file of `{id}` again"));
                return vec![Effect::Reimport(id)];
            }
            Some(_) => error(app, "A manual source has no file to re-import"),
            None => error(app, "Move to one of the profile's sources first"),
        },
        Action::AddFile => {
            if need_profile(app) {
                app.overlay = Some(Overlay::AddFile {
                    input: LineInput::default(),
                    candidates: Vec::new(),
                });
            }
        }
        Action::AddManual => {
            if need_profile(app) {
                app.overlay = Some(Overlay::Form(manual_form(app)));
            }
        }
        Action::ChoosePreferred => choose_preferred(app),
        Action::Search => {
            app.overlay = Some(Overlay::Search {
                input: LineInput::new(app.last_search.as_deref().unwrap_or("")),
                cursor: 0,
            });
        }
        Action::NextMatch | Action::PrevMatch => {
            jump(app, matches!(action, Action::NextMatch));
        }
        Action::Compare => match app.current_indicator().map(str::to_string) {
            Some(ind) => {
                if app.derived.conflicts.iter().any(|c| c.key.indicator == ind) {
                    app.overlay = Some(Overlay::Compare {
                        indicator: ind,
                        scroll: 0,
                    });
                } else {
                    info(app, format!("{ind}: the sources do not differ"));
                }
            }
            None => error(app, "Move to an indicator first"),
        },
        Action::Select if app.screen == Screen::Indicators => choose_preferred(app),
        Action::Select if app.screen == Screen::System => {
            if app.derived.assessment.is_some() {
                app.overlay = Some(Overlay::Assessment { scroll: 0 });
            } else if need_profile(app) {
                info(
                    app,
                    "No data system recorded: add [[agency]] and [[instrument]] entries to the profile file",
                );
            }
        }
        Action::Select if app.screen == Screen::Narrative => return normal(app, Action::EditText),
        Action::EditAction => return edit_action(app),
        Action::Select if app.screen == Screen::Gaps => return edit_action(app),
        Action::EditText => {
            if need_profile(app)
                && let Some(section) = app.current_section().map(str::to_string)
            {
                let text = app
                    .profile()
                    .and_then(|p| p.narrative.get(&section))
                    .cloned()
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Editor {
                    section,
                    area: TextArea::new(&text),
                });
            }
        }
        Action::InsertGenerated => {
            if let Some(section) = app.current_section().map(str::to_string) {
                let sentence = app.generated_sentence(&section);
                if sentence.is_empty() {
                    error(app, "No values for this section yet: nothing to generate");
                } else {
                    return edit_profile(app, |p| {
                        let t = p.narrative.entry(section).or_default();
                        if !t.is_empty() {
                            t.push(' ');
                        }
                        t.push_str(&sentence);
                    });
                }
            }
        }
        Action::Messages => {
            if app.messages.is_empty() {
                info(app, "No messages yet");
            } else {
                app.overlay = Some(Overlay::Messages {
                    cursor: 0,
                    full: false,
                });
            }
        }
        Action::DismissAction => match app.derived.plan_rows.get(app.cursors.gaps).copied() {
            Some(PlanRow::Draft(i)) => {
                if let Some(a) = app.derived.drafts.get(i) {
                    let ind = a.indicator.clone();
                    app.dismissed.insert((ind.clone(), a.action.clone()));
                    app.refresh();
                    info(
                        app,
                        format!("Dismissed the draft for {ind} (x on it restores it)"),
                    );
                }
            }
            Some(PlanRow::Dismissed(i)) => {
                if let Some(a) = app.derived.dismissed.get(i) {
                    let key = (a.indicator.clone(), a.action.clone());
                    let ind = key.0.clone();
                    app.dismissed.remove(&key);
                    app.refresh();
                    // Follow the draft back to its place among the drafts.
                    if let Some(k) = app.derived.plan_rows.iter().position(|r| {
                        matches!(r, PlanRow::Draft(j)
                        if app.derived.drafts.get(*j).is_some_and(|d| {
                            d.indicator == key.0 && d.action == key.1
                        }))
                    }) {
                        app.cursors.gaps = k;
                    }
                    info(app, format!("Restored the draft for {ind}"));
                }
            }
            Some(PlanRow::Adopted(_)) => error(app, "This action is in the plan: d deletes it"),
            None => error(app, "No drafted action here"),
        },
        Action::AdoptAction => match app.derived.plan_rows.get(app.cursors.gaps) {
            Some(PlanRow::Dismissed(_)) => {
                error(app, "This draft was dismissed: x restores it first")
            }
            Some(PlanRow::Draft(i)) => {
                if let Some(a) = app.derived.drafts.get(*i).cloned() {
                    let ind = a.indicator.clone();
                    let fx = edit_profile(app, |p| p.actions.push(a));
                    // Follow the entry to its place in the plan.
                    app.cursors.gaps = app
                        .profile()
                        .map_or(0, |p| p.actions.len().saturating_sub(1));
                    info(app, format!("Adopted the action for {ind} (e edits it)"));
                    return fx;
                }
            }
            Some(PlanRow::Adopted(_)) => info(app, "This action is already in the plan"),
            None => error(app, "No drafted action here"),
        },
        Action::NewAction => {
            if need_profile(app) {
                let ind = app.current_indicator().unwrap_or_default().to_string();
                let blank = ActionItem {
                    indicator: ind,
                    action: String::new(),
                    responsible: "national statistics office".into(),
                    priority: "medium".into(),
                    timeframe: "12 months".into(),
                    providers: Vec::new(),
                    generated: false,
                    ..Default::default()
                };
                app.overlay = Some(Overlay::Form(action_form(None, &blank)));
            }
        }
        Action::DeleteAction => match app.derived.plan_rows.get(app.cursors.gaps) {
            Some(PlanRow::Adopted(i)) => {
                let i = *i;
                let fx = edit_profile(app, |p| {
                    if i < p.actions.len() {
                        p.actions.remove(i);
                    }
                });
                info(app, "Deleted the action (u undoes)");
                return fx;
            }
            _ => error(app, "Only adopted actions can be deleted"),
        },
        Action::Build => return start_build(app),
        Action::Select if app.screen == Screen::Build => return start_build(app),
        _ => {}
    }
    Vec::new()
}

fn edit_action(app: &mut App) -> Vec<Effect> {
    let row = app.derived.plan_rows.get(app.cursors.gaps).copied();
    let item = match row {
        Some(PlanRow::Adopted(i)) => app.profile().and_then(|p| p.actions.get(i)).cloned(),
        Some(PlanRow::Draft(i)) => app.derived.drafts.get(i).cloned(),
        Some(PlanRow::Dismissed(i)) => app.derived.dismissed.get(i).cloned(),
        None => None,
    };
    match (row, item) {
        (Some(PlanRow::Adopted(i)), Some(a)) => {
            app.overlay = Some(Overlay::Form(action_form(Some(i), &a)))
        }
        (Some(PlanRow::Draft(_) | PlanRow::Dismissed(_)), Some(a)) => {
            app.overlay = Some(Overlay::Form(action_form(None, &a)))
        }
        _ => error(app, "No action here: n adds one"),
    }
    Vec::new()
}

fn start_build(app: &mut App) -> Vec<Effect> {
    if !need_profile(app) || busy(app) {
        return Vec::new();
    }
    if app.dirty {
        app.overlay = Some(Overlay::Confirm(ConfirmKind::SaveBeforeBuild));
        return Vec::new();
    }
    if !app.derived.problems.is_empty() {
        app.overlay = Some(Overlay::Confirm(ConfirmKind::BuildInvalid));
        return Vec::new();
    }
    app.build = BuildState::Running;
    log_info(app, "Building");
    vec![Effect::Build]
}

fn undo(app: &mut App) -> Vec<Effect> {
    let Some(prev) = app.undo.pop() else {
        info(app, "Nothing to undo");
        return Vec::new();
    };
    if let Some(f) = app.file.as_mut() {
        let now = std::mem::replace(&mut f.profile, prev);
        app.redo.push(now);
        app.dirty = f.is_dirty();
    }
    app.refresh();
    info(
        app,
        format!("Undone ({} more; Ctrl-R redoes)", app.undo.len()),
    );
    recovery_effects(app)
}

fn redo(app: &mut App) -> Vec<Effect> {
    let Some(next) = app.redo.pop() else {
        info(app, "Nothing to redo");
        return Vec::new();
    };
    if let Some(f) = app.file.as_mut() {
        let now = std::mem::replace(&mut f.profile, next);
        app.undo.push(now);
        app.dirty = f.is_dirty();
    }
    app.refresh();
    info(app, format!("Redone ({} more)", app.redo.len()));
    recovery_effects(app)
}

fn recovery_effects(app: &App) -> Vec<Effect> {
    if app.dirty {
        vec![Effect::Autosave]
    } else {
        vec![Effect::DeleteRecovery]
    }
}

/// Continue with what waited for a save or a discard.
fn proceed(app: &mut App, next: Next) -> Vec<Effect> {
    match next {
        Next::Open(path) => {
            info(app, format!("Opening {}...", path.display()));
            vec![Effect::Open(path)]
        }
        Next::New => {
            app.overlay = Some(Overlay::NewProfile(new_wizard(app)));
            Vec::new()
        }
        Next::Build => start_build(app),
    }
}

/// Go on to `next`, first asking what to do with unsaved changes.
fn leave_then(app: &mut App, next: Next) -> Vec<Effect> {
    // A job's result belongs to the profile open now.
    if busy(app) {
        return Vec::new();
    }
    if app.dirty && app.file.is_some() {
        app.overlay = Some(Overlay::Confirm(ConfirmKind::Leave(next)));
        return Vec::new();
    }
    proceed(app, next)
}

fn new_wizard(app: &App) -> NewWizard {
    let year: i32 = app
        .today
        .get(..4)
        .and_then(|y| y.parse().ok())
        .map_or(2024, |y: i32| y - 1);
    NewWizard {
        step: WizStep::Country,
        query: LineInput::default(),
        cursor: 0,
        country: None,
        year: LineInput::new(&year.to_string()),
        modules: app
            .template
            .sections()
            .filter(|s| s.optional)
            .map(|s| (s.id.clone(), s.title.clone(), s.default))
            .collect(),
        mcursor: 0,
    }
}

fn manual_form(app: &App) -> Form {
    let ind = app
        .current_indicator()
        .map(str::to_string)
        .or_else(|| {
            app.derived.ind_rows.iter().find_map(|r| match r {
                IndRow::Indicator { id, .. } => Some(id.clone()),
                IndRow::Section { .. } => None,
            })
        })
        .unwrap_or_default();
    let year = app
        .profile()
        .map(|p| p.meta.reference_year.to_string())
        .unwrap_or_default();
    let provider = match app.derived.src_rows.get(app.cursors.sources) {
        Some(SrcRow::Provider(i)) => app.catalogue.providers.get(*i).map(|p| p.id.clone()),
        _ => None,
    }
    .unwrap_or_default();
    let f = |label, text: &str| Field {
        label,
        input: LineInput::new(text),
    };
    Form {
        kind: FormKind::Manual,
        title: "Manual value (a citation is required)".into(),
        fields: vec![
            f("Indicator", &ind),
            f("Period", &year),
            f("Value", ""),
            f("Provider", &provider),
            f("Citation", ""),
        ],
        focus: 2,
        context: Vec::new(),
    }
}

fn action_form(index: Option<usize>, a: &ActionItem) -> Form {
    let f = |label, text: &str| Field {
        label,
        input: LineInput::new(text),
    };
    Form {
        kind: FormKind::Action(index),
        title: if index.is_some() {
            "Edit action".into()
        } else {
            "New action".into()
        },
        fields: vec![
            f("Indicator", &a.indicator),
            f("Action", &a.action),
            f("Responsible", &a.responsible),
            f("Priority", &a.priority),
            f("Timeframe", &a.timeframe),
        ],
        focus: if a.indicator.is_empty() { 0 } else { 1 },
        context: a.providers.clone(),
    }
}

/// `n` / `N` on the Indicators screen: the next (previous) indicator that matches the last
/// search, or, with no search, the next problem (conflicting, missing or stale).
fn jump(app: &mut App, forward: bool) {
    use super::app::IndStatus;
    let rows: Vec<usize> = match &app.last_search {
        Some(q) => app
            .search(q)
            .into_iter()
            .filter(|h| h.screen == Screen::Indicators)
            .map(|h| h.row)
            .collect(),
        None => app
            .derived
            .ind_rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                matches!(r, IndRow::Indicator { status, .. } if *status != IndStatus::Filled)
            })
            .map(|(i, _)| i)
            .collect(),
    };
    let here = app.cursors.indicators;
    let next = if forward {
        rows.iter().find(|&&r| r > here).or(rows.first())
    } else {
        rows.iter().rev().find(|&&r| r < here).or(rows.last())
    };
    match next {
        Some(&r) => {
            app.cursors.indicators = r;
            let what = match &app.last_search {
                Some(q) => format!("match of `{q}`"),
                None => "problem".to_string(),
            };
            let pos = rows.iter().position(|&x| x == r).map_or(0, |p| p + 1);
            info(app, format!("{what} {pos} of {}", rows.len()));
        }
        None => info(
            app,
            match &app.last_search {
                Some(q) => format!("No indicator matches `{q}`"),
                None => "No problem: every indicator is filled".to_string(),
            },
        ),
    }
}

fn choose_preferred(app: &mut App) {
    if !need_profile(app) {
        return;
    }
    let Some(ind) = app.current_indicator().map(str::to_string) else {
        info(app, "Choose an indicator (j/k), not a section");
        return;
    };
    let Some(p) = app.profile() else { return };
    let mut seen = BTreeSet::new();
    let mut options = Vec::new();
    for o in p.observations_of(&ind) {
        if seen.insert(o.source.clone()) {
            let n = p
                .observations_of(&ind)
                .filter(|x| x.source == o.source)
                .count();
            let name = p
                .source(&o.source)
                .and_then(|s| app.catalogue.provider(&s.provider))
                .map_or(String::new(), |pr| pr.name.clone());
            options.push((
                o.source.clone(),
                format!("{} ({n} values) {name}", o.source),
            ));
        }
    }
    if options.is_empty() {
        error(
            app,
            format!("No values for {ind} yet: m adds a manual value, screen 2 a file"),
        );
        return;
    }
    app.overlay = Some(Overlay::Choice {
        indicator: ind,
        options,
        cursor: 0,
    });
}

fn commit_editor(app: &mut App) -> Vec<Effect> {
    let Some(Overlay::Editor { section, area }) = app.overlay.as_ref() else {
        return Vec::new();
    };
    let section = section.clone();
    let text = area.text().trim_end().to_string();
    edit_profile(app, |p| {
        if text.trim().is_empty() {
            p.narrative.remove(&section);
        } else {
            p.narrative.insert(section, text);
        }
    })
}

fn overlay(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(ov) = app.overlay.take() else {
        return Vec::new();
    };
    match ov {
        Overlay::NewProfile(w) => wizard(app, w, action),
        Overlay::AddFile {
            mut input,
            candidates,
        } => match action {
            Action::Cancel => Vec::new(),
            Action::Edit(op) => {
                let changed = input.apply(&op);
                app.overlay = Some(Overlay::AddFile {
                    input,
                    candidates: if changed { Vec::new() } else { candidates },
                });
                Vec::new()
            }
            Action::Tab => {
                let text = input.text.clone();
                app.overlay = Some(Overlay::AddFile { input, candidates });
                vec![Effect::Complete(text)]
            }
            Action::Select => {
                let path = input.text.trim().to_string();
                app.overlay = Some(Overlay::AddFile { input, candidates });
                if path.is_empty() {
                    error(app, "Type the path of a provider file (Tab completes)");
                    return Vec::new();
                }
                if busy(app) {
                    return Vec::new();
                }
                // The progress line says what is read; the keys keep working meanwhile.
                log_info(app, format!("Reading {path}"));
                app.status = None;
                vec![Effect::Preview(path.into())]
            }
            _ => {
                app.overlay = Some(Overlay::AddFile { input, candidates });
                Vec::new()
            }
        },
        Overlay::Preview(p) => match action {
            Action::Yes => import_pending(app, *p),
            Action::No | Action::Cancel => {
                info(app, "Import cancelled");
                Vec::new()
            }
            _ => {
                app.overlay = Some(Overlay::Preview(p));
                Vec::new()
            }
        },
        Overlay::Form(mut form) => match action {
            Action::Cancel => Vec::new(),
            Action::Edit(op) => {
                if let Some(f) = form.fields.get_mut(form.focus) {
                    f.input.apply(&op);
                }
                app.overlay = Some(Overlay::Form(form));
                Vec::new()
            }
            Action::Tab => {
                form.focus = (form.focus + 1) % form.fields.len().max(1);
                app.overlay = Some(Overlay::Form(form));
                Vec::new()
            }
            Action::BackTab => {
                let n = form.fields.len().max(1);
                form.focus = (form.focus + n - 1) % n;
                app.overlay = Some(Overlay::Form(form));
                Vec::new()
            }
            Action::Select => submit_form(app, form),
            _ => {
                app.overlay = Some(Overlay::Form(form));
                Vec::new()
            }
        },
        Overlay::Choice {
            indicator,
            options,
            mut cursor,
        } => match action {
            Action::Cancel => Vec::new(),
            Action::Down | Action::Up => {
                cursor = if matches!(action, Action::Down) {
                    (cursor + 1).min(options.len().saturating_sub(1))
                } else {
                    cursor.saturating_sub(1)
                };
                app.overlay = Some(Overlay::Choice {
                    indicator,
                    options,
                    cursor,
                });
                Vec::new()
            }
            Action::Select => {
                let source = options.get(cursor).map(|o| o.0.clone()).unwrap_or_default();
                let current = app
                    .profile()
                    .and_then(|p| p.preferred.get(&indicator))
                    .map(|p| p.justification.clone())
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Form(Form {
                    kind: FormKind::Justify,
                    title: format!("Why prefer {source} for {indicator}?"),
                    fields: vec![Field {
                        label: "Justification",
                        input: LineInput::new(&current),
                    }],
                    focus: 0,
                    context: vec![indicator, source],
                }));
                Vec::new()
            }
            _ => {
                app.overlay = Some(Overlay::Choice {
                    indicator,
                    options,
                    cursor,
                });
                Vec::new()
            }
        },
        Overlay::Editor { section, mut area } => match action {
            Action::Edit(op) => {
                area.apply(&op);
                app.overlay = Some(Overlay::Editor { section, area });
                Vec::new()
            }
            Action::InsertGenerated => {
                let s = app.generated_sentence(&section);
                if s.is_empty() {
                    error(app, "No values for this section yet: nothing to generate");
                } else {
                    area.insert_str(&s);
                }
                app.overlay = Some(Overlay::Editor { section, area });
                Vec::new()
            }
            Action::Cancel | Action::Save => {
                let save = matches!(action, Action::Save);
                app.overlay = Some(Overlay::Editor { section, area });
                let mut fx = commit_editor(app);
                app.overlay = None;
                if save {
                    info(app, "Saving...");
                    fx.push(Effect::Save);
                }
                fx
            }
            _ => {
                app.overlay = Some(Overlay::Editor { section, area });
                Vec::new()
            }
        },
        Overlay::Confirm(kind) => confirm(app, kind, action),
        Overlay::Search {
            mut input,
            mut cursor,
        } => {
            let n = app.search(&input.text).len();
            match action {
                Action::Cancel => return Vec::new(),
                Action::Edit(op) => {
                    input.apply(&op);
                    cursor = 0;
                }
                Action::Down => cursor = (cursor + 1).min(n.saturating_sub(1)),
                Action::Up => cursor = cursor.saturating_sub(1),
                Action::Select => {
                    let hits = app.search(&input.text);
                    match hits.get(cursor) {
                        Some(h) => {
                            let h = h.clone();
                            app.last_search = Some(input.text.trim().to_string());
                            go(app, h.screen);
                            match h.screen {
                                Screen::Indicators => app.cursors.indicators = h.row,
                                Screen::Sources => app.cursors.sources = h.row,
                                _ => {}
                            }
                            info(
                                app,
                                format!("{} ({} matches: n next, N previous)", h.label, hits.len()),
                            );
                        }
                        None => error(app, format!("Nothing matches `{}`", input.text.trim())),
                    }
                    return Vec::new();
                }
                _ => {}
            }
            app.overlay = Some(Overlay::Search { input, cursor });
            Vec::new()
        }
        Overlay::Messages { cursor, full } => {
            if full {
                // One message in full: Enter or Esc goes back to the list, where it was.
                let full = !matches!(action, Action::Cancel | Action::Select);
                app.overlay = Some(Overlay::Messages { cursor, full });
                return Vec::new();
            }
            let last = app.messages.len().saturating_sub(1);
            let cursor = match action {
                Action::Cancel => return Vec::new(),
                Action::Select => {
                    app.overlay = Some(Overlay::Messages { cursor, full: true });
                    return Vec::new();
                }
                Action::Down => (cursor + 1).min(last),
                Action::Up => cursor.saturating_sub(1),
                Action::PageDown => (cursor + PAGE).min(last),
                Action::PageUp => cursor.saturating_sub(PAGE),
                Action::Top => 0,
                Action::Bottom => last,
                _ => cursor,
            };
            app.overlay = Some(Overlay::Messages {
                cursor,
                full: false,
            });
            Vec::new()
        }
        Overlay::Assessment { scroll } => {
            // Lines of the pop-up, at most: the view stops at its last page.
            let last = app
                .derived
                .assessment
                .as_ref()
                .map_or(0, |a| a.rows.len() + 4 * a.gaps.len() + 12);
            let scroll = match action {
                Action::Cancel | Action::Select => return Vec::new(),
                Action::Down => (scroll + 1).min(last),
                Action::Up => scroll.saturating_sub(1),
                Action::PageDown => (scroll + PAGE).min(last),
                Action::PageUp => scroll.saturating_sub(PAGE),
                Action::Top => 0,
                Action::Bottom => last,
                _ => scroll,
            };
            app.overlay = Some(Overlay::Assessment { scroll });
            Vec::new()
        }
        Overlay::Compare { indicator, scroll } => {
            let rows = app
                .derived
                .conflicts
                .iter()
                .filter(|c| c.key.indicator == indicator)
                .count();
            match action {
                Action::Cancel => Vec::new(),
                Action::Select | Action::ChoosePreferred => {
                    choose_preferred(app);
                    Vec::new()
                }
                Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                    let scroll = match action {
                        Action::Down => (scroll + 1).min(rows.saturating_sub(1)),
                        Action::Up => scroll.saturating_sub(1),
                        Action::PageDown => (scroll + PAGE).min(rows.saturating_sub(1)),
                        _ => scroll.saturating_sub(PAGE),
                    };
                    app.overlay = Some(Overlay::Compare { indicator, scroll });
                    Vec::new()
                }
                _ => {
                    app.overlay = Some(Overlay::Compare { indicator, scroll });
                    Vec::new()
                }
            }
        }
    }
}

fn confirm(app: &mut App, kind: ConfirmKind, action: Action) -> Vec<Effect> {
    match (kind, action) {
        (ConfirmKind::Quit, Action::Yes) => {
            app.quit_after_save = true;
            info(app, "Saving...");
            vec![Effect::Save]
        }
        (ConfirmKind::Quit, Action::No) => {
            app.quit = true;
            vec![Effect::DeleteRecovery]
        }
        (ConfirmKind::QuitDuringJob, Action::Yes) => {
            if app.job.as_ref().is_some_and(|j| j.kind == JobKind::Build) {
                // An abandoned build would leave its half-written folder behind: wait for it.
                app.quit_after_job = true;
                info(
                    app,
                    "Quitting when the build ends (the keys work meanwhile)",
                );
                Vec::new()
            } else {
                // An import only reads: leave it; nothing of it entered the profile.
                app.job = None;
                normal(app, Action::Quit)
            }
        }
        (ConfirmKind::QuitDuringJob, Action::No | Action::Cancel) => {
            app.interrupted = false;
            Vec::new()
        }
        (ConfirmKind::Quit, Action::Cancel) => {
            app.interrupted = false;
            Vec::new()
        }
        (ConfirmKind::Recovery { text, path, .. }, Action::Yes) => {
            match Profile::from_toml(&text, &path.display().to_string()) {
                Ok(p) => {
                    let fx = edit_profile(app, |cur| *cur = p);
                    info(app, "Restored the unsaved changes (Ctrl-S saves, u undoes)");
                    fx
                }
                Err(e) => {
                    error(app, format!("Recovery file unreadable: {e}"));
                    Vec::new()
                }
            }
        }
        (ConfirmKind::Recovery { .. }, Action::No) => {
            info(app, "Discarded the recovery file");
            vec![Effect::DeleteRecovery]
        }
        (ConfirmKind::Recovery { .. }, Action::Cancel) => Vec::new(),
        (ConfirmKind::Leave(next), Action::Yes) => {
            app.after_save = Some(next);
            info(app, "Saving...");
            vec![Effect::Save]
        }
        (ConfirmKind::Leave(next), Action::No) => {
            // Discard: the saved file stays as it is; the recovery file goes.
            let mut fx = vec![Effect::DeleteRecovery];
            app.dirty = false;
            fx.extend(proceed(app, next));
            fx
        }
        (ConfirmKind::Leave(_), Action::Cancel) => Vec::new(),
        (ConfirmKind::SaveBeforeBuild, Action::Yes) => {
            app.after_save = Some(Next::Build);
            info(app, "Saving, then building the saved file...");
            vec![Effect::Save]
        }
        (ConfirmKind::SaveBeforeBuild, Action::No | Action::Cancel) => {
            info(
                app,
                "Not built: the outputs must match the saved file (Ctrl-S saves)",
            );
            Vec::new()
        }
        (ConfirmKind::RemoveSource(id), Action::Yes) => {
            match try_edit_profile(app, |p| crate::ops::remove_source(p, &id)) {
                Ok((r, fx)) => {
                    info(
                        app,
                        format!(
                            "Removed `{id}` with {} values (u undoes)",
                            r.observations.len()
                        ),
                    );
                    fx
                }
                Err(e) => {
                    error(app, e);
                    Vec::new()
                }
            }
        }
        (ConfirmKind::RemoveSource(_), Action::No | Action::Cancel) => Vec::new(),
        (ConfirmKind::ExternalChange(_), Action::Yes) => {
            let Some(f) = app.file.as_ref() else {
                return Vec::new();
            };
            let stem = f
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "profile".into());
            let mut n = 1;
            let mut path = f.path.with_file_name(format!("{stem}.mine.toml"));
            while path.exists() {
                n += 1;
                path = f.path.with_file_name(format!("{stem}.mine-{n}.toml"));
            }
            vec![Effect::SaveAs(path)]
        }
        (ConfirmKind::ExternalChange(_), Action::No) => {
            // Reload: the edits are in the recovery file, offered back (marked as based on the
            // older file) when the profile opens.
            let Some(path) = app.file.as_ref().map(|f| f.path.clone()) else {
                return Vec::new();
            };
            app.dirty = false;
            info(app, "Reloading; your changes stay in the recovery file");
            vec![Effect::Open(path)]
        }
        (ConfirmKind::ExternalChange(_), Action::Cancel) => Vec::new(),
        (ConfirmKind::BuildInvalid, Action::Yes) => {
            if busy(app) {
                return Vec::new();
            }
            app.build = BuildState::Running;
            info(app, "Building a marked draft...");
            vec![Effect::Build]
        }
        (ConfirmKind::BuildInvalid, Action::No | Action::Cancel) => {
            info(
                app,
                "Not built: fix the problems listed on the Build screen",
            );
            Vec::new()
        }
        (kind, _) => {
            app.overlay = Some(Overlay::Confirm(kind));
            Vec::new()
        }
    }
}

#[allow(clippy::collapsible_match)]
fn wizard(app: &mut App, mut w: NewWizard, action: Action) -> Vec<Effect> {
    match (w.step, action) {
        (WizStep::Country, Action::Cancel) => return Vec::new(),
        (WizStep::Country, Action::Edit(op)) => {
            if w.query.apply(&op) {
                w.cursor = 0;
            }
        }
        (WizStep::Country, Action::Down) => {
            let n = app.picker_matches(&w.query.text).len();
            w.cursor = (w.cursor + 1).min(n.saturating_sub(1));
        }
        (WizStep::Country, Action::Up) => w.cursor = w.cursor.saturating_sub(1),
        (WizStep::Country, Action::Select) => {
            match app.picker_matches(&w.query.text).get(w.cursor) {
                Some(c) => {
                    w.country = Some(c.iso3.clone());
                    w.step = WizStep::Year;
                }
                None => error(app, "No country matches: change the search"),
            }
        }
        (WizStep::Year, Action::Cancel) => w.step = WizStep::Country,
        (WizStep::Year, Action::Edit(op)) => {
            w.year.apply(&op);
        }
        (WizStep::Year, Action::Select) => match w.year.text.trim().parse::<i32>() {
            Ok(y) if (1900..=2100).contains(&y) => {
                w.step = WizStep::Modules;
                app.status = None;
            }
            _ => error(
                app,
                "The reference year must be a year between 1900 and 2100",
            ),
        },
        (WizStep::Modules, Action::Cancel) => w.step = WizStep::Year,
        (WizStep::Modules, Action::Down) => {
            w.mcursor = (w.mcursor + 1).min(w.modules.len().saturating_sub(1))
        }
        (WizStep::Modules, Action::Up) => w.mcursor = w.mcursor.saturating_sub(1),
        (WizStep::Modules, Action::Toggle) => {
            if let Some(m) = w.modules.get_mut(w.mcursor) {
                m.2 = !m.2;
            }
        }
        (WizStep::Modules, Action::Select) => {
            let iso3 = w.country.clone().unwrap_or_default();
            let Some(country) = app.countries.by_code(&iso3) else {
                error(app, format!("unknown country {iso3}"));
                return Vec::new();
            };
            let year = w.year.text.trim().parse().unwrap_or(2024);
            let modules = w
                .modules
                .iter()
                .filter(|m| m.2)
                .map(|m| m.0.clone())
                .collect();
            let mut profile = Profile::new(&country.iso3, &country.name, year, modules);
            profile.meta.template = app.template.id.clone();
            let path = app
                .profiles_dir
                .join(format!("{}.toml", country.iso3.to_lowercase()));
            info(app, format!("Creating {}...", path.display()));
            return vec![Effect::Create(path, Box::new(profile))];
        }
        _ => {}
    }
    app.overlay = Some(Overlay::NewProfile(w));
    Vec::new()
}

/// A source id not used yet in the profile: `base`, `base_2`, `base_3`...
/// Apply a core profile operation (see [`crate::ops`]) as one undoable edit: on error nothing
/// changes and the message is returned.
fn try_edit_profile<T>(
    app: &mut App,
    f: impl FnOnce(&mut Profile) -> Result<T, crate::ops::OpError>,
) -> Result<(T, Vec<Effect>), String> {
    let Some(file) = app.file.as_ref() else {
        return Err("No profile open".into());
    };
    let mut next = file.profile.clone();
    let t = f(&mut next).map_err(|e| e.to_string())?;
    let fx = edit_profile(app, |p| *p = next);
    Ok((t, fx))
}

fn import_pending(app: &mut App, pending: PendingImport) -> Vec<Effect> {
    use crate::ops::{Added, FileImport, add_source, stored_path};
    let Some(file) = app.file.as_ref() else {
        return Vec::new();
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let stored = stored_path(&file.path, std::path::Path::new(&pending.path), &cwd);
    let catalogue = app.catalogue.clone();
    let countries = app.countries.clone();
    let country = file.profile.meta.country.clone();
    let ctx = crate::ingest::Context {
        catalogue: &catalogue,
        countries: &countries,
        country: Some(&country),
        include_aggregates: false,
        mapping: None,
    };
    let imp = FileImport {
        stored,
        sha256: pending.sha256.clone(),
        outcome: &pending.outcome,
    };
    let today = app.today.clone();
    if pending.outcome.format == crate::ingest::Format::ReturnedRequest {
        // An agency's returned data request: added, or replacing its earlier contribution.
        use crate::system::contribution::{Contributed, add_returned};
        return match try_edit_profile(app, |p| add_returned(p, &ctx, &imp, &today)) {
            Ok((Contributed::Added { id, values }, fx)) => {
                info(
                    app,
                    format!("Imported {values} values as the agency's source `{id}`"),
                );
                fx
            }
            Ok((Contributed::Replaced { id, diff }, fx)) => {
                let (a, c, r) = diff.counts();
                info(
                    app,
                    format!(
                        "Replaced the agency's source `{id}`: {a} added, {c} changed, {r} removed"
                    ),
                );
                fx
            }
            Err(msg) => {
                error(app, format!("Not imported: {msg}"));
                Vec::new()
            }
        };
    }
    match try_edit_profile(app, |p| add_source(p, &ctx, &imp, &today)) {
        Ok((Added::Source { id, values, .. }, fx)) => {
            info(
                app,
                format!(
                    "Imported {values} values as source `{id}` from {}",
                    pending.path
                ),
            );
            fx
        }
        Ok((Added::Footnotes { attached }, fx)) => {
            info(app, format!("Attached footnotes to {attached} values"));
            fx
        }
        Err(msg) => {
            error(app, format!("Not imported: {msg}"));
            Vec::new()
        }
    }
}

fn reimported(
    app: &mut App,
    r: Result<Box<(String, String, crate::ingest::Outcome)>, String>,
) -> Vec<Effect> {
    let (id, sha256, outcome) = match r {
        Ok(b) => *b,
        Err(e) => {
            error(app, format!("Not re-imported: {e}"));
            return Vec::new();
        }
    };
    let Some(file) = app.file.as_ref() else {
        return Vec::new();
    };
    let stored = file
        .profile
        .source(&id)
        .and_then(|s| s.file.clone())
        .unwrap_or_default();
    let imp = crate::ops::FileImport {
        stored,
        sha256,
        outcome: &outcome,
    };
    let catalogue = app.catalogue.clone();
    let today = app.today.clone();
    match try_edit_profile(app, |p| {
        crate::ops::reimport_source(p, &catalogue, &id, &imp, &today)
    }) {
        Ok((d, fx)) => {
            let (a, c, r) = d.counts();
            if d.is_empty() {
                info(app, format!("`{id}`: no change ({} values)", d.unchanged));
            } else {
                info(
                    app,
                    format!("`{id}` re-imported: {a} added, {c} changed, {r} removed (u undoes)"),
                );
            }
            fx
        }
        Err(e) => {
            error(app, format!("Not re-imported: {e}"));
            Vec::new()
        }
    }
}

fn submit_form(app: &mut App, form: Form) -> Vec<Effect> {
    let result = match form.kind {
        FormKind::Manual => submit_manual(app, &form),
        FormKind::RenameSource(ref old) => {
            let (old, new) = (old.clone(), form.value("Id"));
            try_edit_profile(app, |p| crate::ops::rename_source(p, &old, &new)).map(|((), fx)| {
                info(app, format!("Renamed `{old}` to `{new}`"));
                fx
            })
        }
        FormKind::Action(i) => submit_action(app, &form, i),
        FormKind::Justify => submit_justify(app, &form),
    };
    match result {
        Ok(fx) => fx,
        Err(msg) => {
            let mut form = form;
            // Messages start with the field's label: focus that field.
            if let Some(i) = form
                .fields
                .iter()
                .position(|f| msg.starts_with(&format!("{}:", f.label)))
            {
                form.focus = i;
            }
            error(app, msg);
            app.overlay = Some(Overlay::Form(form));
            Vec::new()
        }
    }
}

fn check_indicator(app: &App, id: &str) -> Result<(), String> {
    if app.catalogue.indicator(id).is_some() {
        return Ok(());
    }
    let hint = app
        .catalogue
        .suggest_indicator(id)
        .map(|s| format!(" (did you mean {s}?)"))
        .unwrap_or_default();
    Err(format!("Indicator: unknown indicator `{id}`{hint}"))
}

fn submit_manual(app: &mut App, form: &Form) -> Result<Vec<Effect>, String> {
    let mv = crate::ops::ManualValue {
        indicator: form.value("Indicator"),
        period: form.value("Period"),
        value: form.value("Value"),
        provider: form.value("Provider"),
        citation: form.value("Citation"),
        ..Default::default()
    };
    let catalogue = app.catalogue.clone();
    let today = app.today.clone();
    let (id, fx) = try_edit_profile(app, |p| crate::ops::add_manual(p, &catalogue, &mv, &today))?;
    info(
        app,
        format!(
            "Added {} {} from manual source `{id}`",
            mv.indicator.trim(),
            mv.period.trim()
        ),
    );
    Ok(fx)
}

fn submit_action(app: &mut App, form: &Form, index: Option<usize>) -> Result<Vec<Effect>, String> {
    let ind = form.value("Indicator");
    check_indicator(app, &ind)?;
    let action = form.value("Action");
    if action.is_empty() {
        return Err("Action: say what should be done".into());
    }
    let priority = form.value("Priority").to_lowercase();
    if !["high", "medium", "low"].contains(&priority.as_str()) {
        return Err("Priority: high, medium or low".into());
    }
    let item = ActionItem {
        indicator: ind,
        action,
        responsible: form.value("Responsible"),
        priority,
        timeframe: form.value("Timeframe"),
        providers: form.context.clone(),
        generated: false,
        ..Default::default()
    };
    let fx = edit_profile(app, |p| match index {
        Some(i) if i < p.actions.len() => p.actions[i] = item,
        _ => p.actions.push(item),
    });
    info(app, "Action plan updated");
    Ok(fx)
}

fn submit_justify(app: &mut App, form: &Form) -> Result<Vec<Effect>, String> {
    let justification = form.value("Justification");
    let (Some(ind), Some(source)) = (form.context.first(), form.context.get(1)) else {
        return Ok(Vec::new());
    };
    let (ind, source) = (ind.clone(), source.clone());
    let catalogue = app.catalogue.clone();
    let (_, fx) = try_edit_profile(app, |p| {
        crate::ops::set_preference(p, &catalogue, &ind, &source, &justification)
    })?;
    info(app, format!("{ind}: {source} preferred"));
    Ok(fx)
}
