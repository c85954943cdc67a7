// Waits until hearth answers: `cargo leptos end-to-end` and xtask start it just before.
export default async function globalSetup() {
  const url = (process.env.HEARTH_URL ?? 'http://127.0.0.1:3100') + '/healthz';
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`hearth did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
