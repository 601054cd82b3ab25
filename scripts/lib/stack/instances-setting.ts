// INSTANCES and LB_AFFINITY: how many reference-service instances the embedded stack starts and how its
// balancer spreads requests over them. Read by the commands that start the stack for a user (npm start,
// npm run service, failover, soak, capacity); specs and measurements that compare worker counts pass their
// own numbers. Pure: takes the env object; errors name the variable.
import { type Env, integerAtLeast, oneOf } from '../../../lib/env.ts';
import type { Affinity } from './haproxy.ts';

/** More instances than this on one machine measures the machine's scheduler, not the service. */
export const MAX_INSTANCES = 16;

export interface InstancesSetting {
  instances: number;
  affinity: Affinity;
}

export function instancesSetting(env: Env): InstancesSetting {
  const instances = integerAtLeast(env, 'INSTANCES', 1, 1);
  if (instances > MAX_INSTANCES)
    throw new Error(`INSTANCES must be at most ${MAX_INSTANCES} on one machine, got ${instances}`);
  return { instances, affinity: oneOf<Affinity>(env, 'LB_AFFINITY', ['none', 'cookie'], 'none') };
}
