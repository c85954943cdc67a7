//! One error type from the Hestia call to the page (STYLE.md "One error type, end to end").
//!
//! Variants carry only what the page needs to explain the problem; Hestia's own text stays in
//! the server's log. The words are in [`crate::text::error_message`].

use hestia::ReturnCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Which of Hestia's API switches is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiSwitch {
    /// `API_SYSTEM` is 0: no access keys at all.
    AccessKeys,
    /// `API_SYSTEM` is 1: only the root user's keys.
    UserAccessKeys,
    /// `API` is not `yes`: no root password or legacy key.
    Legacy,
    /// `v-change-sys-api disable` switched the endpoint off.
    Endpoint,
}

/// Why the credentials were not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoginProblem {
    /// No key with this ID.
    UnknownKey,
    /// The secret does not belong to the key.
    WrongSecret,
    /// Key ID or secret is not even well-formed.
    MalformedKey,
    /// Root password, user name or legacy key refused (Hestia does not say which).
    Rejected,
    /// A user's key without any profile can run nothing.
    NoPermissions,
    /// Wrong user name or password (Hestia does not say which).
    WrongPassword,
    /// The two-factor code is wrong, or was not given.
    WrongCode,
    /// The password step is too old or was never done: start again.
    CodeTooLate,
    /// This server is not set up for password logins of users other than the root user.
    PasswordsNotSetUp,
}

/// Everything that can go wrong, as the browser learns it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum HearthError {
    /// No session, or it expired.
    #[error("your session has ended")]
    SessionExpired,
    /// The session's key may not run the command behind this.
    #[error("your key does not allow {command}")]
    NotAllowed {
        /// The command.
        command: String,
    },
    /// A form value is invalid; nothing was sent.
    #[error("{field}: {problem}")]
    Invalid {
        /// The form field's name.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// Login refused.
    #[error("login refused: {0:?}")]
    Login(LoginProblem),
    /// The key's owner is suspended.
    #[error("the account {user} is suspended")]
    OwnerSuspended {
        /// The account.
        user: String,
    },
    /// The key's owner no longer exists.
    #[error("the account {user} no longer exists")]
    OwnerMissing {
        /// The account.
        user: String,
    },
    /// Hestia refused the credentials this session logged in with (key deleted or changed,
    /// account suspended or removed): the session is over.
    #[error("Hestia no longer accepts this session's credentials")]
    CredentialsRevoked,
    /// Hearth holds back what Hestia might refuse, to stay under its fail2ban limit.
    #[error("too many failed logins; wait {wait_secs} s")]
    Throttled {
        /// Seconds until the next attempt is allowed.
        wait_secs: u64,
    },
    /// Too many wrong passwords or codes for this account or from this address.
    #[error("too many wrong passwords; wait {wait_secs} s")]
    TooManyGuesses {
        /// Seconds until the next attempt is allowed.
        wait_secs: u64,
    },
    /// Every slot for calls Hestia might refuse is taken by calls still running.
    #[error("Hestia is busy")]
    Busy,
    /// Hestia refused Hearth's own service key: the operator must fix it.
    #[error("Hestia refused Hearth's service key")]
    ServiceKeyRefused,
    /// Hestia refuses Hearth's address.
    #[error("Hestia does not allow Hearth's address")]
    IpNotAllowed {
        /// The address Hearth connects from, as far as Hearth can tell.
        address: Option<String>,
    },
    /// One of Hestia's API switches is off.
    #[error("Hestia's API is switched off ({0:?})")]
    ApiDisabled(ApiSwitch),
    /// Hestia refused or the command failed.
    #[error("Hestia refused {command}: {code}")]
    Refused {
        /// The command.
        command: String,
        /// Hestia's code.
        code: ReturnCode,
    },
    /// Hestia cannot be reached.
    #[error("Hestia cannot be reached")]
    Unreachable,
    /// Hestia did not answer in time.
    #[error("Hestia did not answer in time")]
    Timeout,
    /// Hestia's answer could not be read.
    #[error("Hestia's answer to {command} is unreadable")]
    BadPayload {
        /// The command.
        command: String,
    },
    /// Hestia's web server answered with an error page.
    #[error("Hestia's web server answered HTTP {status}")]
    UpstreamHttp {
        /// The HTTP status.
        status: u16,
    },
    /// Hearth's own database cannot be reached (details in Hearth's log).
    #[error("Hearth's database is unavailable")]
    DatabaseUnavailable,
    /// A bug or broken setup in Hearth itself (details in Hearth's log).
    #[error("internal error")]
    Internal,
    /// The request between browser and Hearth failed.
    #[error("request failed: {0}")]
    Transport(String),
}

impl HearthError {
    /// The HTTP status for a page or server function that failed this way.
    pub fn status(&self) -> u16 {
        match self {
            Self::SessionExpired | Self::CredentialsRevoked | Self::Login(_) => 401,
            Self::NotAllowed { .. } | Self::OwnerSuspended { .. } | Self::OwnerMissing { .. } => {
                403
            }
            Self::Invalid { .. } => 422,
            Self::Throttled { .. } | Self::TooManyGuesses { .. } => 429,
            Self::Busy | Self::ServiceKeyRefused | Self::DatabaseUnavailable => 503,
            Self::Refused {
                code: ReturnCode::NotExist,
                ..
            } => 404,
            Self::Refused { .. } => 400,
            Self::IpNotAllowed { .. }
            | Self::ApiDisabled(_)
            | Self::BadPayload { .. }
            | Self::UpstreamHttp { .. } => 502,
            Self::Unreachable => 502,
            Self::Timeout => 504,
            Self::Internal | Self::Transport(_) => 500,
        }
    }

    /// Shorthand for a form field error.
    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.to_owned(),
            problem: problem.into(),
        }
    }
}

impl FromServerFnError for HearthError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}
