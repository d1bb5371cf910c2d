//! The TUI state: everything a view draws comes from here. No terminal code.

use super::text::{LineInput, TextArea};
use crate::catalogue::Catalogue;
use crate::country::{Countries, Country};
use crate::ingest::{Format, Outcome};
use crate::model::{Family, Period};
use crate::profile::{ActionItem, Profile, ProfileFile};
use crate::quality::Status as QStatus;
use crate::quality::gaps::{Gap, gaps_and_drafts};
use crate::quality::reconcile::{Conflict, conflicts, preferred_values};
use crate::quality::score::{IndicatorScore, score_profile};
use crate::template::Template;
use std::path::PathBuf;

/// The seven screens, in walk order (the data system last: it is optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Home,
    Sources,
    Indicators,
    Narrative,
    Gaps,
    Build,
    /// The country's data system: agencies, instruments, the assessment (issue 11).
    System,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Home,
        Screen::Sources,
        Screen::Indicators,
        Screen::Narrative,
        Screen::Gaps,
        Screen::Build,
        Screen::System,
    ];

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn label(self) -> &'static str {
        match self {
            Screen::Home => "Home",
            Screen::Sources => "Sources",
            Screen::Indicators => "Indicators",
            Screen::Narrative => "Narrative",
            Screen::Gaps => "Gaps",
            Screen::Build => "Build",
            Screen::System => "Data system",
        }
    }

    /// The label in the screen bar (shorter where the full one would not fit).
    pub fn tab(self) -> &'static str {
        match self {
            Screen::System => "Data",
            s => s.label(),
        }
    }
}

/// What keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Help,
    /// A one-line field (forms, path entry, justification).
    Text,
    /// The multi-line narrative editor.
    Editor,
    /// The country picker (typing filters, arrows move).
    Picker,
    /// The module checklist of a new profile.
    Checklist,
    /// A list to choose from (preferred source).
    Choice,
    /// A yes/no question (quit, recovery, import preview).
    Confirm,
}

/// One profile file found under ./profiles.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileEntry {
    pub path: PathBuf,
    pub example: bool,
    pub title: String,
    pub country: String,
    pub year: i32,
    pub sources: usize,
    pub observations: usize,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
    /// A recovery file with unsaved changes lies beside it.
    pub recovery: bool,
}

/// A file read for the preview, waiting for the user's yes.
#[derive(Debug, Clone)]
pub struct PendingImport {
    /// As typed (recorded in the source entry).
    pub path: String,
    pub sha256: String,
    pub format: Format,
    pub outcome: Outcome,
    /// Per indicator: (id, values for the country, first period, last period, latest value).
    pub summary: Vec<PreviewLine>,
    /// Licence from the registry (empty when the provider is unknown).
    pub licence: String,
    /// What the rules of entry leave out (`crate::ops::admit`), by reason; or why nothing can
    /// be imported.
    pub left_out: Vec<crate::ops::LeftOut>,
    pub projections: usize,
    pub refused: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreviewLine {
    pub indicator: String,
    pub count: usize,
    pub first: String,
    pub last: String,
    pub latest: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BuildSummary {
    pub out_dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub skipped: Vec<String>,
}

/// Slow work running on the worker thread (one at a time): what, and for how long.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub kind: JobKind,
    /// What the progress line says (`Reading data/x.csv`).
    pub label: String,
    /// Whole seconds since it started (the event loop ticks it).
    pub secs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Reading a file for the import preview.
    Import,
    /// Reading a source's recorded file again.
    Reimport,
    Build,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BuildState {
    Idle,
    Running,
    Done(BuildSummary),
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndStatus {
    Filled,
    Conflicting,
    Stale,
    Missing,
}

impl IndStatus {
    pub fn label(self) -> &'static str {
        match self {
            IndStatus::Filled => "filled",
            IndStatus::Conflicting => "conflicting",
            IndStatus::Stale => "stale",
            IndStatus::Missing => "missing",
        }
    }
}

/// A row of the Indicators tree.
#[derive(Debug, Clone, PartialEq)]
pub enum IndRow {
    Section { id: String, title: String },
    Indicator { id: String, status: IndStatus },
}

/// A row of the Sources list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SrcRow {
    Family(Family),
    /// Index into `catalogue.providers`.
    Provider(usize),
    Registered,
    /// Index into `profile.sources`.
    Source(usize),
}

/// A row of the Data-system screen's list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SysRow {
    /// The heading over the agencies.
    Agencies,
    /// Index into `profile.agencies`.
    Agency(usize),
    /// The heading over the instruments.
    Instruments,
    /// Index into `profile.instruments`.
    Instrument(usize),
}

