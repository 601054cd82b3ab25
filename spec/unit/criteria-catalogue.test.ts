// The criteria catalogue is the one list: the parser's allowed names, the k6 mappings, the drill's and soak's
// labels and the reports' units all follow it, for the real thresholds.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { criteriaFor } from '../../lib/criteria.ts';
import {
  CRITERIA_CATALOGUE,
  type CriterionSection,
  catalogueEntry,
  criteriaOfSection,
  unitOf,
} from '../../lib/criteria-catalogue.ts';
import { PlanError, parsePlan, parsePlanText } from '../../lib/plan.ts';
import { PLAN_ROWS, profileFor } from '../../lib/profiles.ts';
import { judgeEach } from '../../scripts/lib/analysis/judge-criteria.ts';
import { thresholdsFile } from '../../scripts/lib/paths.ts';

const planText = readFileSync(thresholdsFile, 'utf8');
const plan = parsePlanText(planText);
const K6_SECTIONS: CriterionSection[] = ['tests', 'everyTest', 'redisProbe'];

describe('criteria catalogue', () => {
  it('gives every criterion a section k6 judges a metric, a statistic and a unit', () => {
    for (const section of K6_SECTIONS) {
      for (const key of criteriaOfSection(section)) {
        const entry = catalogueEntry(key);
        assert.ok(entry?.k6, `${section}.${key} has no k6 measure`);
        assert.match(entry.k6.stat, /^(rate|count|max|p\(\d+\))$/, key);
      }
    }
  });

  it("builds every test of thresholds.json with the catalogue's label, unit and metric", () => {
    for (const test of Object.keys(PLAN_ROWS).filter((name) => plan.tests[name] !== undefined)) {
      const profile = profileFor(test);
      const criteria = criteriaFor(plan, test, {
        gate: 'stretch',
        steadySeconds: profile.steadyS,
        loadFactor: profile.loadFactor,
        probe: 'set',
        loginLimit: 'set',
      });
      assert.ok(criteria.length > 0, test);
      for (const criterion of criteria) {
        const entry = catalogueEntry(criterion.key);
        assert.ok(entry?.k6, criterion.key);
        assert.equal(criterion.label, entry.label);
        assert.equal(criterion.unit, entry.unit);
        assert.equal(criterion.metric, entry.k6.metric);
        assert.equal(criterion.stat, entry.k6.stat);
      }
    }
  });

  it("labels and units the drill and soak criteria it judges, not from the key's suffix", () => {
    for (const section of ['failoverDrill', 'soak'] as const) {
      const bounds = { ...plan[section].target };
      assert.ok(Object.keys(bounds).length > 0, section);
      const { criteria } = judgeEach(
        bounds,
        Object.fromEntries(Object.keys(bounds).map((key) => [key, { measured: 0 }])),
      );
      for (const criterion of criteria) {
        assert.equal(
          criterion.label,
          CRITERIA_CATALOGUE[criterion.key as keyof typeof CRITERIA_CATALOGUE].label,
        );
        assert.notEqual(criterion.label, criterion.key, `${criterion.key} has no label of its own`);
      }
    }
    // The suffix rule the report used to apply would have called this a count.
    assert.equal(unitOf('recovery_s'), 's');
    assert.equal(unitOf('worst_minute_failure_rate'), 'ratio');
  });

  it('lets a section name only its own criteria, so a key cannot land where nothing judges it', () => {
    const raw = JSON.parse(planText);
    raw.soak.target.recovery_s = '< 5';
    assert.throws(
      () => parsePlan(raw),
      (error: Error) => {
        assert.ok(error instanceof PlanError);
        assert.match(error.message, /soak\.target\.recovery_s is not a known criterion/);
        return true;
      },
    );
  });
});
