// Plan rows -> effective profiles -> k6 ramping-vus scenarios.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLAN_ROWS, parseDurationS, profileFor, scenarioFor } from '../../lib/profiles.ts';

describe('profiles', () => {
  it('ramps at the spawn rate and holds until the run time', () => {
    const profile = profileFor('stress-5000');
    assert.equal(profile.users, 5000);
    assert.equal(profile.spawnRate, 100);
    assert.equal(profile.rampS, 50);
    assert.equal(profile.steadyS, 250);
    assert.equal(profile.loadFactor, 1);
    assert.deepEqual(scenarioFor(profile).stages, [
      { duration: '50s', target: 5000 },
      { duration: '250s', target: 5000 },
    ]);
    assert.equal(scenarioFor(profile).startVUs, 0);
  });

  it('starts all users at once when the spawn rate is 0', () => {
    const profile = profileFor('smoke');
    assert.equal(profile.rampS, 0);
    assert.equal(profile.steadyS, 15);
    const scenario = scenarioFor(profile);
    assert.equal(scenario.startVUs, 2);
    assert.deepEqual(scenario.stages, [{ duration: '15s', target: 2 }]);
  });

  it('SCALE shrinks users and spawn rate together, keeping the ramp time', () => {
    const profile = profileFor('ultimate-10000', { scale: 0.1 });
    assert.equal(profile.users, 1000);
    assert.equal(profile.spawnRate, 10);
    assert.equal(profile.rampS, 100);
    assert.equal(profile.runTimeS, 300);
    assert.equal(profile.loadFactor, 0.1);
  });

  it('never scales below one user or one user per second', () => {
    const profile = profileFor('baseline-1000', { scale: 0.0001 });
    assert.equal(profile.users, 1);
    assert.equal(profile.spawnRate, 1);
  });

  it('lets explicit USERS, SPAWN_RATE and DURATION win over SCALE', () => {
    const profile = profileFor('stress-5000', { scale: 0.5, users: 40, spawnRate: 20, runTimeS: 20 });
    assert.equal(profile.users, 40);
    assert.equal(profile.spawnRate, 20);
    assert.equal(profile.rampS, 2);
    assert.equal(profile.steadyS, 18);
    assert.equal(profile.loadFactor, 40 / 5000);
    assert.equal(profile.planned, PLAN_ROWS['stress-5000']);
  });

  it('refuses a profile with no steady time, naming the knobs to change', () => {
    assert.throws(
      () => profileFor('stress-5000', { users: 100, spawnRate: 1, runTimeS: 60 }),
      /ramping 100 users at 1\/s takes 100 s.*raise DURATION or SPAWN_RATE, or lower USERS/,
    );
  });

  it('refuses out-of-range knobs and unknown tests', () => {
    assert.throws(() => profileFor('stress-5000', { scale: 0 }), /SCALE must be in \(0, 1\]/);
    assert.throws(() => profileFor('stress-5000', { scale: 1.5 }), /SCALE must be in \(0, 1\]/);
    assert.throws(() => profileFor('stress-5000', { users: -1 }), /USERS must be a positive number/);
    assert.throws(() => profileFor('stress-5000', { spawnRate: Number.NaN }), /SPAWN_RATE/);
    assert.throws(() => profileFor('stress-9000'), /no plan row for test "stress-9000"/);
  });

  it('reads durations the way k6 writes them', () => {
    assert.equal(parseDurationS('90'), 90);
    assert.equal(parseDurationS('90s'), 90);
    assert.equal(parseDurationS('5m'), 300);
    assert.equal(parseDurationS('1h30m'), 5400);
    assert.equal(parseDurationS('1m30s'), 90);
    for (const bad of ['', 'five minutes', '500ms', '5 m', '-5s']) {
      assert.throws(() => parseDurationS(bad), /is not a number of seconds/, bad);
    }
  });
});
