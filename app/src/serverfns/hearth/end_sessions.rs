use leptos::prelude::*;

use crate::error::HearthError;

/// Ends one session (`handle`) or every session of `user`. The root user may end anyone's;
/// others only their own. Ending one's own current session logs out.
#[server(prefix = "/api", endpoint = "end-sessions")]
pub async fn end_sessions(
    #[server(default)] handle: String,
    #[server(default)] user: String,
) -> Result<usize, HearthError> {
    use crate::ssr::sessions::Ending;
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let ending = match (handle.trim(), user.trim()) {
        (h, "") if !h.is_empty() => Ending::One(h.to_owned()),
        ("", u) if !u.is_empty() => Ending::User(u.to_owned()),
        _ => return Err(HearthError::invalid("handle", "Say which sessions to end.")),
    };
    let (event, arg) = match &ending {
        Ending::One(h) => ("hearth:end-session", h.chars().take(8).collect()),
        Ending::User(u) | Ending::Key(u) | Ending::Password(u) => {
            ("hearth:end-user-sessions", u.clone())
        }
    };
    let only = ctx.records_of();
    let ended = ctx
        .gateway()
        .sessions()
        .end(ending, only.as_deref())
        .await?;
    ctx.audit(event, vec![arg], &Ok::<(), HearthError>(()))
        .await;
    Ok(ended)
}
