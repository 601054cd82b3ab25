// memory-leak (see setting.ts): every request leaves DEFECT_SIZE bytes behind in a worker-wide array that
// is never emptied, the shape of a cache without eviction or a listener never removed.
import type { InjectedDefect } from './setting.ts';

/** A double takes 8 bytes in a packed array of numbers. */
const BYTES_PER_NUMBER = 8;

/** The one thing the defect needs from the app: an onRequest hook (any logger or type provider). */
interface HookableApp {
  addHook(name: 'onRequest', hook: () => Promise<void>): unknown;
}

export function injectRequestDefect(defect: InjectedDefect | undefined, app: HookableApp): void {
  if (defect?.name !== 'memory-leak') return;
  const numbersPerRequest = Math.round((defect.size ?? 0) / BYTES_PER_NUMBER);
  if (numbersPerRequest === 0) return;
  const retained: number[][] = [];
  app.addHook('onRequest', async () => {
    // A plain array of doubles lives on the V8 heap, where the soak's heap-floor trend looks; a Buffer
    // of this size would be allocated outside it.
    retained.push(Array.from({ length: numbersPerRequest }, () => Math.random()));
  });
}