/// A row of the Gaps screen's action plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlanRow {
    /// Index into `profile.actions`.
    Adopted(usize),
    /// Index into `derived.drafts`.
    Draft(usize),
    /// Index into `derived.dismissed`: a draft set aside (`x` restores it).
    Dismissed(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    Manual,
    /// Rename the source with this id.
    RenameSource(String),
    /// Edit an action-plan entry (`None` = a new one).
    Action(Option<usize>),
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub input: LineInput,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Context: indicator and source for a justification.
    pub context: Vec<String>,
}

impl Form {
    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.input.text.trim().to_string())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WizStep {
    Country,
    Year,
    Modules,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewWizard {
    pub step: WizStep,
    pub query: LineInput,
    pub cursor: usize,
    pub country: Option<String>,
    pub year: LineInput,
    /// (section id, title, selected)
    pub modules: Vec<(String, String, bool)>,
    pub mcursor: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmKind {
    Quit,
    /// Quit while a job runs: an import is abandoned (it only reads), a build is waited for.
    QuitDuringJob,
    /// Leave a profile with unsaved changes (to open or create another).
    Leave(Next),
    /// Save before building, so the outputs match the file on disk.
    SaveBeforeBuild,
    /// Remove a source with its values (undoable).
    RemoveSource(String),
    /// The file changed on disk since it was read: reload it or save under another name.
    ExternalChange(String),
    /// Build although `check` reports problems (the outputs carry a DRAFT / INVALID banner).
    BuildInvalid,
    /// A recovery file with unsaved changes was found.
    Recovery {
        path: PathBuf,
        text: String,
        /// When the recovery file was written (`YYYY-MM-DD HH:MM UTC`), if known.
        when: String,
    },
}

/// One search result: a row of a screen's list.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub label: String,
    pub screen: Screen,
    pub row: usize,
}

/// Where to go after leaving the profile (once saved or discarded).
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    Open(PathBuf),
    New,
    Build,
}

/// Modal layers over the screens.
#[derive(Debug, Clone)]
pub enum Overlay {
    NewProfile(NewWizard),
    AddFile {
        input: LineInput,
        candidates: Vec<String>,
    },
    Preview(Box<PendingImport>),
    Form(Form),
    Choice {
        indicator: String,
        /// (source id, label)
        options: Vec<(String, String)>,
        cursor: usize,
    },
    Editor {
        section: String,
        area: TextArea,
    },
    Confirm(ConfirmKind),
    /// `/`: find indicators, sections, providers and sources by name or id, or indicators by
    /// status (`missing`, `stale`, `conflicting`, `filled`).
    Search {
        input: LineInput,
        cursor: usize,
    },
    /// `L`: the last messages, newest first.
    Messages {
        /// The message under the cursor (0 = newest).
        cursor: usize,
        /// Enter: that message in full (wrapped at words, reason first) instead of the list.
        full: bool,
    },
    /// The data assessment: the instrument x topic matrix and the instrument-level gaps.
    Assessment {
        /// First line shown.
        scroll: usize,
    },
    /// The values of an indicator side by side, source by source, where they differ.
    Compare {
        indicator: String,
        /// First row shown.
        scroll: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Values computed from the profile after each change, so views only read.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub ind_rows: Vec<IndRow>,
    pub src_rows: Vec<SrcRow>,
    /// The list's name of each of the profile's sources, in their order.
    pub source_names: Vec<String>,
    /// Selected sections: (id, title).
    pub sections: Vec<(String, String)>,
    pub conflicts: Vec<Conflict>,
    pub scores: Vec<IndicatorScore>,
    pub gaps: Vec<Gap>,
    pub drafts: Vec<ActionItem>,
    /// Drafts dismissed this session (see [`App::dismissed`]).
    pub dismissed: Vec<ActionItem>,
    pub plan_rows: Vec<PlanRow>,
    /// The Data-system screen's rows (headings, agencies, instruments, the assessment).
    pub sys_rows: Vec<SysRow>,
    /// The data assessment (`migprof assess`), when the profile records a data system.
    pub assessment: Option<crate::system::assess::Assessment>,
    /// What `migprof check` reports for the profile in memory: errors, as `line:col: error:
    /// message` (positions in the file as last saved).
    pub problems: Vec<String>,
}

/// Cursor positions per screen.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cursors {
    pub home: usize,
    pub sources: usize,
    pub indicators: usize,
    pub narrative: usize,
    pub gaps: usize,
    pub system: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub no_color: bool,
    pub ascii: bool,
}

