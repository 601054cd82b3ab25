// memory-leak (see setting.ts): every request leaves a few KB behind in a worker-wide array that is
// never emptied, the shape of a cache without eviction or a listener never removed.
import type { Defect } from './setting.ts';

/** Doubles retained per request: 8 bytes each, so 8 KB. */
export const LEAKED_NUMBERS_PER_REQUEST = 1024;

/** The one thing the defect needs from the app: an onRequest hook (any logger or type provider). */
interface HookableApp {
  addHook(name: 'onRequest', hook: () => Promise<void>): unknown;
}

export function injectRequestDefect(defect: Defect | undefined, app: HookableApp): void {
  if (defect !== 'memory-leak') return;
  const retained: number[][] = [];
  app.addHook('onRequest', async () => {
    // A plain array of doubles lives on the V8 heap, where the soak's heap-floor trend looks; a Buffer
    // of this size would be allocated outside it.
    retained.push(Array.from({ length: LEAKED_NUMBERS_PER_REQUEST }, () => Math.random()));
  });
}
