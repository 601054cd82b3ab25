// The one hook --observe needs in the commands' machinery: while an observer is set, every embedded stack
// announces itself when it starts (so Prometheus scrapes the newest service and Redis), and every k6 run
// gets the observer's extra arguments and environment (remote write to Prometheus, the testid tag). Unset,
// which is the default, nothing changes: runs without --observe are exactly what they were.

export interface ObservedStack {
  baseUrl: string;
  redisHost: string;
  redisPort: number;
  /** Redis's password: for the exporter's environment, never its argv or a log. */
  redisPassword: string;
}

export interface StackObserver {
  stackStarted(stack: ObservedStack): Promise<void>;
  /** The stack is gone: stop watching its Redis, so the gap before the next one raises no RedisDown. */
  stackStopped(stack: ObservedStack): Promise<void>;
  /** `name`: the run folder's name for this k6 run (REPORT_NAME), e.g. "stress-5000" or "failover@sigterm". */
  k6Run(name: string): { args: string[]; env: Record<string, string> };
}

let current: StackObserver | undefined;

export function setStackObserver(observer: StackObserver | undefined): void {
  current = observer;
}

export function stackObserver(): StackObserver | undefined {
  return current;
}
