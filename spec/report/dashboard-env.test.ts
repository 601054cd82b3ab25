// dashboardEnv: the env that makes k6 export its web dashboard. The unit part checks the settings;
// the integration part runs two real k6 processes at once (32 s each, one idle user) and expects both
// exports, into folders that did not exist, without the runs fighting over a port.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DASHBOARD_MIN_RUN_S,
  dashboardEnv,
  dashboardPeriodS,
} from '../../scripts/lib/stack/dashboard-env.ts';
import { findK6 } from '../../scripts/lib/stack/k6-binary.ts';

describe('dashboardEnv', () => {
  it('is empty for runs of 30 s or less: k6 would skip the export for lack of snapshots', () => {
    assert.equal(DASHBOARD_MIN_RUN_S, 30);
    assert.deepEqual(dashboardEnv(join(tmpdir(), 'never', 'dashboard.html'), 30), {});
    assert.equal(existsSync(join(tmpdir(), 'never')), false);
  });

  it('exports to an absolute path on a free loopback port, and creates the folder', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'dashboard-env-'));
    const env = dashboardEnv(join(scratch, 'run', 'stress-5000', 'dashboard.html'), 300);
    assert.deepEqual(env, {
      K6_WEB_DASHBOARD: 'true',
      K6_WEB_DASHBOARD_EXPORT: join(scratch, 'run', 'stress-5000', 'dashboard.html'),
      K6_WEB_DASHBOARD_HOST: '127.0.0.1',
      K6_WEB_DASHBOARD_PORT: '0',
      K6_WEB_DASHBOARD_OPEN: 'false',
      K6_WEB_DASHBOARD_PERIOD: '10s',
    });
    assert.ok(isAbsolute(env.K6_WEB_DASHBOARD_EXPORT ?? ''));
    assert.ok(statSync(join(scratch, 'run', 'stress-5000')).isDirectory());
  });

  it('picks a period that gives about 30 points, between 2 s and 10 s', () => {
    assert.deepEqual([31, 60, 120, 300, 1800].map(dashboardPeriodS), [2, 2, 4, 10, 10]);
  });
});

describe('dashboardEnv with real k6', { skip: findK6() ? false : 'k6 not installed' }, () => {
  it('two overlapping 32 s runs both export a self-contained dashboard', { timeout: 120_000 }, async () => {
    const k6 = findK6();
    assert.ok(k6);
    const scratch = mkdtempSync(join(tmpdir(), 'dashboard-k6-'));
    const script = join(scratch, 'idle.js');
    writeFileSync(
      script,
      "import { sleep } from 'k6';\nexport const options = { vus: 1, duration: '32s' };\nexport default function () { sleep(1); }\n",
    );
    const run = (name: string) =>
      new Promise<{ code: number | null; file: string; log: string }>((resolve) => {
        const file = join(scratch, name, 'missing-folder', 'dashboard.html');
        // --address= turns off k6's REST API (127.0.0.1:6565), the other port overlapping runs share.
        const child = spawn(k6.path, ['run', '--quiet', '--address=', script], {
          env: { ...process.env, ...dashboardEnv(file, 32) },
        });
        let log = '';
        child.stdout.on('data', (chunk) => {
          log += chunk;
        });
        child.stderr.on('data', (chunk) => {
          log += chunk;
        });
        child.on('exit', (code) => resolve({ code, file, log }));
      });
    const results = await Promise.all([run('a'), run('b')]);
    for (const result of results) {
      assert.equal(result.code, 0, result.log);
      assert.doesNotMatch(result.log, /address already in use|report generation was skipped/);
      const html = readFileSync(result.file, 'utf8');
      assert.ok(html.length > 50_000, `${result.file} is only ${html.length} bytes`);
      assert.doesNotMatch(html, /<script[^>]+src="https?:/i);
    }
  });
});
