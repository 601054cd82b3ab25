// `npm run reliability`: what a series of npm start runs records and when it counts as held, and how the
// injected defect reaches the embedded service (STATE=redis only: the service refuses DEFECT with memory).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  countVerdicts,
  RELIABILITY_SCHEMA,
  type ReliabilityRecord,
  type ReliabilityRun,
  reliabilityHeld,
  reliabilityMarkdown,
  reliabilitySummary,
} from '../../scripts/lib/reliability/reliability-record.ts';
import { injectedDefect, planServiceEnv } from '../../scripts/lib/stack/plan-service-env.ts';
import { parseDefectSetting } from '../../server/defects/setting.ts';

function run(index: number, verdict: ReliabilityRun['verdict'], firstReason?: string): ReliabilityRun {
  return {
    run: index,
    runId: `20261201-10000${index}`,
    exitCode: verdict === 'PASS' ? 0 : 1,
    verdict,
    firstReason,
    durationS: 470 + index,
  };
}

function series(
  defect: ReliabilityRecord['defect'],
  runs: ReliabilityRun[],
  planned = runs.length,
): ReliabilityRecord {
  return {
    schema: RELIABILITY_SCHEMA,
    startedAt: '2026-12-01T10:00:00.000Z',
    machine: { cores: 2, memoryMb: 8192, cpuModel: 'test CPU' },
    startArgs: [],
    defect,
    runsPlanned: planned,
    runs,
  };
}

describe('reliability record', () => {
  it('holds for the healthy service only when every planned run passed', () => {
    const healthy = series(undefined, [run(1, 'PASS'), run(2, 'PASS')]);
    assert.equal(reliabilityHeld(healthy), true);
    assert.equal(reliabilitySummary(healthy), '2 of 2 runs PASS against the healthy reference service');
    const oneFailed = series(undefined, [run(1, 'PASS'), run(2, 'FAIL', 'soak: FAIL ...')]);
    assert.equal(reliabilityHeld(oneFailed), false);
    assert.equal(
      reliabilitySummary(oneFailed),
      '1 of 2 runs PASS against the healthy reference service (1 FAIL)',
    );
    assert.equal(reliabilityHeld(series(undefined, [run(1, 'PASS')], 3)), false, 'an interrupted series');
  });

  it('holds with a defect only when every run failed; INCOMPLETE or no verdict is not a catch', () => {
    const defect = { name: 'early-logout-ack' };
    assert.equal(reliabilityHeld(series(defect, [run(1, 'FAIL', 'x'), run(2, 'FAIL', 'y')])), true);
    const mixed = series(defect, [run(1, 'FAIL', 'x'), run(2, 'INCOMPLETE', 'y'), run(3, undefined)]);
    assert.equal(reliabilityHeld(mixed), false);
    assert.deepEqual(countVerdicts(mixed.runs), { PASS: 0, FAIL: 1, INCOMPLETE: 1, broken: 1 });
    assert.equal(
      reliabilitySummary(mixed),
      '1 of 3 runs FAIL with DEFECT=early-logout-ack (1 INCOMPLETE, 1 without a verdict)',
    );
  });

  it('writes each run with its verdict, first reason and duration, and the counts', () => {
    const markdown = reliabilityMarkdown(
      series({ name: 'early-logout-ack' }, [run(1, 'FAIL', 'state-sync: FAIL Revoked tokens accepted')]),
    );
    assert.match(
      markdown,
      /\| 1 \| 20261201-100001 \| FAIL \| 1 \| state-sync: FAIL Revoked tokens accepted \| 7 min 51 s \|/,
    );
    assert.match(markdown, /2 cores, 8 GB memory \(test CPU\)/);
    assert.match(markdown, /\*\*1 of 1 runs FAIL with DEFECT=early-logout-ack\*\*/);
  });
});

describe('injected defect in the plan service env', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['DEFECT', 'ALLOW_DEFECTS_FOR_TESTING', 'DEFECT_SIZE']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('reaches STATE=redis services and is blanked for STATE=memory, which the service would refuse', () => {
    process.env.DEFECT = 'early-logout-ack';
    process.env.ALLOW_DEFECTS_FOR_TESTING = 'yes';
    process.env.DEFECT_SIZE = '50';
    const redis = planServiceEnv('redis');
    assert.deepEqual(parseDefectSetting({ ...redis, STATE: 'redis' }), {
      name: 'early-logout-ack',
      size: 50,
    });
    assert.equal(redis.DEFECT_SIZE, '50');
    const memory = planServiceEnv('memory');
    assert.equal(parseDefectSetting({ ...process.env, ...memory, STATE: 'memory' }), undefined);
    assert.deepEqual(injectedDefect(), { name: 'early-logout-ack', size: '50' });
  });

  it('adds nothing when no defect is set', () => {
    delete process.env.DEFECT;
    delete process.env.ALLOW_DEFECTS_FOR_TESTING;
    delete process.env.DEFECT_SIZE;
    assert.deepEqual(Object.keys(planServiceEnv('redis')), ['SCRYPT_COST']);
    assert.equal(injectedDefect(), undefined);
  });
});
