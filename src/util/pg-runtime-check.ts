/**
 * pg asks, while it loads, whether it runs in a Cloudflare Worker. With no global `navigator`
 * (Node 20 has none; Node 21 and later have one) it answers by constructing a fetch Response,
 * which loads the undici bundle inside Node: 25 ms or more of start-up for every command that
 * connects. Import this module right before pg: it puts up the navigator that Node 21 would
 * have, and `afterPgLoaded` takes it away again, so no other code ever sees it.
 */
const present = 'navigator' in globalThis;
if (!present) {
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true, writable: true });
}

export function afterPgLoaded(): void {
  if (!present) delete (globalThis as { navigator?: unknown }).navigator;
}
