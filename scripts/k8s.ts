// `npm run k8s -- <test> --parallelism N [--image IMG] [--secret NAME] [--id ID] [--probe] [--out DIR]`:
// k6-operator manifests for build/<test>.js under build/k8s/: the test's `k6 archive` (<test>.tar), a ConfigMap
// that carries it and a TestRun.
// Every suite knob set in this environment goes to the runners (docs/configuration.md), empty values included;
// secrets (USER_PASSWORD, and REDIS_URL, REDIS_PASSWORD when set here or with --probe) from the named Secret.
// See docs/k6-operator.md. Exit 0: written; 2: bad input (nothing written).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { KNOBS, type KnobEntry, OPT_OUT_VALUE } from '../lib/knobs/catalogue.ts';
import { k6TestNames } from './lib/bundle/bundle.ts';
import { ArchiveError, archiveTest } from './lib/k8s/archive.ts';
import {
  archiveEnvironment,
  buildManifests,
  checkRequest,
  K8sInputError,
  needsRedisExtension,
  secretsFromTheSecret,
} from './lib/k8s/manifests.ts';
import { plainKnobsFrom, secretKnobsFrom } from './lib/k8s/operator-knobs.ts';
import { buildDir } from './lib/paths.ts';
import { findK6, K6_INSTALL_HELP, type K6Binary } from './lib/stack/k6-binary.ts';

const USAGE =
  'usage: npm run k8s -- <test> --parallelism N [--image IMG] [--secret NAME] [--id ID] [--probe] [--out DIR]';

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** The archive is made by the local k6, whose version also pins the default runner image. */
function requireK6(): K6Binary {
  const k6 = findK6();
  if (!k6) fail(`k6 is needed here to make the test's archive (k6 archive):\n${K6_INSTALL_HELP}`);
  return k6;
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
const tests = k6TestNames();
const [test, ...extra] = positionals;
if (!test || extra.length > 0) fail(`name one test: ${tests.join(', ')}`);
if (!tests.includes(test)) fail(`unknown test "${test}"; one of: ${tests.join(', ')}`);
if (values.parallelism === undefined) fail('--parallelism N is required (the number of runner pods)');
const script = join(buildDir, `${test}.js`);
if (!existsSync(script)) fail(`${script} is missing: run npm run build first`);

try {
  // Found once: it makes the archive, and its version pins the default runner image.
  const k6 = requireK6();
  const request = {
    test,
    redisExtension: needsRedisExtension(readFileSync(script, 'utf8')),
    parallelism: Number(values.parallelism),
    testId: values.id ?? process.env.RUN_ID ?? `${test}-${utcStamp(new Date())}`,
    knobs: plainKnobsFrom(process.env),
    secretName: values.secret,
    secrets: secretKnobsFrom(process.env),
    probe: values.probe,
    image: values.image ?? `grafana/k6:${k6.version}`,
  };
  checkRequest(request);
  mkdirSync(values.out, { recursive: true });
  const archiveFile = join(values.out, `${test}.tar`);
  archiveTest(k6, script, archiveEnvironment(request), archiveFile);
  const { configMap, testRun, names } = buildManifests({ ...request, archive: readFileSync(archiveFile) });
  const secrets = secretsFromTheSecret({ secrets: secretKnobsFrom(process.env), probe: values.probe });
  // A criterion that needs an unset knob fails the runners' gate unless opted out by name: say so now.
  const enablesCriteriaOf = (knob: KnobEntry) =>
    knob.optOut !== undefined && (knob.onlyFor?.includes(test) ?? true);
  for (const { name, default: unset } of KNOBS.filter(enablesCriteriaOf)) {
    if (!process.env[name]?.trim() && !secrets.includes(name)) {
      console.error(`note: ${name} is not set (${unset}); set it, or ${name}=${OPT_OUT_VALUE} to opt out`);
    }
  }
  const configMapFile = join(values.out, `${test}.configmap.yaml`);
  const testRunFile = join(values.out, `${test}.testrun.yaml`);
  // lineWidth 0: never fold long lines, so the archive's base64 and the arguments stay byte for byte.
  writeFileSync(configMapFile, stringify(configMap, { lineWidth: 0 }));
  writeFileSync(testRunFile, stringify(testRun, { lineWidth: 0 }));
  console.log(`${configMapFile}\n${testRunFile}

  kubectl create secret generic ${values.secret} ${secrets.map((name) => `--from-literal=${name}=...`).join(' ')}
  kubectl apply -f ${configMapFile} -f ${testRunFile}
  kubectl get testrun ${names.testRun} -w`);
} catch (error) {
  if (!(error instanceof K8sInputError || error instanceof ArchiveError)) throw error;
  fail(error.message);
}
