// What a load VU sets up at init: the steady window its requests are counted in. This is all a load VU
// (k6's __VU >= 1) needs beyond its workload; the options, plan, criteria, preflight and reports are the
// __VU 0 instances' part (lib/k6/suite.ts), which the build keeps out of load VUs (docs/bench.md).
import { profileFor } from '../profiles.ts';
import { config } from './run-config.ts';
import { setSteadyWindow } from './steady-window.ts';

/** Sets the steady window of `test`'s effective profile; every tests/<test>.load.ts calls it once. */
export function defineLoad(test: string): void {
  const profile = profileFor(test, config.profileOverrides);
  setSteadyWindow(profile.rampS, profile.runTimeS);
}
