//! What Hestia's own login page runs besides the password check (PROTOCOL.md §7.1–7.2): the
//! 2FA code check and the per-user login history. None of them sleeps; only `v-log-user-login`
//! with AUTHLOG=yes writes to auth.log.

use std::net::{IpAddr, Ipv4Addr};
use std::time::{SystemTime, UNIX_EPOCH};

use super::commands::{keyed, user_missing, Outcome};
use super::hosting::now_stamp;
use super::state::{record, Record, State};
use crate::cmd::{self, Spec};

/// The commands this module runs.
pub(super) const COMMANDS: &[Spec] = &[
    cmd::CHECK_USER_2FA,
    cmd::LOG_USER_LOGIN,
    cmd::LOG_USER_LOGOUT,
    cmd::LIST_USER_AUTH_LOG,
];

/// `v-list-user-auth-log` prints the last 10 lines (`tail -n 10`).
const SHOWN: usize = 10;
/// SESSION_ID must be shorter than this.
const SESSION_MAX: usize = 400;

/// Runs a login command; `None` when `command` is not one of [`COMMANDS`].
pub(crate) fn run(state: &mut State, command: &str, args: &[String]) -> Option<Outcome> {
    let spec = COMMANDS.iter().find(|s| s.name == command)?;
    if let Some(usage) = Outcome::check_args(spec, args) {
        return Some(usage);
    }
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let user = arg(0);
    if crate::names::UserName::new(user).is_err() {
        return Some(Outcome::error(2, format!("invalid user format :: {user}")));
    }
    Some(match *spec {
        cmd::CHECK_USER_2FA => check_2fa(state, user, arg(1)),
        cmd::LOG_USER_LOGIN => log_login(state, args),
        cmd::LOG_USER_LOGOUT => log_logout(state, user, arg(1)),
        _ => list_auth_log(state, user),
    })
}

