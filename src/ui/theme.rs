//! Colors and attributes. Sixteen ANSI colors only, and none at all under NO_COLOR, where
//! kinds are told apart by attributes.

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::EntityKind;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub monochrome: bool,
}

impl Theme {
    pub fn new(monochrome: bool) -> Theme {
        Theme { monochrome }
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
        Style::default().fg(match kind {
            EntityKind::Person => Color::Cyan,
            EntityKind::Organization => Color::Magenta,
            EntityKind::Place => Color::Green,
            EntityKind::Nationality => Color::LightGreen,
            EntityKind::Money => Color::Yellow,
            EntityKind::Percent => Color::LightYellow,
            EntityKind::Quantity => Color::LightBlue,
        })
    }

    pub fn hit(&self) -> Style {
        if self.monochrome {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().fg(Color::Black).bg(Color::Yellow)
        }
    }

    pub fn current(&self) -> Style {
        if self.monochrome {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default().fg(Color::Black).bg(Color::LightRed).add_modifier(Modifier::BOLD)
        }
    }

    pub fn event_date(&self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn border(&self, focused: bool) -> Style {
        // White, not yellow: yellow is money's color in the reader's legend.
        if focused { self.fg(Color::White).add_modifier(Modifier::BOLD) } else { self.fg(Color::DarkGray) }
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}
