//! Hestia's object kinds, each described once: its section, list command, columns, details,
//! actions with their arguments and form fields. Generic components
//! ([`crate::components::object`]) render every kind from its description, and one server
//! function per verb (list, act) serves them all. Adding a kind is adding a description.
//!
//! The vocabulary of a description has a file each: [`section`] (the panel's sections and the
//! kinds' names on the wire), [`kind`], [`column`] (how fields show), [`action`] (commands and
//! their arguments), [`form`] (fields and values), [`url`] (addresses); one file per area holds
//! its kinds.

mod action;
mod column;
mod form;
mod kind;
mod section;
mod url;

mod backups;
mod cron;
mod databases;
mod dns;
mod keys;
mod mail;
mod packages;
mod services;
mod users;
pub mod validate;
mod web;

pub use action::*;
pub use column::*;
pub use form::*;
pub use hestia::model::Entry;
pub use kind::*;
pub use section::*;
pub use url::*;

#[cfg(test)]
mod tests {
    use super::*;
    use hestia::cmd;

    #[test]
    fn each_section_lists_its_own_top_level_kind() {
        for section in Section::ALL {
            let kind = section.kind();
            assert_eq!((kind.section, kind.parent), (section, None), "{section:?}");
        }
    }

    #[test]
    fn slugs_round_trip_and_every_section_has_a_kind() {
        for s in Section::ALL {
            assert_eq!(Section::from_slug(s.slug()), Some(s));
            assert_eq!(s.kind().section, s);
        }
        for k in KindId::ALL {
            assert_eq!(k.kind().id, k, "{k:?}");
            assert_eq!(KindId::from_slug(k.kind().slug), Some(k));
        }
        assert_eq!(Section::from_slug("nope"), None);
    }

    #[test]
    fn password_fields_sit_where_the_commands_take_a_password() {
        for k in KindId::ALL {
            for a in k.kind().actions {
                for (i, arg) in a.args.iter().enumerate() {
                    let secret = matches!(arg, Arg::Secret(_));
                    assert_eq!(secret, a.command.is_secret(i), "{k:?} {} arg {i}", a.id);
                }
                assert!(a.args.len() >= a.command.required(), "{k:?} {}", a.id);
            }
        }
        assert!(!cmd::ADD_USER_PACKAGE.carries_secret());
    }

    #[test]
    fn every_argument_names_a_field_of_its_form() {
        for k in KindId::ALL {
            for a in k.kind().actions {
                for arg in a.args {
                    if let Arg::Field(f) | Arg::List(f) | Arg::Secret(f) | Arg::Checked(f, ..) = arg
                    {
                        assert!(a.fields.iter().any(|x| x.name == *f), "{k:?} {} {f}", a.id);
                    }
                    if let Arg::File(lines) = arg {
                        for (_, f) in *lines {
                            assert!(a.fields.iter().any(|x| x.name == *f), "{k:?} {} {f}", a.id);
                        }
                    }
                }
                let users = a.args.iter().filter(|x| **x == Arg::User).count();
                if k.kind().scope == Scope::User {
                    assert_eq!(users, 1, "{k:?} {}: USER comes once", a.id);
                    assert_eq!(a.args.first(), Some(&Arg::User), "{k:?} {}", a.id);
                } else {
                    assert_eq!(users, 0, "{k:?} {}: a server-wide kind", a.id);
                }
            }
        }
    }
}
