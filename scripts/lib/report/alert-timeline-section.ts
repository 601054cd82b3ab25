// The plan report's Alert timeline: shown when the run had --observe (run-info.json's `observe`): every
// alert Prometheus fired during the run, when, and for how long, against the run's start.
import type { AlertEpisode, RunInfo } from '../run-folder/types.ts';
import { escapeHtml, table } from './html.ts';

const HEADERS = ['alert', 'labels', 'fired (s into the run)', 'lasted'];
const INTRO =
  'Alerts from observability/alerts.yml (derived from thresholds.json) that Prometheus fired while the plan ran ' +
  '(its alerts API, polled every second). The failure drills stop Redis on purpose, so RedisDown, AuthFailingClosed ' +
  'and the error-ratio alert are expected there.';

function rows(info: RunInfo, episodes: AlertEpisode[]): string[][] {
  const start = Date.parse(info.startedAt);
  return episodes.map((e) => [
    e.alert,
    Object.entries(e.labels)
      .filter(([name]) => name !== 'severity')
      .map(([name, value]) => `${name}=${value}`)
      .join(', ') || '-',
    ((e.firedAt - start) / 1000).toFixed(0),
    e.resolvedAt === undefined
      ? 'still firing at the end'
      : `${((e.resolvedAt - e.firedAt) / 1000).toFixed(0)} s`,
  ]);
}

function costLine(info: RunInfo): string {
  const cost = info.observe?.cost;
  if (cost === undefined) return '';
  const parts = Object.entries(cost).map(
    ([tool, used]) => `${tool} ${used.cpuS.toFixed(1)} CPU-s, peak ${used.peakRssMb.toFixed(0)} MB`,
  );
  return `What observing cost (from /proc): ${parts.join('; ')}.`;
}

export function alertTimelineHtml(info: RunInfo | undefined): string {
  const observe = info?.observe;
  if (info === undefined || observe === undefined) return '';
  const body =
    observe.alerts.length === 0 ? '<p>No alert fired.</p>' : table(HEADERS, rows(info, observe.alerts));
  return `<section id="alerts">
<h2>Alert timeline</h2>
<p>${escapeHtml(INTRO)}</p>
${body}
<p>${escapeHtml(costLine(info))}</p>
</section>`;
}

export function alertTimelineMarkdown(info: RunInfo | undefined): string[] {
  const observe = info?.observe;
  if (info === undefined || observe === undefined) return [];
  if (observe.alerts.length === 0) return ['## Alert timeline', INTRO, 'No alert fired.', costLine(info)];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    '## Alert timeline',
    INTRO,
    [line(HEADERS), line(HEADERS.map(() => '---')), ...rows(info, observe.alerts).map(line)].join('\n'),
    costLine(info),
  ];
}
