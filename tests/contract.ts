// Contract check: each kind of request the load tests send, once (login, wrong password, protected call
// with the token and with forged copies, logout, the revoked token, health; the denylist entry in Redis when
// REDIS_URL is set), printing what the service did and which setting fixes a step that differs. Exits 99
// when a step failed. Knobs: docs/contract.md.
import { type Finding, renderFindings, walkContract } from '../lib/k6/contract-check.ts';

export const options = {
  scenarios: { contract: { executor: 'shared-iterations', vus: 1, iterations: 1, exec: 'nothing' } },
  thresholds: { contract_problems: ['count==0'] },
  discardResponseBodies: true,
};

export async function setup(): Promise<{ findings: Finding[] }> {
  return { findings: await walkContract() };
}

export function nothing(): void {}

export function handleSummary(data: { setup_data?: { findings: Finding[] } }): Record<string, string> {
  return { stdout: renderFindings(data.setup_data?.findings ?? []) };
}
