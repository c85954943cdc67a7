//! The wire format of Hestia's API: how a call is encoded (PROTOCOL.md §1.2–1.4) and how a
//! reply is turned into output or an [`Error`] (§1.5–1.7).

use crate::credentials::Credentials;
use crate::error::{CredentialProblem, Error, Refusal};
use crate::return_code::ReturnCode;

/// The most positional arguments the endpoint passes on (`arg1` … `arg13`, §1.3).
pub const MAX_ARGS: usize = 13;

/// The name of the response header that carries the exit code (§1.5).
pub const EXIT_CODE_HEADER: &str = "Hestia-Exit-Code";

/// Positional arguments of a command, in Hestia's order.
///
/// An absent optional argument in the middle is sent as `""` because the endpoint shifts later
/// arguments left over a missing one (§1.3); absent arguments at the end are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args(Vec<Option<String>>);

impl Args {
    /// No arguments.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a required argument.
    pub fn arg(mut self, value: impl Into<String>) -> Self {
        self.0.push(Some(value.into()));
        self
    }

    /// Adds an optional argument.
    pub fn optional(mut self, value: Option<impl Into<String>>) -> Self {
        self.0.push(value.map(Into::into));
        self
    }

    /// The values as they go on the wire.
    pub fn to_wire(&self) -> Vec<String> {
        let used = self
            .0
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |last| last + 1);
        self.0[..used]
            .iter()
            .map(|v| v.clone().unwrap_or_default())
            .collect()
    }
}

/// Encodes a call as the form fields of the POST body.
///
/// Fails (with [`Refusal::InvalidCommand`] semantics) only when there are more than
/// [`MAX_ARGS`] arguments, which Hestia would silently drop.
pub fn encode(
    credentials: &Credentials,
    command: &str,
    args: &Args,
    returncode: bool,
) -> Result<Vec<(String, String)>, Error> {
    let wire = args.to_wire();
    if wire.len() > MAX_ARGS {
        return Err(Error::Refused {
            command: command.to_owned(),
            code: ReturnCode::Args,
            refusal: Refusal::InvalidCommand,
            detail: format!("{} arguments; Hestia takes at most {MAX_ARGS}", wire.len()),
        });
    }
    let mut fields: Vec<(String, String)> = match credentials {
        Credentials::AccessKey { id, secret } => vec![
            ("access_key".into(), id.as_str().into()),
            ("secret_key".into(), secret.expose().into()),
        ],
        Credentials::Password { user, password } => {
            vec![
                ("user".into(), user.as_str().into()),
                ("password".into(), password.expose().into()),
            ]
        }
        Credentials::LegacyKey(key) => vec![("hash".into(), key.expose().into())],
    };
    fields.push(("cmd".into(), command.into()));
    for (i, value) in wire.into_iter().enumerate() {
        fields.push((format!("arg{}", i + 1), value));
    }
    if returncode {
        fields.push(("returncode".into(), "yes".into()));
    }
    Ok(fields)
}

/// An HTTP reply as it arrived.
#[derive(Debug, Clone)]
pub struct RawReply {
    /// The HTTP status.
    pub status: u16,
    /// The `Hestia-Exit-Code` header, if present and numeric.
    pub exit_code: Option<u16>,
    /// The body.
    pub body: String,
}

