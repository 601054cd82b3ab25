// `npm run measure:redis-timeout`: the evidence behind REDIS_COMMAND_TIMEOUT_MS's default (docs/service.md).
// Usage: npm run measure:redis-timeout -- [--timeouts 100,250,500,1000] [--rounds 2] [--vus 1000]
//                                        [--load-s 20] [--outage-s 2]
// Rounds interleave the values, so a burst of other work on the machine does not land on one value only.
// Takes about a minute per value and round; prints one row per run. Not part of npm test.
import { parseArgs } from 'node:util';
import { markdownRow, markdownTable } from '../lib/summary/markdown.ts';
import { measureTimeout, type TimeoutMeasurement } from './lib/drill/redis-timeout-measurement.ts';
import { requireK6 } from './lib/stack/k6-binary.ts';

const { values } = parseArgs({
  options: {
    timeouts: { type: 'string', default: '100,250,500,1000' },
    rounds: { type: 'string', default: '2' },
    vus: { type: 'string', default: '1000' },
    'load-s': { type: 'string', default: '20' },
    'outage-s': { type: 'string', default: '2' },
  },
});

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`error: --${name} must be a positive integer, got "${text}"`);
    process.exit(1);
  }
  return value;
}

const timeouts = values.timeouts.split(',').map((text) => positiveInteger('timeouts', text.trim()));
const rounds = positiveInteger('rounds', values.rounds);
const vus = positiveInteger('vus', values.vus);
const loadS = positiveInteger('load-s', values['load-s']);
const outageS = positiveInteger('outage-s', values['outage-s']);
const k6 = requireK6();

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'never');
const HEADERS = [
  'timeout ms',
  'round',
  'protected calls',
  '503',
  '503 %',
  'recovery after restart ms',
  '503 after restart',
  'frozen Redis: answer',
  'recovery after SIGCONT ms',
];
const row = (m: TimeoutMeasurement, round: number) =>
  markdownRow([
    String(m.timeoutMs),
    String(round),
    String(m.saturatedCalls),
    String(m.saturated503),
    ((m.saturated503 / Math.max(1, m.saturatedCalls)) * 100).toFixed(3),
    ms(m.restartRecoveryMs),
    String(m.restart503After),
    `${m.frozenStatus} after ${ms(m.frozenAnswerMs)}`,
    ms(m.frozenRecoveryMs),
  ]);

console.log(`WORKERS=2, ${vus} k6 VUs on /api/protected, ${loadS} s without outage, ${outageS} s outages`);
// Printed a row at a time: each round takes minutes, and a person watches them arrive.
console.log(markdownTable(HEADERS, []));
for (let round = 1; round <= rounds; round++) {
  for (const timeoutMs of timeouts) {
    console.log(row(await measureTimeout(k6, { timeoutMs, vus, loadS, outageS }), round));
  }
}
process.exit(0);
