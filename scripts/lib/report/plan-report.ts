// Writes reports/<run-id>/plan-report.html and plan-report.md from one plan execution folder.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bottleneck } from './bottleneck.ts';
import { productionChecklist } from './checklist.ts';
import { comparisonPairs } from './comparison.ts';
import { executiveSummary } from './executive-summary.ts';
import { planHeader } from './header.ts';
import { planCriteriaRows } from './plan-criteria.ts';
import { type PlanPage, planHtml } from './plan-html.ts';
import { planMarkdown } from './plan-markdown.ts';
import { judgePlan, type PlanJudgement } from './plan-verdict.ts';
import { readRunFolder } from './read-run-folder.ts';
import { loadTiers } from './tiers.ts';

export function planPage(runDir: string, generatedAt = new Date().toISOString()): PlanPage {
  const data = readRunFolder(resolve(runDir));
  const judgement = judgePlan(data);
  return {
    data,
    header: planHeader(data),
    rows: planCriteriaRows(data, judgement),
    judgement,
    tiers: loadTiers(data.runs),
    pairs: comparisonPairs(data),
    analysis: {
      summary: executiveSummary(data, judgement),
      bottleneck: bottleneck(data),
      checklist: productionChecklist(data),
    },
    generatedAt,
  };
}

/** Writes both files into runDir and returns their paths and the plan's judgement. */
export async function writePlanReport(
  runDir: string,
): Promise<{ html: string; markdown: string; judgement: PlanJudgement }> {
  const page = planPage(runDir);
  const html = join(page.data.runDir, 'plan-report.html');
  const markdown = join(page.data.runDir, 'plan-report.md');
  await writeFile(html, planHtml(page));
  await writeFile(markdown, planMarkdown(page));
  return { html, markdown, judgement: page.judgement };
}
