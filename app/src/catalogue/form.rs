//! Forms: their fields and controls, and the values a browser sends.

use serde::{Deserialize, Serialize};

use super::{validate, KindId};

/// A form field.
#[derive(Clone, Copy)]
pub struct Field {
    /// Its name in the form.
    pub name: &'static str,
    /// Its label.
    pub label: &'static str,
    /// The control.
    pub input: Input,
    /// Must be filled in.
    pub required: bool,
    /// A hint under it; `{user}` is the session's user.
    pub help: &'static str,
    /// The object field that fills it in when changing an object.
    pub prefill: Option<&'static str>,
    /// Checks a non-empty value.
    pub check: fn(&str, &Values) -> Result<(), String>,
}

impl Field {
    /// The field `name`, labelled `label`: an optional line of text, checked for nothing more
    /// than every field is.
    pub const fn new(name: &'static str, label: &'static str) -> Self {
        Self {
            name,
            label,
            input: Input::Text,
            required: false,
            help: "",
            prefill: None,
            check: |_, _| Ok(()),
        }
    }
}

/// A form control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// A password (never prefilled, never echoed back).
    Password,
    /// A number.
    Number,
    /// Several lines.
    TextArea,
    /// A choice: (value, label).
    Select(&'static [(&'static str, &'static str)]),
    /// A checkbox, ticked by default when `true`.
    Checkbox(bool),
    /// A choice among the items of the object's list field (an alias to remove).
    FromList(&'static str),
    /// The name of an object of another kind (a user's package), suggested as one types.
    OneOf(KindId),
}

/// Login shells Hestia offers (`/etc/shells` of a stock install, plus `nologin`).
pub const SHELLS: &[(&str, &str)] = &[
    ("nologin", "No shell access (nologin)"),
    ("bash", "bash"),
    ("sh", "sh"),
    ("dash", "dash"),
    ("rbash", "rbash (restricted)"),
    ("zsh", "zsh"),
];

/// A new password, as every form asks for one.
pub const PASSWORD: Field = Field {
    input: Input::Password,
    required: true,
    check: validate::password,
    help: "At least 8 characters.",
    ..Field::new("password", "Password")
};

/// A form's values by field name, plus the session's user under [`Values::USER`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Values(pub std::collections::BTreeMap<String, String>);

impl Values {
    /// The key the session's user is kept under.
    pub const USER: &'static str = "@user";
    /// The key the current time (Unix seconds) is kept under, for previews.
    pub const NOW: &'static str = "@now";
    /// The key the object's own key is kept under (a name typed to confirm).
    pub const KEY: &'static str = "@key";

    /// A value, `""` when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// Sets a value.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.to_owned(), value.into());
    }
}
