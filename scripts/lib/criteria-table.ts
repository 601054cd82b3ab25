// The plan's success-criteria table for the console. The rows and the verdict are the plan report's own
// (report/plan-criteria.ts), so the terminal and plan-report.html can never disagree.
import { textTable } from '../../lib/summary/text-table.ts';
import type { LevelCell, PlanCriterionRow } from './report/plan-criteria.ts';

function level(cell: LevelCell | undefined): string {
  if (!cell) return '-';
  return `${cell.bound} ${cell.result}${cell.gating ? '' : ' (reported)'}`.trim();
}

export function renderCriteriaTable(rows: PlanCriterionRow[]): string {
  return textTable(
    ['scope', 'criterion', 'measured', 'target', 'stretch'],
    rows.map((row) => [row.scope, row.criterion, row.measured, level(row.target), level(row.stretch)]),
  );
}
