// Whether `npm start` runs the `instances` test, and if not, why (for the console and run-info.json's notes).
// It needs several instances: the embedded stack with INSTANCES >= 2, or an external service whose
// instances INSTANCE_URLS names. With one instance there is nothing to check across, so the default plan
// (INSTANCES=1) leaves it out and its run time is unchanged. Pure.
import { OPT_OUT_VALUE } from '../../../lib/knobs/opt-out.ts';
import type { InstancesSetting } from '../stack/instances-setting.ts';

export interface InstancesTestDecision {
  run: boolean;
  /** Why it does not run; undefined when it runs. */
  skipped?: string;
}

export function instancesTestDecision(
  setting: InstancesSetting,
  external: boolean,
  instanceUrls: string | undefined,
): InstancesTestDecision {
  const urls = instanceUrls?.trim() ?? '';
  if (external) {
    if (urls !== '' && urls !== OPT_OUT_VALUE) return { run: true };
    return {
      run: false,
      skipped:
        urls === OPT_OUT_VALUE
          ? 'instances test not run: INSTANCE_URLS=off (the service runs as one instance)'
          : 'instances test not run: INSTANCE_URLS is not set (the URL of each instance, bypassing the balancer)',
    };
  }
  if (setting.instances >= 2) return { run: true };
  return {
    run: false,
    skipped:
      'instances test not run: the embedded stack runs one instance (INSTANCES=1), so there is nothing to check ' +
      'across; INSTANCES=2 npm start runs it',
  };
}

/** The plan's production setting: 4 workers in all (docs/service.md). */
export const PLAN_WORKERS = 4;

/**
 * Workers per instance when `--workers` is not given: the plan's 4 shared out over the instances (at least
 * one each), so INSTANCES=2 runs the same number of workers as one instance. Measured here on 2 cores: two
 * instances of 4 workers (8 in all, with HAProxy and k6) failed the Redis probe's p95 (11.5 to 114 ms against
 * < 5 ms) where two of 2 kept it at 1 ms.
 */
export function planWorkers(instances: number): number {
  return Math.max(1, Math.round(PLAN_WORKERS / instances));
}
