//! The browser entry point: hydrates the server-rendered page's islands, its interactive parts
//! (`#[island]` in the app crate). The rest of the page is server-rendered HTML and stays so.

// The islands' exports live in the app crate: link it.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Leptos's loader hydrates each island right after this returns, within this task: a
    // timer fires after it and marks the moment the page answers to input (tests wait for it).
    leptos::prelude::set_timeout(
        || {
            if let Some(root) = leptos::prelude::document().document_element() {
                let _ = root.set_attribute("data-hydrated", "");
            }
        },
        std::time::Duration::ZERO,
    );
}
