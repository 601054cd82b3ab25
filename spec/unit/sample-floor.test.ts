// Every gated criterion has its minimum samples by construction: the arithmetic from each test's profile
// (quick and full, as npm start schedules them) and the workloads' schedule, not a run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseConfig } from '../../lib/config.ts';
import { criteriaFor } from '../../lib/criteria.ts';
import { firstLogoutIteration, logoutPeriod, logsOutAt } from '../../lib/logout-schedule.ts';
import { MIXED_LOGOUT_PERIOD, MIXED_WEIGHTS, mixedAction } from '../../lib/mixed-weights.ts';
import { parsePlanText } from '../../lib/plan.ts';
import { PLAN_ROWS, type ProfileOverrides, profileFor } from '../../lib/profiles.ts';
import { sampleFloor, unreachableGuards } from '../../lib/sample-floor.ts';
import { thresholdsFile } from '../../scripts/lib/paths.ts';
import { planSchedule, quickScale } from '../../scripts/lib/plan/plan-schedule.ts';

const plan = parsePlanText(readFileSync(thresholdsFile, 'utf8'));
const defaults = parseConfig({});

function profilesOf(test: string): Array<[string, ProfileOverrides]> {
  const quick = planSchedule('quick', quickScale(2));
  const scheduled = [...quick.tests, quick.comparison].filter((entry) => entry.test === test);
  const soak = test === 'sustained-5000' ? [quick.soak.overrides] : [];
  return [
    ['full', {}],
    ...scheduled.map((entry): [string, ProfileOverrides] => ['quick', entry.overrides]),
    ...soak.map((overrides): [string, ProfileOverrides] => ['quick soak', overrides]),
    ['one user', { users: 1, spawnRate: 1, runTimeS: 30 }],
  ];
}

describe('every gated criterion is measured by construction', () => {
  for (const test of Object.keys(PLAN_ROWS)) {
    for (const [name, overrides] of profilesOf(test)) {
      it(`${test}, ${name} profile: each guard's floor meets its criterion's minimum`, () => {
        const profile = profileFor(test, overrides);
        const probe = profile.workload === 'failover' || profile.workload === 'instances' ? undefined : 'set';
        const minRevocationChecks = profile.workload === 'state-sync' ? defaults.syncChecks : 1;
        const criteria = criteriaFor(plan, test, {
          gate: 'stretch',
          steadySeconds: profile.steadyS,
          loadFactor: profile.loadFactor,
          probe,
          loginLimit: 'set',
          minRevocationChecks,
          instanceUrls: 'set',
        });
        const floor = sampleFloor({
          workload: profile.workload,
          users: profile.users,
          logoutPeriod: logoutPeriod(defaults.logoutProbability),
          probeSample: defaults.probeSample,
          syncChecks: defaults.syncChecks,
          probe: probe === 'set',
          loginLimit: true,
          instanceCount: 2,
        });
        const guarded = criteria.filter((criterion) => criterion.sampledBy !== undefined);
        assert.ok(guarded.length > 0);
        for (const criterion of guarded) {
          const needed = criterion.minSamples ?? 1;
          const guaranteed = floor[criterion.sampledBy as string] ?? 0;
          assert.ok(
            guaranteed >= needed,
            `${criterion.key}: ${criterion.sampledBy} ${guaranteed} < ${needed}`,
          );
        }
        assert.deepEqual(unreachableGuards(criteria, floor), []);
      });
    }
  }

  it('counts the probing users that log out in their first iteration', () => {
    const floor = (users: number) =>
      sampleFloor({
        workload: 'authentication',
        users,
        logoutPeriod: 20,
        probeSample: 0.1,
        syncChecks: 10,
        probe: true,
        loginLimit: false,
      });
    // Users 1, 21, 41 log out first (period 20); of the probing users (1, 11, 21, 31, 41) those are 1, 21, 41.
    assert.equal(floor(50).revocation_checks, 3);
    assert.equal(floor(50).blacklist_checks, 3);
    assert.equal(floor(1).blacklist_checks, 1);
    assert.equal(floor(500).revocation_checks, 25);
  });

  it('names the knob when a configuration cannot reach a guard', () => {
    const profile = profileFor('state-sync');
    const criteria = criteriaFor(plan, 'state-sync', {
      gate: 'target',
      steadySeconds: profile.steadyS,
      loadFactor: profile.loadFactor,
      probe: 'set',
      loginLimit: 'set',
      minRevocationChecks: 10,
    });
    const floor = {
      ...sampleFloor({
        workload: 'state-sync',
        users: 1,
        logoutPeriod: 20,
        probeSample: 1,
        syncChecks: 10,
        probe: true,
        loginLimit: false,
      }),
      revocation_checks: 4,
    };
    const problems = unreachableGuards(criteria, floor);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /revocation_checks but this configuration guarantees 4: change LOGOUT_PROBABILITY/,
    );
  });
});

describe('logout schedule', () => {
  it('makes user 1 log out in its first iteration and spreads the others over the period', () => {
    assert.equal(logoutPeriod(0.05), 20);
    assert.equal(logoutPeriod(0), undefined);
    assert.ok(logsOutAt(0, 1, 20));
    assert.ok(logsOutAt(20, 1, 20));
    assert.ok(!logsOutAt(1, 1, 20));
    assert.equal(firstLogoutIteration(2, 20), 19);
    assert.equal(firstLogoutIteration(21, 20), 0);
    // In any window of `period` iterations, each user logs out exactly once.
    for (let vu = 1; vu <= 40; vu++) {
      const logouts = Array.from({ length: 20 }, (_, i) => i + 7).filter((i) => logsOutAt(i, vu, 20));
      assert.equal(logouts.length, 1, `user ${vu}`);
    }
  });

  it('keeps the mixed workload in proportion: logouts scheduled, the rest drawn by weight', () => {
    const total = Object.values(MIXED_WEIGHTS).reduce((sum, weight) => sum + weight, 0);
    assert.equal(MIXED_LOGOUT_PERIOD, total / MIXED_WEIGHTS.logoutAndRelogin);
    assert.equal(mixedAction(0, 1, 0.99), 'logoutAndRelogin');
    assert.equal(mixedAction(1, 1, 0), 'protected');
    const counts: Record<string, number> = {};
    for (let iteration = 0; iteration < 1000; iteration++) {
      const action = mixedAction(iteration, 3, (iteration * 0.618034) % 1);
      counts[action] = (counts[action] ?? 0) + 1;
    }
    assert.equal(counts.logoutAndRelogin, 100);
  });
});
