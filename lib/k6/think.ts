// Think time between a user's iterations: uniform in [THINK_MIN_S, THINK_MAX_S] (default 2-6 s, mean 4 s).
// In a closed model it sets the load: users / (think + response time) requests per second per request
// in an iteration (docs/suite.md, "Think time").
import { sleep } from 'k6';
import { config } from './run-config.ts';

export function think(): void {
  const { min, max } = config.thinkTimeS;
  sleep(min + Math.random() * (max - min));
}
