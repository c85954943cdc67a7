use crate::cmd::Spec;
use crate::protocol::Args;
use crate::UserName;

/// A command put together at run time from a description (Hearth's catalogue of object
/// kinds) rather than written as a type: its output is read as [`crate::model::Entry`] lists
/// or ignored (actions print nothing, §5.10).
#[derive(Debug, Clone)]
pub struct Call {
    /// The command.
    pub spec: &'static Spec,
    /// The positional arguments, USER first when it has one.
    pub args: Args,
    /// The user it acts for, when it has a USER argument.
    pub user: Option<UserName>,
}
