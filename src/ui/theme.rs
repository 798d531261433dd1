//! Colors and attributes. Sixteen ANSI colors only, and none at all under NO_COLOR, where
//! kinds are told apart by attributes. A [`Palette`] holds the colors: the dark and light
//! presets, and what a config file changes.

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::EntityKind;

/// The colors of the screen, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub border: Color,
    pub border_focused: Color,
    pub dim: Color,
    pub heading: Color,
    pub error: Color,
    /// A search hit: text on background.
    pub hit: (Color, Color),
    /// The hit or entity the cursor is on.
    pub current: (Color, Color),
    pub person: Color,
    pub organization: Color,
    pub place: Color,
    pub nationality: Color,
    pub money: Color,
    pub percent: Color,
    pub quantity: Color,
}

impl Palette {
    /// For a dark terminal background (the default).
    pub const DARK: Palette = Palette {
        border: Color::DarkGray,
        // White, not yellow: yellow is money's color in the reader's legend.
        border_focused: Color::White,
        dim: Color::DarkGray,
        heading: Color::Blue,
        error: Color::Red,
        hit: (Color::Black, Color::Yellow),
        current: (Color::Black, Color::LightRed),
        person: Color::Cyan,
        organization: Color::Magenta,
        place: Color::Green,
        nationality: Color::LightGreen,
        money: Color::Yellow,
        percent: Color::LightYellow,
        quantity: Color::LightBlue,
    };

    /// For a light background: darker colors, and black where the dark palette has white.
    pub const LIGHT: Palette = Palette {
        border: Color::Gray,
        border_focused: Color::Black,
        dim: Color::DarkGray,
        heading: Color::Blue,
        error: Color::Red,
        hit: (Color::Black, Color::LightYellow),
        current: (Color::White, Color::Red),
        person: Color::Blue,
        organization: Color::Magenta,
        place: Color::Green,
        nationality: Color::Cyan,
        money: Color::Red,
        percent: Color::Red,
        quantity: Color::Blue,
    };
}

impl Default for Palette {
    fn default() -> Palette {
        Palette::DARK
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub monochrome: bool,
    pub palette: Palette,
}

impl Theme {
    pub fn new(monochrome: bool, palette: Palette) -> Theme {
        Theme { monochrome, palette }
    }

    fn fg(&self, c: Color) -> Style {
        if self.monochrome { Style::default() } else { Style::default().fg(c) }
    }

    pub fn entity(&self, kind: EntityKind) -> Style {
        if self.monochrome {
            return match kind {
                EntityKind::Person => Style::default().add_modifier(Modifier::BOLD),
                EntityKind::Organization => Style::default().add_modifier(Modifier::ITALIC),
                EntityKind::Place => Style::default().add_modifier(Modifier::BOLD | Modifier::ITALIC),
                _ => Style::default().add_modifier(Modifier::DIM),
            };
        }
        let p = &self.palette;
        Style::default().fg(match kind {
            EntityKind::Person => p.person,
            EntityKind::Organization => p.organization,
            EntityKind::Place => p.place,
            EntityKind::Nationality => p.nationality,
            EntityKind::Money => p.money,
            EntityKind::Percent => p.percent,
            EntityKind::Quantity => p.quantity,
        })
    }

    pub fn hit(&self) -> Style {
        if self.monochrome {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().fg(self.palette.hit.0).bg(self.palette.hit.1)
        }
    }

    pub fn current(&self) -> Style {
        if self.monochrome {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .fg(self.palette.current.0)
                .bg(self.palette.current.1)
                .add_modifier(Modifier::BOLD)
        }
    }

    pub fn event_date(&self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.border_focused).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.palette.border)
        }
    }

    pub fn dim(&self) -> Style {
        self.fg(self.palette.dim)
    }

    pub fn heading(&self) -> Style {
        self.fg(self.palette.heading).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }
}
