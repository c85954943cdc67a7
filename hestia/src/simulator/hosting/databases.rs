//! Databases and their users (PROTOCOL.md §5.5).

use super::*;

/// Charsets `v-add-database` accepts.
const CHARSETS: &[&str] = &[
    "BIG5", "CP1250", "CP1251", "CP1256", "CP1257", "CP850", "CP852", "CP866", "CP932", "EUCJPMS",
    "EUCKR", "GB2312", "GBK", "GEOSTD8", "GREEK", "HEBREW", "KOI8R", "KOI8U", "LATIN1", "LATIN2",
    "LATIN5", "LATIN7", "MACCE", "MACROMAN", "SJIS", "SWE7", "TIS620", "UCS2", "UJIS", "UTF8",
    "UTF8MB4",
];

pub(super) fn databases(
    user: &mut SimUser,
    name: &str,
    command: &'static Spec,
    a: &Args<'_>,
    secret: &str,
) -> Outcome {
    match *command {
        cmd::LIST_DATABASES => {
            Outcome::ok(keyed(user.databases.iter().map(|(k, r)| (k, r.clone()))))
        }
        cmd::ADD_DATABASE => {
            let kind = if a.get(4).is_empty() {
                "mysql"
            } else {
                a.get(4)
            };
            if !["mysql", "pgsql"].contains(&kind) {
                return invalid("type", kind);
            }
            let charset = if a.get(6).is_empty() {
                "UTF8MB4"
            } else {
                a.get(6)
            };
            if !CHARSETS.contains(&charset.to_uppercase().as_str()) {
                return invalid("charset", charset);
            }
            let fix = |n: &str| {
                let full = format!("{name}_{n}");
                if kind == "pgsql" {
                    full.to_lowercase()
                } else {
                    full
                }
            };
            let (database, dbuser) = (fix(a.get(1)), fix(a.get(2)));
            if crate::names::database(&database).is_err() {
                return invalid("database", &database);
            }
            if crate::names::database_user(&dbuser).is_err() {
                return invalid("dbuser", &dbuser);
            }
            if user.databases.contains_key(&database) {
                return exists("database", &database);
            }
            if !under_limit(user, "DATABASES", user.databases.len()) {
                return limit("DATABASES");
            }
            if secret.is_empty() {
                return invalid("password", "");
            }
            let r = stamped(&[
                ("DATABASE", &database),
                ("DBUSER", &dbuser),
                ("HOST", "localhost"),
                ("TYPE", kind),
                ("CHARSET", &charset.to_uppercase()),
                ("U_DISK", "0"),
            ]);
            user.databases.insert(database.clone(), r);
            log(
                user,
                "Info",
                "Databases",
                &format!("Added new database ({database})."),
            );
            Outcome::silent()
        }
        cmd::DELETE_DATABASE => match user.databases.shift_remove(a.get(1)) {
            Some(_) => Outcome::silent(),
            None => missing("database", a.get(1)),
        },
        _ => match user.databases.get_mut(a.get(1)) {
            Some(r) => toggle(r, *command == cmd::SUSPEND_DATABASE, "database", a.get(1)),
            None => missing("database", a.get(1)),
        },
    }
}
