//! Every word Hearth shows, in one place, so translations can come (one module per language
//! later; the keys are these names).

use crate::error::{ApiSwitch, HearthError, LoginProblem};

pub const PRODUCT: &str = "Hearth";
pub const TAGLINE: &str = "A control panel for Hestia servers";
pub const DEMO_BADGE: &str = "demo";
pub const DEMO_NOTE: &str =
    "Demo mode: Hearth runs on a built-in Hestia simulator. The demo keys and passwords are printed in the terminal that started Hearth.";

pub const LOGIN_TITLE: &str = "Log in";
pub const LOGIN_KEY_HEADING: &str = "Access key";
pub const LOGIN_KEY_ID: &str = "Access key ID";
pub const LOGIN_KEY_ID_HINT: &str = "20 letters and digits, or paste ID:SECRET here";
pub const LOGIN_SECRET: &str = "Secret key";
pub const LOGIN_USER_NAME: &str = "Hestia user name";
pub const LOGIN_USER_NAME_HINT: &str = "The account the key belongs to";
pub const LOGIN_SUBMIT: &str = "Log in";
pub const LOGIN_PASSWORD_HEADING: &str = "User name and password";
pub const LOGIN_USER: &str = "User name";
pub const LOGIN_PASSWORD: &str = "Password";
pub const LOGIN_ROOT_ONLY_NOTE: &str =
    "Only the root user can log in with a password here; other users log in with an access key.";
pub const LOGIN_CODE_HEADING: &str = "Two-factor authentication";
pub const LOGIN_CODE_FOR: &str = "Enter the code your authenticator app shows for";
pub const LOGIN_CODE: &str = "Authentication code";
pub const LOGIN_CODE_HINT: &str = "Six digits; a new one every 30 seconds";
pub const LOGIN_OTHER_ACCOUNT: &str = "Use another account";
pub const LOGIN_LEGACY_HEADING: &str = "Legacy API key";
pub const LOGIN_LEGACY_KEY: &str = "Legacy API key";
pub const LOGIN_ADVANCED_NOTE: &str =
    "A legacy API key gives unrestricted access to the whole server. Prefer an access key.";
pub const LOGIN_NO_SERVICE_KEY_NOTE: &str =
    "Hearth has no service key: it cannot check secrets itself, so every failed login counts toward Hestia's brute-force ban. Hearth stops after 3 failures in 10 minutes.";

pub const NAV_DASHBOARD: &str = "Dashboard";
pub const NAV_MAIN: &str = "Sections";
pub const LOGOUT: &str = "Log out";
pub const SIGNED_IN_AS: &str = "Logged in as";
pub const VIA_KEY: &str = "key";
pub const VIA_PASSWORD: &str = "password";
pub const VIA_LEGACY_KEY: &str = "legacy API key";

pub const DASHBOARD_TITLE: &str = "Dashboard";
pub const DASHBOARD_PACKAGE: &str = "Package";
pub const DASHBOARD_USAGE: &str = "Usage and limits";
pub const DASHBOARD_SECTIONS: &str = "Your sections";
pub const DASHBOARD_NO_ACCOUNT_VIEW: &str =
    "Your key may not read your account's package and limits; here is what it can reach.";
pub const DASHBOARD_NO_SECTIONS: &str = "This key does not allow any section Hearth offers yet.";
pub const UNLIMITED: &str = "unlimited";
pub const UNIT_MB: &str = " MB";
pub const USAGE_WEB_DOMAINS: &str = "Web domains";
pub const USAGE_WEB_ALIASES: &str = "Web aliases";
pub const USAGE_DNS_ZONES: &str = "DNS zones";
pub const USAGE_DNS_RECORDS: &str = "DNS records";
pub const USAGE_MAIL_DOMAINS: &str = "Mail domains";
pub const USAGE_MAIL_ACCOUNTS: &str = "Mail accounts";
pub const USAGE_DATABASES: &str = "Databases";
pub const USAGE_CRON_JOBS: &str = "Cron jobs";
pub const USAGE_BACKUPS: &str = "Backups";
pub const USAGE_DISK: &str = "Disk";
pub const USAGE_BANDWIDTH: &str = "Bandwidth";
pub const UNKNOWN: &str = "—";

