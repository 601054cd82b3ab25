// The plan verdict as every report opens with it: the word, then why, one line per failed, unmeasured,
// not-run or unjudged criterion (measured value, bound, test), before any table. Shared by the header and
// the executive summary of both the HTML page and the Markdown file.
import { escapeMarkdown as esc } from '../../../lib/summary/markdown.ts';
import { escapeHtml } from './html.ts';
import type { PlanVerdict } from './plan-verdict.ts';

const VERDICT_CLASS: Record<PlanVerdict, string> = { PASS: 'pass', FAIL: 'fail', INCOMPLETE: 'notrun' };

export function verdictHtml(verdict: PlanVerdict, reasons: string[]): string {
  const badge = `<div class="verdict ${VERDICT_CLASS[verdict]}">Plan verdict: ${verdict}</div>`;
  if (reasons.length === 0) return badge;
  const items = reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('');
  return `${badge}\n<ul class="verdict-reasons">${items}</ul>`;
}

export function verdictMarkdown(verdict: PlanVerdict, reasons: string[]): string {
  const word = `**Plan verdict: ${verdict}**`;
  if (reasons.length === 0) return word;
  return `${word}\n\n${reasons.map((reason) => `- ${esc(reason)}`).join('\n')}`;
}
