//! The browser entry point: hydrates the islands of the server-rendered page.

// The islands are exported by `app` itself; naming the crate links it into the wasm.
use app as _;

/// Called by the hydration script once the WebAssembly module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
