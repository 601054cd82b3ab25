// Follows Prometheus's alerts API (/api/v1/alerts) once a second and records each alert's firing episodes:
// when it was first seen firing and when it was first seen gone again. The drill asserts from these, and
// the plan report shows them as the run's alert timeline.
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertEpisode } from '../run-folder/types.ts';

interface ApiAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
}

export async function firingAlerts(prometheusUrl: string): Promise<ApiAlert[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/alerts`, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`${prometheusUrl}/api/v1/alerts answered ${response.status}`);
  const body = (await response.json()) as { data: { alerts: ApiAlert[] } };
  return body.data.alerts.filter((alert) => alert.state === 'firing');
}

/** An instance's identity: its labels, sorted. */
function key(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

export interface AlertWatch {
  /** Episodes so far, in the order they started. */
  episodes(): AlertEpisode[];
  /** Resolves once `done(episodes)` is true or after `timeoutMs`; true when it became true. */
  until(done: (episodes: AlertEpisode[]) => boolean, timeoutMs: number): Promise<boolean>;
  stop(): Promise<AlertEpisode[]>;
}

export function watchAlerts(prometheusUrl: string, intervalMs = 1_000): AlertWatch {
  const all: AlertEpisode[] = [];
  const open = new Map<string, AlertEpisode>();
  let running = true;
  const poll = async () => {
    while (running) {
      const at = Date.now();
      try {
        const firing = await firingAlerts(prometheusUrl);
        const now = new Set(firing.map((alert) => key(alert.labels)));
        for (const alert of firing) {
          const id = key(alert.labels);
          if (open.has(id)) continue;
          const { alertname, ...labels } = alert.labels;
          const episode = { alert: alertname ?? '?', labels, firedAt: at };
          open.set(id, episode);
          all.push(episode);
        }
        for (const [id, episode] of open) {
          if (now.has(id)) continue;
          episode.resolvedAt = at;
          open.delete(id);
        }
      } catch {
        // Prometheus busy or restarting: the next poll tells.
      }
      await sleep(Math.max(0, at + intervalMs - Date.now()));
    }
  };
  const polling = poll();
  return {
    episodes: () => [...all],
    async until(done, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (done(all)) return true;
        await sleep(intervalMs);
      }
      return done(all);
    },
    async stop() {
      running = false;
      await polling;
      return [...all];
    },
  };
}
