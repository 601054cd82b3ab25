// Every soak the schedule can choose judges its three criteria by construction: enough latency blocks on
// each side, enough live-heap points per worker, at least one complete failure-rate window. Arithmetic
// from the schedule and the profile, not a run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileFor } from '../../lib/profiles.ts';
import { planSchedule, quickScale } from '../../scripts/lib/plan/plan-schedule.ts';
import { MIN_TREND_POINTS } from '../../scripts/lib/soak/memory-trend.ts';
import { SOAK_LIVE_HEAP_SAMPLE_S, soakShortfalls } from '../../scripts/lib/soak/run-soak.ts';
import { blocksPerSide, MIN_BLOCKS_PER_SIDE } from '../../scripts/lib/soak/soak-drift.ts';

const schedules = [
  ...[1, 2, 4, 8, 16, 64].map((cores) => ({
    name: `quick, ${cores} cores`,
    ...planSchedule('quick', quickScale(cores)),
  })),
  { name: 'full', ...planSchedule('full', 1) },
];

describe('soak schedules measure what they judge', () => {
  for (const schedule of schedules) {
    const { soak } = schedule;
    const profile = profileFor('sustained-5000', soak.overrides);
    const judgedS = profile.runTimeS - profile.rampS - soak.warmupS;

    it(`${schedule.name}: at least ${MIN_BLOCKS_PER_SIDE} latency blocks on each side`, () => {
      const perSide = blocksPerSide(judgedS, soak.compareS, soak.blockS);
      assert.ok(perSide >= MIN_BLOCKS_PER_SIDE, `${perSide} blocks of ${soak.blockS} s over ${judgedS} s`);
    });

    it(`${schedule.name}: enough live-heap points per worker for a slope interval`, () => {
      const points = Math.floor(judgedS / soak.floorWindowS);
      assert.ok(points >= MIN_TREND_POINTS, `${points} windows of ${soak.floorWindowS} s`);
      // Each memory window holds at least one forced-collection measurement and one memory sample.
      assert.ok(soak.floorWindowS >= SOAK_LIVE_HEAP_SAMPLE_S && soak.floorWindowS >= soak.sampleEveryS);
    });

    it(`${schedule.name}: at least one complete failure-rate window after ramp-up`, () => {
      assert.ok(profile.runTimeS - profile.rampS >= soak.windowS);
    });

    it(`${schedule.name}: the soak runner accepts it`, () => {
      assert.deepEqual(soakShortfalls(profile, soak), []);
    });
  }

  it('the soak runner refuses a soak too short for its blocks, naming the criterion', () => {
    const { soak } = planSchedule('quick', quickScale(2));
    const short = profileFor('sustained-5000', { ...soak.overrides, runTimeS: 150 });
    const problems = soakShortfalls(short, soak);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^p95_drift_pct: .* blocks of 8 s per side .*needs 8/);
  });

  it('the quick soak fits the time it is given in npm start (under 4 minutes)', () => {
    const { soak } = planSchedule('quick', quickScale(2));
    assert.ok(profileFor('sustained-5000', soak.overrides).runTimeS <= 240);
  });
});
