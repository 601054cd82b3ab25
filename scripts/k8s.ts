// `npm run k8s -- <test> --parallelism N [--image IMG] [--secret NAME] [--id ID] [--probe] [--out DIR]`:
// k6-operator manifests for build/<test>.js under build/k8s/: a ConfigMap with the bundle and a TestRun.
// Knobs come from this environment (BASE_URL, SCALE, ...); secrets from the named Kubernetes Secret.
// See docs/k6-operator.md. Exit 0: written; 2: bad input (nothing written).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { k6TestEntries } from './lib/bundle.ts';
import { findK6 } from './lib/k6-binary.ts';
import { plainKnobsFrom } from './lib/k8s/knobs.ts';
import { buildManifests, K8sInputError } from './lib/k8s/manifests.ts';
import { buildDir } from './lib/paths.ts';

const USAGE =
  'usage: npm run k8s -- <test> --parallelism N [--image IMG] [--secret NAME] [--id ID] [--probe] [--out DIR]';

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function defaultImage(): string {
  const k6 = findK6();
  if (!k6) fail('no k6 here to pin the runner image to: name one with --image grafana/k6:<version>');
  return `grafana/k6:${k6.version}`;
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      parallelism: { type: 'string' },
      image: { type: 'string' },
      secret: { type: 'string', default: 'auth-loadtest' },
      id: { type: 'string' },
      probe: { type: 'boolean', default: false },
      out: { type: 'string', default: join(buildDir, 'k8s') },
    },
    allowPositionals: true,
  });
}
try {
  parsed = parse();
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
const tests = k6TestEntries().map((entry) => basename(entry, '.ts'));
const [test, ...extra] = positionals;
if (!test || extra.length > 0) fail(`name one test: ${tests.join(', ')}`);
if (!tests.includes(test)) fail(`unknown test "${test}"; one of: ${tests.join(', ')}`);
if (values.parallelism === undefined) fail('--parallelism N is required (the number of runner pods)');
const bundleFile = join(buildDir, `${test}.js`);
if (!existsSync(bundleFile)) fail(`${bundleFile} is missing: run npm run build first`);

try {
  const { configMap, testRun, names } = buildManifests({
    test,
    bundle: readFileSync(bundleFile, 'utf8'),
    parallelism: Number(values.parallelism),
    testId: values.id ?? process.env.RUN_ID ?? `${test}-${utcStamp(new Date())}`,
    knobs: plainKnobsFrom(process.env),
    secretName: values.secret,
    probe: values.probe,
    image: values.image ?? defaultImage(),
  });
  mkdirSync(values.out, { recursive: true });
  const configMapFile = join(values.out, `${test}.configmap.yaml`);
  const testRunFile = join(values.out, `${test}.testrun.yaml`);
  // lineWidth 0: never fold long lines, so the bundle and the arguments stay byte for byte.
  writeFileSync(configMapFile, stringify(configMap, { lineWidth: 0 }));
  writeFileSync(testRunFile, stringify(testRun, { lineWidth: 0 }));
  console.log(`${configMapFile}\n${testRunFile}

  kubectl create secret generic ${values.secret} --from-literal=USER_PASSWORD=...${values.probe ? ' --from-literal=REDIS_URL=...' : ''}
  kubectl apply -f ${configMapFile} -f ${testRunFile}
  kubectl get testrun ${names.testRun} -w`);
} catch (error) {
  if (!(error instanceof K8sInputError)) throw error;
  fail(error.message);
}