/// Decides what a reply means: the command's output on success, an error otherwise.
///
/// `key_mode` tells how Hestia answers (§1.5); `returncode` whether the call asked for the exit
/// code instead of the output. The body's `Content-Type` is deliberately ignored.
pub fn decode(
    command: &str,
    key_mode: bool,
    returncode: bool,
    reply: RawReply,
) -> Result<String, Error> {
    let RawReply {
        status,
        exit_code,
        body,
    } = reply;
    let body = body.trim().to_owned();
    let refused = |code: ReturnCode, refusal: Refusal, detail: &str| Error::Refused {
        command: command.to_owned(),
        code,
        refusal,
        detail: detail.to_owned(),
    };
    if status >= 500 {
        return Err(Error::Http {
            command: command.to_owned(),
            status,
        });
    }
    // §1.1: `v-change-sys-api disable` answers every request this way, with status 200.
    if status == 200 && body == "Error: Disabled" {
        return Err(refused(
            ReturnCode::Disabled,
            Refusal::EndpointDisabled,
            &body,
        ));
    }
    if status == 405 {
        return Err(refused(
            ReturnCode::InvalidRequest,
            Refusal::UnreadableRequest,
            &body,
        ));
    }
    match exit_code {
        Some(0) => Ok(if returncode { String::new() } else { body }),
        Some(n) => {
            let code = ReturnCode::from_number(n);
            // With returncode=yes an endpoint refusal carries only the number (§1.6).
            Err(refused(code, classify(code, key_mode, &body), &body))
        }
        None if !(200..300).contains(&status) => Err(Error::Http {
            command: command.to_owned(),
            status,
        }),
        // Legacy mode (§1.5): always 200, no header.
        None if returncode => match body.parse::<u16>() {
            Ok(0) => Ok(String::new()),
            Ok(n) => {
                let code = ReturnCode::from_number(n);
                Err(refused(code, Refusal::CommandFailed, ""))
            }
            Err(_) if body.is_empty() => Ok(String::new()), // v-make-tmp-file (§1.5)
            Err(_) => Err(Error::Decode {
                command: command.to_owned(),
                path: ".".into(),
            }),
        },
        None if body == "OK" && !key_mode => Ok(String::new()),
        None if body.starts_with("Error:") => {
            let code = code_from_message(&body);
            Err(refused(code, classify(code, key_mode, &body), &body))
        }
        None => Ok(body),
    }
}

/// Names the refusal behind an error body (§1.6, `v-check-access-key` messages).
fn classify(code: ReturnCode, key_mode: bool, body: &str) -> Refusal {
    let msg = body.strip_prefix("Error: ").unwrap_or(body);
    if msg == "IP is not allowed to connect with API" {
        return Refusal::IpNotAllowed;
    }
    if msg == "Command not provided"
        || (code == ReturnCode::Invalid && msg.ends_with(" command invalid"))
    {
        return Refusal::InvalidCommand;
    }
    if key_mode {
        match (code, msg) {
            (ReturnCode::Disabled, "API has been disabled") => Refusal::KeyApiDisabled,
            (ReturnCode::ApiDisabled, _) => Refusal::UserKeysDisabled,
            (ReturnCode::Password, "Authentication failed") => {
                Refusal::BadCredentials(CredentialProblem::Missing)
            }
            (ReturnCode::Password, m) if m.starts_with("invalid access_key_id format") => {
                Refusal::BadCredentials(CredentialProblem::MalformedKeyId)
            }
            (ReturnCode::Password, "invalid secret_access_key format") => {
                Refusal::BadCredentials(CredentialProblem::MalformedSecret)
            }
            (ReturnCode::Password, m) if m.starts_with("Invalid secret key for key") => {
                Refusal::BadCredentials(CredentialProblem::WrongSecret)
            }
            (ReturnCode::Password, m) if m.starts_with("key ") && m.ends_with(" doesn't exist") => {
                Refusal::BadCredentials(CredentialProblem::UnknownKey)
            }
            (ReturnCode::Password, m)
                if m.starts_with("user ") && m.ends_with(" doesn't exist") =>
            {
                Refusal::OwnerMissing
            }
            (ReturnCode::Password, m) if m.starts_with("user ") && m.ends_with(" is suspended") => {
                Refusal::OwnerSuspended
            }
            (ReturnCode::Forbidden, m)
                if m.starts_with("Command ") && m.ends_with(" not found") =>
            {
                Refusal::CommandNotFound
            }
            (ReturnCode::Forbidden, m)
                if m.contains("don't have permission to run the command") =>
            {
                Refusal::NotPermitted
            }
            (ReturnCode::Forbidden, m) if m.contains("the \"user\" argument doesn") => {
                Refusal::UserArgumentMismatch
            }
            (ReturnCode::Args, m) if m.contains("security restrictions") => Refusal::DemoMode,
            _ => Refusal::CommandFailed,
        }
    } else {
        match code {
            ReturnCode::Disabled if msg.starts_with("API has been disabled") => {
                Refusal::LegacyApiDisabled
            }
            ReturnCode::Password | ReturnCode::Forbidden if msg == "authentication failed" => {
                Refusal::BadCredentials(CredentialProblem::Rejected)
            }
            _ => Refusal::CommandFailed,
        }
    }
}

