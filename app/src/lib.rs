//! Hearth's Leptos application: routes, pages, components and server functions. The same
//! crate renders on the server (`ssr`) and hydrates in the browser (`hydrate`).
// Views without type erasure in the islands (the WASM stays smaller) are deep types.
#![recursion_limit = "256"]

pub mod catalogue;
pub mod components;
pub mod error;
pub mod hearth;
pub mod jobs;
pub mod pages;
pub mod serverfns;
pub mod session;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod text;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use components::layout::ShellLayout;
use pages::{AuditPage, DashboardPage, LoginPage, NotFoundPage, SectionPage, SessionsPage};

/// The HTML document around the app, rendered on the server. It sets the page's Content
/// Security Policy, whose nonce lets exactly Hearth's own inline scripts run.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::{HashedStylesheet, MetaTags};
    ssr_shell::set_page_headers();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HashedStylesheet options=options.clone() id="hearth"/>
                {ssr_shell::island_loader(&options)}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: routes and the pages behind them. Pages render whole on the server
/// (`SsrMode::Async`): complete HTML without JavaScript, and the right status and redirects.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Title text=text::PRODUCT/>
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=ShellLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("sessions") view=SessionsPage ssr=SsrMode::Async/>
                    <Route path=path!("audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!(":section") view=SectionPage ssr=SsrMode::Async/>
                    <Route path=path!(":section/:key") view=SectionPage ssr=SsrMode::Async/>
                    <Route path=path!(":section/:key/:sub/:subkey") view=SectionPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Sets the HTTP status of the page being rendered on the server (no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

#[cfg(feature = "ssr")]
mod ssr_shell {
    use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY};
    use leptos::prelude::*;

    /// A fresh nonce per page, the CSP that names it, and no caching of pages that show a
    /// session's data (so the back button after logout asks the server again).
    pub(super) fn set_page_headers() {
        leptos::nonce::provide_nonce();
        let (Some(nonce), Some(response)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) else {
            return;
        };
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.insert_header(CONTENT_SECURITY_POLICY, value);
        }
        response.insert_header(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }

    /// The script that hydrates the page's islands (`island_loader.js`), given the build's
    /// file names. In place of Leptos's `HydrationScripts`, whose loader hydrates every
    /// island in one long task and fetches the WASM on every page, islands or not.
    pub(super) fn island_loader(options: &LeptosOptions) -> impl IntoView {
        // Islands mode: only the islands carry hydration markers.
        if let Some(context) = Owner::current_shared_context() {
            context.set_is_hydrating(false);
        }
        view! {
            <script type="module" nonce=leptos::nonce::use_nonce()>
                {loader_script(options)}
            </script>
        }
    }

    /// The loader's text, called with the build's file names; made once. Its comments stay
    /// in the source file, not in every page.
    fn loader_script(options: &LeptosOptions) -> String {
        static SCRIPT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        SCRIPT
            .get_or_init(|| {
                let (js, wasm) = build_file_names(options);
                let pkg = &options.site_pkg_dir;
                let loader = include_str!("island_loader.js")
                    .lines()
                    .filter(|line| !line.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                format!("{loader}(\"\", {pkg:?}, {js:?}, {wasm:?});")
            })
            .clone()
    }

    /// `hearth.<hash>` for the JS and the WASM when the build hashed them (named in the hash
    /// file beside the binary, where Leptos looks too), else the plain output name.
    fn build_file_names(options: &LeptosOptions) -> (String, String) {
        let name = options.output_name.to_string();
        let hashes = options
            .hash_files
            .then(std::env::current_exe)
            .and_then(Result::ok)
            .and_then(|exe| std::fs::read_to_string(exe.with_file_name(&*options.hash_file)).ok())
            .unwrap_or_default();
        let named = |kind: &str| {
            hashes
                .lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(file, _)| file.trim() == kind)
                .map_or_else(
                    || name.clone(),
                    |(_, hash)| format!("{name}.{}", hash.trim()),
                )
        };
        let mut wasm = named("wasm");
        if !options.hash_files && option_env!("LEPTOS_OUTPUT_NAME").is_none() {
            // wasm-bindgen's own name, when cargo-leptos did not name the build.
            wasm.push_str("_bg");
        }
        (named("js"), wasm)
    }
}
