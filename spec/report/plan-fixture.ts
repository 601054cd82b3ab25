// The recorded plan execution folder under spec/fixtures/plan-run/, copied to a scratch folder so tests
// can write reports (and break files) without touching the fixture.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesDir } from './summary-fixture.ts';

export const PLAN_RUN_ID = '2026-11-26T16-33-48Z';

export function copyOfPlanRun(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'plan-report-'));
  const runDir = join(scratch, PLAN_RUN_ID);
  cpSync(join(fixturesDir, 'plan-run', PLAN_RUN_ID), runDir, { recursive: true });
  return runDir;
}
