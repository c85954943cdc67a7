//! `/healthz`, for load balancers and monitors: whether this instance can serve (its database
//! answers; else 503, so that a load balancer sends people to another instance), and how
//! Hestia answered the last call (the same for every instance, so Hestia's trouble does not
//! take this one out of service: still 200). Passive for Hestia: a probe would cost a line in
//! a user's history, or a strike.

use std::sync::Arc;

use axum::extract::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::Gateway;

/// The health of this instance, as JSON: `{"database": "ok"|"unavailable", "hestia": …}`.
pub async fn healthz(Extension(gateway): Extension<Arc<Gateway>>) -> Response {
    let database = gateway.db().answers().await;
    let status = if database {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = serde_json::json!({
        "database": if database { "ok" } else { "unavailable" },
        "hestia": gateway.hestia_seen().as_str(),
    });
    (status, Json(body)).into_response()
}