/// `v-check-user-2fa USER TOKEN`: the code of the previous, current or next 30 s step, compared
/// as strings (`123 456` fails). Logs nothing: failures are the panel's to count.
fn check_2fa(state: &State, user: &str, token: &str) -> Outcome {
    let Some(u) = state.users.get(user) else {
        return user_missing(user);
    };
    let secret = u.record.get("TWOFA").map_or("", String::as_str);
    if secret.is_empty() {
        return Outcome::error(3, "Two-factor authentication is not enabled.");
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let valid = [now.saturating_sub(30), now, now + 30]
        .into_iter()
        .any(|t| super::totp(secret, t).is_some_and(|code| code == token));
    if valid {
        Outcome::silent()
    } else {
        Outcome::error(9, "Authentication token mismatch.")
    }
}

/// Letters, digits, `-`, `_` and `.`: what survives Hestia's SESSION_ID check.
fn session_ok(session: &str) -> bool {
    session.len() < SESSION_MAX
        && session
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// `v-log-user-login USER IP [STATUS] [SESSION_ID] [USER_AGENT] [AUTHLOG] [REASON]`: a line of
/// the user's login history; AUTHLOG=yes also writes `<user> <IP> failed to login (<REASON>)`,
/// whatever STATUS is, which fail2ban counts against the IP argument.
fn log_login(state: &mut State, args: &[String]) -> Outcome {
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let (user, ip, status, session, agent) = (arg(0), arg(1), arg(2), arg(3), arg(4));
    // IPv4 only: Hestia's page writes no history for IPv6 clients.
    let Ok(v4) = ip.parse::<Ipv4Addr>() else {
        return Outcome::error(2, format!("invalid ip :: {ip}"));
    };
    if !session_ok(session) {
        return Outcome::error(2, format!("invalid SESSION_ID format :: {session}"));
    }
    // Both are written between single quotes and read back by `cut -d "'"`.
    for text in [agent, arg(6)] {
        if text.contains(['\'', '"', '|', '\n']) {
            return Outcome::error(
                2,
                format!("Invalid USER_AGENT contains qoutes (\" or ' or | ) :: {text}"),
            );
        }
    }
    let Some(u) = state.users.get_mut(user) else {
        return user_missing(user);
    };
    let (date, time) = now_stamp();
    let active = if status == "failed" { "no" } else { "yes" };
    u.auth_log.push(record(&[
        ("DATE", &date),
        ("TIME", &time),
        ("IP", ip),
        ("ACTION", "login"),
        ("STATUS", status),
        ("USER_AGENT", agent),
        ("SESSION", session),
        ("ACTIVE", active),
    ]));
    if arg(5) == "yes" {
        state.log_failed_login(user, Some(IpAddr::V4(v4)), Some(arg(6)));
    }
    Outcome::silent()
}

/// `v-log-user-logout USER SESSION_ID`: that session's history lines become `ACTIVE='no'`.
fn log_logout(state: &mut State, user: &str, session: &str) -> Outcome {
    if !session_ok(session) {
        return Outcome::error(2, format!("invalid Session ID format :: {session}"));
    }
    let Some(u) = state.users.get_mut(user) else {
        return user_missing(user);
    };
    for entry in &mut u.auth_log {
        if entry.get("SESSION").is_some_and(|s| s == session) {
            entry.insert("ACTIVE".into(), "no".into());
        }
    }
    Outcome::silent()
}

/// `v-list-user-auth-log USER [FORMAT]`: the last 10 history lines, oldest first, keyed
/// `"1"`…`"n"`.
fn list_auth_log(state: &State, user: &str) -> Outcome {
    let Some(u) = state.users.get(user) else {
        return user_missing(user);
    };
    let skip = u.auth_log.len().saturating_sub(SHOWN);
    let entries: Vec<(String, Record)> = u
        .auth_log
        .iter()
        .skip(skip)
        .enumerate()
        .map(|(i, r)| ((i + 1).to_string(), r.clone()))
        .collect();
    Outcome::ok(keyed(entries.iter().map(|(n, r)| (n, r.clone()))))
}

#[cfg(test)]
mod tests {
    use super::super::commands::tests::call;
    use super::super::demo;
    use super::*;

    fn now() -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
    }

    fn history(state: &mut State, user: &str) -> serde_json::Value {
        let (code, out) = call(state, cmd::LIST_USER_AUTH_LOG, &[user, "json"]);
        assert_eq!(code, 0, "{out}");
        serde_json::from_str(&out).unwrap()
    }

    #[test]
    fn two_factor_codes_of_the_window_pass_and_others_fail() {
        let mut state = State::demo();
        let bob = demo::TWO_FACTOR_USER;
        let code = |t: u64| super::super::totp(demo::TWO_FACTOR_SECRET, t).unwrap();
        for t in [now() - 30, now(), now() + 30] {
            assert_eq!(call(&mut state, cmd::CHECK_USER_2FA, &[bob, &code(t)]).0, 0);
        }
        let stale = code(now() - 300);
        let spaced = format!("{} {}", &code(now())[..3], &code(now())[3..]);
        for wrong in [
            stale.as_str(),
            spaced.as_str(),
            "000000x",
            demo::TWO_FACTOR_SECRET,
        ] {
            assert_eq!(
                call(&mut state, cmd::CHECK_USER_2FA, &[bob, wrong]),
                (9, "Error: Authentication token mismatch.".into()),
                "{wrong}"
            );
        }
        // 2FA off, unknown user, no token.
        let alice = demo::DEMO_USER;
        assert_eq!(
            call(&mut state, cmd::CHECK_USER_2FA, &[alice, &code(now())]),
            (3, "Error: Two-factor authentication is not enabled.".into())
        );
        assert_eq!(
            call(&mut state, cmd::CHECK_USER_2FA, &["nosuchuser", "123456"]).0,
            3
        );
        assert_eq!(call(&mut state, cmd::CHECK_USER_2FA, &[bob]).0, 1);
        // Nothing of it reaches auth.log or fail2ban.
        assert!(state.auth_log.is_empty());
        assert!(state.failed_logins.is_empty());
    }

    #[test]
    fn the_login_history_records_address_and_browser() {
        let mut state = State::demo();
        let alice = demo::DEMO_USER;
        let ok = call(
            &mut state,
            cmd::LOG_USER_LOGIN,
            &[
                alice,
                "203.0.113.7",
                "success",
                "tok-1_a.b",
                "Mozilla/5.0 (X11)",
            ],
        );
        assert_eq!(ok, (0, String::new()));
        call(
            &mut state,
            cmd::LOG_USER_LOGIN,
            &[alice, "203.0.113.8", "failed", "tok-2"],
        );
        call(&mut state, cmd::LOG_USER_LOGIN, &[alice, "203.0.113.9"]);
        let h = history(&mut state, alice);
        assert_eq!(h["1"]["IP"], "203.0.113.7");
        assert_eq!(h["1"]["USER_AGENT"], "Mozilla/5.0 (X11)");
        assert_eq!(h["1"]["SESSION"], "tok-1_a.b");
        assert_eq!(h["1"]["ACTION"], "login");
        assert_eq!(h["1"]["STATUS"], "success");
        assert_eq!(h["1"]["ACTIVE"], "yes");
        assert_eq!(h["2"]["ACTIVE"], "no");
        assert_eq!(h["3"]["STATUS"], "");
        assert_eq!(h["3"]["ACTIVE"], "yes");
        let fields: Vec<&String> = h["1"].as_object().unwrap().keys().collect();
        let expected = [
            "DATE",
            "TIME",
            "IP",
            "ACTION",
            "STATUS",
            "USER_AGENT",
            "SESSION",
            "ACTIVE",
        ];
        assert_eq!(fields, expected);
        // Logging out ends that session only.
        assert_eq!(
            call(&mut state, cmd::LOG_USER_LOGOUT, &[alice, "tok-1_a.b"]).0,
            0
        );
        let h = history(&mut state, alice);
        assert_eq!(
            (&h["1"]["ACTIVE"], &h["3"]["ACTIVE"]),
            (&"no".into(), &"yes".into())
        );
        assert_eq!(
            call(&mut state, cmd::LOG_USER_LOGOUT, &["nosuchuser", "tok-1"]).0,
            3
        );
        // Plain entries write nothing to auth.log.
        assert!(state.auth_log.is_empty());
    }

    #[test]
    fn the_login_history_refuses_ipv6_odd_sessions_and_quotes() {
        let mut state = State::demo();
        let alice = demo::DEMO_USER;
        let ip = "203.0.113.7";
        let long = "a".repeat(400);
        let refusals: &[(&[&str], u16, String)] = &[
            (
                &[alice, "2001:db8::31"],
                2,
                "Error: invalid ip :: 2001:db8::31".into(),
            ),
            (
                &[alice, "not-an-ip"],
                2,
                "Error: invalid ip :: not-an-ip".into(),
            ),
            (
                &[alice, ip, "success", "a:b"],
                2,
                "Error: invalid SESSION_ID format :: a:b".into(),
            ),
            (
                &[alice, ip, "success", "a b"],
                2,
                "Error: invalid SESSION_ID format :: a b".into(),
            ),
            (
                &[alice, ip, "success", &long],
                2,
                format!("Error: invalid SESSION_ID format :: {long}"),
            ),
            (
                &[alice, ip, "success", "t", "x'y"],
                2,
                "Error: Invalid USER_AGENT contains qoutes (\" or ' or | ) :: x'y".into(),
            ),
            (
                &[alice, ip, "success", "t", "a|b"],
                2,
                "Error: Invalid USER_AGENT contains qoutes (\" or ' or | ) :: a|b".into(),
            ),
            (
                &[alice, ip, "failed", "t", "ua", "yes", "say \"no\""],
                2,
                "Error: Invalid USER_AGENT contains qoutes (\" or ' or | ) :: say \"no\"".into(),
            ),
            (
                &["nosuchuser", ip],
                3,
                "Error: user nosuchuser doesn't exist".into(),
            ),
            (
                &[alice],
                1,
                format!(
                    "Usage: {} {}",
                    cmd::LOG_USER_LOGIN.name,
                    cmd::LOG_USER_LOGIN.usage
                ),
            ),
        ];
        for (args, code, message) in refusals {
            assert_eq!(
                call(&mut state, cmd::LOG_USER_LOGIN, args),
                (*code, message.clone()),
                "{args:?}"
            );
        }
        assert_eq!(
            call(
                &mut state,
                cmd::LOG_USER_LOGIN,
                &[alice, ip, "s", &"a".repeat(399)]
            )
            .0,
            0
        );
        assert_eq!(history(&mut state, alice).as_object().unwrap().len(), 1);
        assert!(state.failed_logins.is_empty());
    }

    #[test]
    fn authlog_yes_is_a_failed_login_against_the_ip_argument() {
        let mut state = State::demo();
        let end_user: IpAddr = "198.51.100.31".parse().unwrap();
        let args = [
            demo::DEMO_USER,
            "198.51.100.31",
            "success",
            "t1",
            "ua",
            "yes",
            "Login disabled for this user",
        ];
        assert_eq!(call(&mut state, cmd::LOG_USER_LOGIN, &args).0, 0);
        assert_eq!(state.failed_login_count(end_user), 1);
        assert_eq!(
            state.failed_logins.len(),
            1,
            "only the IP argument is counted"
        );
        assert_eq!(
            state.auth_log,
            ["alice 198.51.100.31 failed to login (Login disabled for this user)"]
        );
        // The history line keeps its STATUS.
        assert_eq!(history(&mut state, demo::DEMO_USER)["1"]["ACTIVE"], "yes");
    }

    #[test]
    fn the_auth_log_listing_shows_the_last_ten_oldest_first() {
        let mut state = State::demo();
        let alice = demo::DEMO_USER;
        assert_eq!(
            call(&mut state, cmd::LIST_USER_AUTH_LOG, &[alice, "json"]),
            (0, "{\n}".into())
        );
        for i in 1..=13 {
            let session = format!("s{i}");
            call(
                &mut state,
                cmd::LOG_USER_LOGIN,
                &[alice, "203.0.113.7", "success", &session],
            );
        }
        let h = history(&mut state, alice);
        let sessions: Vec<(&String, &serde_json::Value)> = h
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k, &v["SESSION"]))
            .collect();
        assert_eq!(sessions.len(), 10);
        assert_eq!(sessions[0], (&"1".to_owned(), &"s4".into()));
        assert_eq!(sessions[9], (&"10".to_owned(), &"s13".into()));
        assert_eq!(state.users[alice].auth_log.len(), 13, "never trimmed");
        assert_eq!(
            call(&mut state, cmd::LIST_USER_AUTH_LOG, &["nosuchuser", "json"]).0,
            3
        );
    }

    #[test]
    fn a_wrong_password_counts_against_the_ip_argument_not_the_caller() {
        let mut state = State::demo();
        let alice = demo::DEMO_USER;
        let end_user: IpAddr = "203.0.113.7".parse().unwrap();
        let caller: IpAddr = "127.0.0.1".parse().unwrap();
        let check = |state: &mut State, args: &[&str]| call(state, cmd::CHECK_USER_PASSWORD, args);
        assert_eq!(
            check(&mut state, &[alice, "wrong-pass", "203.0.113.7"]),
            (9, "Error: password missmatch".into())
        );
        assert_eq!(state.failed_login_count(end_user), 1);
        assert_eq!(state.failed_login_count(caller), 0);
        assert_eq!(
            check(&mut state, &[alice, demo::USER_PASSWORD, "203.0.113.7"]).0,
            0
        );
        assert_eq!(check(&mut state, &["nosuchuser", "x", "203.0.113.7"]).0, 9);
        // An empty IP: a line without an address, which fail2ban counts for nobody.
        assert_eq!(check(&mut state, &[alice, "wrong", ""]).0, 9);
        assert_eq!(
            state.auth_log,
            [
                "alice 203.0.113.7 failed to login",
                "alice 203.0.113.7 successfully logged in",
                "nosuchuser 203.0.113.7 failed to login",
                "alice  failed to login",
            ]
        );
        assert_eq!(state.failed_login_count(end_user), 2);
        assert_eq!(state.failed_login_count(caller), 0);
    }

    #[test]
    fn the_password_check_ignores_login_settings_but_not_suspension() {
        let mut state = State::demo();
        let alice = demo::DEMO_USER;
        let ip = "203.0.113.7";
        for (field, value) in [
            ("LOGIN_DISABLED", "yes"),
            ("LOGIN_USE_IPLIST", "yes"),
            ("LOGIN_ALLOW_IPS", "192.0.2.1"),
            ("TWOFA", demo::TWO_FACTOR_SECRET),
        ] {
            state.users[alice].record.insert(field.into(), value.into());
        }
        let check = |state: &mut State, user: &str, password: &str| {
            call(state, cmd::CHECK_USER_PASSWORD, &[user, password, ip])
        };
        assert_eq!(
            check(&mut state, alice, demo::USER_PASSWORD),
            (0, String::new())
        );
        let bob = demo::TWO_FACTOR_USER;
        assert_eq!(check(&mut state, bob, demo::TWO_FACTOR_PASSWORD).0, 0);
        state.users[alice]
            .record
            .insert("SUSPENDED".into(), "yes".into());
        assert_eq!(check(&mut state, alice, demo::USER_PASSWORD).0, 9);
        assert_eq!(
            state.auth_log.last().unwrap(),
            "alice 203.0.113.7 failed to login"
        );
    }
}
