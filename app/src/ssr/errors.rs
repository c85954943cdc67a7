//! The one place a Hestia failure becomes a [`HearthError`], and is logged: the command, the
//! code, the status and the decode path, never arguments or secrets.

use hestia::error::{CredentialProblem, Refusal};
use hestia::Error;

use crate::error::{ApiSwitch, HearthError, LoginProblem};

/// Maps a Hestia failure; `hestia_addr` (host:port) lets the IP-not-allowed message name the
/// address Hearth connects from.
pub(super) fn from_hestia(error: &Error, hestia_addr: Option<&str>) -> HearthError {
    match error {
        Error::Refused {
            command,
            code,
            refusal,
            detail,
        } => {
            // Hestia's own words may echo an argument: not for a command given a password.
            let secret = hestia::cmd::find(command).is_none_or(hestia::cmd::Spec::carries_secret);
            let detail = if secret {
                "(not logged: the command carries a password)"
            } else {
                detail.as_str()
            };
            tracing::warn!(
                command,
                code = code.number(),
                ?refusal,
                detail,
                "Hestia refused a call"
            );
            match refusal {
                Refusal::IpNotAllowed => HearthError::IpNotAllowed {
                    address: hestia_addr.and_then(source_address),
                },
                Refusal::KeyApiDisabled => HearthError::ApiDisabled(ApiSwitch::AccessKeys),
                Refusal::UserKeysDisabled => HearthError::ApiDisabled(ApiSwitch::UserAccessKeys),
                Refusal::LegacyApiDisabled => HearthError::ApiDisabled(ApiSwitch::Legacy),
                Refusal::EndpointDisabled => HearthError::ApiDisabled(ApiSwitch::Endpoint),
                Refusal::BadCredentials(CredentialProblem::UnknownKey) => {
                    HearthError::Login(LoginProblem::UnknownKey)
                }
                Refusal::BadCredentials(CredentialProblem::WrongSecret) => {
                    HearthError::Login(LoginProblem::WrongSecret)
                }
                Refusal::BadCredentials(
                    CredentialProblem::MalformedKeyId | CredentialProblem::MalformedSecret,
                ) => HearthError::Login(LoginProblem::MalformedKey),
                Refusal::BadCredentials(
                    CredentialProblem::Missing | CredentialProblem::Rejected,
                ) => HearthError::Login(LoginProblem::Rejected),
                Refusal::OwnerSuspended => HearthError::OwnerSuspended {
                    user: quoted_user(detail),
                },
                Refusal::OwnerMissing => HearthError::OwnerMissing {
                    user: quoted_user(detail),
                },
                Refusal::NotPermitted
                | Refusal::CommandNotFound
                | Refusal::UserArgumentMismatch => HearthError::NotAllowed {
                    command: command.clone(),
                },
                Refusal::UnreadableRequest
                | Refusal::InvalidCommand
                | Refusal::DemoMode
                | Refusal::CommandFailed => HearthError::Refused {
                    command: command.clone(),
                    code: *code,
                },
            }
        }
        Error::Http { command, status } => {
            tracing::error!(
                command,
                status,
                "Hestia's web server answered with an error page"
            );
            HearthError::UpstreamHttp { status: *status }
        }
        Error::Unreachable { command } => {
            tracing::error!(command, "Hestia is unreachable");
            HearthError::Unreachable
        }
        Error::Timeout { command } => {
            tracing::error!(command, "Hestia did not answer in time");
            HearthError::Timeout
        }
        Error::Busy { command } => {
            tracing::warn!(command, "no free slot for a call to Hestia");
            HearthError::Busy
        }
        Error::NoSlots { command } => {
            tracing::error!(command, "the slots for calls to Hestia cannot be counted");
            HearthError::DatabaseUnavailable
        }
        Error::Decode { command, path } => {
            tracing::error!(command, path, "Hestia's answer is unreadable");
            HearthError::BadPayload {
                command: command.clone(),
            }
        }
        other => {
            tracing::error!(error = %other, "unexpected Hestia error");
            HearthError::Internal
        }
    }
}

/// `user <name> is suspended` → `name`.
fn quoted_user(detail: &str) -> String {
    detail.split_whitespace().nth(2).unwrap_or("").to_owned()
}

/// The local address the OS would use to reach `host:port`: what Hestia sees as Hearth's
/// address unless a NAT is in between. A UDP "connect" sends no packet.
fn source_address(hestia_addr: &str) -> Option<String> {
    use std::net::ToSocketAddrs;
    let target = hestia_addr.to_socket_addrs().ok()?.next()?;
    let bind = if target.is_ipv4() {
        "0.0.0.0:0"
    } else {
        "[::]:0"
    };
    let socket = std::net::UdpSocket::bind(bind).ok()?;
    socket.connect(target).ok()?;
    Some(socket.local_addr().ok()?.ip().to_string())
}

/// Gives a failed server function's answer the HTTP status of its [`HearthError`] (401, 403,
/// 422, 429, 502…) instead of the 500 Leptos sends for every failure, so the browser's network
/// log, proxies and scripts see what happened. The body stays the error as data, which the
/// browser decodes for any 4xx or 5xx; the redirect answering a form posted without JavaScript
/// is not a failure response and passes untouched.
pub async fn error_status(response: axum::response::Response) -> axum::response::Response {
    use axum::http::StatusCode;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // An error is a few hundred bytes; a bigger body is none of Hearth's and is dropped.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return axum::response::Response::from_parts(parts, axum::body::Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<HearthError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(parts.status);
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_address_of_loopback() {
        assert_eq!(
            source_address("127.0.0.1:8083").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(quoted_user("Error: user alice is suspended"), "alice");
    }
}
