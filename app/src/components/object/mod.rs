//! Generic views of the object kinds described in [`crate::catalogue`]: a list (search,
//! sort, pages, selection, bulk actions), an object's page (facts, actions, the lists of its
//! children) and the action panel every change goes through.

mod action;
mod cell;
mod jobs;
mod list;
mod page;

pub use action::action_panel;
pub use cell::render_cell;
pub use jobs::JobStatus;
pub use list::ObjectList;
pub use page::{ObjectView, OpenByName};
