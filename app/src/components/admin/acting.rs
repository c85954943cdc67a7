use leptos::prelude::*;

use crate::serverfns::admin::ActAs;
use crate::session::SessionView;

/// While the root user acts as another account: whose account this is, and the way back.
#[component]
pub fn ActingBanner(session: SessionView) -> impl IntoView {
    // Plain forms: acting changes every section, the navigation and the banner, and the
    // server function's redirect loads the dashboard afresh.
    let back = ServerAction::<ActAs>::new();
    session.acting_as.map(|user| {
        view! {
            <div class="acting-banner" role="status" data-testid="acting-banner">
                <span>"You are working in " <strong>{user.clone()}</strong> "’s account as " {session.user.clone()} ". Everything you do here happens in their account."</span>
                <ActionForm action=back>
                    <input type="hidden" name="user" value=""/>
                    <button type="submit" class="button secondary">"Back to " {session.user.clone()}</button>
                </ActionForm>
            </div>
        }
    })
}

/// Opens a user's panel as that user (root sessions only).
#[component]
pub fn ActAsButton(user: String) -> impl IntoView {
    let act = ServerAction::<ActAs>::new();
    view! {
        <ActionForm action=act attr:class="act-as">
            <input type="hidden" name="user" value=user.clone()/>
            <button type="submit" class="button secondary">"Open " {user} "’s panel"</button>
        </ActionForm>
    }
}
