//! What can go wrong with a Hestia call, kept apart by who said no.

use crate::return_code::ReturnCode;

/// Why Hestia refused a call or what failed when it ran (PROTOCOL.md §1.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Row 1: the endpoint could not read the request (405).
    UnreadableRequest,
    /// Row 2: key mode is switched off (`API_SYSTEM` is 0).
    KeyApiDisabled,
    /// Row 8: keys of users other than the root user are switched off (`API_SYSTEM` is 1).
    UserKeysDisabled,
    /// Row 10: legacy mode is switched off (`API` is not `yes`).
    LegacyApiDisabled,
    /// `v-change-sys-api disable` put `die("Error: Disabled")` in the endpoint (§1.1).
    EndpointDisabled,
    /// Rows 3 and 11: the caller's address is not in `API_ALLOWED_IP`.
    IpNotAllowed,
    /// Rows 4, 5, 16, 17: the command name is empty or malformed.
    InvalidCommand,
    /// Rows 6, 12–15 and `v-check-access-key`'s credential checks.
    BadCredentials(CredentialProblem),
    /// `v-check-access-key`: no such script on the server.
    CommandNotFound,
    /// `v-check-access-key`: the key's profiles do not include the command.
    NotPermitted,
    /// `v-check-access-key`: the key's owner account no longer exists.
    OwnerMissing,
    /// `v-check-access-key`: the key's owner account is suspended.
    OwnerSuspended,
    /// `v-check-access-key`: the server runs in demo mode.
    DemoMode,
    /// Row 9: the USER argument is not the key's owner.
    UserArgumentMismatch,
    /// The command ran and exited with this code.
    CommandFailed,
}

/// Which credential check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialProblem {
    /// Key ID or secret missing (row 6).
    Missing,
    /// The key ID is not 20 letters or digits.
    MalformedKeyId,
    /// No key has this ID.
    UnknownKey,
    /// The secret is not 40 characters of the allowed alphabet.
    MalformedSecret,
    /// The secret does not match the key.
    WrongSecret,
    /// Legacy mode: password, user or legacy key refused (Hestia does not say which).
    Rejected,
}

impl Refusal {
    /// Whether Hestia wrote a `failed to login` line for this refusal, which its fail2ban jail
    /// counts against the caller's address (§1.6 row 7, §2.6).
    pub fn is_failed_login(self) -> bool {
        match self {
            Self::BadCredentials(_)
            | Self::CommandNotFound
            | Self::NotPermitted
            | Self::OwnerMissing
            | Self::OwnerSuspended => true,
            Self::UnreadableRequest
            | Self::KeyApiDisabled
            | Self::UserKeysDisabled
            | Self::LegacyApiDisabled
            | Self::EndpointDisabled
            | Self::IpNotAllowed
            | Self::InvalidCommand
            | Self::DemoMode
            | Self::UserArgumentMismatch
            | Self::CommandFailed => false,
        }
    }
}

/// A failed Hestia call.
///
/// `Display` never includes Hestia's own text ([`Error::Refused::detail`]), which is meant for
/// logs; no variant ever holds a secret.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Hestia answered and said no: the endpoint refused, or the command failed.
    #[error("Hestia refused {command}: {code} ({refusal:?})")]
    Refused {
        /// The command name.
        command: String,
        /// The exit code.
        code: ReturnCode,
        /// What the refusal means.
        refusal: Refusal,
        /// Hestia's message (for logs only; it may name users, domains or key IDs).
        detail: String,
    },
    /// An HTTP status that Hestia's endpoint itself never sends (nginx error pages: 5xx,
    /// or 403/404 when the endpoint was removed).
    #[error("Hestia's web server answered {command} with HTTP {status}")]
    Http {
        /// The command name.
        command: String,
        /// The HTTP status.
        status: u16,
    },
    /// No connection could be made, or it broke.
    #[error("Hestia could not be reached for {command}")]
    Unreachable {
        /// The command name.
        command: String,
    },
    /// Hestia did not answer in time.
    #[error("Hestia did not answer {command} in time")]
    Timeout {
        /// The command name.
        command: String,
    },
    /// Every slot for calls to this server stayed taken while the call waited.
    #[error("Hestia is busy with other calls; {command} waited too long for a slot")]
    Busy {
        /// The command name.
        command: String,
    },
    /// The slots shared with other processes could not be counted: their store is out of
    /// reach ([`crate::client::CallSlots`]). Nothing was sent.
    #[error("the slots for calls to Hestia cannot be counted; {command} was not sent")]
    NoSlots {
        /// The command name.
        command: String,
    },
    /// The answer could not be read as the command's output.
    #[error("Hestia's answer to {command} is unreadable at {path}")]
    Decode {
        /// The command name.
        command: String,
        /// Where in the payload it broke (`example.test.SSL`, or `.` for the whole body).
        path: String,
    },
}

impl Error {
    /// The refusal and code, if Hestia answered with one.
    pub fn refusal(&self) -> Option<(Refusal, ReturnCode)> {
        match self {
            Self::Refused { refusal, code, .. } => Some((*refusal, *code)),
            Self::Http { .. }
            | Self::Unreachable { .. }
            | Self::Timeout { .. }
            | Self::Busy { .. }
            | Self::NoSlots { .. }
            | Self::Decode { .. } => None,
        }
    }

    /// The command the error belongs to.
    pub fn command(&self) -> &str {
        match self {
            Self::Refused { command, .. }
            | Self::Http { command, .. }
            | Self::Unreachable { command }
            | Self::Timeout { command }
            | Self::Busy { command }
            | Self::NoSlots { command }
            | Self::Decode { command, .. } => command,
        }
    }

    /// Whether Hestia counted this call as a failed login (see [`Refusal::is_failed_login`]).
    pub fn is_failed_login(&self) -> bool {
        self.refusal().is_some_and(|(r, _)| r.is_failed_login())
    }
}
