import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileFor } from '../../lib/profiles.ts';
import { planSchedule, quickScale } from '../../scripts/lib/plan/plan-schedule.ts';

describe('plan schedule', () => {
  it('picks a scale from the core count, within (0, 1]', () => {
    assert.equal(quickScale(2), 0.05);
    assert.equal(quickScale(64), 1);
    assert.equal(quickScale(0), 0.01);
  });

  it('runs the full plan at plan size', () => {
    const schedule = planSchedule('full', 1);
    const stress = schedule.tests.find((t) => t.test === 'stress-5000');
    assert.deepEqual(stress?.overrides, {});
    assert.equal(profileFor('ultimate-10000', {}).users, 10_000);
    assert.equal(schedule.drill.downS, 30);
  });

  it('keeps every compressed profile valid and ramp-up at its planned share of the run', () => {
    const schedule = planSchedule('quick', 0.1);
    for (const { test, overrides } of [
      ...schedule.tests,
      { test: 'sustained-5000', overrides: schedule.soak.overrides },
    ]) {
      const quick = profileFor(test, overrides);
      const full = profileFor(test, {});
      assert.ok(quick.steadyS > 0, test);
      assert.ok(Math.abs(quick.rampS / quick.runTimeS - full.rampS / full.runTimeS) < 0.1, test);
    }
    assert.equal(profileFor('ultimate-10000', schedule.tests[4].overrides).users, 1000);
  });
});
