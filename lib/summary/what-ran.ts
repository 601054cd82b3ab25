// "What ran" as label/value pairs, so every report describes a run the same way and says plainly when
// the run was smaller than the plan.
import type { EffectiveProfile } from '../profiles.ts';
import { formatDurationS, formatNumber } from './format.ts';
import type { RunRecord } from './run-record.ts';

export type Fact = [label: string, value: string];

function usersFact(profile: EffectiveProfile): string {
  if (profile.users === profile.planned.users) return formatNumber(profile.users);
  return `${formatNumber(profile.users)} (plan: ${formatNumber(profile.planned.users)})`;
}

function spawnFact(profile: EffectiveProfile): string {
  const rate = profile.spawnRate === 0 ? 'all at once' : `${formatNumber(profile.spawnRate)}/s`;
  const ramp = profile.rampS > 0 ? `, ramp ${formatDurationS(profile.rampS)}` : '';
  const planned =
    profile.spawnRate === profile.planned.spawnRate
      ? ''
      : ` (plan: ${formatNumber(profile.planned.spawnRate)}/s)`;
  return `${rate}${ramp}${planned}`;
}

function runTimeFact(profile: EffectiveProfile): string {
  const steady = `steady ${formatDurationS(profile.steadyS)}`;
  const planned =
    profile.runTimeS === profile.planned.runTimeS
      ? ''
      : ` (plan: ${formatDurationS(profile.planned.runTimeS)})`;
  return `${formatDurationS(profile.runTimeS)}, ${steady}${planned}`;
}

/** True when users, spawn rate or run time differ from the plan row. */
export function isScaledDown(profile: EffectiveProfile): boolean {
  return (
    profile.users !== profile.planned.users ||
    profile.spawnRate !== profile.planned.spawnRate ||
    profile.runTimeS !== profile.planned.runTimeS
  );
}

function scaleFact(profile: EffectiveProfile): string {
  if (!isScaledDown(profile)) return '1 (full plan size)';
  const how = profile.scale === 1 ? '1 with explicit overrides' : formatNumber(profile.scale);
  return `${how}: differs from the plan, load-dependent targets scaled by ${formatNumber(profile.loadFactor)}`;
}

function segmentFacts(record: RunRecord): Fact[] {
  const segment = record.segment;
  if (segment === undefined) return [];
  const which = segment.spec ?? `1 of ${Math.round(1 / segment.share)} equal segments`;
  return [
    [
      'this instance',
      `execution segment ${which} (${formatNumber(segment.share * 100)}% of the load, about ` +
        `${formatNumber(segment.users)} users); throughput judged on its share`,
    ],
  ];
}

/** State-sync only: how many workers named themselves per round (information, never a verdict). */
function workerFacts(record: RunRecord): Fact[] {
  const workers = record.metrics.state_sync_workers?.max;
  if (workers === undefined) return [];
  return [
    [
      'workers seen',
      workers > 0
        ? `up to ${formatNumber(workers)} per state-sync round (worker header)`
        : 'not identified (no worker header): revocation checked over fresh connections',
    ],
  ];
}

const EXPIRY_SOURCES = {
  field: 'from the login answer (EXPIRES_FIELD)',
  claim: "from the token's exp claim",
  default: 'not stated by the service: assumed 15 minutes',
};

function expiryFacts(record: RunRecord): Fact[] {
  return record.tokenExpirySource === undefined
    ? []
    : [['token lifetime', EXPIRY_SOURCES[record.tokenExpirySource]]];
}

export function whatRan(record: RunRecord): Fact[] {
  const { profile } = record;
  return [
    ['test', `${record.test} (${profile.workload} workload)`],
    ['run id', record.runId],
    ['users', usersFact(profile)],
    ['spawn rate', spawnFact(profile)],
    ['run time', runTimeFact(profile)],
    ['scale', scaleFact(profile)],
    ['base URL', record.baseUrl],
    ['think time', `${formatNumber(record.thinkTimeS.min)}-${formatNumber(record.thinkTimeS.max)} s`],
    [
      'gate',
      record.gate === 'stretch' ? 'stretch (stretch goals gate too)' : 'target (stretch goals reported)',
    ],
    ['Redis probe', record.probeEnabled ? 'on' : 'off'],
    ...segmentFacts(record),
    ...workerFacts(record),
    ...expiryFacts(record),
    ['finished', record.finishedAt],
  ];
}
