//! Colours, modifiers and symbols. Colour never carries meaning alone: the selection is
//! reverse video, warnings are bold and carry a symbol; colour is added on top when allowed.

use super::app::IndStatus;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

/// Box drawing with ASCII only.
pub const ASCII_BORDER: symbols::border::Set = symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Sparkline bars with ASCII only.
pub const ASCII_BARS: symbols::bar::Set = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: "_",
    one_eighth: "_",
    empty: " ",
};

impl Theme {
    pub fn new(no_color: bool, ascii: bool) -> Theme {
        Theme {
            color: !no_color,
            ascii,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn border(&self) -> symbols::border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            symbols::border::PLAIN
        }
    }

    pub fn bars(&self) -> symbols::bar::Set<'static> {
        if self.ascii {
            ASCII_BARS
        } else {
            symbols::bar::NINE_LEVELS
        }
    }

    pub fn vline(&self) -> &'static str {
        if self.ascii { "|" } else { "│" }
    }

    pub fn hline(&self) -> &'static str {
        if self.ascii { "-" } else { "─" }
    }

    /// The mark before the selected row (also visible without colour or reverse video).
    pub fn pointer(&self) -> &'static str {
        ">"
    }

    pub fn status_symbol(&self, s: IndStatus) -> &'static str {
        match (s, self.ascii) {
            (IndStatus::Filled, false) => "●",
            (IndStatus::Conflicting, false) => "≠",
            (IndStatus::Stale, false) => "◔",
            (IndStatus::Missing, false) => "○",
            (IndStatus::Filled, true) => "*",
            (IndStatus::Conflicting, true) => "!",
            (IndStatus::Stale, true) => "~",
            (IndStatus::Missing, true) => "-",
        }
    }

    pub fn status_style(&self, s: IndStatus) -> Style {
        match s {
            IndStatus::Filled => self.ok(),
            IndStatus::Conflicting => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            IndStatus::Stale => self.fg(Color::Yellow),
            IndStatus::Missing => self.dim(),
        }
    }

    /// The mark before the profile that is open now (Home).
    pub fn open_mark(&self) -> &'static str {
        if self.ascii { "* " } else { "• " }
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.ascii { "..." } else { "…" }
    }
}
