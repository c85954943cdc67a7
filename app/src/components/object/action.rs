use std::collections::{BTreeMap, BTreeSet};

use leptos::either::{Either, EitherOf7};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::catalogue::{split_list, Action, Entry, Field, Input, Kind, KindId, Values};
use crate::components::{dispatch_on_submit, reload, ErrorNotice};
use crate::error::HearthError;
use crate::serverfns::objects::Act;
use crate::session::SessionView;
use crate::text;

/// The form values an action starts with: the object's current values for a change, the
/// session's user and clock for checks and previews.
fn initial_values(action: &Action, entry: Option<&Entry>, session: &SessionView) -> Values {
    let mut values = Values::default();
    for field in action.fields {
        let value = match (field.input, field.prefill, entry) {
            (Input::Password, ..) => String::new(),
            (_, Some(from), Some(e)) => e.get(from).to_owned(),
            (Input::Select(choices), ..) => {
                choices.first().map(|c| c.0.to_owned()).unwrap_or_default()
            }
            (Input::FromList(list), _, Some(e)) => split_list(e.get(list))
                .into_iter()
                .next()
                .unwrap_or_default(),
            (Input::Checkbox(true), ..) => "yes".to_owned(),
            _ => String::new(),
        };
        values.set(field.name, value);
    }
    values.set(Values::USER, session.subject());
    values.set(
        Values::KEY,
        entry.map(|e| e.key.as_str()).unwrap_or_default(),
    );
    values.set(Values::NOW, session.server_time.to_string());
    values
}

/// `action`'s panel as `session` starts it: on `entry`, or a new object under `parent`.
/// `after` is where a success leads (an object page leaves after a delete).
pub fn action_panel(
    kind: &'static Kind,
    action: &'static Action,
    parent: Option<String>,
    entry: Option<Entry>,
    session: &SessionView,
    after: Option<String>,
) -> impl IntoView {
    let start = initial_values(action, entry.as_ref(), session);
    view! { <ActionPanel kind=kind.id action=action.id.to_owned() parent entry start after/> }
}

