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
