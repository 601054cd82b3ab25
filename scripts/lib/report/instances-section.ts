// The plan report's Instances section, shown when the run had several instances or tried to: the instances
// test's cross-instance results, and how the embedded balancer spread each test's requests over the
// instances (its own counts, balancer.json). When the instances test did not run, the reason npm start
// recorded is shown instead. Which instances served is information, not a verdict: balancers differ.
import { type CriterionRow, criterionRow } from '../../../lib/summary/criterion-rows.ts';
import { escapeMarkdown as esc, markdownTable } from '../../../lib/summary/markdown.ts';
import type { DrillResult } from '../run-folder/types.ts';
import type { ScalabilityFile } from '../scalability/scalability-rows.ts';
import { badge, escapeHtml, table } from './html.ts';
import type { PlanRunData, TestRun } from './read-run-folder.ts';

const CROSS_INSTANCE_KEYS = ['cross_instance_errors', 'revoked_token_accepted', 'login_limit_bypassed'];

const INTRO =
  'Several instances of the service behind one balancer. The instances test logs in through the balancer and ' +
  'checks the token on every instance directly, before and after revoking it through one of them; the ' +
  "balancer's own counts show how it spread each test's requests (information: affinity may leave one idle).";

const NO_SCALING =
  'No scalability run with several instances here (npm start with INSTANCES >= 2 adds one to the scalability runs).';

const NO_LOSS_DRILL =
  'No instance-loss drill in this run folder (npm run failover -- --variant instance with INSTANCES >= 2 runs one). ' +
  'The Redis promotion drill is not built yet.';

interface InstancesView {
  /** The instances test's criteria rows, or why it did not run. */
  crossInstance: CriterionRow[] | string;
  checks: number | undefined;
  /** Per test: affinity and answers per instance. */
  traffic: Array<{ folder: string; affinity: string; answers: Map<string, number>; total: number }>;
  instanceNames: string[];
  /** failover-instance.json: one instance drained and stopped under load, then started again. */
  loss: DrillResult | undefined;
  scaling: string | undefined;
}

const pct = (value: number | undefined) => (value === undefined ? 'not sampled' : `${Math.round(value)}%`);

/**
 * Scaling from one instance to several, from the scalability runs (reported, not gated): both throughputs,
 * their ratio, and why it is not linear, read from the CPU measured during each run.
 */
export function instanceScaling(file: ScalabilityFile | undefined): string | undefined {
  const several = file?.rows.find((row) => (row.instances ?? 1) > 1 && row.state === 'redis');
  const one = file?.rows.find(
    (row) => (row.instances ?? 1) === 1 && row.state === 'redis' && row.workers === several?.workers,
  );
  if (!file || !several || !one) return undefined;
  const n = several.instances ?? 1;
  const ratio = one.throughputRps > 0 ? several.throughputRps / one.throughputRps : Number.NaN;
  const capacity = file.cores * 100;
  const busiest = Math.max(one.machineCpuPct ?? 0, several.machineCpuPct ?? 0);
  const why =
    busiest >= 0.9 * capacity
      ? `the machine's ${file.cores} cores were saturated (machine CPU ${pct(one.machineCpuPct)} and ` +
        `${pct(several.machineCpuPct)} of ${capacity}%): the second instance's workers, HAProxy and k6 share the ` +
        'same cores, so more instances add processes, not CPU'
      : `the machine had CPU to spare (machine CPU at most ${pct(busiest)} of ${capacity}%), so the limit was ` +
        'elsewhere (Redis, the balancer or the load generator: see the resources section)';
  return (
    `Scaling 1 -> ${n} instances (${one.workers} workers each, ${file.users} users without think time): ` +
    `${one.throughputRps.toFixed(0)} -> ${several.throughputRps.toFixed(0)} req/s, x${ratio.toFixed(2)} for x${n} ` +
    `instances; service CPU ${pct(one.serviceCpuPct)} -> ${pct(several.serviceCpuPct)} of one core. Not linear: ${why}.`
  );
}

/** The instance-loss drill as label and value pairs, its judged criteria after them. */
function lossFacts(drill: DrillResult): Array<[string, string]> {
  return [
    ['verdict', drill.verdict.toUpperCase()],
    ['users', String(drill.users)],
    ['balancing', drill.affinity === 'cookie' ? 'cookie affinity' : 'round-robin'],
    ['instance down', `${drill.downS} s (drained in the balancer, then stopped; started again after)`],
    [
      'seconds with wrong answers through the balancer',
      drill.errorWindowS === null ? 'none' : `${drill.errorWindowS} s`,
    ],
    ['users who had to log in again', String(drill.sessionsLost ?? '-')],
    ['revoked tokens accepted', String(drill.revokedAccepted)],
    ['revocations kept', `${drill.revocationsEnforcedAfter} of ${drill.revocationsBefore}`],
  ];
}

