// Fastify encapsulates every registered plugin: hooks added inside one apply only to its own routes.
// App-wide concerns (headers on every response, metrics for every request, the error handler) opt out
// with the `skip-override` symbol, the same mechanism fastify-plugin uses, without the extra dependency.

export function unencapsulated<T extends (...args: never[]) => unknown>(plugin: T): T {
  Object.defineProperty(plugin, Symbol.for('skip-override'), { value: true });
  return plugin;
}
