//! How a kind's fields show: list columns, facts on an object's page, cells and badges.

use super::Entry;

/// A table column or a fact on an object's page.
pub struct Column {
    /// The header.
    pub label: &'static str,
    /// The Hestia field it shows (and sorts by).
    pub field: &'static str,
    /// How.
    pub show: Show,
}

impl Column {
    /// A column showing its field as text.
    pub const fn text(label: &'static str, field: &'static str) -> Self {
        Self {
            label,
            field,
            show: Show::Text,
        }
    }

    pub(super) fn fields(&self) -> Vec<&'static str> {
        let mut f = vec![self.field];
        if let Show::Custom(_, extra) = self.show {
            f.extend_from_slice(extra);
        }
        f.retain(|f| !f.is_empty());
        f
    }

    /// The cell for an object.
    pub fn cell(&self, e: &Entry) -> Cell {
        let v = e.get(self.field);
        match self.show {
            Show::Text => Cell::Text(v.to_owned()),
            Show::Code => Cell::Code(v.to_owned()),
            Show::Number(unit) => Cell::Number(v.trim().parse().ok(), unit),
            Show::Quota => match v {
                "unlimited" => Cell::Text(crate::text::UNLIMITED.to_owned()),
                n => Cell::Number(n.trim().parse().ok(), "MB"),
            },
            Show::List => Cell::Lines(split_list(v)),
            Show::Flag => Cell::Badges(vec![if v == "yes" {
                Badge::new(crate::text::YES, Tone::Good)
            } else {
                Badge::new(crate::text::NO, Tone::Neutral)
            }]),
            Show::Status => Cell::Badges(vec![status_badge(e)]),
            Show::Custom(f, _) => f(e),
        }
    }
}

/// The active/suspended column most kinds have.
pub const STATUS: Column = Column {
    label: "Status",
    field: "SUSPENDED",
    show: Show::Status,
};

/// The creation date column most kinds have.
pub const CREATED: Column = Column {
    label: "Created",
    field: "DATE",
    show: Show::Text,
};

/// How a column shows its field.
#[derive(Clone, Copy)]
pub enum Show {
    /// As text.
    Text,
    /// As code (paths, record values, commands).
    Code,
    /// A number with its unit.
    Number(&'static str),
    /// MB or `unlimited`.
    Quota,
    /// A comma-separated list, one per line.
    List,
    /// `yes`/`no`.
    Flag,
    /// Active or suspended (`SUSPENDED`).
    Status,
    /// Computed, from these extra fields.
    Custom(fn(&Entry) -> Cell, &'static [&'static str]),
}

/// Splits Hestia's comma-separated lists.
pub fn split_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether an object is suspended.
pub fn is_suspended(e: &Entry) -> bool {
    e.get("SUSPENDED") == "yes"
}

/// The active/suspended badge.
pub fn status_badge(e: &Entry) -> Badge {
    if is_suspended(e) {
        Badge::new(crate::text::SUSPENDED, Tone::Bad)
    } else {
        Badge::new(crate::text::ACTIVE, Tone::Good)
    }
}

/// How a cell looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// Code.
    Code(String),
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

impl Badge {
    /// A badge.
    pub const fn new(text: &'static str, tone: Tone) -> Self {
        Self { text, tone }
    }
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