function skippedReason(data: PlanRunData): string | undefined {
  const note = data.info?.notes?.find((note) => /^Instances test not run/i.test(note));
  // The section says "Not run:" itself.
  return note?.replace(/^Instances test not run:\s*/i, 'the instances test: ');
}

function view(data: PlanRunData): InstancesView | undefined {
  const run = data.runs.find((candidate) => candidate.test === 'instances');
  const withBalancer = data.runs.filter(
    (candidate): candidate is TestRun & { balancer: NonNullable<TestRun['balancer']> } =>
      candidate.balancer !== undefined,
  );
  const skipped = skippedReason(data);
  const loss = data.drills.find((drill) => drill.variant === 'instance');
  const scaling = instanceScaling(data.scalability);
  if (!run && withBalancer.length === 0 && skipped === undefined && !loss && !scaling) return undefined;
  const crossInstance = run
    ? run.record.criteria
        .filter((result) => result.level === 'target' && CROSS_INSTANCE_KEYS.includes(result.key))
        .map(criterionRow)
    : (skipped ?? 'no instances test in this run folder');
  const traffic = withBalancer.map(({ folder, balancer }) => ({
    folder,
    affinity: balancer.affinity === 'cookie' ? 'cookie affinity' : 'round-robin',
    answers: new Map(balancer.instances.map((instance) => [instance.name, instance.responses])),
    total: balancer.instances.reduce((sum, instance) => sum + instance.responses, 0),
  }));
  const instanceNames = [...new Set(traffic.flatMap((row) => [...row.answers.keys()]))].sort();
  return {
    crossInstance,
    checks: run?.record.metrics.cross_instance_checks?.count,
    traffic,
    instanceNames,
    loss,
    scaling,
  };
}

function share(answers: number, total: number): string {
  return total > 0 ? `${answers} (${Math.round((answers / total) * 100)}%)` : String(answers);
}

function trafficRows(instances: InstancesView): string[][] {
  return instances.traffic.map((row) => [
    row.folder,
    row.affinity,
    ...instances.instanceNames.map((name) => share(row.answers.get(name) ?? 0, row.total)),
  ]);
}

export function instancesHtmlSection(data: PlanRunData): string {
  const instances = view(data);
  if (!instances) return '';
  const cross =
    typeof instances.crossInstance === 'string'
      ? `<p class="notrun-box">Not run: ${escapeHtml(instances.crossInstance)}</p>`
      : `${table(
          ['criterion', 'bound', 'measured', 'result'],
          instances.crossInstance.map((row) => [
            `${row.label} (${row.key})`,
            row.bound,
            row.measured,
            badge(row.result),
          ]),
        )}
<p>${instances.checks ?? 0} calls made directly to an instance (cross_instance_checks).</p>`;
  const traffic =
    instances.traffic.length === 0
      ? '<p>No balancer counts in this run folder (an external service, or one instance).</p>'
      : table(
          ['test', 'balancing', ...instances.instanceNames.map((name) => `answers from ${name}`)],
          trafficRows(instances),
        );
  return `<section id="instances">
<h2>Instances</h2>
<p>${escapeHtml(INTRO)}</p>
<h3>Cross-instance results</h3>
${cross}
<h3>Requests per instance</h3>
${traffic}
<h3>Scaling from one instance</h3>
<p>${escapeHtml(instances.scaling ?? NO_SCALING)}</p>
<h3>Instance loss under load</h3>
${instances.loss ? table(['', ''], lossFacts(instances.loss)) : `<p>${escapeHtml(NO_LOSS_DRILL)}</p>`}
</section>`;
}

export function instancesMarkdownSection(data: PlanRunData): string[] {
  const instances = view(data);
  if (!instances) return [];
  const cross =
    typeof instances.crossInstance === 'string'
      ? `_Not run: ${esc(instances.crossInstance)}_`
      : `${markdownTable(
          ['criterion', 'bound', 'measured', 'result'],
          instances.crossInstance.map((row) => [
            esc(`${row.label} (${row.key})`),
            esc(row.bound),
            esc(row.measured),
            row.result,
          ]),
        )}\n\n${instances.checks ?? 0} calls made directly to an instance (cross_instance_checks).`;
  const traffic =
    instances.traffic.length === 0
      ? '_No balancer counts in this run folder (an external service, or one instance)._'
      : markdownTable(
          ['test', 'balancing', ...instances.instanceNames.map((name) => `answers from ${name}`)],
          trafficRows(instances).map((row) => row.map(esc)),
        );
  const loss = instances.loss
    ? markdownTable(
        ['', ''],
        lossFacts(instances.loss).map((row) => row.map(esc)),
      )
    : NO_LOSS_DRILL;
  return [
    '## Instances',
    INTRO,
    '### Cross-instance results',
    cross,
    '### Requests per instance',
    traffic,
    '### Scaling from one instance',
    esc(instances.scaling ?? NO_SCALING),
    '### Instance loss under load',
    loss,
  ];
}
