//! Objects of every kind in the catalogue: list, read one, act on one, act on a selection, read
//! again.

mod act;
mod act_on_many;
mod get_object;
mod list_choices;
mod list_objects;
mod refresh_data;

pub use act::*;
pub use act_on_many::*;
pub use get_object::*;
pub use list_choices::*;
pub use list_objects::*;
pub use refresh_data::*;
