use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::components::{dispatch_on_submit, ErrorNotice};
use crate::serverfns::admin::{get_server_overview, CheckServiceKey, SERVICE_COMMANDS};
use crate::session::SessionView;
use crate::text;

/// System information and Hestia's API settings, each with what Hearth needs from it.
#[component]
pub fn ServerOverviewPanel() -> impl IntoView {
    let overview = Resource::new(|| (), |()| get_server_overview());
    view! {
        <Suspense fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(o) => view! {
                        <dl class="facts">
                            {o.info.into_iter().map(|s| view! { <dt>{s.label}</dt><dd>{s.value}</dd> }).collect_view()}
                        </dl>
                        {(!o.api.is_empty()).then(|| view! {
                            <h2>"API settings"</h2>
                            <table class="objects api-settings">
                                <thead><tr><th scope="col">"Setting"</th><th scope="col">"Value"</th><th scope="col">"What Hearth needs"</th></tr></thead>
                                <tbody>
                                    {o.api.into_iter().map(|s| view! {
                                        <tr><th scope="row">{s.label}</th><td><code>{s.value}</code></td><td>{s.meaning}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// How to make Hearth's service key on the Hestia host, and a test of the configured one.
#[component]
pub fn ServiceKeyCheck() -> impl IntoView {
    let session = expect_context::<SessionView>();
    let commands = SERVICE_COMMANDS.join(",");
    let script = format!(
        "# On the Hestia server, as root:\n\
         cat > /usr/local/hestia/data/api/hearth-service <<'EOF'\n\
         ROLE='admin'\n\
         COMMANDS='{commands}'\n\
         EOF\n\
         /usr/local/hestia/bin/v-add-access-key {root} hearth-service 'Hearth service key' plain\n\
         # Put the printed ID:SECRET in a file Hearth reads (HEARTH_SERVICE_KEY_FILE).",
        root = session.root_user
    );
    view! {
        <section class="service-key">
            <h2>"Service key"</h2>
            <p>"Hearth looks up each login's key (owner, profiles) with a root-owned key limited to these commands, so a mistyped secret never reaches Hestia’s fail2ban; with it, users log in with their Hestia password (checked with their browser's address, each session on a key of its own that is deleted when the session ends). The key can read every key's secret: guard it like the root password. It is made like this:"</p>
            <pre class="code-block">{script}</pre>
            <ServiceKeyTest/>
        </section>
    }
}

/// The test of the configured service key and its report (an island: the report is the
/// server function's answer).
#[island]
fn ServiceKeyTest() -> impl IntoView {
    let check = ServerAction::<CheckServiceKey>::new();
    view! {
            <form method="post" action=CheckServiceKey::url() on:submit=dispatch_on_submit(check)>
                <button type="submit" class="button secondary">"Test the service key"</button>
            </form>
            {move || check.value().get().map(|r| match r {
                Err(error) => EitherOf3::A(view! { <ErrorNotice error/> }),
                Ok(r) if !r.configured => EitherOf3::B(view! {
                    <p class="notice" role="status">"No service key is configured: users must type their user name at login, and Hearth limits failed logins to stay below fail2ban’s threshold."</p>
                }),
                Ok(r) => EitherOf3::C(view! {
                    <div class="notice" role="status" data-testid="service-key-report">
                        <p>"Key " <code>{r.key_id.unwrap_or_default()}</code></p>
                        <p>{if r.password_logins {
                            "Users can log in with their password."
                        } else {
                            "Only the root user can log in with a password: the key lacks a command password logins need."
                        }}</p>
                        {r.problem.map(|p| view! { <p class="field-error">{p}</p> })}
                        <ul>
                            {r.commands.into_iter().map(|(c, ok)| view! {
                                <li><code>{c}</code> ": " {if ok { "allowed" } else { "missing — add it to the profile" }}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                }),
            })}
    }
}
