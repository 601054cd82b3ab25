// What the failover drill asserts with --observe (pure): the Redis-down and fail-closed alerts fire while
// Redis is down and resolve after it is back, and how many seconds each took.
import type { AlertEpisode, DrillAlert } from '../run-folder/types.ts';

/** The alerts a Redis outage must raise. */
export const OUTAGE_ALERTS = ['RedisDown', 'AuthFailingClosed'] as const;

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export function drillAlerts(episodes: AlertEpisode[], redisDownAt: number, redisUpAt: number): DrillAlert[] {
  return OUTAGE_ALERTS.map((alert) => {
    const during = episodes.find(
      (e) => e.alert === alert && e.firedAt >= redisDownAt && e.firedAt <= redisUpAt,
    );
    const resolvedAt = during?.resolvedAt;
    const resolved = resolvedAt !== undefined && resolvedAt >= redisUpAt ? resolvedAt : undefined;
    return {
      alert,
      firedAfterStopS: during ? seconds(during.firedAt - redisDownAt) : null,
      resolvedAfterRestartS: resolved === undefined ? null : seconds(resolved - redisUpAt),
      pass: during !== undefined && resolved !== undefined,
    };
  });
}

/** True once every outage alert that fired after `since` has resolved after `upAt`. */
export function outageAlertsSettled(episodes: AlertEpisode[], since: number, upAt: number): boolean {
  return OUTAGE_ALERTS.every((alert) =>
    episodes
      .filter((e) => e.alert === alert && e.firedAt >= since)
      .every((e) => e.resolvedAt !== undefined && e.resolvedAt >= upAt),
  );
}
