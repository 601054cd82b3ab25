// The defects only a multi-instance deployment has (see setting.ts), each the mistake a real deployment makes:
// per-instance-jwt-secret: the instance ignores the JWT_SECRET it was given and signs with a secret of its
//   own, as an instance started without JWT_SECRET does, so no other instance accepts its tokens;
// per-instance-denylist: the instance keeps revocations under a key prefix of its own, as separate Redis
//   databases or per-instance caches do, so a token revoked through it stays valid on every other instance.
import { randomBytes } from 'node:crypto';
import type { InjectedDefect } from './setting.ts';

/** The secret the primary hands its workers: the configured one, unless the defect makes up its own. */
export function instanceJwtSecret(
  defect: InjectedDefect | undefined,
  configured: string | undefined,
): string {
  if (configured !== undefined && defect?.name !== 'per-instance-jwt-secret') return configured;
  return randomBytes(32).toString('base64url');
}

/** The denylist's key prefix: the shared one, unless the defect gives this instance a prefix of its own. */
export function instanceRevocationPrefix(
  defect: InjectedDefect | undefined,
  prefix: string,
  instanceId: number,
): string {
  return defect?.name === 'per-instance-denylist' ? `${prefix}-i${instanceId}` : prefix;
}
