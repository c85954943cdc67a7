//! The browser entry point: hydrates the server-rendered page's islands, its interactive parts
//! (`#[island]` in the app crate). The rest of the page is server-rendered HTML and stays so.

// The islands' exports live in the app crate: link it.
use app as _;

/// Called once by the island loader (`app/src/island_loader.js`) before it hydrates each
/// island, one per task.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
