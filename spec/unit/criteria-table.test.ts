// The console criteria table fits a 100-column terminal: long names wrap in their column, and a note (a
// value not judged, a bound scaled from the plan) is numbered and printed below the table in full.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSOLE_WIDTH, renderCriteriaTable } from '../../scripts/lib/plan/criteria-table.ts';
import { planCriteriaRows } from '../../scripts/lib/report/plan-criteria.ts';
import { readRunFolder } from '../../scripts/lib/report/read-run-folder.ts';
import { copyOfPlanRun } from '../report/plan-fixture.ts';

describe('console criteria table', () => {
  const rows = planCriteriaRows(readRunFolder(copyOfPlanRun()));
  const note =
    'not judged: 30 s after warm-up is too short for a trend (needs 300 s; npm run soak -- --full)';
  const soakRow = rows.find((row) => row.scope === 'soak' && row.key === 'memory_slope_mb_per_min');
  assert.ok(soakRow);
  soakRow.note = note;
  const text = renderCriteriaTable(rows);
  const lines = text.split('\n');

  it('keeps every line within 100 columns', () => {
    const widest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
    assert.ok(widest.length <= CONSOLE_WIDTH, `${widest.length}: ${widest}`);
  });

  it('prints a row per criterion and every note in full below the table', () => {
    for (const row of rows) assert.ok(text.includes(row.criterion.split(' ')[0]), row.criterion);
    const marked = lines.find((line) => line.startsWith('soak') && line.includes('0.12 MB/min ['));
    assert.ok(marked, 'the soak row carries a note number');
    const number = /\[(\d+)\]/.exec(marked ?? '')?.[1];
    const footer = text.slice(text.indexOf('\n\n'));
    assert.ok(footer.replace(/\n/g, ' ').includes(`[${number}] ${note}`.slice(0, 60)));
    assert.match(footer, /plan > 1,000 req\/s, scaled to the users that ran/);
  });
});
