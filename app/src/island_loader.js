// Hearth's island loader, in place of Leptos's (leptos/src/hydration/island_script.js): it
// fetches the JS and the WASM only on pages that have islands, in parallel, once the browser
// is idle, and hydrates one island per task, so no single task keeps input waiting (what
// Lighthouse counts as total blocking time). `data-hydrated` on <html> marks the end.
((root, pkg, js, wasm) => {
	const done = () => document.documentElement.setAttribute('data-hydrated', '');
	const islands = document.querySelectorAll('leptos-island');
	if (islands.length === 0) {
		done();
		return;
	}
	const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
	const idle = window.requestIdleCallback ?? ((run) => setTimeout(run, 0));
	idle(async () => {
		const wasmResponse = fetch(`${root}/${pkg}/${wasm}.wasm`);
		const mod = await import(`${root}/${pkg}/${js}.js`);
		await mod.default({ module_or_path: wasmResponse });
		mod.hydrate();
		for (const island of islands) {
			await nextTask();
			const hydrateIsland = mod[island.dataset.component];
			if (hydrateIsland) {
				await hydrateIsland(island);
			} else {
				console.warn(`No WASM function for the island ${island.dataset.component}`);
			}
		}
		done();
	});
})
