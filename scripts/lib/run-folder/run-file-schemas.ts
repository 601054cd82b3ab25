// The shape every JSON file of a run folder must have before anything reads it: its schema id and the fields
// its readers rely on. Written with TypeBox (as the reference service's settings are), so a truncated or
// foreign file is refused with the field that is wrong, instead of surfacing later as "undefined" in a table.
// Numbers a writer may have computed from no data are NaN, which JSON writes as null: those accept null.
import Type, { type TSchema } from 'typebox';
import { RUN_RECORD_SCHEMA } from '../../../lib/summary/run-record.ts';
import { SENSITIVITY_SCHEMA } from './types.ts';

const text = Type.String();
const number = Type.Number();
/** A computed number: null in JSON when it was NaN (nothing to compute it from). */
const computed = Type.Union([Type.Number(), Type.Null()]);
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
const id = <T extends string>(schema: T) => Type.Literal(schema);

const bound = Type.Object({
  op: Type.Union([
    Type.Literal('<'),
    Type.Literal('<='),
    Type.Literal('>'),
    Type.Literal('>='),
    Type.Literal('=='),
  ]),
  value: number,
});

const judgedCriterion = Type.Object({
  key: text,
  label: text,
  bound,
  measured: computed,
  pass: Type.Union([Type.Boolean(), Type.Null()]),
  outcome: optional(Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('not-measured')])),
  reason: optional(text),
  note: optional(text),
});

const verdict = Type.Union([Type.Literal('pass'), Type.Literal('fail')]);

export const RUN_RECORD = Type.Object({
  schema: id(RUN_RECORD_SCHEMA),
  test: text,
  runId: text,
  profile: Type.Object({}),
  metrics: Type.Record(Type.String(), Type.Record(Type.String(), computed)),
  criteria: Type.Array(
    Type.Object({
      key: text,
      label: text,
      level: Type.Union([Type.Literal('target'), Type.Literal('stretch')]),
      gating: Type.Boolean(),
      measured: optional(computed),
    }),
  ),
});

export const DRILL = Type.Object({
  schema: id('auth-loadtest/failover@1'),
  variant: Type.Union([
    Type.Literal('sigterm'),
    Type.Literal('sigkill'),
    Type.Literal('command'),
    Type.Literal('instance'),
  ]),
  users: number,
  downS: number,
  redisDownAt: number,
  redisUpAt: number,
  timeline: Type.Array(
    Type.Object({ t: number, ok: number, failClosed: number, wrong: number, other: optional(number) }),
  ),
  errorWindowS: computed,
  recoveryS: computed,
  revokedAccepted: number,
  wrongAfterRecovery: number,
  workerCrashes: computed,
  revocationsBefore: number,
  revocationsEnforcedAfter: number,
  k6ExitCode: optional(number),
  criteria: Type.Array(judgedCriterion),
  verdict,
  alerts: optional(
    Type.Array(
      Type.Object({
        alert: text,
        firedAfterStopS: computed,
        resolvedAfterRestartS: computed,
        pass: Type.Boolean(),
      }),
    ),
  ),
});

export const SOAK = Type.Object({
  schema: id('auth-loadtest/soak@1'),
  warmupS: number,
  memory: Type.Array(Type.Object({ t: number, worker: text, rssMb: computed, heapUsedMb: computed })),
  minutes: Type.Array(
    Type.Object({ minute: number, p95Ms: computed, failureRate: computed, requests: number }),
  ),
  memorySlopeMbPerMin: Type.Record(Type.String(), computed),
  p95FirstMs: computed,
  p95LastMs: computed,
  p95DriftPct: computed,
  worstMinuteFailureRate: computed,
  k6ExitCode: optional(number),
  criteria: Type.Array(judgedCriterion),
  verdict,
});

export const RUN_INFO = Type.Object({
  schema: id('auth-loadtest/run-info@1'),
  runId: text,
  startedAt: text,
  machine: Type.Object({ cores: number, memoryMb: number }),
  schedule: optional(Type.Object({ tests: Type.Array(text), comparison: optional(text) })),
  k6ExitCodes: optional(Type.Record(Type.String(), number)),
  externalBaseUrl: optional(text),
  observe: optional(
    Type.Object({
      dataDir: text,
      alerts: Type.Array(
        Type.Object({
          alert: text,
          labels: Type.Record(Type.String(), text),
          firedAt: number,
          resolvedAt: optional(number),
        }),
      ),
    }),
  ),
});

export const CAPACITY = Type.Object({
  schema: id('auth-loadtest/capacity@1'),
  test: text,
  steps: Type.Array(Type.Object({ users: number })),
});

export const SCALABILITY = Type.Object({
  schema: id('auth-loadtest/scalability@1'),
  test: text,
  rows: Type.Array(Type.Object({})),
});

export const RESOURCES = Type.Object({
  schema: id('auth-loadtest/resources@1'),
  cores: number,
  workers: Type.Array(Type.Object({})),
  notes: Type.Array(text),
});

export const BALANCER = Type.Object({
  schema: id('auth-loadtest/balancer@1'),
  balancer: Type.Literal('haproxy'),
  affinity: Type.Union([Type.Literal('none'), Type.Literal('cookie')]),
  instances: Type.Array(Type.Object({ name: text, responses: number, serverErrors: number, status: text })),
});

export const ERRORS = Type.Object({
  schema: id('auth-loadtest/errors@1'),
  spanS: computed,
});

export const SENSITIVITY = Type.Object({
  schema: id(SENSITIVITY_SCHEMA),
  runId: text,
  matrix: Type.Object({ defects: Type.Array(Type.Object({})), healthy: Type.Array(Type.Object({})) }),
  outcomes: Type.Array(Type.Object({})),
});
