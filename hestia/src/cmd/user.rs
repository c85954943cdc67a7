use crate::cmd::{Command, CommandClass};
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
    const NAME: &'static str = "v-list-user";
    const CLASS: CommandClass = CommandClass::Read;
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
    const NAME: &'static str = "v-list-users";
    const CLASS: CommandClass = CommandClass::Read;
    type Output = Vec<User>;
    fn args(&self) -> Args {
        Args::new().arg("json")
    }
    fn parse(body: &str) -> Result<Vec<User>, DecodeError> {
        model::parse_keyed(body)
    }
}
