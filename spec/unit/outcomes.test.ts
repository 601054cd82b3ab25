import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classify,
  outcomesPerSecond,
  readRecovery,
  type SecondOutcomes,
} from '../../scripts/lib/drill/drill-outcomes.ts';

const second = (t: number, ok: number, failClosed = 0, wrong = 0): SecondOutcomes => ({
  t,
  ok,
  failClosed,
  wrong,
});

describe('outcome classification', () => {
  it('treats 503 as fail-closed, expected statuses as right and everything else as wrong', () => {
    assert.equal(classify({ status: '503', expectedResponse: false }), 'failClosed');
    assert.equal(classify({ status: '401', expectedResponse: true }), 'ok');
    assert.equal(classify({ status: '200', expectedResponse: false }), 'wrong');
    assert.equal(classify({ status: '0', expectedResponse: false }), 'wrong');
  });

  it('buckets requests by the second they completed in', () => {
    const timeline = outcomesPerSecond([
      { timeMs: 1_000_500, status: '200', expectedResponse: true },
      { timeMs: 1_000_999, status: '503', expectedResponse: false },
      { timeMs: 1_001_000, status: '500', expectedResponse: false },
    ]);
    assert.deepEqual(timeline, [second(1000, 1, 1, 0), second(1001, 0, 0, 1)]);
  });
});

describe('recovery reading', () => {
  // Redis down at 100.0 s, back at 110.0 s; service degraded 100..111, healthy from 112.
  const timeline = [
    second(98, 100),
    second(99, 100),
    ...Array.from({ length: 12 }, (_, i) => second(100 + i, 20, 80)),
    ...Array.from({ length: 8 }, (_, i) => second(112 + i, 100)),
  ];

  it('finds the first second from which at least 99% of answers stay right', () => {
    const reading = readRecovery(timeline, 100_000, 110_000);
    assert.equal(reading.recoveredAt, 112);
    assert.equal(reading.recoveryS, 2);
    assert.equal(reading.firstDegradedAt, 100);
    assert.equal(reading.errorWindowS, 12);
    assert.equal(reading.wrongAfterRecovery, 0);
  });

  it('reports no recovery when the run ends degraded', () => {
    const reading = readRecovery([...timeline, second(120, 50, 50)], 100_000, 110_000);
    assert.equal(reading.recoveredAt, undefined);
    assert.equal(reading.recoveryS, undefined);
  });

  it('counts a relapse after an early good second against recovery, not as instant recovery', () => {
    const relapse = [...timeline.slice(0, 12), second(110, 100), second(111, 10, 90), ...timeline.slice(14)];
    assert.equal(readRecovery(relapse, 100_000, 110_000).recoveredAt, 112);
  });

  it('allows up to 1% wrong answers in a recovered second but counts them', () => {
    const late = [...timeline, second(120, 995, 0, 5)];
    const reading = readRecovery(late, 100_000, 110_000);
    assert.equal(reading.recoveredAt, 112);
    assert.equal(reading.wrongAfterRecovery, 5);
  });
});
