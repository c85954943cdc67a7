//! Hestia's object kinds, each described once: its section, commands and columns. Generic
//! components ([`crate::components::object`]) render every kind from its description.

mod web;

pub use web::WEB_DOMAINS;

use serde::{Deserialize, Serialize};

/// A section of the panel: one kind of object with its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    /// Web domains.
    Web,
}

impl Section {
    /// Every section, in navigation order.
    pub const ALL: [Section; 1] = [Section::Web];

    /// The route segment.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Web => "web",
        }
    }

    /// The navigation label and page title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Web => "Web",
        }
    }

    /// The command that lists the section's objects: the section exists for a session only
    /// when its key may run it.
    pub fn list_command(self) -> &'static str {
        match self {
            Self::Web => <hestia::cmd::ListWebDomains as hestia::Command>::NAME,
        }
    }

    /// The section for a route segment.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// How a cell looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// A number, right-aligned, with its unit.
    Number(Option<u64>, &'static str),
    /// Small status labels.
    Badges(Vec<Badge>),
    /// Several values, one per line.
    Lines(Vec<String>),
}

/// A status label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Badge {
    /// Its text.
    pub text: &'static str,
    /// Its colour.
    pub tone: Tone,
}

/// The colour of a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Fine.
    Good,
    /// Worth a look.
    Warn,
    /// Off or broken.
    Bad,
    /// Neither.
    Neutral,
}

impl Tone {
    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Self::Good => "badge good",
            Self::Warn => "badge warn",
            Self::Bad => "badge bad",
            Self::Neutral => "badge",
        }
    }
}

/// A table column.
pub struct Column<R: 'static> {
    /// The header.
    pub label: &'static str,
    /// The cell for a record.
    pub cell: fn(&R) -> Cell,
}

/// An object kind.
pub struct Kind<R: 'static> {
    /// Its section.
    pub section: Section,
    /// What one object is called ("web domain").
    pub noun: &'static str,
    /// The text shown when there are none.
    pub empty: &'static str,
    /// The object's name (its Hestia key).
    pub name: fn(&R) -> String,
    /// Text the filter box searches besides the name.
    pub search_text: fn(&R) -> String,
    /// The columns after the name.
    pub columns: &'static [Column<R>],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for s in Section::ALL {
            assert_eq!(Section::from_slug(s.slug()), Some(s));
        }
        assert_eq!(Section::from_slug("nope"), None);
    }
}
