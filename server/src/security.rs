//! Request forgery checks and security headers (DESIGN.md decision 12).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What the checks need to know about how Hearth is reached.
#[derive(Debug, Clone)]
pub struct Origins {
    /// The configured public origin (`https://panel.example.com`), if any.
    pub public: Option<String>,
    /// Served over HTTPS.
    pub https: bool,
}

/// Whether a state-changing request comes from Hearth's own pages. Browsers send
/// `Sec-Fetch-Site` and `Origin` on POSTs; a request with neither is not a browser riding the
/// session cookie (SameSite=Strict keeps the cookie off cross-site requests anyway).
pub fn is_same_origin(headers: &HeaderMap, origins: &Origins) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site != "same-origin" && site != "none" {
            return false;
        }
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let expected = match &origins.public {
        Some(public) => public.trim_end_matches('/').to_owned(),
        None => {
            let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
                return false;
            };
            format!("{}://{host}", if origins.https { "https" } else { "http" })
        }
    };
    origin.eq_ignore_ascii_case(&expected)
}

/// Refuses cross-origin state-changing requests with 403.
pub async fn forgery_check(
    State(origins): State<Origins>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !is_same_origin(request.headers(), &origins) {
        tracing::warn!(
            path = request.uri().path(),
            "refused a cross-origin request"
        );
        return (StatusCode::FORBIDDEN, "cross-origin request refused").into_response();
    }
    next.run(request).await
}

/// Headers every response gets. Pages set their own CSP with a nonce (`app::shell`); anything
/// else gets one that allows nothing to run.
pub async fn security_headers(
    State(origins): State<Origins>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    // same-origin: Leptos's no-JavaScript forms need the Referer to come back to the page.
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; frame-ancestors 'none'",
    );
    set(
        headers,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if is_server_fn {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if origins.https {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000",
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn origin_rules() {
        let local = Origins {
            public: None,
            https: false,
        };
        assert!(is_same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000")
            ]),
            &local
        ));
        assert!(!is_same_origin(
            &headers(&[("host", "127.0.0.1:3000"), ("origin", "http://evil.test")]),
            &local
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &local
        ));
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &local
        ));
        assert!(is_same_origin(&headers(&[]), &local), "not a browser");
        let public = Origins {
            public: Some("https://panel.example.test/".into()),
            https: true,
        };
        assert!(is_same_origin(
            &headers(&[("origin", "https://panel.example.test")]),
            &public
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "http://panel.example.test")]),
            &public
        ));
    }
}
