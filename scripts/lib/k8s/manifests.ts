// k6-operator manifests for one test: a ConfigMap that carries its `k6 archive` (k8s/archive.ts: the
// stand-in, both parts and their chunks in one .tar) and a TestRun that runs it on N runners, each on an
// equal execution segment. Pure: the caller makes the archive, reads the environment and writes the YAML.
import { isOptOut, isSecretKnob, isSuiteKnob, SET_BY_THE_MANIFESTS } from './operator-knobs.ts';

/** Kubernetes refuses a ConfigMap whose data exceeds 1 MiB. */
export const CONFIGMAP_MAX_BYTES = 1_048_576;

/** The per-runner share hook: every operator runner gets an equal 1/N execution segment. */
export const SEGMENT_COUNT_ENV = 'SEGMENT_COUNT';

/** Mount point of the script volume in k6-operator runner pods. */
export const OPERATOR_SCRIPT_DIR = '/test';

export class K8sInputError extends Error {}

export interface TestRunRequest {
  test: string;
  /** The test's `k6 archive` (made with the knobs the runners get: runnerEnvironment). */
  archive: Uint8Array;
  /** Built for k6 v2, whose Redis module is the xk6-redis extension (the stock image lacks it). */
  redisExtension: boolean;
  parallelism: number;
  /** Tags every metric (`--tag testid=`) and becomes RUN_ID, so all runners report under one id. */
  testId: string;
  /**
   * Plain suite knobs, empty values included (lib/k8s/operator-knobs.ts, plainKnobsFrom): `-e NAME=value` in the
   * arguments when the operator's space-splitting keeps the value whole, else a plain runner env entry.
   */
  knobs: Record<string, string>;
  /** Kubernetes Secret holding USER_PASSWORD and every other secret the runners take. */
  secretName: string;
  /** Secret knobs besides USER_PASSWORD the runners take from the Secret (set here: secretKnobsFrom). */
  secrets?: readonly string[];
  /** Probe and monitor on: REDIS_URL comes from the Secret too, even when it is not set here. */
  probe: boolean;
  image: string;
}

// biome-ignore lint/suspicious/noExplicitAny: manifests are plain JSON-shaped objects
type Manifest = Record<string, any>;

export interface K8sManifests {
  configMap: Manifest;
  testRun: Manifest;
  names: { configMap: string; testRun: string; file: string };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes object name (RFC 1123 label: lowercase, digits, "-", at most 63 characters). */
export function objectName(...parts: string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  if (!DNS_LABEL.test(name))
    throw new K8sInputError(`cannot make a Kubernetes name from "${parts.join('-')}"`);
  return name;
}

/** True when a script was built for k6 v2, whose Redis module is the xk6-redis extension. */
export function needsRedisExtension(script: string): boolean {
  return /^\s*["']use k6 with k6\/x\/redis["']/.test(script);
}

/**
 * Values that survive the operator's handling of `arguments` (split on spaces, and run through a shell by
 * its initializer): no spaces, quotes, braces, `$` or other shell syntax. Others go as runner env entries.
 */
const ARGUMENT_SAFE = /^[A-Za-z0-9._~:/@%+=,-]*$/;

export function travelsAsArgument(value: string): boolean {
  return ARGUMENT_SAFE.test(value);
}

/** The secrets the runners read from the Secret, USER_PASSWORD first. */
export function secretsFromTheSecret(request: Pick<TestRunRequest, 'secrets' | 'probe'>): string[] {
  const names = ['USER_PASSWORD', ...(request.secrets ?? []), ...(request.probe ? ['REDIS_URL'] : [])];
  return [...new Set(names)];
}

/** Refuses a request the runners could not run, before anything is archived or written. */
export function checkRequest(request: Omit<TestRunRequest, 'archive'>): void {
  if (!Number.isInteger(request.parallelism) || request.parallelism < 1) {
    throw new K8sInputError(`--parallelism must be a whole number >= 1, got ${request.parallelism}`);
  }
  if (!/^[A-Za-z0-9._@-]+$/.test(request.testId)) {
    throw new K8sInputError(
      `the test id may only hold letters, digits, ".", "_", "@" and "-", got "${request.testId}"`,
    );
  }
  if (!request.knobs.BASE_URL) {
    throw new K8sInputError('BASE_URL is required: the service the runners load, as the cluster reaches it');
  }
  for (const [name, value] of Object.entries(request.knobs)) {
    if (!isSuiteKnob(name)) {
      throw new K8sInputError(`${name} is not a knob the suite reads (docs/configuration.md)`);
    }
    if (SET_BY_THE_MANIFESTS.includes(name as (typeof SET_BY_THE_MANIFESTS)[number])) {
      throw new K8sInputError(
        `${name} is set by the manifests (the test id and the operator's split of the test): unset it`,
      );
    }
    if (isSecretKnob(name) && !isOptOut(name, value)) {
      throw new K8sInputError(`${name} is a secret: it comes from the Kubernetes Secret, never the manifest`);
    }
  }
  for (const name of request.secrets ?? []) {
    if (!isSecretKnob(name) || !isSuiteKnob(name)) {
      throw new K8sInputError(`${name} is not a secret the suite reads (docs/configuration.md)`);
    }
  }
  const secrets = secretsFromTheSecret(request);
  if (secrets.includes('REDIS_URL') && request.knobs.REDIS_URL !== undefined) {
    throw new K8sInputError('REDIS_URL=off opts out of the Redis probe, and --probe asks for it: choose one');
  }
  if (secrets.includes('REDIS_URL') && request.redisExtension && request.image.startsWith('grafana/k6:')) {
    throw new K8sInputError(
      'the probe needs k6/x/redis, which the stock grafana/k6 image for this k6 v2 bundle does not have: ' +
        'build a runner image with the xk6-redis extension and name it with --image, or leave --probe off',
    );
  }
}

/**
 * The environment `k6 archive` is given: the runners' plain one (knobs, RUN_ID, SEGMENT_COUNT). The archive
 * freezes the options init computes from it (scenarios, thresholds scaled to one runner's share), and a
 * runner's `-e` flags do not recompute them.
 */
export function archiveEnvironment(
  request: Pick<TestRunRequest, 'testId' | 'knobs' | 'parallelism'>,
): Record<string, string> {
  return { ...request.knobs, RUN_ID: request.testId, [SEGMENT_COUNT_ENV]: String(request.parallelism) };
}

/**
 * The runner's k6 arguments besides the segment flags the operator adds itself. The initializer's
 * `k6 inspect` sees these (not the runner env), so the load shape, whose values are plain numbers, is here.
 */
export function runnerArguments(request: Pick<TestRunRequest, 'testId' | 'knobs'>): string[] {
  const args = ['--tag', `testid=${request.testId}`, '-e', `RUN_ID=${request.testId}`];
  for (const [name, value] of Object.entries(request.knobs)) {
    if (travelsAsArgument(value)) args.push('-e', `${name}=${value}`);
  }
  return args;
}

function secretEnv(name: string, secretName: string) {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key: name } } };
}