/// Legacy output mode has no exit code: recognise `func/main.sh`'s standard texts (§4).
fn code_from_message(body: &str) -> ReturnCode {
    let msg = body.to_ascii_lowercase();
    if msg.contains("doesn't exist") {
        ReturnCode::NotExist
    } else if msg.contains(" exists") {
        ReturnCode::Exists
    } else if msg.contains("is suspended") {
        ReturnCode::Suspended
    } else if msg.contains("limit is reached") {
        ReturnCode::Limit
    } else if msg.contains("invalid") {
        ReturnCode::Invalid
    } else if msg.contains("is not enabled") || msg.contains("disabled") {
        ReturnCode::Disabled
    } else {
        ReturnCode::Other(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Secret;

    fn key() -> Credentials {
        Credentials::parse_key_pair("Xy7Q2mKp9LbT4vNw8RcA:fH3k9Qz-Lw2Rt7=Vb1Nx5Jm8_Pc4Gd6Ys0Ea2Ku9")
            .unwrap()
    }

    fn reply(status: u16, exit_code: Option<u16>, body: &str) -> RawReply {
        RawReply {
            status,
            exit_code,
            body: body.into(),
        }
    }

    fn refusal(result: Result<String, Error>) -> (Refusal, u16) {
        let (r, c) = result.unwrap_err().refusal().expect("a refusal");
        (r, c.number())
    }

    #[test]
    fn encodes_each_auth_mode() {
        let args = Args::new().arg("alice").arg("json");
        let fields = encode(&key(), "v-list-user", &args, false).unwrap();
        assert_eq!(
            fields[0],
            ("access_key".into(), "Xy7Q2mKp9LbT4vNw8RcA".into())
        );
        assert_eq!(fields[1].0, "secret_key");
        assert!(fields.contains(&("cmd".into(), "v-list-user".into())));
        assert!(fields.contains(&("arg1".into(), "alice".into())));
        assert!(fields.contains(&("arg2".into(), "json".into())));
        assert!(!fields.iter().any(|(k, _)| k == "returncode"));

        let pw = Credentials::Password {
            user: crate::UserName::new("admin").unwrap(),
            password: Secret::new("pw"),
        };
        let fields = encode(&pw, "v-list-users", &Args::new(), true).unwrap();
        assert_eq!(
            &fields[..2],
            &[
                ("user".into(), "admin".into()),
                ("password".into(), "pw".into())
            ]
        );
        assert_eq!(fields.last().unwrap(), &("returncode".into(), "yes".into()));

        let legacy = Credentials::LegacyKey(Secret::new("k".repeat(32)));
        let fields = encode(&legacy, "v-list-users", &Args::new(), false).unwrap();
        assert_eq!(fields[0], ("hash".into(), "k".repeat(32)));
    }

    #[test]
    fn missing_middle_arguments_are_sent_empty_and_trailing_ones_dropped() {
        let args = Args::new()
            .arg("alice")
            .optional(None::<String>)
            .arg("x")
            .optional(None::<String>);
        assert_eq!(args.to_wire(), vec!["alice", "", "x"]);
    }

    #[test]
    fn thirteen_arguments_at_most() {
        let mut args = Args::new();
        for i in 0..13 {
            args = args.arg(i.to_string());
        }
        assert!(encode(&key(), "v-x", &args, false).is_ok());
        assert!(encode(&key(), "v-x", &args.arg("14"), false).is_err());
    }

    #[test]
    fn decodes_successes() {
        assert_eq!(
            decode("c", true, false, reply(200, Some(0), " {\"a\":1}\n")).unwrap(),
            "{\"a\":1}"
        );
        assert_eq!(
            decode("c", true, false, reply(204, Some(0), "")).unwrap(),
            ""
        );
        assert_eq!(
            decode("c", true, true, reply(200, Some(0), "0")).unwrap(),
            ""
        );
        assert_eq!(
            decode("c", false, false, reply(200, None, "OK\n")).unwrap(),
            ""
        );
        assert_eq!(decode("c", false, true, reply(200, None, "0")).unwrap(), "");
        assert_eq!(
            decode("c", false, false, reply(200, None, "{}\n")).unwrap(),
            "{}"
        );
    }

    #[test]
    fn decodes_every_endpoint_refusal() {
        use CredentialProblem as P;
        let id = "Xy7Q2mKp9LbT4vNw8RcA";
        let cases: Vec<(bool, RawReply, Refusal, u16)> = vec![
            (true, reply(405, Some(405), "Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html"), Refusal::UnreadableRequest, 405),
            (true, reply(400, Some(11), "Error: API has been disabled"), Refusal::KeyApiDisabled, 11),
            (true, reply(401, Some(10), "Error: IP is not allowed to connect with API"), Refusal::IpNotAllowed, 10),
            (true, reply(422, Some(2), "Error: Command not provided"), Refusal::InvalidCommand, 2),
            (true, reply(422, Some(2), "Error: v-x;ls command invalid"), Refusal::InvalidCommand, 2),
            (true, reply(401, Some(9), "Error: Authentication failed"), Refusal::BadCredentials(P::Missing), 9),
            (true, reply(401, Some(9), &format!("Error: invalid access_key_id format :: {id}x")), Refusal::BadCredentials(P::MalformedKeyId), 9),
            (true, reply(401, Some(9), &format!("Error: key {id} doesn't exist")), Refusal::BadCredentials(P::UnknownKey), 9),
            (true, reply(401, Some(9), "Error: invalid secret_access_key format"), Refusal::BadCredentials(P::MalformedSecret), 9),
            (true, reply(401, Some(9), &format!("Error: Invalid secret key for key {id}")), Refusal::BadCredentials(P::WrongSecret), 9),
            (true, reply(401, Some(10), "Error: Command v-nope not found"), Refusal::CommandNotFound, 10),
            (true, reply(401, Some(10), &format!("Error: Key {id} don't have permission to run the command v-list-users")), Refusal::NotPermitted, 10),
            (true, reply(401, Some(9), "Error: user alice doesn't exist"), Refusal::OwnerMissing, 9),
            (true, reply(401, Some(9), "Error: user alice is suspended"), Refusal::OwnerSuspended, 9),
            (true, reply(400, Some(1), "Error: ERROR: Unable to perform operation due to security restrictions that are in place."), Refusal::DemoMode, 1),
            (true, reply(401, Some(21), "Error: API has been disabled"), Refusal::UserKeysDisabled, 21),
            (true, reply(401, Some(10), &format!("Error: Key {id} - the \"user\" argument doesn\\'t match the key\\'s user")), Refusal::UserArgumentMismatch, 10),
            (false, reply(400, Some(11), "Error: API has been disabledError: API Disabled"), Refusal::LegacyApiDisabled, 11),
            (false, reply(401, Some(10), "Error: IP is not allowed to connect with API"), Refusal::IpNotAllowed, 10),
            (false, reply(401, Some(10), "Error: authentication failed"), Refusal::BadCredentials(P::Rejected), 10),
            (false, reply(401, Some(9), "Error: authentication failed"), Refusal::BadCredentials(P::Rejected), 9),
            (false, reply(422, Some(2), "Error: Command not provided"), Refusal::InvalidCommand, 2),
            (true, reply(200, None, "Error: Disabled"), Refusal::EndpointDisabled, 11),
            // returncode=yes: only the number.
            (true, reply(401, Some(9), "9"), Refusal::CommandFailed, 9),
        ];
        for (key_mode, r, want, code) in cases {
            let body = r.body.clone();
            assert_eq!(
                refusal(decode("v-list-user", key_mode, false, r)),
                (want, code),
                "{body}"
            );
        }
    }

    #[test]
    fn decodes_command_failures() {
        let (r, c) = refusal(decode(
            "c",
            true,
            false,
            reply(400, Some(3), "Error: web domain x.test doesn't exist"),
        ));
        assert_eq!((r, c), (Refusal::CommandFailed, 3));
        let (r, c) = refusal(decode(
            "c",
            false,
            false,
            reply(200, None, "Error: web domain x.test doesn't exist\n"),
        ));
        assert_eq!((r, c), (Refusal::CommandFailed, 3));
        let (r, c) = refusal(decode("c", false, true, reply(200, None, "4")));
        assert_eq!((r, c), (Refusal::CommandFailed, 4));
    }

    #[test]
    fn nginx_pages_and_removed_endpoint_are_http_errors() {
        for status in [502, 504, 403, 404] {
            let e = decode("c", true, false, reply(status, None, "<html>…</html>")).unwrap_err();
            assert!(matches!(e, Error::Http { status: s, .. } if s == status));
        }
    }

    #[test]
    fn failed_logins_are_the_ones_fail2ban_counts() {
        assert!(Refusal::NotPermitted.is_failed_login());
        assert!(Refusal::BadCredentials(CredentialProblem::WrongSecret).is_failed_login());
        assert!(!Refusal::UserArgumentMismatch.is_failed_login());
        assert!(!Refusal::CommandFailed.is_failed_login());
    }
}
