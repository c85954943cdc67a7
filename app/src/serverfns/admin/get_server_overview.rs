use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::HearthError;

/// A labelled value with what it means for Hearth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting {
    /// What it is.
    pub label: String,
    /// Its value.
    pub value: String,
    /// What Hearth needs from it, in words.
    pub meaning: String,
}

/// The server at a glance: `v-list-sys-info`, and the API settings of `v-list-sys-config`
/// (only those: the rest holds SMTP passwords).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerOverview {
    /// Host, OS, Hestia version, uptime, load.
    pub info: Vec<Setting>,
    /// `API`, `API_SYSTEM`, `API_ALLOWED_IP`, `ROOT_USER`; empty when the key may not read
    /// the configuration.
    pub api: Vec<Setting>,
}

#[cfg(feature = "ssr")]
fn first_entry(body: &str) -> Result<crate::catalogue::Entry, HearthError> {
    hestia::model::parse_entries(body, &[])
        .ok()
        .and_then(|e| e.into_iter().next())
        .ok_or(HearthError::BadPayload {
            command: hestia::cmd::LIST_SYS_INFO.name.to_owned(),
        })
}

/// What the server says about itself.
#[server(prefix = "/api", endpoint = "server-overview")]
pub async fn get_server_overview() -> Result<ServerOverview, HearthError> {
    use hestia::cmd::{self, Call, Spec};
    use hestia::protocol::Args;
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let read = |spec: &'static Spec| Call {
        spec,
        args: Args::new().arg("json"),
        user: None,
    };
    let info = first_entry(&ctx.call(&read(&cmd::LIST_SYS_INFO)).await?)?;
    let setting = |label: &str, value: String, meaning: &str| Setting {
        label: label.to_owned(),
        value,
        meaning: meaning.to_owned(),
    };
    let uptime = info.get("UPTIME").parse::<u64>().map_or_else(
        |_| info.get("UPTIME").to_owned(),
        |m| format!("{} days {} h {} min", m / 1440, m % 1440 / 60, m % 60),
    );
    let info_rows = vec![
        setting("Host name", info.get("HOSTNAME").to_owned(), ""),
        setting(
            "Operating system",
            format!(
                "{} {} ({})",
                info.get("OS"),
                info.get("VERSION"),
                info.get("ARCH")
            ),
            "",
        ),
        setting(
            "Hestia",
            format!("{} ({})", info.get("HESTIA"), info.get("RELEASE")),
            "",
        ),
        setting("Up for", uptime, ""),
        setting(
            "Load (1 / 5 / 15 min)",
            info.get("LOADAVERAGE").to_owned(),
            "",
        ),
    ];
    let mut api = Vec::new();
    if ctx.record().allowed.allows(cmd::LIST_SYS_CONFIG.name) {
        let config = first_entry(&ctx.call(&read(&cmd::LIST_SYS_CONFIG)).await?)?;
        let system = config.get("API_SYSTEM");
        api = vec![
            setting("API (legacy keys and passwords)", config.get("API").to_owned(),
                "“yes” lets legacy API keys and the root password log in through the API. Hearth works without it: users log in with access keys, or with their password through Hearth's service key; switch it off unless you need the legacy login."),
            // Hestia reads an empty or non-numeric value as 0 (PROTOCOL.md §2.5).
            setting("API_SYSTEM (access keys)", system.to_owned(), match system.parse::<u32>() {
                Ok(1) => "1: only the root user's access keys work. Set it to 2 so your users can log in to Hearth with their own keys.",
                Ok(n) if n >= 2 => "2: every user's access keys work — what Hearth needs for users to log in with their own keys.",
                _ => "0 (or empty): access keys are switched off — nobody can log in to Hearth with a key. Set it to 1 (root only) or 2 (every user).",
            }),
            setting("API_ALLOWED_IP", config.get("API_ALLOWED_IP").to_owned(),
                "Hestia answers only these addresses. It must include the address Hearth connects from (Hestia never sees your users' addresses, only Hearth's)."),
            setting("ROOT_USER", config.get("ROOT_USER").to_owned(),
                "Hestia's administrator account. Hearth's root-user setting must name the same account."),
        ];
    }
    Ok(ServerOverview {
        info: info_rows,
        api,
    })
}
