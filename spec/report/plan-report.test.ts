// The plan report from a recorded run folder: the criteria table, tiers, comparison, honest header,
// "not run" for missing parts, and a page that needs nothing from the network.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { planHtml } from '../../scripts/lib/report/plan-html.ts';
import { planMarkdown } from '../../scripts/lib/report/plan-markdown.ts';
import { planPage, writePlanReport } from '../../scripts/lib/report/plan-report.ts';
import { copyOfPlanRun, PLAN_RUN_ID } from './plan-fixture.ts';

describe('plan report from the recorded run folder', () => {
  const runDir = copyOfPlanRun();
  const page = planPage(runDir, '2026-11-26T17:00:00.000Z');
  const html = planHtml(page);
  const markdown = planMarkdown(page);

  it('reads every input: 6 test runs, 1 comparison, 2 drills, the soak, run info, Redis timelines', () => {
    assert.equal(page.data.runId, PLAN_RUN_ID);
    assert.deepEqual(
      page.data.runs.map((run) => run.folder),
      ['smoke', 'state-sync', 'baseline-1000', 'stress-5000', 'ultimate-10000', 'sustained-5000'],
    );
    assert.deepEqual(
      page.data.comparisons.map((run) => run.folder),
      ['stress-5000@memory'],
    );
    assert.deepEqual(page.data.drills.map((drill) => drill.variant).sort(), ['sigkill', 'sigterm']);
    assert.ok(page.data.soak);
    assert.equal(page.data.info?.k6Version, '1.8.1');
    assert.equal(page.data.runs.filter((run) => run.redisTimeline?.length).length, 4);
    assert.deepEqual(page.data.problems, []);
  });

  it('lists every criterion of every test, drill and soak, with target and stretch side by side', () => {
    const recordCriteria = page.data.runs.reduce(
      (sum, run) => sum + new Set(run.record.criteria.map((c) => c.key)).size,
      0,
    );
    const judged = page.data.drills.reduce((sum, drill) => sum + drill.criteria.length, 0);
    // one row for the STATE=memory comparison: did the suite catch the defect?
    const comparisons = page.data.comparisons.length;
    assert.equal(
      page.rows.length,
      recordCriteria + judged + (page.data.soak?.criteria.length ?? 0) + comparisons,
    );
    const caught = page.rows.find((row) => row.scope === 'stress-5000@memory');
    assert.equal(caught?.target?.result, 'PASS');
    const p95 = page.rows.find((row) => row.scope === 'stress-5000' && row.key === 'p95_ms');
    assert.equal(p95?.target?.bound, '< 500 ms');
    assert.equal(p95?.stretch?.bound, '< 300 ms');
    assert.equal(p95?.stretch?.gating, false);
    const recovery = page.rows.find(
      (row) => row.scope === 'failover drill (sigkill)' && row.key === 'recovery_s',
    );
    assert.equal(recovery?.measured, '6.4 s');
    assert.equal(recovery?.target?.result, 'FAIL');
    // the synthetic sigkill drill misses its recovery target, so the plan fails
    assert.equal(page.judgement.verdict, 'FAIL');
  });

  it('tabulates the load tiers against users and pairs the memory comparison', () => {
    assert.deepEqual(
      page.tiers.map((tier) => [tier.test, tier.users]),
      [
        ['baseline-1000', 20],
        ['stress-5000', 100],
        ['ultimate-10000', 200],
      ],
    );
    const [pair] = page.pairs;
    assert.equal(pair?.test, 'stress-5000');
    assert.equal(pair?.redis.revokedAccepted, 0);
    assert.ok((pair?.memory.revokedAccepted ?? 0) > 0);
  });

  it('says what ran and where, and notes every scaled part', () => {
    const facts = Object.fromEntries(page.header.facts);
    assert.equal(facts.k6, 'v1.8.1');
    assert.match(facts.machine ?? '', /^2 cores, 23\.6 GB memory/);
    assert.ok(
      page.header.notes.some((note) =>
        note.startsWith('stress-5000 ran 100 users for 40 s (plan: 5,000 users'),
      ),
    );
    assert.ok(page.header.notes.some((note) => note.startsWith('The soak ran 100 users for 10 min')));
  });

  it('renders one self-contained HTML page with a chart per view', () => {
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\((?!#)|src=/i);
    assert.doesNotMatch(html, /href="(https?:)?\/\//i);
    assert.equal((html.match(/<figure class="chart"/g) ?? []).length, 18);
    for (const id of [
      'endpoint-p95-vs-users',
      'errors-by-category',
      'cpu-by-component',
      'scalability',
      'capacity',
      'latency-vs-users',
      'failure-rate-vs-users',
      'throughput-vs-users',
      'redis-memory',
      'redis-ops',
      'redis-probe',
      'drill-sigterm',
      'drill-sigkill',
      'soak-memory',
      'soak-windows',
      'soak-blocks',
      'comparison-correctness-stress-5000',
      'comparison-latency-stress-5000',
    ]) {
      assert.match(html, new RegExp(`id="${id}"[^]*?<svg[^]*?</svg>`), id);
    }
    assert.match(html, /Plan verdict: FAIL/);
    assert.match(html, /class="num highlight bad">[\d,]+</);
  });

  it('heads the analysis sections as the plan names them, the executive summary first', () => {
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((match) => match[1]);
    for (const heading of [
      'Endpoints',
      'Errors by category',
      'Resources',
      'Scalability',
      'Capacity',
      'Bottleneck',
      'Production checklist',
    ]) {
      assert.ok(headings.includes(heading), heading);
      assert.match(markdown, new RegExp(`^## ${heading}$`, 'm'), heading);
    }
    assert.equal(headings[0], 'Executive summary');
  });

  it('reads endpoints, errors and resources per tier, and the scalability and capacity runs', () => {
    const stress = page.data.runs.find((run) => run.folder === 'stress-5000');
    const names = stress?.endpoints?.map((row) => row.name) ?? [];
    for (const name of ['login', 'protected', 'logout', 'Aggregated']) assert.ok(names.includes(name), name);
    const login = stress?.endpoints?.find((row) => row.name === 'login');
    assert.ok(login && login.p50Ms <= login.p95Ms && login.p95Ms <= login.maxMs);
    assert.equal(stress?.errors?.schema, 'auth-loadtest/errors@1');
    assert.ok((stress?.resources?.workers.length ?? 0) > 0);
    const memory = page.data.comparisons[0];
    assert.ok(
      (memory?.errors?.byCategory.other ?? 0) > 0,
      'STATE=memory accepted revoked tokens: wrong answers',
    );
    assert.deepEqual(
      page.data.scalability?.rows.map((row) => [row.workers, row.state]),
      [
        [1, 'redis'],
        [2, 'redis'],
        [4, 'redis'],
        [4, 'memory'],
      ],
    );
    assert.equal(page.data.scalability?.rows[0].efficiency, 1);
    assert.ok(page.data.capacity?.steps.length);
  });

  it('ticks a checklist item only with a measurement and its source', () => {
    const { checklist } = page.analysis;
    const areas = new Set(checklist.map((item) => item.area));
    assert.deepEqual(
      [...areas],
      ['Infrastructure', 'Application', 'Performance', 'Monitoring', 'Security', 'Disaster recovery'],
    );
    for (const item of checklist) {
      if (item.status === 'verified' || item.status === 'failed') {
        assert.notEqual(item.source, '-', item.item);
        assert.match(item.evidence, /\d/, item.item);
      } else if (item.status === 'not verified') {
        assert.match(item.evidence, /^not verified by this run/, item.item);
      }
    }
    const recovery = checklist.find((item) => item.item.startsWith('Redis crash (SIGKILL)'));
    assert.equal(recovery?.status, 'failed'); // the fixture's SIGKILL drill recovers in 6.4 s > 5 s
    assert.match(recovery?.evidence ?? '', /6\.4 s/);
    assert.equal(checklist.find((item) => item.item === 'Redis backup and restore')?.status, 'not verified');
  });

  it('names the busiest resource with its numbers', () => {
    const { bottleneck } = page.analysis;
    assert.equal(bottleneck.basis, 'ultimate-10000');
    assert.ok(bottleneck.utilisation.length >= 4);
    const shares = bottleneck.utilisation.map((u) => u.share);
    assert.deepEqual(
      shares,
      [...shares].sort((a, b) => b - a),
    );
    assert.ok(bottleneck.findings.some((f) => f.startsWith('Password hashing:')));
  });

  it('writes the same tables as Markdown', () => {
    assert.match(markdown, /^# Authentication load test: plan report \(2026-11-26T16-33-48Z\)/);
    assert.match(
      markdown,
      /\| failover drill \(sigkill\) \| Recovery after Redis is back \(s\) \| 6\.4 s \| <= 5 s \*\*FAIL\*\* \| — \|/,
    );
    assert.match(markdown, /\| stress-5000 \| 100 \(plan 5,000\) \|/);
    assert.match(markdown, /\| \*\*revoked tokens accepted \(must be 0\)\*\* \| 0 \| \*\*[\d,]+\*\* \|/);
  });

  it('writePlanReport writes both files into the run folder and returns their paths and the verdict', async () => {
    const written = await writePlanReport(runDir);
    assert.deepEqual(
      { html: written.html, markdown: written.markdown, verdict: written.judgement.verdict },
      { html: join(runDir, 'plan-report.html'), markdown: join(runDir, 'plan-report.md'), verdict: 'FAIL' },
    );
    assert.ok(readFileSync(written.html, 'utf8').startsWith('<!doctype html>'));
    assert.ok(existsSync(written.markdown));
  });
});

describe('executive summary against the previous run in the same reports folder', () => {
  it('says what changed since the run folder just before this one', () => {
    const earlier = copyOfPlanRun();
    const later = join(dirname(earlier), '2026-11-27T09-00-00Z');
    cpSync(earlier, later, { recursive: true });
    const summaryFile = join(later, 'stress-5000', 'summary.json');
    const record = JSON.parse(readFileSync(summaryFile, 'utf8'));
    record.metrics.http_req_duration['p(95)'] *= 2;
    writeFileSync(summaryFile, JSON.stringify(record));
    const summary = planPage(later).analysis.summary;
    assert.equal(summary.previous?.runId, PLAN_RUN_ID);
    assert.ok(
      summary.previous?.changes.some((change) => /^stress-5000: p95 29 ms -> 58 ms \(\+100%\)/.test(change)),
      summary.previous?.changes.join('; '),
    );
    assert.equal(planPage(earlier).analysis.summary.previous, undefined);
  });
});

describe('plan report with parts missing or broken', () => {
  it('says "not run" instead of inventing results, and the verdict is incomplete', () => {
    const runDir = copyOfPlanRun();
    for (const part of [
      'failover-sigkill.json',
      'soak.json',
      'run-info.json',
      'stress-5000@memory',
      'ultimate-10000',
    ]) {
      rmSync(join(runDir, part), { recursive: true });
    }
    for (const test of ['baseline-1000', 'stress-5000', 'sustained-5000']) {
      rmSync(join(runDir, test, 'redis-timeline.json'));
    }
    for (const test of ['smoke', 'baseline-1000', 'stress-5000']) {
      for (const file of ['endpoints.csv', 'errors.json', 'resources.json']) rmSync(join(runDir, test, file));
    }
    rmSync(join(runDir, 'scalability.json'));
    rmSync(join(runDir, 'capacity.json'));
    const page = planPage(runDir);
    const html = planHtml(page);
    // everything that ran passed; what did not run keeps the plan from passing
    assert.equal(page.judgement.verdict, 'INCOMPLETE');
    const notRun = page.rows.filter((row) => row.target?.result === 'NOT RUN').map((row) => row.scope);
    assert.deepEqual(notRun, ['ultimate-10000', 'failover drill (sigkill)', 'soak', 'stress-5000@memory']);
    assert.match(html, /Not run: failover-sigkill\.json is missing\./);
    assert.match(html, /Not run: soak\.json is missing\./);
    assert.match(html, /Not run: no test folder has a redis-timeline\.json/);
    assert.match(html, /Not run: no &lt;test&gt;@memory run/);
    assert.doesNotMatch(html, /id="drill-sigkill"|id="soak-memory"|id="redis-memory"/);
    assert.match(html, /Not run: no test folder has an endpoints\.csv\./);
    assert.match(html, /Not run: no test folder has an errors\.json\./);
    assert.match(html, /Not run: scalability\.json is missing/);
    assert.match(html, /Not run: capacity\.json is not in this folder/);
    assert.ok(
      page.analysis.checklist
        .filter((item) => item.item.startsWith('Breaking point') || item.item.startsWith('Throughput grows'))
        .every((item) => item.status === 'not verified'),
    );
    assert.match(page.header.facts.find(([label]) => label === 'k6')?.[1] ?? '', /not recorded/);
    assert.deepEqual(page.judgement.reasons, [
      'ultimate-10000: NOT RUN k6 test; no summary.json: the test did not run',
      'failover drill (sigkill): NOT RUN Redis failure drill; failover-sigkill.json is missing',
      'soak: NOT RUN soak verdict; soak.json is missing',
      'stress-5000@memory: NOT RUN STATE=memory comparison; no summary.json: it did not run',
    ]);
  });

  it('lists unreadable files as problems and treats them as not run', () => {
    const runDir = copyOfPlanRun();
    writeFileSync(join(runDir, 'soak.json'), '{ not json');
    writeFileSync(join(runDir, 'failover-sigterm.json'), JSON.stringify({ schema: 'something/else@9' }));
    mkdirSync(join(runDir, 'odd-test'));
    writeFileSync(join(runDir, 'odd-test', 'summary.json'), '[]');
    const page = planPage(runDir);
    assert.equal(page.data.soak, undefined);
    assert.equal(page.data.problems.length, 3);
    assert.ok(page.header.notes.some((note) => note.startsWith('Could not use soak.json: not valid JSON')));
    assert.ok(
      page.rows.some((row) => row.scope === 'failover drill (sigterm)' && row.target?.result === 'NOT RUN'),
    );
  });
});
