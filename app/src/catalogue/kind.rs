//! An object kind: whose objects, listed by which command, shown how, changed by what.

use hestia::cmd::Spec;

use super::{encode_segment, Action, Column, Entry, Input, KindId, Section};

/// Whose objects a kind lists, which decides the USER argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The session's user's: lists take `USER [PARENT] json`, actions start with USER.
    User,
    /// The server's: no USER argument (users, packages, services).
    Server,
    /// The session's user's, and everyone's for the root user (`v-list-access-keys`).
    UserOrAll,
}

/// An object kind.
pub struct Kind {
    /// Its name on the wire.
    pub id: KindId,
    /// Its section.
    pub section: Section,
    /// Its route segment under a parent, and the prefix of its list's query parameters.
    pub slug: &'static str,
    /// What one object is called ("web domain").
    pub noun: &'static str,
    /// What several are called.
    pub plural: &'static str,
    /// The text shown when there are none.
    pub empty: &'static str,
    /// Whose objects it lists.
    pub scope: Scope,
    /// The list command: `USER [PARENT] json` (`json` alone for server-wide kinds).
    pub list: &'static Spec,
    /// Hestia checks nothing on its actions: they run only on objects in the session's own
    /// listing, and only where offered (access keys, §3.6).
    pub listed_only: bool,
    /// The kind whose objects hold these (records of a zone).
    pub parent: Option<KindId>,
    /// Kinds listed on an object's page.
    pub children: &'static [KindId],
    /// How an object is named to a person (confirmations, titles); the key by default.
    pub name: fn(&Entry) -> String,
    /// What the list's first column shows, and the field it sorts by (`@key` for the key).
    pub label: (fn(&Entry) -> String, &'static str),
    /// The list's columns after the name.
    pub columns: &'static [Column],
    /// The object page's facts.
    pub details: &'static [Column],
    /// Whether objects have a page of their own.
    pub has_page: bool,
    /// What can be done.
    pub actions: &'static [Action],
    /// The section shows the state of queued jobs, updated live.
    pub live_jobs: bool,
    /// On its parent's page, listed only when asked for: few people need it, and every list
    /// costs a Hestia call (a line in the user's history).
    pub on_demand: bool,
}

impl Kind {
    /// A kind of `id`, in `section`, listed by `list`: what every description must say. The
    /// rest starts empty: no parent or children, no columns or actions, named by its key.
    pub const fn new(id: KindId, section: Section, list: &'static Spec) -> Self {
        Self {
            id,
            section,
            slug: "",
            noun: "",
            plural: "",
            empty: "",
            scope: Scope::User,
            list,
            listed_only: false,
            parent: None,
            children: &[],
            name: |e| e.key.clone(),
            label: (|e| e.key.clone(), "@key"),
            columns: &[],
            details: &[],
            has_page: true,
            actions: &[],
            live_jobs: false,
            on_demand: false,
        }
    }

    /// The fields the browser needs: those the columns and details show (nothing else of
    /// Hestia's record leaves the server).
    pub fn fields(&self) -> Vec<&'static str> {
        let mut fields: Vec<&'static str> = self
            .columns
            .iter()
            .chain(self.details)
            .flat_map(|c| c.fields())
            .collect();
        for action in self.actions {
            for f in action.fields {
                fields.extend(f.prefill);
                if let Input::FromList(list) = f.input {
                    fields.push(list);
                }
            }
            fields.extend(action.when.fields());
        }
        fields.sort_unstable();
        fields.dedup();
        fields
    }

    /// An action by id.
    pub fn action(&self, id: &str) -> Option<&'static Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The link to an object's page.
    pub fn href(&self, parent: Option<&str>, key: &str) -> String {
        let key = encode_segment(key);
        match parent {
            Some(p) => format!(
                "/{}/{}/{}/{key}",
                self.section.slug(),
                encode_segment(p),
                self.slug
            ),
            None => format!("/{}/{key}", self.section.slug()),
        }
    }
}
