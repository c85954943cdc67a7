//! `web/api/index.php`: the routing order and every refusal of PROTOCOL.md §1.4–1.7.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::SystemTime;

use super::commands::{self, Outcome};
use super::state::{Fault, LoggedRequest, State};
use crate::cmd;

/// An HTTP answer.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) exit_code: Option<u16>,
    pub(crate) content_type: &'static str,
    pub(crate) body: String,
}

const INVALID_DATA: &str =
    "Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html";
const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// `exit_code_to_http_code()` in `web/inc/helpers.php` (§1.7).
fn http_status(code: u16) -> u16 {
    match code {
        0 => 200,
        2 => 422,
        5 | 6 | 9 | 10 | 21 => 401,
        n if n >= 100 => n,
        _ => 400,
    }
}

/// Reads the request fields (§1.2): form fields if the form has `access_key`, `user` or
/// `hash`; otherwise the body as a JSON object; otherwise nothing.
pub(crate) fn parse_fields(content_type: &str, body: &[u8]) -> Option<HashMap<String, String>> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let form: HashMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
        if ["access_key", "user", "hash"]
            .iter()
            .any(|k| form.contains_key(*k))
        {
            return Some(form);
        }
    }
    match serde_json::from_slice::<serde_json::Value>(body).ok()? {
        serde_json::Value::Object(map) => Some(
            map.into_iter()
                .map(|(k, v)| {
                    let v = match v {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, v)
                })
                .collect(),
        ),
        _ => None,
    }
}

/// Answers one request from `ip`.
pub(crate) fn handle(state: &mut State, ip: IpAddr, content_type: &str, body: &[u8]) -> Answer {
    if state.knobs.fault == Fault::BadGateway {
        return Answer {
            status: 502,
            exit_code: None,
            content_type: "text/html",
            body: NGINX_502.into(),
        };
    }
    let mut log = LoggedRequest {
        at: SystemTime::now(),
        ip,
        mode: "none",
        key_id: None,
        command: String::new(),
        args: Vec::new(),
        code: 0,
        failed_login: false,
    };
    let answer = route(state, ip, content_type, body, &mut log);
    log.code = answer.exit_code.unwrap_or(0);
    state.log.push(log);
    answer
}

fn route(
    state: &mut State,
    ip: IpAddr,
    content_type: &str,
    body: &[u8],
    log: &mut LoggedRequest,
) -> Answer {
    let refuse_405 = || Answer {
        status: 405,
        exit_code: Some(405),
        content_type: "text/html",
        body: INVALID_DATA.into(),
    };
    let Some(mut fields) = parse_fields(content_type, body) else {
        return refuse_405();
    };
    let field = |f: &HashMap<String, String>, k: &str| f.get(k).cloned();
    // §1.3: hash=ID:SECRET with a 20- and a 40-character part is key mode.
    if !fields.contains_key("access_key") {
        if let Some((id, secret)) = fields
            .get("hash")
            .and_then(|h| h.split_once(':'))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        {
            if id.chars().count() == 20 && secret.chars().count() == 40 && !secret.contains(':') {
                fields.insert("access_key".into(), id);
                fields.insert("secret_key".into(), secret);
            }
        }
    }
    log.command = field(&fields, "cmd").unwrap_or_default();
    let returncode = fields.get("returncode").is_some_and(|v| v == "yes");
    let args: Vec<String> = (1..=13)
        .filter_map(|i| fields.get(&format!("arg{i}")).map(|a| a.trim().to_owned()))
        .collect();
    log.args = super::hosting::masked(&log.command, &args);
    let call = Call {
        ip,
        fields: &fields,
        args: &args,
        returncode,
    };
    if fields.contains_key("access_key") && fields.contains_key("secret_key") {
        log.mode = "key";
        key_mode(state, call, log)
    } else if fields.contains_key("user") || fields.contains_key("hash") {
        log.mode = if fields.contains_key("user") {
            "password"
        } else {
            "legacy-key"
        };
        legacy_mode(state, call, log)
    } else {
        refuse_405()
    }
}

/// One request's parsed input.
#[derive(Clone, Copy)]
struct Call<'a> {
    ip: IpAddr,
    fields: &'a HashMap<String, String>,
    args: &'a [String],
    returncode: bool,
}

/// An endpoint refusal in key mode: the message, or with `returncode=yes` only the code.
fn refusal(code: u16, message: &str, returncode: bool) -> Answer {
    Answer {
        status: http_status(code),
        exit_code: Some(code),
        content_type: "text/html; charset=UTF-8",
        body: if returncode {
            code.to_string()
        } else {
            message.to_owned()
        },
    }
}

fn command_name_problem(cmd: &str) -> Option<String> {
    if cmd.is_empty() {
        Some("Error: Command not provided".into())
    } else if !cmd
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        Some(format!("Error: {cmd} command invalid"))
    } else {
        None
    }
}