pub const UNDO_LIMIT: usize = 100;
/// Messages kept in the log (`L`).
pub const LOG_LIMIT: usize = 100;

pub struct App {
    pub catalogue: Catalogue,
    pub countries: Countries,
    pub template: Template,
    pub options: Options,
    /// `YYYY-MM-DD`, injected (retrieval dates of imported files).
    pub today: String,
    /// Where profiles are listed and new ones created (`profiles`).
    pub profiles_dir: PathBuf,
    /// Where builds go (`out/<profile stem>`).
    pub out_root: PathBuf,
    pub screen: Screen,
    pub file: Option<ProfileFile>,
    pub dirty: bool,
    pub undo: Vec<Profile>,
    /// States undone, for redo (cleared by any new edit).
    pub redo: Vec<Profile>,
    /// What to do once the save in progress succeeds.
    pub after_save: Option<Next>,
    /// The terminal's size, once known (`None` in tests that draw at any size).
    pub size: Option<(u16, u16)>,
    /// The last search (`n` / `N` go to its next / previous match).
    pub last_search: Option<String>,
    pub status: Option<Status>,
    /// Every message shown, oldest first (the last [`LOG_LIMIT`]).
    pub messages: Vec<Status>,
    /// Drafted actions dismissed, as (indicator, action text): an indicator may have more than
    /// one draft (stale and of low quality). Kept for the session, not in the profile: a
    /// dismissal is a view choice, not data.
    pub dismissed: std::collections::BTreeSet<(String, String)>,
    pub overlay: Option<Overlay>,
    pub help: bool,
    /// The help's page: 0 the keys, 1 what the statuses mean, 2 which source the report uses.
    pub help_page: usize,
    /// The detail pane shows its full, wrapped text (`i`); by default it shows one line per
    /// field, so a cursor move rewrites only the few cells that change.
    pub details: bool,
    /// The Indicators list shows catalogue ids instead of names (`i`).
    pub show_ids: bool,
    pub quit: bool,
    /// Quit once the pending save succeeds.
    pub quit_after_save: bool,
    /// A first Ctrl-C was pressed (the quit prompt is open).
    pub interrupted: bool,
    pub entries: Vec<ProfileEntry>,
    pub cursors: Cursors,
    /// The first row shown of each screen's list where lists scroll a row at a time (see
    /// `view::screen_list`). Kept by the views, like ratatui's `ListState`: where the list
    /// stands follows from where it stood and the cursor, and only the view knows its height.
    pub list_top: [std::cell::Cell<usize>; 7],
    /// The first row shown of the open pop-up's list (Find, the message log, the new-profile
    /// wizard), kept the same way (see `view::popup_list`).
    pub popup_top: std::cell::Cell<usize>,
    pub build: BuildState,
    pub derived: Derived,
    /// The import, re-import or build running on the worker thread.
    pub job: Option<Job>,
    /// A preview that came back while another dialog was open: shown when it closes.
    pub ready: Option<Box<PendingImport>>,
    /// Quit once the running build ends.
    pub quit_after_job: bool,
}

