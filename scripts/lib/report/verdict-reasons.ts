// Why a plan did not pass, one line per finding: the word (FAIL, NOT MEASURED, NOT RUN, NOT JUDGED), the
// criterion, its measured value and bound, and where it happened. The same finding in several tests (an
// unset REDIS_URL leaves the probe criteria NOT RUN in every tier) is said once, naming every test.

export type FindingWord = 'FAIL' | 'NOT MEASURED' | 'NOT RUN' | 'NOT JUDGED';

export interface Finding {
  /** Where: a test folder ("stress-5000", "stress-5000@memory"), "failover drill (sigkill)" or "soak". */
  scope: string;
  word: FindingWord;
  /** The criterion ("Latency p95 (p95_ms, target)") or the part itself ("k6 run"). */
  what: string;
  measured?: string;
  bound?: string;
  /** Why it was not measured, did not run or was not judged, or what k6's exit code means. */
  why?: string;
}

/** Failures first: they decide the verdict; then what could not be judged. */
const WORD_ORDER: FindingWord[] = ['FAIL', 'NOT MEASURED', 'NOT RUN', 'NOT JUDGED'];

function body(finding: Finding): string {
  const values = [
    finding.measured === undefined ? undefined : `measured ${finding.measured}`,
    finding.bound === undefined ? undefined : `bound ${finding.bound}`,
  ].filter((part): part is string => part !== undefined);
  const head = values.length > 0 ? `${finding.what}: ${values.join(', ')}` : finding.what;
  return finding.why === undefined ? head : `${head}; ${finding.why}`;
}

/** One line per distinct finding, scopes that share it joined: "smoke, stress-5000: NOT RUN ...". */
export function reasonLines(findings: Finding[]): string[] {
  const byText = new Map<string, { word: FindingWord; scopes: string[] }>();
  for (const finding of findings) {
    const text = `${finding.word} ${body(finding)}`;
    const entry = byText.get(text) ?? { word: finding.word, scopes: [] };
    if (!entry.scopes.includes(finding.scope)) entry.scopes.push(finding.scope);
    byText.set(text, entry);
  }
  return [...byText.entries()]
    .sort(([, a], [, b]) => WORD_ORDER.indexOf(a.word) - WORD_ORDER.indexOf(b.word))
    .map(([text, { scopes }]) => `${scopes.join(', ')}: ${text}`);
}
