// The suite's knobs (lib/knobs/catalogue.ts, docs/configuration.md) as the k6-operator runners receive them:
// every knob the k6 bundles read that is set in this environment, an empty value included (HEALTH_PATH= means
// "no health endpoint"). Plain knobs travel in the TestRun (lib/k8s/manifests.ts decides how); secrets come
// from a Kubernetes Secret, never from a manifest: only their names are taken from here, never their values.
import {
  isKnobName,
  KNOBS,
  type KnobName,
  knob,
  OPT_OUT_VALUE,
  type SecretKnobName,
} from '../../../lib/knobs/catalogue.ts';

type Env = Record<string, string | undefined>;

/**
 * Knobs the manifests set themselves: RUN_ID is the TestRun's test id (`--id`, else RUN_ID from here), and the
 * operator gives every runner its execution segment, told to the bundle as SEGMENT_COUNT.
 */
export const SET_BY_THE_MANIFESTS: readonly KnobName[] = [
  'RUN_ID',
  'SEGMENT_COUNT',
  'EXECUTION_SEGMENT',
  'EXECUTION_SEGMENT_SEQUENCE',
];

const suiteKnobs = KNOBS.filter((knob) => knob.readBy === 'k6');

/** A knob set to its opt-out `off` says "none": even a secret one is then plain, and travels as such. */
export function isOptOut(name: string, value: string): boolean {
  return isKnobName(name) && knob(name).optOut !== undefined && value.trim() === OPT_OUT_VALUE;
}

/**
 * The plain suite knobs set in an environment, empty values included, in catalogue order. Segment knobs are
 * included so that the manifests can refuse them (the operator splits the test); RUN_ID is not (it is the id).
 */
export function plainKnobsFrom(env: Env): Record<string, string> {
  const knobs: Record<string, string> = {};
  for (const { name, secret } of suiteKnobs) {
    const value = env[name];
    if (value === undefined || name === 'RUN_ID') continue;
    if (secret && !isOptOut(name, value)) continue;
    knobs[name] = value;
  }
  return knobs;
}

/** The secret suite knobs set (non-empty, not `off`) in an environment: the runners take them from the Secret. */
export function secretKnobsFrom(env: Env): SecretKnobName[] {
  return suiteKnobs
    .filter(({ name, secret }) => {
      const value = env[name];
      return secret && value !== undefined && value.trim() !== '' && !isOptOut(name, value);
    })
    .map(({ name }) => name as SecretKnobName);
}

/** Whether a name is a knob the k6 bundles read. */
export function isSuiteKnob(name: string): boolean {
  return isKnobName(name) && knob(name).readBy === 'k6';
}

/** Whether a name is a catalogued secret. */
export function isSecretKnob(name: string): boolean {
  return isKnobName(name) && knob(name).secret;
}
