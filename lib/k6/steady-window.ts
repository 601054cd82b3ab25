// Counts requests that complete while all users are running: [rampS, runTimeS) after the load scenario
// started. Throughput is judged on this count divided by the window's length; k6's own http_reqs rate
// divides by the whole run, ramp-up and graceful stop included, which would understate the service.
//
// The clock is the load scenario's own start (exec.scenario.startTime), not the test run's:
// exec.instance.currentTestRunDuration also counts setup(), which would shift the window.
import exec from 'k6/execution';
import { steadyRequests } from './metrics.ts';

let window = { fromMs: 0, untilMs: Number.POSITIVE_INFINITY };

/** Called once per VU at init by lib/k6/suite.ts with the effective profile's ramp and run times. */
export function setSteadyWindow(rampS: number, runTimeS: number): void {
  window = { fromMs: rampS * 1000, untilMs: runTimeS * 1000 };
}

/** The load scenario's start, read once per VU: exec.scenario builds a new object on every access. */
let scenarioStartMs: number | undefined;

export function countIfSteady(): void {
  scenarioStartMs ??= exec.scenario.startTime;
  const elapsedMs = Date.now() - scenarioStartMs;
  if (elapsedMs >= window.fromMs && elapsedMs < window.untilMs) steadyRequests.add(1);
}
