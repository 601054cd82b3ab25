// The test-only DEFECT setting of the reference service: refused unless the explicit test flag is set,
// every problem named, and graded defects sized by DEFECT_SIZE in their own unit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFECTS,
  DefectSettingError,
  defectServiceEnv,
  describeDefect,
  GRADED_DEFECTS,
  parseDefectSetting,
  TEST_FLAG,
} from '../../server/defects/setting.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseDefectSetting(env);
  } catch (error) {
    assert.ok(error instanceof DefectSettingError);
    return error.problems;
  }
  assert.fail('expected the setting to be refused');
}

const allowed = { [TEST_FLAG]: 'yes' };

describe('DEFECT setting', () => {
  it('is off when DEFECT is unset or empty, with or without the test flag or a size', () => {
    assert.equal(parseDefectSetting({}), undefined);
    assert.equal(parseDefectSetting({ DEFECT: ' ' }), undefined);
    assert.equal(parseDefectSetting({ [TEST_FLAG]: 'yes' }), undefined);
    assert.equal(parseDefectSetting({ DEFECT: '', DEFECT_SIZE: '50' }), undefined);
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
    assert.deepEqual(parseDefectSetting({ DEFECT: 'fail-open', ...allowed }), {
      name: 'fail-open',
      size: undefined,
    });
  });

  it('names an unknown defect and lists the known ones, together with a missing flag', () => {
    const problems = problemsOf({ DEFECT: 'everything' });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /DEFECT must be one of .*alg-none-accepted.*got "everything"/);
  });

  it('applies to STATE=redis only', () => {
    const problems = problemsOf({ DEFECT: 'slow-redis', ...allowed, STATE: 'memory' });
    assert.deepEqual(problems, ['DEFECT applies to STATE=redis only, got STATE="memory"']);
  });
});

describe('DEFECT_SIZE', () => {
  it('defaults each graded defect to its stated size, and reads a given one in its unit', () => {
    for (const [name, grade] of Object.entries(GRADED_DEFECTS)) {
      assert.equal(parseDefectSetting({ DEFECT: name, ...allowed })?.size, grade.default, name);
    }
    assert.deepEqual(parseDefectSetting({ DEFECT: 'early-logout-ack', ...allowed, DEFECT_SIZE: ' 50 ' }), {
      name: 'early-logout-ack',
      size: 50,
    });
    assert.equal(
      parseDefectSetting({ DEFECT: 'revocation-cache', ...allowed, DEFECT_SIZE: '0.5' })?.size,
      0.5,
    );
  });

  it('refuses a size that is not a number in range, or whole where the unit is', () => {
    for (const [defect, size] of [
      ['slow-redis', 'fast'],
      ['slow-redis', '2.5'],
      ['slow-redis', '-1'],
      ['memory-leak', '2000000'],
      ['revocation-cache', 'NaN'],
    ] as const) {
      const problems = problemsOf({ DEFECT: defect, ...allowed, DEFECT_SIZE: size });
      assert.equal(problems.length, 1, `${defect} ${size}`);
      assert.match(problems[0] ?? '', new RegExp(`DEFECT_SIZE for ${defect} must be .*got "${size}"`));
    }
  });

  it('is refused for a defect that has no size', () => {
    const problems = problemsOf({ DEFECT: 'alg-none-accepted', ...allowed, DEFECT_SIZE: '3' });
    assert.match(
      problems[0] ?? '',
      /DEFECT_SIZE applies to slow-redis, .* only, not to DEFECT=alg-none-accepted/,
    );
  });

  it('is named with its unit', () => {
    assert.equal(
      describeDefect({ name: 'slow-redis', size: 5 }),
      'slow-redis (5 ms added to every Redis call)',
    );
    assert.equal(describeDefect({ name: 'fail-open', size: undefined }), 'fail-open');
  });
});

describe('defectServiceEnv', () => {
  it('gives the settings the service accepts for a named defect, with the size when given', () => {
    assert.deepEqual(defectServiceEnv('fail-open'), { DEFECT: 'fail-open', [TEST_FLAG]: 'yes' });
    const sized = defectServiceEnv('early-logout-ack', 50);
    assert.deepEqual(sized, { DEFECT: 'early-logout-ack', [TEST_FLAG]: 'yes', DEFECT_SIZE: '50' });
    assert.deepEqual(parseDefectSetting(sized), { name: 'early-logout-ack', size: 50 });
  });

  it('refuses what the service would refuse', () => {
    assert.throws(() => defectServiceEnv('everything'), DefectSettingError);
    assert.throws(() => defectServiceEnv('fail-open', 3), /DEFECT_SIZE applies to/);
  });
});
