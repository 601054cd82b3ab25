// Secrets, read at run time (setup and VU code), never in init: init also runs for `k6 inspect` and
// `k6 archive`, whose metadata keeps every variable it is given. A secret comes from k6's secret sources
// (`--secret-source=file=secrets.env`; k6 then redacts it from logs), else from the environment.
import secrets from 'k6/secrets';
import type { SecretKnobName } from '../knobs/catalogue.ts';
import { OPT_OUT_VALUE } from '../knobs/opt-out.ts';

const cache = new Map<SecretKnobName, string | undefined>();

/** The secret `name` from a secret source, else __ENV[name]; undefined when neither has it. */
export async function secret(name: SecretKnobName): Promise<string | undefined> {
  if (cache.has(name)) return cache.get(name);
  let value: string | undefined;
  try {
    value = await secrets.get(name);
  } catch {
    // No secret source configured, or it lacks this name: the environment may still have it.
    value = undefined;
  }
  if (value === undefined || value === '') value = __ENV[name] === '' ? undefined : __ENV[name];
  cache.set(name, value);
  return value;
}

/** The test accounts' shared password (USER_PASSWORD); not needed when ACCOUNTS_FILE gives passwords. */
export function userPassword(): Promise<string | undefined> {
  return secret('USER_PASSWORD');
}

/**
 * REDIS_URL as the client needs it: a password may be inside the URL, or come separately as REDIS_PASSWORD
 * (a secret source's natural shape), in which case it is put into the URL here. Undefined when unset or `off`.
 */
export async function redisConnectionUrl(): Promise<string | undefined> {
  const url = await secret('REDIS_URL');
  // REDIS_URL=off opts out of the probe by name: there is nothing to connect to.
  if (url === undefined || url === OPT_OUT_VALUE) return undefined;
  const password = await secret('REDIS_PASSWORD');
  if (password === undefined || url.includes('@')) return url;
  return url.replace(/^(rediss?:\/\/)/, `$1:${encodeURIComponent(password)}@`);
}