export function buildManifests(request: TestRunRequest): K8sManifests {
  checkRequest(request);
  const file = `${request.test}.tar`;
  const bytes = request.archive.byteLength + Buffer.byteLength(file, 'utf8');
  if (bytes > CONFIGMAP_MAX_BYTES) {
    throw new K8sInputError(
      `${file} is ${bytes} bytes, above the ${CONFIGMAP_MAX_BYTES}-byte ConfigMap limit: ` +
        'serve it from a volumeClaim or a runner image (spec.script.volumeClaim / localFile) instead',
    );
  }
  const names = {
    configMap: objectName('auth-loadtest', request.test),
    testRun: request.testId.startsWith(request.test)
      ? objectName(request.testId)
      : objectName(request.test, request.testId),
    file,
  };
  const labels = { 'app.kubernetes.io/part-of': 'auth-loadtest', 'auth-loadtest/test': request.test };
  // k6 run reads the pod's environment into __ENV: values the arguments cannot carry, and the secrets.
  const env = [
    { name: SEGMENT_COUNT_ENV, value: String(request.parallelism) },
    ...Object.entries(request.knobs)
      .filter(([, value]) => !travelsAsArgument(value))
      .map(([name, value]) => ({ name, value })),
    ...secretsFromTheSecret(request).map((name) => secretEnv(name, request.secretName)),
  ];
  return {
    names,
    configMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: names.configMap, labels },
      // An archive is bytes: binaryData carries it base64-encoded; the operator mounts it as the file.
      binaryData: { [file]: Buffer.from(request.archive).toString('base64') },
    },
    testRun: {
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: names.testRun, labels },
      spec: {
        parallelism: request.parallelism,
        script: { configMap: { name: names.configMap, file } },
        arguments: runnerArguments(request).join(' '),
        runner: { image: request.image, env },
      },
    },
  };
}

/**
 * What runner `index` (1-based) executes, as k6-operator builds it (pkg/resources/jobs/runner.go and
 * pkg/segmentation): its segment flags, the TestRun's arguments, then the script. The operator's
 * --address/--paused/instance tags are left out: they serve its starter, not the test. Lets a spec
 * run the same N segments locally.
 */
export function operatorRunnerArgs(testRun: Manifest, index: number, scriptPath: string): string[] {
  const total: number = testRun.spec.parallelism;
  if (!Number.isInteger(index) || index < 1 || index > total) {
    throw new RangeError(`runner index must be 1..${total}, got ${index}`);
  }
  const point = (i: number) => (i === 0 ? '0' : i === total ? '1' : `${i}/${total}`);
  const segment =
    total > 1
      ? [
          `--execution-segment=${point(index - 1)}:${point(index)}`,
          `--execution-segment-sequence=${Array.from({ length: total + 1 }, (_, i) => point(i)).join(',')}`,
        ]
      : [];
  const args = String(testRun.spec.arguments ?? '')
    .split(/\s+/)
    .filter((arg) => arg !== '');
  return ['run', '--quiet', ...segment, ...args, scriptPath];
}
