// Hearth's island loader, in place of Leptos's (leptos/src/hydration/island_script.js). Only
// pages with islands fetch the JS and the WASM, in parallel, once the page has loaded and
// painted and the browser is idle. An island wakes (hydrates) when first touched or focused,
// within that event, so its handlers are there for the click or keystroke that follows;
// islands whose first element carries `data-hydrate="load"` wake at once, one per task, and
// islands whose first elements share a `data-hydrate-group` wake together. So a page load
// runs almost no WASM and no single task keeps input waiting (Lighthouse's total blocking
// time). `data-hydrated` on <html> marks the moment the WASM is ready and the islands due at
// load are awake.
((root, pkg, js, wasm) => {
	const ready = () => document.documentElement.setAttribute('data-hydrated', '');
	const islands = [...document.querySelectorAll('leptos-island')];
	if (islands.length === 0) {
		ready();
		return;
	}
	const marks = (island) => island.firstElementChild?.dataset ?? {};
	const asleep = new Set(islands);
	const touchedEarly = new Set();
	let mod = null;
	const wake = (island) => {
		if (!asleep.delete(island)) return;
		const hydrate = mod[island.dataset.component];
		if (hydrate) {
			hydrate(island);
		} else {
			console.warn(`No WASM function for the island ${island.dataset.component}`);
		}
	};
	const touched = (island) => {
		const group = marks(island).hydrateGroup;
		const together = group ? islands.filter((i) => marks(i).hydrateGroup === group) : [island];
		for (const i of together) (mod ? wake : (i) => touchedEarly.add(i))(i);
	};
	for (const island of islands) {
		for (const type of ['pointerdown', 'focusin']) {
			island.addEventListener(type, () => touched(island), { capture: true, once: true });
		}
	}
	const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
	const idle = window.requestIdleCallback ?? ((run) => setTimeout(run, 0));
	// After the page has loaded and painted: the WASM never competes with what is shown first.
	const afterFirstPaint = (run) => {
		const start = () => requestAnimationFrame(() => setTimeout(() => idle(run), 0));
		if (document.readyState === 'complete') start();
		else window.addEventListener('load', start, { once: true });
	};
	afterFirstPaint(async () => {
		const wasmResponse = fetch(`${root}/${pkg}/${wasm}.wasm`);
		const loaded = await import(`${root}/${pkg}/${js}.js`);
		await loaded.default({ module_or_path: wasmResponse });
		loaded.hydrate();
		mod = loaded;
		for (const island of islands) {
			if (touchedEarly.has(island) || marks(island).hydrate === 'load') {
				await nextTask();
				wake(island);
			}
		}
		ready();
	});
})
