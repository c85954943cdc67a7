//! One type per Hestia command. A command's name is written only in its type (`NAME`); its
//! arguments are built in Hestia's positional order (PROTOCOL.md §5) and its output parsed by
//! its own rule, not by the reply's `Content-Type` (§1.5).

mod access_key;
mod call;
mod spec;
mod user;
mod web;

pub use access_key::{AddAccessKey, DeleteAccessKey, ListAccessKey, ListAccessKeys, ListApis};
pub use call::Call;
pub use spec::*;
pub use user::{
    CheckUser2fa, CheckUserPassword, ListUser, ListUsers, LogUserLogin, LogUserLogout, MakeTmpFile,
};
pub use web::{ListWebDomain, ListWebDomains, PurgeNginxCache};

use crate::model::DecodeError;
use crate::protocol::Args;

/// How a command behaves, which picks its timeout, whether it may be cached and retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandClass {
    /// Reads and changes nothing: may be cached and retried.
    Read,
    /// Changes something: never retried, drops cached reads.
    Write,
    /// Changes something and may run for minutes (§6.1).
    Slow,
}

/// A Hestia command with typed arguments and output.
pub trait Command {
    /// Its description.
    const SPEC: Spec;
    /// The script name, e.g. `v-list-web-domains`.
    const NAME: &'static str = Self::SPEC.name;
    /// How it behaves.
    const CLASS: CommandClass = Self::SPEC.class;
    /// What a successful run yields.
    type Output;
    /// The positional arguments.
    fn args(&self) -> Args;
    /// Parses the output of a successful run.
    fn parse(body: &str) -> Result<Self::Output, DecodeError>;
    /// The user the call acts for, when the command has a USER argument (§2.4).
    fn user(&self) -> Option<&crate::UserName> {
        None
    }
}

/// Output of commands that print nothing on success (§5.10).
pub(crate) fn no_output(_body: &str) -> Result<(), DecodeError> {
    Ok(())
}
