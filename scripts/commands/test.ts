// `npm test`: prerequisites, then typecheck, lint, build and the spec suite (unit and integration).
// Integration specs start real Redis, the real service, real k6 and real Chromium; they run one file
// at a time because this is meant to pass on a 2-core machine.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureChromium } from '../lib/chromium.ts';
import { ensureObserveTools } from '../lib/observe/observe-tools.ts';
import { projectRoot } from '../lib/paths.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

function specFiles(dir = join(projectRoot, 'spec')): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : specFiles(path);
      return entry.name.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

banner('prerequisites');
const k6 = requireK6();
console.log(`   k6 v${k6.version} (${k6.path}, via ${k6.foundVia})`);
console.log(`   redis-server: ${requirePrerequisite('redis-server', ensureRedisServer)}`);
console.log(`   chromium: ${requirePrerequisite('chromium', ensureChromium)}`);
// promtool for the alert-rule spec; Prometheus and the exporters for the observe-stack specs.
console.log(`   prometheus: ${requirePrerequisite('prometheus', () => ensureObserveTools().prometheus)}`);

runStep('typecheck', 'npm', ['run', '--silent', 'typecheck']);
runStep('lint', 'npm', ['run', '--silent', 'lint']);
runStep('build', 'npm', ['run', '--silent', 'build']);

const files = specFiles().map((file) => relative(projectRoot, file));
runStep(`spec (${files.length} files)`, process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  ...files,
]);
