// The test-only DEFECT setting of the reference service: refused unless the explicit test flag is set,
// and every problem named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFECTS, DefectSettingError, parseDefectSetting, TEST_FLAG } from '../../server/defects/setting.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseDefectSetting(env);
  } catch (error) {
    assert.ok(error instanceof DefectSettingError);
    return error.problems;
  }
  assert.fail('expected the setting to be refused');
}

describe('DEFECT setting', () => {
  it('is off when DEFECT is unset or empty, with or without the test flag', () => {
    assert.equal(parseDefectSetting({}), undefined);
    assert.equal(parseDefectSetting({ DEFECT: ' ' }), undefined);
    assert.equal(parseDefectSetting({ [TEST_FLAG]: 'yes' }), undefined);
  });

  it('is refused without the test flag, for every defect', () => {
    for (const defect of DEFECTS) {
      const problems = problemsOf({ DEFECT: defect });
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', new RegExp(`${TEST_FLAG}=yes`));
      assert.match(problems[0] ?? '', /only for testing/);
    }
  });

  it('accepts only the exact flag value "yes"', () => {
    for (const flag of ['1', 'true', 'YES please', 'no']) {
      assert.equal(problemsOf({ DEFECT: 'fail-open', [TEST_FLAG]: flag }).length, 1);
    }
    assert.equal(parseDefectSetting({ DEFECT: 'fail-open', [TEST_FLAG]: 'yes' }), 'fail-open');
  });

  it('names an unknown defect and lists the known ones, together with a missing flag', () => {
    const problems = problemsOf({ DEFECT: 'everything' });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /DEFECT must be one of .*alg-none-accepted.*got "everything"/);
  });

  it('applies to STATE=redis only', () => {
    const problems = problemsOf({ DEFECT: 'slow-redis', [TEST_FLAG]: 'yes', STATE: 'memory' });
    assert.deepEqual(problems, ['DEFECT applies to STATE=redis only, got STATE="memory"']);
  });
});
