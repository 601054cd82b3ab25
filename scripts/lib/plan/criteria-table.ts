// The plan's success-criteria table for the console. The rows and the verdict are the plan report's own
// (report/plan-criteria.ts), so the terminal and plan-report.html can never disagree. It fits a
// 100-column terminal: notes (a scaled bound's plan value, why a value was not judged) are numbered and
// printed below the table, and long names wrap within their column.
import { textTable, wrap } from '../../../lib/summary/text-table.ts';
import type { LevelCell, PlanCriterionRow } from '../report/plan-criteria.ts';

export const CONSOLE_WIDTH = 100;

const HEADERS = ['scope', 'criterion', 'measured', 'target', 'stretch'];
// Column widths: with the 2-space gaps they add up to CONSOLE_WIDTH.
const WIDTHS = [18, 24, 16, 20, 14];

class Notes {
  readonly list: string[] = [];
  /** " [n]": a note said once, however many rows it applies to (an opt-out shared by every tier). */
  mark(text: string): string {
    const known = this.list.indexOf(text);
    return ` [${known === -1 ? this.list.push(text) : known + 1}]`;
  }
}

function level(cell: LevelCell | undefined, row: PlanCriterionRow, notes: Notes): string {
  if (!cell) return '-';
  // A bound scaled to the run's users reads "> 4.5 req/s (plan > 1,500 req/s)": the plan value goes below.
  const scaled = /^(.*) \(plan (.*)\)$/.exec(cell.bound);
  const bound = scaled ? scaled[1] : cell.bound;
  const mark = scaled
    ? notes.mark(`${row.scope}, ${row.criterion}: plan ${scaled[2]}, scaled to the users that ran`)
    : '';
  // "(reported)" is said once below the table instead of on every stretch row.
  return `${bound} ${cell.result}${mark}`.trim();
}

export function renderCriteriaTable(rows: PlanCriterionRow[]): string {
  const notes = new Notes();
  const body = rows.map((row) => {
    const measured = row.note ? `${row.measured}${notes.mark(row.note)}` : row.measured;
    return [
      row.scope,
      row.criterion,
      measured,
      level(row.target, row, notes),
      level(row.stretch, row, notes),
    ];
  });
  const reportedOnly = rows.some((row) => row.stretch && !row.stretch.gating);
  const legend = reportedOnly
    ? ['stretch goals are reported, not gating (GATE=stretch makes them gate)']
    : [];
  const footer = [...legend, ...notes.list.map((note, index) => `[${index + 1}] ${note}`)].flatMap((line) =>
    wrap(line, CONSOLE_WIDTH),
  );
  const table = textTable(HEADERS, body, WIDTHS);
  return footer.length ? `${table}\n\n${footer.join('\n')}` : table;
}
