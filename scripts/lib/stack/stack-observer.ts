// The one hook --observe needs in the commands' machinery: while an observer is set, every embedded stack
// announces itself when it starts (so Prometheus scrapes the newest service and Redis), and every k6 run
// gets the observer's extra arguments and environment (remote write to Prometheus). Unset,
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
  /** Added to every k6 run; the testid is the bundle's own (RUN_ID), as without the observer. */
  k6Run(): { args: string[]; env: Record<string, string> };
}

let current: StackObserver | undefined;

export function setStackObserver(observer: StackObserver | undefined): void {
  current = observer;
}

export function stackObserver(): StackObserver | undefined {
  return current;
}