fn key_mode(state: &mut State, call: Call<'_>, log: &mut LoggedRequest) -> Answer {
    let Call {
        ip,
        fields,
        args,
        returncode,
    } = call;
    let api_system: u8 = state.config.api_system.trim().parse().unwrap_or(0);
    if api_system == 0 {
        return refusal(11, "Error: API has been disabled", returncode);
    }
    if !state.ip_allowed(ip, true) {
        return refusal(
            10,
            "Error: IP is not allowed to connect with API",
            returncode,
        );
    }
    let cmd = fields.get("cmd").cloned().unwrap_or_default();
    if let Some(message) = command_name_problem(&cmd) {
        return refusal(2, &message, returncode);
    }
    let id = fields.get("access_key").cloned().unwrap_or_default();
    let secret = fields.get("secret_key").cloned().unwrap_or_default();
    if id.is_empty() || secret.is_empty() {
        return refusal(9, "Error: Authentication failed", returncode);
    }
    log.key_id = Some(id.clone());
    // v-check-access-key (§1.6 row 7): every failure is a `failed to login` line.
    let owner = match check_access_key(state, &id, &secret, &cmd) {
        Ok(owner) => owner,
        Err((code, message)) => {
            log.failed_login = code != 1;
            if log.failed_login {
                // `<KEY_ID> <caller> failed to login`: a strike against the caller (§7.3).
                state.log_failed_login(&id, Some(ip), None);
            }
            return refusal(code, &message, returncode);
        }
    };
    let root = state.config.root_user.clone();
    if owner != root && api_system < 2 {
        return refusal(21, "Error: API has been disabled", returncode);
    }
    let position = commands::user_arg_position(&cmd);
    if owner != root
        && position > 0
        && args.get(position - 1).map(String::as_str) != Some(owner.as_str())
    {
        let message =
            format!("Error: Key {id} - the \"user\" argument doesn\\'t match the key\\'s user");
        return refusal(10, &message, returncode);
    }
    let outcome = execute(state, &cmd, args);
    finish_key_mode(state, outcome, returncode)
}

/// `v-check-access-key` (§1.6 messages, in its order). Returns the key's owner.
fn check_access_key(
    state: &State,
    id: &str,
    secret: &str,
    cmd: &str,
) -> Result<String, (u16, String)> {
    if !commands::is_key_id(id) {
        return Err((9, format!("Error: invalid access_key_id format :: {id}")));
    }
    let Some(key) = state.keys.get(id) else {
        return Err((9, format!("Error: key {id} doesn't exist")));
    };
    let secret_ok = secret.chars().count() == 40
        && secret
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.+/^~=%-|".contains(c));
    if !secret_ok {
        return Err((9, "Error: invalid secret_access_key format".into()));
    }
    if key.secret != secret {
        return Err((9, format!("Error: Invalid secret key for key {id}")));
    }
    if cmd != cmd::MAKE_TMP_FILE.name && !commands::exists(state, cmd) {
        return Err((10, format!("Error: Command {cmd} not found")));
    }
    let owner = if key.user.is_empty() {
        state.config.root_user.clone()
    } else {
        key.user.clone()
    };
    let permitted = if key.permissions.is_empty() {
        owner == state.config.root_user
    } else {
        key.permissions
            .iter()
            .filter_map(|p| state.profiles.get(p))
            .any(|p| p.commands.iter().any(|c| c == cmd))
    };
    if !permitted {
        return Err((
            10,
            format!("Error: Key {id} don't have permission to run the command {cmd}"),
        ));
    }
    let Some(user) = state.users.get(&owner) else {
        return Err((9, format!("Error: user {owner} doesn't exist")));
    };
    if user.record.get("SUSPENDED").is_some_and(|s| s == "yes") {
        return Err((9, format!("Error: user {owner} is suspended")));
    }
    if state.config.demo_mode {
        return Err((1, "Error: ERROR: Unable to perform operation due to security restrictions that are in place.".into()));
    }
    Ok(owner)
}

/// Runs a command, or the endpoint's own `v-make-tmp-file` (§1.3).
fn execute(state: &mut State, cmd: &str, args: &[String]) -> Outcome {
    if cmd == cmd::MAKE_TMP_FILE.name {
        let (Some(content), Some(name)) = (args.first(), args.get(1)) else {
            return Outcome {
                code: 1,
                stdout: String::new(),
            };
        };
        let base = name.rsplit('/').next().unwrap_or(name);
        state
            .tmp_files
            .insert(format!("/tmp/{base}"), format!("{content}\n"));
        return Outcome {
            code: 0,
            stdout: String::new(),
        };
    }
    commands::run(state, cmd, args)
}

fn finish_key_mode(state: &State, outcome: Outcome, returncode: bool) -> Answer {
    let Outcome { code, stdout } = outcome;
    let stdout = stdout.trim().to_owned();
    if returncode {
        return Answer {
            status: 200,
            exit_code: Some(code),
            content_type: "text/html; charset=UTF-8",
            body: code.to_string(),
        };
    }
    if code == 0 && stdout.is_empty() {
        return Answer {
            status: 204,
            exit_code: Some(0),
            content_type: "text/html; charset=UTF-8",
            body: String::new(),
        };
    }
    let is_json = code == 0
        && serde_json::from_str::<serde_json::Value>(&stdout).is_ok_and(|v| match v {
            serde_json::Value::Object(m) => !m.is_empty(),
            _ => false,
        });
    let body = if is_json && state.knobs.fault == Fault::MalformedJson {
        break_json(&stdout)
    } else {
        stdout
    };
    Answer {
        status: http_status(code),
        exit_code: Some(code),
        content_type: if is_json {
            "application/json; charset=utf-8"
        } else {
            "text/html; charset=UTF-8"
        },
        body,
    }
}

