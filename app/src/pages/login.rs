use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::components::ErrorNotice;
use crate::error::HearthError;
use crate::serverfns::auth::{
    get_page_context, LoginWithCode, LoginWithKey, LoginWithLegacyKey, LoginWithPassword, Logout,
};
use crate::session::PageContext;
use crate::text;

/// The login page: a user name and password first (then the two-factor code when the account
/// has it), an access key and a legacy key folded away. Plain HTML forms: no WASM needed.
#[component]
pub fn LoginPage() -> impl IntoView {
    let context = Resource::new_blocking(|| (), |_| get_page_context());
    view! {
        <Title text=format!("{} · {}", text::LOGIN_TITLE, text::PRODUCT)/>
        <main class="login">
            <Suspense fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
                {move || Suspend::new(async move {
                    match context.await {
                        Ok(PageContext { session: Some(_), .. }) => view! { <Redirect path="/"/> }.into_any(),
                        Ok(ctx) => view! { <LoginForms ctx/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

/// The field error of `result` for `field`, if that is what went wrong.
fn field_error(result: Option<Result<(), HearthError>>, field: &str) -> Option<String> {
    match result {
        Some(Err(HearthError::Invalid { field: f, problem })) if f == field => Some(problem),
        _ => None,
    }
}

/// Any other error of `result`, shown above the form.
fn form_error(result: Option<Result<(), HearthError>>) -> Option<HearthError> {
    match result {
        Some(Err(HearthError::Invalid { .. })) | Some(Ok(())) | None => None,
        Some(Err(e)) => Some(e),
    }
}

#[component]
fn FieldError(message: Signal<Option<String>>, id: &'static str) -> impl IntoView {
    view! { <p class="field-error" id=id role="alert">{move || message.get()}</p> }
}

#[component]
fn LoginForms(ctx: PageContext) -> impl IntoView {
    let ended = use_query_map().read_untracked().get("ended").map(|why| {
        if why == "key" {
            HearthError::CredentialsRevoked
        } else {
            HearthError::SessionExpired
        }
    });
    view! {
        <div class="login-card">
            <h1>{text::PRODUCT} {ctx.demo.then(|| view! { " " <span class="badge demo">{text::DEMO_BADGE}</span> })}</h1>
            <p class="tagline">{text::TAGLINE}</p>
            {ctx.demo.then(|| view! { <p class="notice info">{text::DEMO_NOTE}</p> })}
            {ended.map(|why| {
                let (title, detail) = text::error_message(&why);
                view! { <div class="notice info" role="status"><strong class="notice-title">{title}</strong><p>{detail}</p></div> }
            })}
            {match ctx.code_for.clone() {
                Some(user) => view! { <CodeForm user/> }.into_any(),
                None => view! { <CredentialForms ctx/> }.into_any(),
            }}
        </div>
    }
}

/// The second step of a password login: the two-factor code, or back to the start.
#[component]
fn CodeForm(user: String) -> impl IntoView {
    let code_login = ServerAction::<LoginWithCode>::new();
    let start_again = ServerAction::<Logout>::new();
    let result = code_login.value();
    let code_field = Signal::derive(move || field_error(result.get(), "code"));
    view! {
        <h2>{text::LOGIN_CODE_HEADING}</h2>
        <p>{text::LOGIN_CODE_FOR} " " <strong data-testid="code-user">{user}</strong>"."</p>
        {move || form_error(result.get()).map(|error| view! { <ErrorNotice error/> })}
        <ActionForm action=code_login attr:class="form">
            <label for="code">{text::LOGIN_CODE}</label>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required
                autofocus maxlength="12" aria-describedby="code-hint code-error"/>
            <p class="hint" id="code-hint">{text::LOGIN_CODE_HINT}</p>
            <FieldError message=code_field id="code-error"/>
            <button type="submit" class="button primary">{text::LOGIN_SUBMIT}</button>
        </ActionForm>
        <ActionForm action=start_again attr:class="form">
            <button type="submit" class="button">{text::LOGIN_OTHER_ACCOUNT}</button>
        </ActionForm>
    }
}

/// User name and password first; an access key and a legacy key folded away (the access key
/// open when only the root user may use a password here).
#[component]
fn CredentialForms(ctx: PageContext) -> impl IntoView {
    let key_login = ServerAction::<LoginWithKey>::new();
    let password_login = ServerAction::<LoginWithPassword>::new();
    let legacy_login = ServerAction::<LoginWithLegacyKey>::new();

    let key_result = key_login.value();
    let key_field = Signal::derive(move || field_error(key_result.get(), "key"));
    let secret_field = Signal::derive(move || field_error(key_result.get(), "secret"));
    let user_field = Signal::derive(move || field_error(key_result.get(), "user"));
    let password_result = password_login.value();
    let login_user_field = Signal::derive(move || field_error(password_result.get(), "user"));
    let password_field = Signal::derive(move || field_error(password_result.get(), "secret"));
    let legacy_result = legacy_login.value();
    let legacy_field = Signal::derive(move || field_error(legacy_result.get(), "key"));
    let root_only = ctx.needs_user_name;

    view! {
        <h2>{text::LOGIN_PASSWORD_HEADING}</h2>
        {move || form_error(password_result.get()).map(|error| view! { <ErrorNotice error/> })}
        <ActionForm action=password_login attr:class="form">
            <label for="login-user">{text::LOGIN_USER}</label>
            <input id="login-user" name="user" autocomplete="username" autocapitalize="none"
                spellcheck="false" required aria-describedby="login-user-error"/>
            <FieldError message=login_user_field id="login-user-error"/>
            <label for="password">{text::LOGIN_PASSWORD}</label>
            <input id="password" name="password" type="password" autocomplete="current-password"
                required aria-describedby="password-error"/>
            <FieldError message=password_field id="password-error"/>
            <button type="submit" class="button primary">{text::LOGIN_SUBMIT}</button>
        </ActionForm>
        {root_only.then(|| view! { <p class="hint">{text::LOGIN_ROOT_ONLY_NOTE}</p> })}

        <details class="more-logins" open=move || root_only || key_result.get().is_some()>
            <summary>{text::LOGIN_KEY_HEADING}</summary>
            {move || form_error(key_result.get()).map(|error| view! { <ErrorNotice error/> })}
            <ActionForm action=key_login attr:class="form">
                <label for="key">{text::LOGIN_KEY_ID}</label>
                <input id="key" name="key" autocomplete="off" spellcheck="false" required
                    aria-describedby="key-hint key-error"/>
                <p class="hint" id="key-hint">{text::LOGIN_KEY_ID_HINT}</p>
                <FieldError message=key_field id="key-error"/>
                <label for="secret">{text::LOGIN_SECRET}</label>
                <input id="secret" name="secret" type="password" autocomplete="off"
                    aria-describedby="secret-error"/>
                <FieldError message=secret_field id="secret-error"/>
                {ctx.needs_user_name.then(|| view! {
                    <label for="user">{text::LOGIN_USER_NAME}</label>
                    <input id="user" name="user" autocomplete="off" spellcheck="false" aria-describedby="user-hint user-error"/>
                    <p class="hint" id="user-hint">{text::LOGIN_USER_NAME_HINT}</p>
                    <FieldError message=user_field id="user-error"/>
                })}
                <button type="submit" class="button primary">{text::LOGIN_SUBMIT}</button>
            </ActionForm>
            {ctx.needs_user_name.then(|| view! { <p class="hint">{text::LOGIN_NO_SERVICE_KEY_NOTE}</p> })}
        </details>
        <details class="more-logins" open=move || legacy_result.get().is_some()>
            <summary>{text::LOGIN_LEGACY_HEADING}</summary>
            <p class="hint">{text::LOGIN_ADVANCED_NOTE}</p>
            {move || form_error(legacy_result.get()).map(|error| view! { <ErrorNotice error/> })}
            <ActionForm action=legacy_login attr:class="form">
                <label for="legacy-key">{text::LOGIN_LEGACY_KEY}</label>
                <input id="legacy-key" name="key" type="password" autocomplete="off" required/>
                <FieldError message=legacy_field id="legacy-key-error"/>
                <button type="submit" class="button primary">{text::LOGIN_SUBMIT}</button>
            </ActionForm>
        </details>
    }
}