impl App {
    pub fn new(
        catalogue: Catalogue,
        countries: Countries,
        template: Template,
        options: Options,
        today: &str,
    ) -> App {
        let mut app = App {
            catalogue,
            countries,
            template,
            options,
            today: today.to_string(),
            profiles_dir: PathBuf::from("profiles"),
            out_root: PathBuf::from("out"),
            screen: Screen::Home,
            file: None,
            dirty: false,
            undo: Vec::new(),
            redo: Vec::new(),
            after_save: None,
            size: None,
            last_search: None,
            status: None,
            messages: Vec::new(),
            dismissed: Default::default(),
            overlay: None,
            help: false,
            help_page: 0,
            details: false,
            show_ids: false,
            quit: false,
            quit_after_save: false,
            interrupted: false,
            entries: Vec::new(),
            cursors: Cursors::default(),
            list_top: Default::default(),
            popup_top: Default::default(),
            build: BuildState::Idle,
            derived: Derived::default(),
            job: None,
            ready: None,
            quit_after_job: false,
        };
        app.refresh();
        app
    }

    pub fn profile(&self) -> Option<&Profile> {
        self.file.as_ref().map(|f| &f.profile)
    }

    /// The mode that decides how keys are read.
    pub fn mode(&self) -> Mode {
        if self.help {
            return Mode::Help;
        }
        match &self.overlay {
            None => Mode::Normal,
            Some(Overlay::NewProfile(w)) => match w.step {
                WizStep::Country => Mode::Picker,
                WizStep::Year => Mode::Text,
                WizStep::Modules => Mode::Checklist,
            },
            Some(Overlay::AddFile { .. }) | Some(Overlay::Form(_)) => Mode::Text,
            Some(Overlay::Search { .. }) => Mode::Picker,
            Some(Overlay::Preview(_)) | Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Choice { .. })
            | Some(Overlay::Compare { .. })
            | Some(Overlay::Assessment { .. })
            | Some(Overlay::Messages { .. }) => Mode::Choice,
            Some(Overlay::Editor { .. }) => Mode::Editor,
        }
    }

    /// Countries matching the picker's query.
    pub fn picker_matches(&self, query: &str) -> Vec<&Country> {
        self.countries.search(query)
    }

    /// Recompute the derived tables after the profile changed.
    pub fn refresh(&mut self) {
        let mut d = Derived::default();
        // Sources rows: the registry family by family, then the profile's sources.
        for f in Family::ALL {
            d.src_rows.push(SrcRow::Family(f));
            for (i, p) in self.catalogue.providers.iter().enumerate() {
                if p.family == f {
                    d.src_rows.push(SrcRow::Provider(i));
                }
            }
        }
        d.src_rows.push(SrcRow::Registered);
        if let Some(p) = self.profile() {
            for i in 0..p.sources.len() {
                d.src_rows.push(SrcRow::Source(i));
            }
            d.source_names = source_names(&self.catalogue, p);
            d.conflicts = conflicts(p, &self.catalogue);
            if let Some(f) = &self.file {
                d.problems = crate::check::check_profile_with(
                    &self.catalogue,
                    &self.countries,
                    &self.template,
                    p,
                    &f.original,
                    "",
                )
                .errors
                .into_iter()
                .map(|l| l.trim_start_matches(':').to_string())
                .collect();
            }
            d.scores = score_profile(p, &self.catalogue);
            // With a data system, the instrument-level gaps draft actions too (naming the
            // instrument and its agency), in the profile's language (an adopted draft is stored
            // as text). An indicator the plan already has an action for gets no draft again: an
            // adopted draft that was then edited must not come back as a duplicate. Drafts
            // dismissed in this session are listed apart.
            let (gaps, drafted) = gaps_and_drafts(p, &self.catalogue, &self.template);
            d.gaps = gaps;
            let (dismissed, drafts): (Vec<ActionItem>, Vec<ActionItem>) = drafted
                .into_iter()
                .filter(|a| {
                    !p.actions
                        .iter()
                        .any(|b| b.indicator == a.indicator && b.instrument == a.instrument)
                })
                .partition(|a| {
                    self.dismissed
                        .contains(&(a.indicator.clone(), a.action.clone()))
                });
            d.drafts = drafts;
            d.dismissed = dismissed;
            for s in self.template.sections() {
                if !self.template.is_selected(s, &p.modules) {
                    continue;
                }
                d.sections.push((s.id.clone(), s.title.clone()));
                let ids: Vec<String> = if s.indicators.is_empty() {
                    self.catalogue
                        .in_section(&s.id)
                        .map(|i| i.id.clone())
                        .collect()
                } else {
                    s.indicators.clone()
                };
                if ids.is_empty() {
                    continue;
                }
                d.ind_rows.push(IndRow::Section {
                    id: s.id.clone(),
                    title: s.title.clone(),
                });
                let st = crate::quality::statuses(p, &self.catalogue, &ids);
                for id in ids {
                    let status = match st.get(&id) {
                        Some(QStatus::Filled) => IndStatus::Filled,
                        Some(QStatus::Conflicting) => IndStatus::Conflicting,
                        Some(QStatus::Stale) => IndStatus::Stale,
                        Some(QStatus::Missing) | None => IndStatus::Missing,
                    };
                    d.ind_rows.push(IndRow::Indicator { id, status });
                }
            }
            d.sys_rows.push(SysRow::Agencies);
            d.sys_rows.extend((0..p.agencies.len()).map(SysRow::Agency));
            d.sys_rows.push(SysRow::Instruments);
            d.sys_rows
                .extend((0..p.instruments.len()).map(SysRow::Instrument));
            if crate::system::has_data_system(p)
                && let Ok(topics) = crate::system::topics::Topics::builtin()
            {
                d.assessment = Some(crate::system::assess::assess(
                    p,
                    &self.catalogue,
                    topics,
                    &self.template,
                ));
            }
            d.plan_rows = (0..p.actions.len())
                .map(PlanRow::Adopted)
                .chain((0..d.drafts.len()).map(PlanRow::Draft))
                .chain((0..d.dismissed.len()).map(PlanRow::Dismissed))
                .collect();
        }
        self.derived = d;
        let c = &mut self.cursors;
        c.home = c.home.min(self.entries.len());
        c.sources = c.sources.min(self.derived.src_rows.len().saturating_sub(1));
        c.indicators = c
            .indicators
            .min(self.derived.ind_rows.len().saturating_sub(1));
        c.narrative = c
            .narrative
            .min(self.derived.sections.len().saturating_sub(1));
        c.gaps = c.gaps.min(self.derived.plan_rows.len().saturating_sub(1));
        c.system = c.system.min(self.derived.sys_rows.len().saturating_sub(1));
    }

    /// The indicator under the cursor on the Indicators screen.
    /// What a search finds: (what, where), in screen order. A query that is a status word
    /// (`missing`, `stale`, `conflicting`, `filled`) finds the indicators with that status.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let has = |s: &str| s.to_lowercase().contains(&q);
        let mut out = Vec::new();
        for (row, r) in self.derived.ind_rows.iter().enumerate() {
            match r {
                IndRow::Section { id, title } if has(id) || has(title) => out.push(Hit {
                    label: format!("Section {id} {title}"),
                    screen: Screen::Indicators,
                    row,
                }),
                IndRow::Indicator { id, status } => {
                    let name = self.catalogue.indicator(id).map_or("", |i| i.name.as_str());
                    if has(id) || has(name) || status.label() == q {
                        out.push(Hit {
                            label: format!("{} {name} ({id}) {}", status.label(), ""),
                            screen: Screen::Indicators,
                            row,
                        });
                    }
                }
                _ => {}
            }
        }
        for (row, r) in self.derived.src_rows.iter().enumerate() {
            match r {
                SrcRow::Provider(i) => {
                    if let Some(p) = self.catalogue.providers.get(*i)
                        && (has(&p.id) || has(&p.name))
                    {
                        out.push(Hit {
                            label: format!("Provider {} ({})", p.name, p.id),
                            screen: Screen::Sources,
                            row,
                        });
                    }
                }
                SrcRow::Source(i) => {
                    if let Some(s) = self.profile().and_then(|p| p.sources.get(*i))
                        && (has(&s.id) || has(&s.dataset) || has(&s.provider))
                    {
                        out.push(Hit {
                            label: format!("Source {} ({})", s.dataset, s.id),
                            screen: Screen::Sources,
                            row,
                        });
                    }
                }
                _ => {}
            }
        }
        // One entry per indicator row is enough; drop the trailing space of labels.
        for h in &mut out {
            h.label = h.label.trim_end().to_string();
        }
        out
    }

    /// Is the terminal too small to show the screens (the "too small" message is shown)?
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < super::view::MIN_W || h < super::view::MIN_H)
    }

    /// The profile with every pending edit applied: the text of an open narrative editor goes
    /// into its section. What a half-filled form holds cannot be part of a profile: it is
    /// returned as lines (`Label: value`) to keep beside it.
    pub fn pending(&self) -> Option<(Profile, Vec<String>)> {
        let mut p = self.profile()?.clone();
        let mut notes = Vec::new();
        match &self.overlay {
            Some(Overlay::Editor { section, area }) => {
                let text = area.text().trim_end().to_string();
                if text.trim().is_empty() {
                    p.narrative.remove(section);
                } else {
                    p.narrative.insert(section.clone(), text);
                }
            }
            Some(Overlay::Form(f)) => {
                notes.push(format!("Unfinished form: {}", f.title));
                for field in &f.fields {
                    notes.push(format!("  {}: {}", field.label, field.input.text));
                }
            }
            Some(Overlay::AddFile { input, .. }) => {
                notes.push(format!("Unfinished file path: {}", input.text));
            }
            _ => {}
        }
        Some((p, notes))
    }

    /// The profile source under the cursor on the Sources screen.
    pub fn current_source(&self) -> Option<&crate::model::Source> {
        match self.derived.src_rows.get(self.cursors.sources)? {
            SrcRow::Source(i) => self.profile()?.sources.get(*i),
            _ => None,
        }
    }

    pub fn current_indicator(&self) -> Option<&str> {
        match self.derived.ind_rows.get(self.cursors.indicators)? {
            IndRow::Indicator { id, .. } => Some(id),
            IndRow::Section { .. } => None,
        }
    }

    /// The section under the cursor on the Narrative screen.
    pub fn current_section(&self) -> Option<&str> {
        self.derived
            .sections
            .get(self.cursors.narrative)
            .map(|(id, _)| id.as_str())
    }

    /// Preferred totals of an indicator over time: (period, value, source).
    pub fn series(&self, indicator: &str) -> Vec<(String, f64, String)> {
        let Some(p) = self.profile() else {
            return Vec::new();
        };
        let mut v: Vec<(f64, String, f64, String)> = preferred_values(p, &self.catalogue)
            .into_iter()
            .filter(|o| o.indicator == indicator && o.is_total())
            .filter_map(|o| {
                let axis = o.parsed_period()?.axis_value();
                Some((axis, o.period.clone(), o.value, o.source.clone()))
            })
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v.into_iter().map(|(_, p, x, s)| (p, x, s)).collect()
    }

    /// A starting sentence for a section from the latest preferred values of its indicators.
    pub fn generated_sentence(&self, section: &str) -> String {
        let Some(p) = self.profile() else {
            return String::new();
        };
        let ids: Vec<String> = match self.template.section(section) {
            Some(s) if !s.indicators.is_empty() => s.indicators.clone(),
            _ => self
                .catalogue
                .in_section(section)
                .map(|i| i.id.clone())
                .collect(),
        };
        // The report's own sentences (one rule set: compatible series, stated windows, no
        // projection as the latest value), so the TUI never drafts what the report would not say.
        let ctx =
            crate::render::data::Ctx::new(p, &self.catalogue, &self.countries, &self.template);
        let parts: Vec<String> = ids
            .iter()
            .filter_map(|id| crate::render::statements::sentence(&ctx, id))
            .collect();
        parts.join(" ")
    }
}

