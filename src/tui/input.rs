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
}
