//! Generic views of object kinds described in [`crate::catalogue`].

mod table;

pub use table::ObjectTable;