pub const LOADING: &str = "Loading…";
pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_TEXT: &str = "There is no page at this address.";
pub const NOT_ALLOWED_TITLE: &str = "Your key does not allow this";
pub const NOT_ALLOWED_TEXT: &str =
    "The access key you logged in with has no profile that grants this section. Ask your administrator for a key with the right profile.";
pub const BACK_TO_DASHBOARD: &str = "Back to the dashboard";

pub const FILTER_PLACEHOLDER: &str = "Type to filter";
pub const NO_MATCH: &str = "Nothing matches the filter.";
pub const ACTIVE: &str = "active";
pub const SUSPENDED: &str = "suspended";
pub const SSL: &str = "SSL";
pub const LETSENCRYPT: &str = "Let's Encrypt";
pub const NO_SSL: &str = "no SSL";
pub const YES: &str = "yes";
pub const NO: &str = "no";
pub const REQUIRED: &str = "This field is required.";
pub const SELECT_ALL: &str = "Select all on this page";
pub const SELECT_ROW: &str = "Select";
pub const SELECTED: &str = "selected";
pub const ACTIONS: &str = "Actions";
pub const CANCEL: &str = "Cancel";
pub const WORKING: &str = "Working…";
pub const PREVIOUS: &str = "Previous";
pub const NEXT: &str = "Next";
pub const SEARCH: &str = "Search";
pub const REFRESH: &str = "Refresh";
pub const REFRESH_HINT: &str =
    "Read this page from Hestia again (Hearth keeps what it read for a few minutes)";
/// Opens a list shown on demand ("Show DKIM records to publish").
pub const SHOW: &str = "Show";
/// Opens an object named by the user.
pub const OPEN: &str = "Open";
pub const PAGE_OF: &str = "Page";
pub const SORT_BY: &str = "Sort by";
pub const FACTS: &str = "Details";
pub const NOT_FOUND_OBJECT: &str = "This object does not exist (any more).";
pub const BULK_PARTIAL: &str = "Some could not be changed:";
pub const SHOW_LIST_NOW: &str = "Show the list as it is now";
pub const JOB_QUEUED: &str = "queued";
pub const JOB_RUNNING: &str = "running";
pub const JOB_DONE: &str = "done";
pub const JOB_FAILED: &str = "failed";
pub const JOB_LIVE: &str = "Updates by itself.";
pub const JOB_TITLE: &str = "Your queued backup or restore";

/// Hestia's refusal of a change, in words that fit the kind of object.
pub fn refusal(noun: &str, plural: &str, code: hestia::ReturnCode) -> (String, String) {
    use hestia::ReturnCode as C;
    let (title, detail) = match code {
        C::Exists => (format!("This {noun} already exists"), "Choose another name, or open the existing one.".to_owned()),
        C::Limit => (
            format!("Your package allows no more {plural}"),
            "Delete one you no longer need, or ask your hosting provider for a bigger package.".to_owned(),
        ),
        C::Invalid => (
            "Hestia did not accept a value".to_owned(),
            "One of the values is not in a form Hestia takes. Check them and try again; nothing was changed.".to_owned(),
        ),
        C::NotExist => (
            format!("This {noun} does not exist"),
            "It may have been deleted meanwhile. The list has been read again.".to_owned(),
        ),
        C::Suspended => (
            "It is suspended".to_owned(),
            format!("This {noun}, or the account it belongs to, is suspended: unsuspend it first."),
        ),
        C::Unsuspended => ("It is not suspended".to_owned(), format!("This {noun} is already active.")),
        C::InUse => (
            format!("This {noun} is in use"),
            "Another object depends on it; remove that first.".to_owned(),
        ),
        C::Disabled => (
            "This service is switched off on the server".to_owned(),
            "The server does not run this part of Hestia. Ask your hosting provider.".to_owned(),
        ),
        C::Restart => (
            "Saved, but a service did not restart".to_owned(),
            "The change is written, yet the service failed to reload. Ask your hosting provider to check it.".to_owned(),
        ),
        C::Password => ("Password not accepted".to_owned(), "The server refused this password; choose a stronger one.".to_owned()),
        C::Disk => ("Not enough disk space".to_owned(), "The server or your package is out of disk space.".to_owned()),
        C::LoadAverage => ("The server is busy".to_owned(), "Its load is too high right now; try again in a few minutes.".to_owned()),
        other => ("Hestia refused the change".to_owned(), format!("{} ({}).", other.message(), other.name())),
    };
    (title, detail)
}