/// One action as a folded panel: its form or its confirmation (naming the object), then
/// Hestia's answer. A plain HTML form underneath, so it works before the WASM loads; what the
/// user typed stays when Hestia refuses. An island: the checks as the user types, the
/// preview and the answer run in the browser.
#[island]
fn ActionPanel(
    kind: KindId,
    action: String,
    parent: Option<String>,
    entry: Option<Entry>,
    start: Values,
    after: Option<String>,
) -> impl IntoView {
    let kind = kind.kind();
    let action = kind.action(&action)?;
    let act = ServerAction::<Act>::new();
    let user = start.get(Values::USER).to_owned();
    let values = RwSignal::new(start);
    let touched = RwSignal::new(BTreeSet::<String>::new());
    let open = RwSignal::new(false);
    // Chromium sometimes leaves controls inserted into a closed <details> without layout when
    // it opens; once hydrated, the body is shown and hidden with `display` instead, which lays
    // it out afresh. (Effects run only in the browser: without JavaScript, <details> alone.)
    // The panel wakes when first touched: it may be open already.
    let live = RwSignal::new(false);
    let details = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if let Some(details) = details.get_untracked() {
            open.set(details.has_attribute("open"));
        }
        live.set(true);
    });
    let result = act.value();
    Effect::new(move |_| {
        if let Some(Ok(())) = result.get() {
            reload(after.as_deref());
        }
    });
    let key = entry.as_ref().map(|e| e.key.clone());
    let name = entry.as_ref().map(|e| (kind.name)(e));
    let id_base = format!(
        "{}-{}-{}",
        kind.slug,
        action.id,
        key.as_deref()
            .unwrap_or("new")
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let button = match &name {
        Some(n) if action.confirm.is_some() => format!("{} {n}", action.label),
        _ => action.label.to_owned(),
    };
    let question = action
        .confirm
        .map(|q| q.replace("{}", name.as_deref().unwrap_or(kind.noun)));
    let server_problem = move |field: &str| match result.get() {
        Some(Err(HearthError::Invalid { field: f, problem })) if f == field => Some(problem),
        _ => None,
    };
    let problems = Memo::new(move |_| {
        let v = values.get();
        action
            .fields
            .iter()
            .filter_map(|f| {
                let value = v.get(f.name).trim();
                let problem = if value.is_empty() {
                    f.required.then(|| text::REQUIRED.to_owned())
                } else {
                    (f.check)(value, &v).err()
                };
                problem.map(|p| (f.name.to_owned(), p))
            })
            .collect::<BTreeMap<_, _>>()
    });
    let entry_for_fields = entry.clone();
    let form = {
        let id_base = id_base.clone();
        let entry_for_fields = entry_for_fields.clone();
        let (parent, key, question, button) = (
            parent.clone(),
            key.clone(),
            question.clone(),
            button.clone(),
        );
        let fields = action
            .fields
            .iter()
            .map(|field| {
                let id = format!("{id_base}-{}", field.name);
                let message = Signal::derive(move || {
                    server_problem(field.name).or_else(|| {
                        touched
                            .with(|t| t.contains(field.name))
                            .then(|| problems.with(|p| p.get(field.name).cloned()))
                            .flatten()
                    })
                });
                view! {
                    <FieldInput field id entry=entry_for_fields.clone() values touched message user=user.clone()/>
                }
            })
            .collect_view();
        let preview = action.preview.map(|preview| {
            view! {
                <ul class="preview" aria-live="polite">
                    {move || preview(&values.get()).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            }
        });
        view! {
            <form method="post" action=Act::url() class="form action-form" on:submit=dispatch_on_submit(act)>
                <input type="hidden" name="kind" value=format!("{:?}", kind.id)/>
                <input type="hidden" name="action" value=action.id/>
                {parent.map(|p| view! { <input type="hidden" name="parent" value=p/> })}
                {key.map(|k| view! { <input type="hidden" name="key" value=k/> })}
                {question.map(|q| view! { <p class="confirm">{q}</p> })}
                {fields}
                {preview}
                <button
                    type="submit"
                    class=if action.danger { "button danger" } else { "button primary" }
                    disabled=move || act.pending().get()
                >
                    {move || if act.pending().get() { text::WORKING.to_owned() } else { button.clone() }}
                </button>
            </form>
        }
    };
    // A form refused for one of its own fields comes back open, its problem shown (without
    // JavaScript the page is rendered afresh with the answer).
    let refused_here = move || {
        matches!(result.get(), Some(Err(HearthError::Invalid { field, .. }))
            if action.fields.iter().any(|f| f.name == field))
    };
    Some(view! {
        <details
            class=if action.danger { "action danger" } else { "action" }
            open=refused_here
            node_ref=details
            on:toggle=move |ev| open.set(event_target::<leptos::web_sys::Element>(&ev).has_attribute("open"))
        >
            <summary class=if action.danger { "button danger-outline" } else { "button secondary" }>{action.label}</summary>
            <div class="action-body" style:display=move || live.get().then(|| if open.get() { "block" } else { "none" })>
                {move || match result.get() {
                    Some(Err(HearthError::Invalid { .. })) | Some(Ok(())) | None => None,
                    Some(Err(error)) => Some(view! { <Refusal kind error/> }),
                }}
                {form}
            </div>
        </details>
    })
}

/// Hestia's refusal in words that fit the kind ("a web domain with this name exists").
#[component]
pub fn Refusal(kind: &'static Kind, error: HearthError) -> impl IntoView {
    match &error {
        HearthError::Refused { code, .. } => {
            let (title, detail) = text::refusal(kind.noun, kind.plural, *code);
            Either::Left(view! {
                <div class="notice error" role="alert">
                    <strong class="notice-title">{title}</strong>
                    <p>{detail}</p>
                </div>
            })
        }
        _ => Either::Right(view! { <ErrorNotice error/> }),
    }
}

#[component]
fn FieldInput(
    field: &'static Field,
    id: String,
    entry: Option<Entry>,
    values: RwSignal<Values>,
    touched: RwSignal<BTreeSet<String>>,
    message: Signal<Option<String>>,
    user: String,
) -> impl IntoView {
    let name = format!("values[{}]", field.name);
    let error_id = format!("{id}-error");
    let help = field.help.replace("{user}", &user);
    let initial = values.with_untracked(|v| v.get(field.name).to_owned());
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        values.update(|v| v.set(field.name, value));
        touched.update(|t| {
            t.insert(field.name.to_owned());
        });
    };
    let on_check = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        values.update(|v| v.set(field.name, if on { "yes" } else { "" }));
    };
    let control = match field.input {
        Input::Checkbox(default) => EitherOf7::A(view! {
            <input type="checkbox" id=id.clone() name=name value="yes" checked=default on:change=on_check/>
        }),
        Input::Select(choices) => EitherOf7::B(view! {
            <select id=id.clone() name=name on:change=on_input aria-describedby=error_id.clone()>
                {choices.iter().map(|(value, label)| {
                    let selected = *value == initial;
                    view! { <option value=*value selected=selected>{*label}</option> }
                }).collect_view()}
            </select>
        }),
        Input::FromList(list) => {
            let items = entry
                .as_ref()
                .map(|e| split_list(e.get(list)))
                .unwrap_or_default();
            EitherOf7::C(view! {
                <select id=id.clone() name=name on:change=on_input>
                    {items.into_iter().map(|item| { let label = item.clone(); view! { <option value=item>{label}</option> } }).collect_view()}
                </select>
            })
        }
        // A text field with the other kind's names as suggestions, fetched on first focus:
        // typing works without JavaScript, and nothing async is rendered on the server (a
        // resource made inside an object page's Suspend would not hydrate).
        Input::OneOf(of) => {
            let choices = RwSignal::new(Vec::<String>::new());
            let fetched = RwSignal::new(false);
            let fetch = move |_| {
                if fetched.get_untracked() {
                    return;
                }
                fetched.set(true);
                leptos::task::spawn_local(async move {
                    if let Ok(names) = crate::serverfns::objects::list_choices(of).await {
                        choices.set(names);
                    }
                });
            };
            let list_id = format!("{id}-choices");
            EitherOf7::D(view! {
                <input
                    id=id.clone()
                    name=name
                    type="text"
                    list=list_id.clone()
                    value=initial
                    required=field.required
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=error_id.clone()
                    on:focus=fetch
                    on:input=on_input
                />
                <datalist id=list_id>
                    <For each=move || choices.get() key=|c| c.clone() let:c>
                        <option value=c></option>
                    </For>
                </datalist>
            })
        }
        Input::TextArea => EitherOf7::E(view! {
            <textarea id=id.clone() name=name rows="4" required=field.required on:input=on_input aria-describedby=error_id.clone()>{initial}</textarea>
        }),
        // One branch per input type: the type attribute stays static (Chromium did not lay
        // out a text input whose type was set dynamically after a password field's form).
        Input::Password => EitherOf7::F(view! {
            <input
                id=id.clone()
                name=name
                type="password"
                required=field.required
                autocomplete="off"
                aria-describedby=error_id.clone()
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                on:input=on_input
            />
        }),
        Input::Text | Input::Number => EitherOf7::G(view! {
            <input
                id=id.clone()
                name=name
                type="text"
                inputmode=if field.input == Input::Number { "numeric" } else { "text" }
                value=initial
                required=field.required
                autocomplete="off"
                spellcheck="false"
                aria-describedby=error_id.clone()
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                on:input=on_input
            />
        }),
    };
    let checkbox = matches!(field.input, Input::Checkbox(_));
    view! {
        <div class=if checkbox { "field check" } else { "field" }>
            <label for=id>{field.label}</label>
            {control}
            {(!help.is_empty()).then(|| view! { <p class="hint">{help}</p> })}
            <p class="field-error" id=error_id role="alert">{move || message.get()}</p>
        </div>
    }
}
