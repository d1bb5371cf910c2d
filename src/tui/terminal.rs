//! Terminal setup and restore, the panic hook, and the frame writer.
//!
//! A frame is collected in memory and written with one `write_all` into a 64 KiB `BufWriter`,
//! wrapped in synchronized-output sequences; a frame that changes nothing writes nothing.

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{cursor, execute, terminal};
use std::cell::RefCell;
use std::io::{self, BufWriter, Stdout, Write};
use std::rc::Rc;

/// Restore the terminal: cooked mode, main screen, visible cursor. Safe to call twice.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Install a panic hook that restores the terminal before the previous hook prints.
/// Installed before the terminal is touched.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Restores the terminal when dropped (every exit path except a panic, which the hook covers).
pub struct Guard;

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        terminal::enable_raw_mode()?;
        let guard = Guard;
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            restore();
        }
    }
}

/// Collects the bytes of one frame; `flush` from ratatui is deferred to [`FrameWriter::commit`].
/// Clones share the same buffer, so the loop keeps a handle while ratatui owns the backend.
#[derive(Clone)]
pub struct FrameWriter {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    frame: Vec<u8>,
    out: BufWriter<Stdout>,
    written: u64,
}

impl Default for FrameWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameWriter {
    pub fn new() -> FrameWriter {
        FrameWriter {
            inner: Rc::new(RefCell::new(Inner {
                frame: Vec::with_capacity(16 * 1024),
                out: BufWriter::with_capacity(64 * 1024, io::stdout()),
                written: 0,
            })),
        }
    }

    /// Is the pending frame exactly these bytes?
    pub fn pending_is(&self, bytes: &[u8]) -> bool {
        self.inner.borrow().frame == bytes
    }

    /// Bytes written to the terminal so far.
    pub fn written(&self) -> u64 {
        self.inner.borrow().written
    }

    /// Drop the pending frame (it changed nothing visible).
    pub fn discard(&self) {
        self.inner.borrow_mut().frame.clear();
    }

    /// Write the pending frame as one synchronized update.
    pub fn commit(&self) -> io::Result<()> {
        let mut inner = self.inner.borrow_mut();
        if inner.frame.is_empty() {
            return Ok(());
        }
        let mut all = Vec::with_capacity(inner.frame.len() + 32);
        crossterm::queue!(all, BeginSynchronizedUpdate)?;
        all.extend_from_slice(&inner.frame);
        crossterm::queue!(all, EndSynchronizedUpdate)?;
        inner.out.write_all(&all)?;
        inner.out.flush()?;
        inner.written += all.len() as u64;
        inner.frame.clear();
        Ok(())
    }
}

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.borrow_mut().frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