/// What Hestia's `echo`-built JSON looks like when a free-text field holds a quote.
fn break_json(json: &str) -> String {
    match json.find(": \"") {
        Some(at) => format!("{}: \"say \"hi\"{}", &json[..at], &json[at + 3..]),
        None => json[..json.len() / 2].to_owned(),
    }
}

fn legacy_mode(state: &mut State, call: Call<'_>, log: &mut LoggedRequest) -> Answer {
    let Call {
        ip,
        fields,
        args,
        returncode,
    } = call;
    if state.config.api != "yes" {
        let body = if returncode {
            "Error: API has been disabled11"
        } else {
            "Error: API has been disabledError: API Disabled"
        };
        return Answer {
            status: 400,
            exit_code: Some(11),
            content_type: "text/html; charset=UTF-8",
            body: body.into(),
        };
    }
    if !state.ip_allowed(ip, false) {
        return refusal(
            10,
            "Error: IP is not allowed to connect with API",
            returncode,
        );
    }
    // `<user> <caller> failed to login`; `api <caller> …` for a legacy key (v-check-api-key).
    let failed = |state: &mut State, who: &str, code: u16, log: &mut LoggedRequest| {
        log.failed_login = true;
        state.log_failed_login(who, Some(ip), None);
        refusal(code, "Error: authentication failed", returncode)
    };
    if let Some(user) = fields.get("user") {
        if *user != state.config.root_user {
            return failed(state, user, 10, log);
        }
        let Some(password) = fields.get("password") else {
            return failed(state, user, 9, log);
        };
        let real = state.users.get(user).map(|u| u.password.as_str());
        if real != Some(password.as_str()) {
            return failed(state, user, 9, log);
        }
    } else {
        let hash = fields.get("hash").cloned().unwrap_or_default();
        if hash.len() < 16 || !state.legacy_keys.contains(&hash) {
            return failed(state, "api", 9, log);
        }
    }
    let cmd = fields.get("cmd").cloned().unwrap_or_default();
    if let Some(message) = command_name_problem(&cmd) {
        return refusal(2, &message, returncode);
    }
    let outcome = if cmd == cmd::MAKE_TMP_FILE.name || commands::exists(state, &cmd) {
        execute(state, &cmd, args)
    } else {
        // sudo fails to find the script: nothing on stdout, exit 1 (§1.5).
        Outcome {
            code: 1,
            stdout: String::new(),
        }
    };
    let body = if returncode {
        if cmd == cmd::MAKE_TMP_FILE.name {
            String::new()
        } else {
            outcome.code.to_string()
        }
    } else if outcome.stdout.trim().is_empty() {
        "OK".into()
    } else {
        format!("{}\n", outcome.stdout.trim_end())
    };
    Answer {
        status: 200,
        exit_code: None,
        content_type: "text/html; charset=UTF-8",
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::super::demo;
    use super::*;

    fn post(state: &mut State, ip: &str, form: &[(&str, &str)]) -> Answer {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let ip = ip.parse().unwrap();
        handle(
            state,
            ip,
            "application/x-www-form-urlencoded",
            body.as_bytes(),
        )
    }

    #[test]
    fn auth_log_names_the_key_or_user_and_counts_the_right_address() {
        let mut state = State::demo();
        let panel: IpAddr = "127.0.0.1".parse().unwrap();
        let key = demo::SERVICE_KEY;
        let wrong = "x".repeat(40);
        let answer = post(
            &mut state,
            "127.0.0.1",
            &[
                ("access_key", key.id),
                ("secret_key", &wrong),
                ("cmd", "v-list-user"),
            ],
        );
        assert_eq!(answer.exit_code, Some(9));
        post(
            &mut state,
            "127.0.0.1",
            &[("hash", "no-such-legacy-key-000"), ("cmd", "v-list-users")],
        );
        assert_eq!(state.failed_login_count(panel), 2);
        // A password check through the service key: the end user's address, not the panel's.
        let answer = post(
            &mut state,
            "127.0.0.1",
            &[
                ("access_key", key.id),
                ("secret_key", key.secret),
                ("cmd", cmd::CHECK_USER_PASSWORD.name),
                ("arg1", demo::DEMO_USER),
                ("arg2", "wrong-pass"),
                ("arg3", "203.0.113.7"),
            ],
        );
        assert_eq!((answer.status, answer.exit_code), (401, Some(9)));
        assert_eq!(state.failed_login_count(panel), 2);
        assert_eq!(
            state.auth_log,
            [
                format!("{} 127.0.0.1 failed to login", key.id),
                "api 127.0.0.1 failed to login".to_owned(),
                "alice 203.0.113.7 failed to login".to_owned(),
            ]
        );
        assert!(!state.log[2].failed_login, "not the caller's strike");
    }
}
