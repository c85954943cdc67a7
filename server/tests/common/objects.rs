//! Objects of any catalogue kind through Hearth's generic server functions.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use app::catalogue::{Entry, KindId};
use app::error::HearthError;
use app::serverfns::objects::ObjectPage;
use hestia::ReturnCode;

use super::TestHearth;

/// An action on objects of a kind, filled in as a person fills in its form, then sent through
/// the `act` server function: `h.act(KindId::WebDomain, "add").field("domain", "x.test").send()`.
pub struct Act<'a> {
    h: &'a TestHearth,
    kind: KindId,
    action: &'a str,
    parent: &'a str,
    key: &'a str,
    fields: Vec<(String, String)>,
}

impl TestHearth {
    /// Starts the action `action` of `kind`.
    pub fn act<'a>(&'a self, kind: KindId, action: &'a str) -> Act<'a> {
        Act {
            h: self,
            kind,
            action,
            parent: "",
            key: "",
            fields: Vec::new(),
        }
    }
}

impl<'a> Act<'a> {
    /// On the object `key` (none to create one).
    pub fn on(mut self, key: &'a str) -> Self {
        self.key = key;
        self
    }

    /// Among the objects of `parent` (a zone's records, a mail domain's accounts).
    pub fn under(mut self, parent: &'a str) -> Self {
        self.parent = parent;
        self
    }

    /// A form field.
    pub fn field(mut self, name: &str, value: &str) -> Self {
        self.fields.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Several form fields.
    pub fn fields(self, fields: &[(&str, &str)]) -> Self {
        fields.iter().fold(self, |act, (n, v)| act.field(n, v))
    }

    /// Sends it: `Ok` when Hearth answered 200, the error it answered otherwise.
    pub async fn send(self) -> Result<(), HearthError> {
        let kind = wire(self.kind);
        let names: Vec<String> = self
            .fields
            .iter()
            .map(|(n, _)| format!("values[{n}]"))
            .collect();
        let mut form = vec![
            ("kind", kind.as_str()),
            ("action", self.action),
            ("parent", self.parent),
            ("key", self.key),
        ];
        form.extend(
            names
                .iter()
                .map(String::as_str)
                .zip(self.fields.iter().map(|(_, v)| v.as_str())),
        );
        let seen = self.h.call("act", &form).await;
        match seen.status {
            200 => Ok(()),
            _ => Err(seen
                .error()
                .unwrap_or_else(|| panic!("not an error: {}", seen.body))),
        }
    }
}

/// A kind's name on the wire.
fn wire(kind: KindId) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap()
}

/// Every object of `kind` (under `parent`), as the list shows them.
pub async fn list(h: &TestHearth, kind: KindId, parent: &str) -> Vec<Entry> {
    let kind = wire(kind);
    let mut form = vec![("kind", kind.as_str())];
    if !parent.is_empty() {
        form.push(("parent", parent));
    }
    let seen = h.call("objects", &form).await;
    let page: ObjectPage =
        serde_json::from_str(&seen.body).unwrap_or_else(|_| panic!("{}", seen.body));
    page.rows
}

/// The keys of every object of `kind` (under `parent`).
pub async fn keys(h: &TestHearth, kind: KindId, parent: &str) -> Vec<String> {
    list(h, kind, parent)
        .await
        .into_iter()
        .map(|e| e.key)
        .collect()
}

/// A cron job's form: at midnight on 1 January, when it is a Sunday, run `command`.
pub fn cron_form(command: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("min", "0"),
        ("hour", "0"),
        ("day", "1"),
        ("month", "1"),
        ("wday", "0"),
        ("command", command),
    ]
}

pub fn refused(code: ReturnCode) -> impl Fn(&Result<(), HearthError>) -> bool {
    move |r| matches!(r, Err(HearthError::Refused { code: c, .. }) if *c == code)
}

pub fn invalid(field: &str) -> impl Fn(&Result<(), HearthError>) -> bool + '_ {
    move |r| matches!(r, Err(HearthError::Invalid { field: f, .. }) if f == field)
}

/// The simulator's log of one command: its arguments per call.
pub fn sent(h: &TestHearth, command: &str) -> Vec<Vec<String>> {
    h.sim
        .requests()
        .into_iter()
        .filter(|r| r.command == command)
        .map(|r| r.args)
        .collect()
}

/// Waits for the queued job to end; its last state.
pub async fn job_end(h: &TestHearth) -> Option<app::jobs::JobState> {
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let job: Option<app::jobs::JobView> =
            serde_json::from_str(&h.call("job", &[]).await.body).unwrap();
        if job.as_ref().is_none_or(|j| j.state.is_final()) {
            return job.map(|j| j.state);
        }
    }
    None
}

/// What the Backups page says the next backup will do.
pub async fn backup_plan(h: &TestHearth) -> app::serverfns::account::BackupPlan {
    let body = h.call("backup-plan", &[]).await.body;
    serde_json::from_str::<Option<_>>(&body).unwrap().unwrap()
}
