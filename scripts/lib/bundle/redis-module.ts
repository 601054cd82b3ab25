// k6 generations differ in one import: k6 v1.x ships the Redis client as `k6/experimental/redis`, k6 v2.x
// removed it in favour of the xk6-redis extension `k6/x/redis`. The sources always import
// REDIS_MODULE_SOURCE (in lib/k6/redis-client.ts only); the build rewrites it for v1 and, for v2, puts the
// "use k6 with" directive at the very top of the file k6 runs so auto-extension-resolution provisions it.
export const REDIS_MODULE_SOURCE = 'k6/x/redis';
export const REDIS_MODULE_V1 = 'k6/experimental/redis';
export type K6Generation = 1 | 2;

/** The generation a k6 of this major version needs its bundles built for. */
export function generationOf(k6Major: number): K6Generation {
  return k6Major >= 2 ? 2 : 1;
}
