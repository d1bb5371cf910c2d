//! The smallest [`typst::World`] that typesets one report: one main source, the charts (and the
//! locator map) as virtual SVG files, the fonts embedded in the binary. Nothing is read from the
//! file system, no system font is scanned, no package is downloaded and there is no clock.

use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

pub(super) const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub(super) const DEJAVU_SANS_BOLD: &[u8] =
    include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The report's body font; charts (SVG `sans-serif`) fall back to it too.
pub const BODY_FONT: &str = "DejaVu Sans";
/// For hashes and file paths.
pub const MONO_FONT: &str = "DejaVu Sans Mono";

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The embedded fonts (DejaVu Sans from the repository, DejaVu Sans Mono and a math font from
/// typst-assets), parsed once per process.
static FONTS: LazyLock<(Vec<Font>, LazyHash<FontBook>)> = LazyLock::new(|| {
    let wanted = |f: &Font| {
        let family = f.info().family.as_str();
        family == MONO_FONT || family == "New Computer Modern Math"
    };
    let mut fonts: Vec<Font> = [DEJAVU_SANS, DEJAVU_SANS_BOLD]
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    fonts.extend(
        typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .filter(wanted),
    );
    let book = FontBook::from_fonts(&fonts);
    (fonts, LazyHash::new(book))
});

/// A project path as a file id (`path` is one of our own fixed, valid paths).
pub fn file_id(path: &str) -> Result<FileId, String> {
    let vpath = VirtualPath::new(path).map_err(|e| format!("typst path {path}: {e:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

pub struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl ReportWorld {
    /// A world whose main file is `markup`, with the given virtual files (`/charts/1.svg`...).
    pub fn new(markup: String, files: Vec<(String, Vec<u8>)>) -> Result<ReportWorld, String> {
        let main = Source::new(file_id("/main.typ")?, markup);
        let mut map = HashMap::with_capacity(files.len());
        for (path, bytes) in files {
            map.insert(file_id(&path)?, Bytes::new(bytes));
        }
        Ok(ReportWorld { main, files: map })
    }
}

fn not_found(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(_) => {
            FileError::Other(Some("packages are not available in migprof reports".into()))
        }
        VirtualRoot::Project => FileError::NotFound(id.vpath().get_with_slash().into()),
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.1
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.0.get(index).cloned()
    }

    /// No clock: `datetime.today()` is an error, so the output cannot depend on the date.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
