// The one reader and writer of a run folder's JSON files. Every file is checked against its schema
// (schemas.ts) on the way in and on the way out, so a reader gets the typed value or a RunFolderError that
// names the file and the field that is wrong, and a writer cannot leave a file its readers would refuse.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import type { RunRecord } from '../../../lib/summary/run-record.ts';
import type { ResourcesFile } from '../analysis/resources.ts';
import type { CapacityFile } from '../capacity/capacity-steps.ts';
import type { ScalabilityFile } from '../scalability/scalability-rows.ts';
import type { BalancerFile } from '../stack/balancer-stats.ts';
import {
  BALANCER,
  CAPACITY,
  DRILL,
  ERRORS,
  RESOURCES,
  RUN_INFO,
  RUN_RECORD,
  SCALABILITY,
  SENSITIVITY,
  SOAK,
} from './run-file-schemas.ts';
import type { DrillResult, ErrorsFile, RunInfo, SensitivityRecord, SoakResult } from './types.ts';

/** A file of the run folder that is not what its name promises: bad JSON, another schema, a missing field. */
export class RunFolderError extends Error {}

/** Each kind of file, its type and its schema. */
interface RunFileTypes {
  summary: RunRecord;
  drill: DrillResult;
  soak: SoakResult;
  runInfo: RunInfo;
  capacity: CapacityFile;
  scalability: ScalabilityFile;
  resources: ResourcesFile;
  errors: ErrorsFile;
  sensitivity: SensitivityRecord;
  balancer: BalancerFile;
}

export type RunFileKind = keyof RunFileTypes;

const SCHEMAS: Record<RunFileKind, TSchema> = {
  summary: RUN_RECORD,
  drill: DRILL,
  soak: SOAK,
  runInfo: RUN_INFO,
  capacity: CAPACITY,
  scalability: SCALABILITY,
  resources: RESOURCES,
  errors: ERRORS,
  sensitivity: SENSITIVITY,
  balancer: BALANCER,
};

/** What a person reads: "not a run record" says more than a schema id does. */
const NOUNS: Record<RunFileKind, string> = {
  summary: 'a run record',
  drill: 'a failover drill result',
  soak: 'a soak result',
  runInfo: 'a run-info file',
  capacity: 'a capacity result',
  scalability: 'a scalability result',
  resources: 'a resources file',
  errors: 'an errors file',
  sensitivity: 'a sensitivity record',
  balancer: "a balancer's per-instance counts",
};

function schemaId(kind: RunFileKind): unknown {
  return (SCHEMAS[kind] as { properties: { schema: { const: unknown } } }).properties.schema.const;
}

/** Why `value` is not a `kind` file, or undefined when it is one. */
export function runFileProblem(kind: RunFileKind, value: unknown): string | undefined {
  const found = (value as { schema?: unknown } | null)?.schema;
  if (typeof value !== 'object' || value === null || found !== schemaId(kind))
    return `not ${NOUNS[kind]} (expected schema "${schemaId(kind)}", found ${JSON.stringify(found)})`;
  if (Value.Check(SCHEMAS[kind], value)) return undefined;
  const [first] = Value.Errors(SCHEMAS[kind], value);
  return `${NOUNS[kind]} with a wrong field: ${first?.instancePath || '/'} ${first?.message ?? 'is not valid'}`;
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RunFolderError(`${label}: not valid JSON (${(error as Error).message})`);
  }
}

function checked<K extends RunFileKind>(kind: K, value: unknown, label: string): RunFileTypes[K] {
  const problem = runFileProblem(kind, value);
  if (problem !== undefined) throw new RunFolderError(`${label}: ${problem}`);
  return value as RunFileTypes[K];
}

/** Checks text already read (a saved k6-operator log holds records inside lines of its own). */
export function parseRunFile<K extends RunFileKind>(kind: K, text: string, label: string): RunFileTypes[K] {
  return checked(kind, parseJson(text, label), label);
}

/**
 * Any JSON file of the run folder, unchecked, for the few without a schema of their own (the Redis timeline,
 * an array its reader filters sample by sample); `label` names it in messages (default: the path as given).
 */
export function readJsonFile(file: string, label = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RunFolderError(`${label}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return parseJson(text, label);
}

/** Reads and checks one file; `label` names it in messages (default: the path as given). */
export function readRunFile<K extends RunFileKind>(kind: K, file: string, label = file): RunFileTypes[K] {
  return checked(kind, readJsonFile(file, label), label);
}

/** Checks and writes one file (its folder made when missing); a value its readers would refuse throws. */
export function writeRunFile<K extends RunFileKind>(kind: K, file: string, value: RunFileTypes[K]): void {
  // NaN and Infinity become null in JSON: check what will be on disk, not the value in memory.
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const problem = runFileProblem(kind, JSON.parse(text));
  if (problem !== undefined) throw new Error(`refusing to write ${file}: ${problem}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
