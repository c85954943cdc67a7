use crate::cmd::*;
use crate::model::{self, DecodeError, User};
use crate::protocol::Args;
use crate::UserName;

/// `v-list-user USER json`: one account with its limits and usage.
#[derive(Debug, Clone)]
pub struct ListUser {
    /// The account.
    pub user: UserName,
}

impl Command for ListUser {
    const SPEC: Spec = LIST_USER;
    type Output = User;
    fn args(&self) -> Args {
        Args::new().arg(self.user.as_str()).arg("json")
    }
    fn parse(body: &str) -> Result<User, DecodeError> {
        model::parse_single(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}

/// `v-list-users json`: every account (no USER argument).
#[derive(Debug, Clone, Default)]
pub struct ListUsers;

impl Command for ListUsers {
    const SPEC: Spec = LIST_USERS;
    type Output = Vec<User>;
    fn args(&self) -> Args {
        Args::new().arg("json")
    }
    fn parse(body: &str) -> Result<Vec<User>, DecodeError> {
        model::parse_keyed(body)
    }
}

/// `v-make-tmp-file CONTENT NAME`: the API endpoint writes `CONTENT` to `/tmp/NAME` (§1.3), so a
/// password never shows on the host's process list.
pub struct MakeTmpFile<'a> {
    /// What to write (a password: never logged).
    pub content: &'a crate::Secret,
    /// The file's name under `/tmp/`.
    pub name: &'a str,
}

impl Command for MakeTmpFile<'_> {
    const SPEC: Spec = MAKE_TMP_FILE;
    type Output = ();
    fn args(&self) -> Args {
        Args::new().arg(self.content.expose()).arg(self.name)
    }
    fn parse(body: &str) -> Result<(), DecodeError> {
        crate::cmd::no_output(body)
    }
}

/// `v-check-user-password USER PASSWORD IP` (§7.2): exit 0 when the password is right; a
/// wrong one counts against `ip` at Hestia's fail2ban, not against the caller. Never with the
/// fourth argument, which hides failures from the log.
#[derive(Debug, Clone)]
pub struct CheckUserPassword {
    /// The account.
    pub user: UserName,
    /// The password, as a `/tmp/` file written by [`MakeTmpFile`].
    pub password_file: String,
    /// The browser's address.
    pub ip: String,
}

impl Command for CheckUserPassword {
    const SPEC: Spec = CHECK_USER_PASSWORD;
    type Output = ();
    fn args(&self) -> Args {
        Args::new()
            .arg(self.user.as_str())
            .arg(self.password_file.as_str())
            .arg(self.ip.as_str())
    }
    fn parse(body: &str) -> Result<(), DecodeError> {
        crate::cmd::no_output(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}

/// `v-check-user-2fa USER TOKEN` (§7.2): exit 0 when the code is right. Logs nothing: Hearth
/// counts and records failures itself.
#[derive(Debug, Clone)]
pub struct CheckUser2fa {
    /// The account.
    pub user: UserName,
    /// The six-digit code.
    pub code: String,
}

impl Command for CheckUser2fa {
    const SPEC: Spec = CHECK_USER_2FA;
    type Output = ();
    fn args(&self) -> Args {
        Args::new().arg(self.user.as_str()).arg(self.code.as_str())
    }
    fn parse(body: &str) -> Result<(), DecodeError> {
        crate::cmd::no_output(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}

/// `v-log-user-login USER IP STATUS SESSION_ID USER_AGENT [AUTHLOG] [REASON]` (§7.2): a line of
/// the account's login history, as Hestia's own login page writes it.
#[derive(Debug, Clone)]
pub struct LogUserLogin {
    /// The account.
    pub user: UserName,
    /// The browser's IPv4 address (Hestia refuses IPv6 here).
    pub ip: String,
    /// Whether the login succeeded.
    pub success: bool,
    /// The login's id in the history (letters, digits, `-`, `_`, `.`).
    pub session: String,
    /// The browser's User-Agent, without the characters Hestia refuses.
    pub user_agent: String,
    /// Why it failed after a right password; also writes a `failed to login (REASON)` line
    /// against `ip` to Hestia's auth.log, which fail2ban counts.
    pub reason: Option<String>,
}

impl LogUserLogin {
    /// `agent` without the quotes, `|` and control characters Hestia refuses, at most 200
    /// characters.
    pub fn clean_agent(agent: &str) -> String {
        agent
            .chars()
            .filter(|c| !matches!(c, '\'' | '"' | '|' | '`' | '\\') && !c.is_control())
            .take(200)
            .collect()
    }
}

impl Command for LogUserLogin {
    const SPEC: Spec = LOG_USER_LOGIN;
    type Output = ();
    fn args(&self) -> Args {
        let args = Args::new()
            .arg(self.user.as_str())
            .arg(self.ip.as_str())
            .arg(if self.success { "success" } else { "failed" })
            .arg(self.session.as_str())
            .arg(Self::clean_agent(&self.user_agent));
        match &self.reason {
            Some(reason) => args.arg("yes").arg(reason.as_str()),
            None => args,
        }
    }
    fn parse(body: &str) -> Result<(), DecodeError> {
        crate::cmd::no_output(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}

/// `v-log-user-logout USER SESSION_ID`: marks the login history's line of that session
/// inactive.
#[derive(Debug, Clone)]
pub struct LogUserLogout {
    /// The account.
    pub user: UserName,
    /// The id given at login.
    pub session: String,
}

impl Command for LogUserLogout {
    const SPEC: Spec = LOG_USER_LOGOUT;
    type Output = ();
    fn args(&self) -> Args {
        Args::new()
            .arg(self.user.as_str())
            .arg(self.session.as_str())
    }
    fn parse(body: &str) -> Result<(), DecodeError> {
        crate::cmd::no_output(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}
