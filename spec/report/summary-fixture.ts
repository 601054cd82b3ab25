// Builds the SummaryContext the recorded k6 summaries in spec/fixtures/k6-summary/ were produced with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { criteriaFor } from '../../lib/criteria.ts';
import type { Level } from '../../lib/plan.ts';
import { parsePlanText } from '../../lib/plan.ts';
import { profileFor } from '../../lib/profiles.ts';
import type { SummaryContext } from '../../lib/summary/summary-context.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';

export const fixturesDir = join(projectRoot, 'spec', 'fixtures');

type RecordedMetrics = Record<string, { type: string; contains: string; values: Record<string, number> }>;

/**
 * The recorded data, plus the sample counters the bundles emit since the fixtures were recorded, each derived
 * from what the recording counted: blacklist_checks from blacklist_synced's passes + fails,
 * redis_monitor_samples from redis_used_memory_mb's count, and, since each recorded iteration logged in once
 * and called once with its revoked token, login_attempts, login_success (every login got its token) and
 * revocation_checks from the iterations.
 */
export function recordedSummary(which: 'passing' | 'failing'): unknown {
  const data = JSON.parse(
    readFileSync(join(fixturesDir, 'k6-summary', `stress-5000.${which}.data.json`), 'utf8'),
  ) as { metrics: RecordedMetrics };
  const counter = (count: number | undefined) => ({
    type: 'counter',
    contains: 'default',
    values: { count: count ?? 0, rate: 0 },
  });
  const synced = data.metrics.blacklist_synced?.values;
  data.metrics.blacklist_checks = counter((synced?.passes ?? 0) + (synced?.fails ?? 0));
  data.metrics.redis_monitor_samples = counter(data.metrics.redis_used_memory_mb?.values.count);
  const iterations = data.metrics.iterations?.values.count ?? 0;
  data.metrics.login_attempts = counter(iterations);
  data.metrics.revocation_checks = counter(iterations);
  data.metrics.login_success = {
    type: 'rate',
    contains: 'default',
    values: { rate: 1, passes: iterations, fails: 0 },
  };
  return data;
}

export function stressContext(
  overrides: Partial<SummaryContext> = {},
  gate: Level = 'target',
): SummaryContext {
  const plan = parsePlanText(readFileSync(join(projectRoot, 'thresholds.json'), 'utf8'));
  const profile = profileFor('stress-5000', { users: 20, spawnRate: 2, runTimeS: 24 });
  const criteria = criteriaFor(plan, 'stress-5000', {
    gate,
    steadySeconds: profile.steadyS,
    loadFactor: profile.loadFactor,
    probe: 'set',
  });
  return {
    test: 'stress-5000',
    runId: 'spec-run',
    baseUrl: 'http://127.0.0.1:18080',
    gate,
    profile,
    thinkTimeS: { min: 0.5, max: 1.5 },
    probeEnabled: true,
    criteria,
    reportDir: 'reports',
    ...overrides,
  };
}

/** Throws unless every tag is closed in order and no raw '<' or bare '&' is left in text or attributes. */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    const text = body.slice(last, match.index);
    if (/[<>]/.test(text)) throw new Error(`raw < or > in text near: ${text.slice(0, 60)}`);
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(text + match[3])) throw new Error(`bare & near: ${match[0]}`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) stack.push(name ?? '');
    else if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
  }
  if (body.slice(last).trim() !== '') throw new Error('text after the root element');
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
}
