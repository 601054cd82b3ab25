// The same tier against STATE=memory and STATE=redis, side by side. With per-worker memory the
// revocation of a token on one worker is unknown to the others: revoked_token_accepted must show it.
import type { PlanRunData, TestRun } from './read-run-folder.ts';
import { type TierRow, tierRow } from './tiers.ts';

export interface ComparisonPair {
  test: string;
  redis: TierRow;
  memory: TierRow;
}

export function comparisonPairs(data: PlanRunData): ComparisonPair[] {
  const pairs: ComparisonPair[] = [];
  for (const memory of data.comparisons) {
    const redis: TestRun | undefined = data.runs.find((run) => run.test === memory.test);
    if (!redis) continue;
    pairs.push({ test: memory.test, redis: tierRow(redis), memory: tierRow(memory) });
  }
  return pairs;
}
