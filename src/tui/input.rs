//! Waiting for a key without trusting the terminal to still be there.
//!
//! crossterm 0.29's event source spins forever once its tty is gone (crossterm issue #793: a
//! dead tty stays readable while `read` returns 0, and `event::poll` never returns, whatever its
//! timeout). A migprof left running when its SSH line or tmux pane dies would burn a core and
//! never reach the signal flag. So the event loop first waits on the terminal itself with
//! `poll(2)`: a hang-up or error on it ends the session (the caller writes the recovery file),
//! and crossterm is asked for events only when there is input to read.

use rustix::event::{PollFd, PollFlags, Timespec};
use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::time::Duration;

/// What the terminal has for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Bytes to read: ask crossterm for the events.
    Ready,
    /// Nothing within the timeout (or a signal interrupted the wait).
    Quiet,
    /// The terminal hung up or failed: no event will ever come.
    Gone,
}

/// Wait up to `timeout` for input on the terminal (standard input when it is a tty).
///
/// When standard input is not a terminal (crossterm then reads /dev/tty itself), there is no
/// descriptor to watch here and the answer is always [`Input::Ready`]: the caller falls back to
/// crossterm's own poll.
pub fn wait(timeout: Duration) -> Input {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Input::Ready;
    }
    wait_fd(stdin.as_fd(), timeout)
}

/// [`wait`] on one descriptor.
pub fn wait_fd(fd: impl AsFd, timeout: Duration) -> Input {
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let t = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match rustix::event::poll(&mut fds, Some(&t)) {
        Err(rustix::io::Errno::INTR) => Input::Quiet,
        Err(_) => Input::Gone,
        Ok(0) => Input::Quiet,
        Ok(_) => {
            let r = fds[0].revents();
            if r.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Input::Gone
            } else {
                Input::Ready
            }
        }
    }
}

/// Does `fd` hang up (or fail) within `timeout`? Input waiting on it does not count: only
/// the conditions poll(2) always reports are asked for, so this never competes with the
/// reader.
pub fn hung_up(fd: impl AsFd, timeout: Duration) -> bool {
    let mut fds = [PollFd::new(&fd, PollFlags::empty())];
    let t = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match rustix::event::poll(&mut fds, Some(&t)) {
        Err(rustix::io::Errno::INTR) | Ok(0) => false,
        Err(_) => true,
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
    }
}

/// A last resort behind the event loop's own hang-up handling: a thread that watches the
/// terminal and, once it has hung up, gives the loop `grace` to write the recovery file and
/// leave, then ends the process (exit 129, as a SIGHUP would). It matters only when the loop
/// is stuck inside the terminal library on a dead terminal (crossterm issue #793), where it
/// would otherwise spin on a core for ever. Edits autosaved before are in the recovery file.
pub fn watchdog(grace: Duration) {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("migprof-tty-watchdog".into())
        .spawn(move || {
            let fd = std::io::stdin();
            while !hung_up(fd.as_fd(), Duration::from_secs(1)) {}
            std::thread::sleep(grace);
            std::process::exit(129);
        });
    // Without the thread the loop's own handling still applies.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn quiet_ready_and_gone() {
        let (mut r, mut w) = std::io::pipe().unwrap();
        assert_eq!(wait_fd(&r, Duration::from_millis(10)), Input::Quiet);
        w.write_all(b"j").unwrap();
        assert_eq!(wait_fd(&r, Duration::from_millis(10)), Input::Ready);
        let mut b = [0u8; 1];
        r.read_exact(&mut b).unwrap();
        // The writer goes away, as a terminal does when its line drops: a hang-up at once, not
        // a spin and not a timeout.
        drop(w);
        let t = std::time::Instant::now();
        assert_eq!(wait_fd(&r, Duration::from_secs(5)), Input::Gone);
        assert!(t.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn the_watchdog_sees_a_hang_up_and_not_input() {
        let (r, mut w) = std::io::pipe().unwrap();
        // Waiting input is not a hang-up: the watchdog does not wake for it.
        w.write_all(b"j").unwrap();
        assert!(!hung_up(&r, Duration::from_millis(20)));
        drop(w);
        let t = std::time::Instant::now();
        assert!(hung_up(&r, Duration::from_secs(5)));
        assert!(t.elapsed() < Duration::from_secs(1));
    }
}