/// The words for an error: a title and what to do.
pub fn error_message(error: &HearthError) -> (String, String) {
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    match error {
        HearthError::SessionExpired => s("Your session has ended", "Log in again to continue."),
        HearthError::NotAllowed { command } => (
            NOT_ALLOWED_TITLE.to_owned(),
            format!("Your key's profiles do not include {command}. Ask your administrator for a key that does."),
        ),
        HearthError::Invalid { problem, .. } => s("Please check this value", problem),
        HearthError::Login(LoginProblem::UnknownKey) => {
            s("Unknown access key", "No key with this ID exists on the server. Check the ID, or create a key in Hestia.")
        }
        HearthError::Login(LoginProblem::WrongSecret) => {
            s("Wrong secret key", "The secret does not belong to this access key. Copy it again from where you saved it.")
        }
        HearthError::Login(LoginProblem::MalformedKey) => s(
            "That is not an access key",
            "An access key ID is 20 letters and digits, its secret 40 characters. You can also paste ID:SECRET into the first field.",
        ),
        HearthError::Login(LoginProblem::Rejected) => {
            s("Login refused", "Hestia did not accept these credentials. Check them and try again.")
        }
        HearthError::Login(LoginProblem::NoPermissions) => {
            s("This key has no permissions", "Keys of users other than the root user need at least one profile.")
        }
        HearthError::Login(LoginProblem::WrongPassword) => {
            s("Invalid username or password", "Check both and try again. Passwords are case-sensitive.")
        }
        HearthError::Login(LoginProblem::WrongCode) => s(
            "Invalid or missing 2FA token",
            "Enter the six-digit code your authenticator app shows now for this account.",
        ),
        HearthError::Login(LoginProblem::CodeTooLate) => {
            s("Please log in again", "The code was asked for more than five minutes ago, or too many wrong codes were entered. Enter your password again.")
        }
        HearthError::Login(LoginProblem::PasswordsNotSetUp) => s(
            "Password login is not set up here",
            "This panel cannot log this account in with its password: its service key lacks a command password logins need, or the profile it gives password sessions does not exist on the server (README, \"Create Hearth's service key\"; the details are in Hearth's log). Log in with an access key, or ask your administrator.",
        ),
        HearthError::TooManyGuesses { wait_secs } => (
            "Too many failed attempts".into(),
            format!(
                "Too many wrong passwords or codes for this account or from your address. Try again in {}.",
                duration_words(*wait_secs)
            ),
        ),
        HearthError::OwnerSuspended { user } => (
            "Account suspended".into(),
            format!("The account {user} is suspended on this server. Contact your hosting provider."),
        ),
        HearthError::OwnerMissing { user } => {
            ("Account removed".into(), format!("The account {user} no longer exists on this server."))
        }
        HearthError::CredentialsRevoked => s(
            "Your key no longer works",
            "Hestia refused the credentials this session logged in with: the key was deleted or its profiles changed, or the account was suspended or removed. Log in again, or ask your administrator.",
        ),
        HearthError::Throttled { wait_secs } => (
            "Too many failed logins".into(),
            format!(
                "To keep Hestia's brute-force protection from locking out every user of this panel, Hearth pauses what Hestia might refuse after a few failures. Try again in {}.",
                duration_words(*wait_secs)
            ),
        ),
        HearthError::Busy => s(
            "Hestia is busy",
            "Hestia is still working on other requests. Try again in a moment.",
        ),
        HearthError::ServiceKeyRefused => s(
            "Hearth's service key was refused",
            "Hestia did not accept the service key this panel uses to look keys up, so key logins wait until it works again (Hearth tries it at most once a minute). Operator: check that the key in service-key-file still exists, is owned by the root user, and has the hearth-service profile (README, \"Create Hearth's service key\").",
        ),
        HearthError::IpNotAllowed { address } => (
            "Hestia does not accept connections from Hearth".into(),
            match address {
                Some(a) => format!("An administrator must add Hearth's address {a} to Hestia's allowed API addresses (API_ALLOWED_IP: Server settings → API, or `v-add-sys-api-ip {a}`)."),
                None => "An administrator must add Hearth's address to Hestia's allowed API addresses (API_ALLOWED_IP: Server settings → API, or v-add-sys-api-ip).".into(),
            },
        ),
        HearthError::ApiDisabled(switch) => (
            "Hestia's API is switched off".into(),
            match switch {
                ApiSwitch::AccessKeys => "Access keys are disabled on this server (API_SYSTEM is 0). An administrator can enable them with `v-change-sys-api enable api` or in Server settings → API.".into(),
                ApiSwitch::UserAccessKeys => "This server accepts access keys of the administrator only (API_SYSTEM is 1). Set API_SYSTEM to 2 (“Enabled for all users”) so users can log in with their keys.".into(),
                ApiSwitch::Legacy => "Root password and legacy key logins are disabled (API is not yes). Use an access key, or enable the legacy API with `v-change-sys-api enable legacy`.".into(),
                ApiSwitch::Endpoint => "The API endpoint is disabled on this server. An administrator can enable it with `v-change-sys-api enable all`.".into(),
            },
        ),
        HearthError::Refused { command, code } => {
            ("Hestia refused the request".into(), format!("{} ({} from {command})", code.message(), code.name()))
        }
        HearthError::Unreachable => s(
            "Hestia cannot be reached",
            "Hearth could not connect to the Hestia server. It may be down or restarting; try again in a minute.",
        ),
        HearthError::Timeout => {
            s("Hestia is too slow", "The Hestia server did not answer in time. It may be busy; try again in a minute.")
        }
        HearthError::BadPayload { command } => (
            "Hestia's answer is unreadable".into(),
            format!("Hestia answered {command} with data Hearth cannot read. The details are in Hearth's log."),
        ),
        HearthError::UpstreamHttp { status } => (
            "Hestia's web server reported an error".into(),
            format!("It answered with HTTP {status} instead of the API's answer. The API may be removed or the panel's PHP service down."),
        ),
        HearthError::DatabaseUnavailable => s("Hearth's database is unavailable", "Hearth cannot reach the database it keeps sessions and the audit log in. Try again in a minute; if it lasts, tell your administrator."),
        HearthError::Internal => s("Something went wrong in Hearth", "The details are in Hearth's log."),
        HearthError::Transport(_) => {
            s("The request did not get through", "Check your connection to Hearth and try again.")
        }
    }
}

fn duration_words(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} seconds"),
        60..=119 => "about a minute".into(),
        _ => format!("about {} minutes", secs.div_ceil(60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_words() {
        let all = [
            HearthError::SessionExpired,
            HearthError::Login(LoginProblem::WrongSecret),
            HearthError::Throttled { wait_secs: 300 },
            HearthError::IpNotAllowed {
                address: Some("192.0.2.7".into()),
            },
            HearthError::ApiDisabled(ApiSwitch::UserAccessKeys),
            HearthError::CredentialsRevoked,
            HearthError::Busy,
            HearthError::ServiceKeyRefused,
        ];
        for e in &all {
            let (title, body) = error_message(e);
            assert!(!title.is_empty() && !body.is_empty());
        }
        assert!(error_message(&all[3]).1.contains("192.0.2.7"));
        assert!(error_message(&all[2]).1.contains("5 minutes"));
    }
}