/// Latest period of a list of periods (by end year, then axis).
pub fn latest_period<'a>(periods: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    periods
        .filter_map(|s| Period::parse(s).map(|p| (p.axis_value(), s)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

/// `1234567.0` -> `1,234,567`; fractions keep up to two decimals.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let neg = v < 0.0;
    let a = v.abs();
    let (int, frac) = if (a - a.round()).abs() < 1e-9 {
        (a.round(), String::new())
    } else {
        let s = format!("{:.2}", a);
        let f = s
            .split('.')
            .nth(1)
            .unwrap_or("")
            .trim_end_matches('0')
            .to_string();
        (a.trunc(), f)
    };
    let digits = format!("{int:.0}");
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    if neg { format!("-{out}") } else { out }
}

/// A name for each of the profile's sources that tells them apart in the list's 30 columns:
/// what the source holds first, then its provider's short name (after " - ": providers' names
/// have commas, colons and brackets). Ids such as
/// `unhcr_refugee_data_finder_asylum_applications` cut to 30 columns looked alike.
/// - several sources of one dataset (three World Bank WDI files): the indicator each holds
///   most values of, "Net migration - World Bank: WDI";
/// - datasets of one provider that share a heading ("UNHCR Refugee Data Finder: Population",
///   "...: Asylum applications"): what follows it, "Asylum applications - UNHCR: Refugee ...";
/// - otherwise the dataset, "demo_gind - Eurostat".
///
/// Two names still alike (two vintages of one file) are shown by their ids. Made when the
/// profile changes ([`App::refresh`]), not at each redraw.
fn source_names(catalogue: &Catalogue, p: &Profile) -> Vec<String> {
    use std::collections::BTreeMap;
    // The indicator with most values in each source (the first in id order on a tie).
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for o in &p.observations {
        *counts
            .entry((o.source.as_str(), o.indicator.as_str()))
            .or_default() += 1;
    }
    let mut main: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for (&(src, ind), &n) in &counts {
        let e = main.entry(src).or_insert((ind, n));
        if n > e.1 {
            *e = (ind, n);
        }
    }
    let names: Vec<String> = p
        .sources
        .iter()
        .map(|s| {
            let others = || p.sources.iter().filter(move |o| o.id != s.id);
            let what = if others().any(|o| o.dataset == s.dataset) {
                main.get(s.id.as_str())
                    .map_or(s.dataset.as_str(), |(ind, _)| {
                        catalogue.indicator(ind).map_or(ind, |i| i.name.as_str())
                    })
            } else {
                match s.dataset.split_once(": ") {
                    Some((head, tail))
                        if !tail.is_empty()
                            && others().any(|o| {
                                o.provider == s.provider
                                    && o.dataset
                                        .strip_prefix(head)
                                        .is_some_and(|r| r.starts_with(": "))
                            }) =>
                    {
                        tail
                    }
                    _ => s.dataset.as_str(),
                }
            };
            let provider = catalogue
                .provider(&s.provider)
                .map_or(s.provider.as_str(), |pr| pr.label());
            // "ILOSTAT" from "ILO: ILOSTAT" says it once.
            if what.is_empty() || provider.ends_with(what) {
                provider.to_string()
            } else {
                format!("{what} - {provider}")
            }
        })
        .collect();
    names
        .iter()
        .zip(&p.sources)
        .map(|(n, s)| {
            if names.iter().filter(|m| *m == n).count() > 1 {
                s.id.clone()
            } else {
                n.clone()
            }
        })
        .collect()
}
