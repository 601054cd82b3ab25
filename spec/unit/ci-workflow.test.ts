// The GitHub Actions workflow users copy: it parses, runs only by hand, offers the plan's load tests,
// takes the service's contract settings from a file checked before the build, takes secrets from the
// repository's secrets, passes REDIS_URL and LOGIN_LIMIT_PER_ACCOUNT or opts out of their criteria visibly,
// and keeps reports, JUnit and the regression gate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { isKnobName } from '../../lib/knobs/catalogue.ts';
import { PLAN_ROWS } from '../../lib/profiles.ts';
import {
  DEFAULT_SETTINGS_PATH,
  SECRET_SOURCES,
  WORKFLOW_SETS,
} from '../../scripts/lib/ci/workflow-settings.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

const workflow = parse(readFileSync(join(projectRoot, '.github', 'workflows', 'load-test.yml'), 'utf8'));
const job = workflow.jobs['load-test'];
const steps: Step[] = job.steps;
/** A GitHub Actions expression as it is written in the YAML, `${{ ... }}`. */
const expression = (inner: string) => `\${{ ${inner} }}`;
const using = (action: string) => steps.find((step) => step.uses?.startsWith(`${action}@`));
const optOutStep = steps.find((step) => step.env?.REDIS_URL_SECRET_SET !== undefined);
const settingsStep = steps.find((step) => step.run?.includes('scripts/settings-file.ts'));

describe('.github/workflows/load-test.yml', () => {
  it('runs only on manual dispatch, offering every plan test but the failover drill', () => {
    assert.deepEqual(Object.keys(workflow.on), ['workflow_dispatch']);
    const inputs = workflow.on.workflow_dispatch.inputs;
    const planTests = Object.keys(PLAN_ROWS).filter((test) => test !== 'failover');
    assert.deepEqual([...inputs.test.options].sort(), planTests.sort());
    assert.equal(inputs.base_url.required, true);
    assert.ok(inputs.scale);
  });

  it('pins k6 and runs the built bundle with the run id as testid', () => {
    assert.match(job.env.K6_VERSION, /^\d+\.\d+\.\d+$/);
    assert.equal(using('grafana/setup-k6-action')?.with?.['k6-version'], expression('env.K6_VERSION'));
    const k6 = using('grafana/run-k6-action');
    assert.equal(k6?.with?.path, `build/${expression('inputs.test')}.js`);
    assert.match(String(k6?.with?.flags), /--tag testid=\$\{\{ env\.RUN_ID \}\}/);
    const build = steps.findIndex((step) => step.run?.includes('npm run build'));
    assert.ok(build >= 0 && build < steps.indexOf(k6 as Step));
  });

  it('takes secrets only from repository secrets, their values on the k6 step only', () => {
    const k6 = using('grafana/run-k6-action');
    assert.deepEqual(k6?.env, {
      USER_PASSWORD: expression('secrets.USER_PASSWORD'),
      REDIS_URL: expression("secrets.REDIS_URL || 'off'"),
      REDIS_PASSWORD: expression('secrets.REDIS_PASSWORD'),
    });
    // The settings file refuses these knobs by naming the secret that fills them here.
    const k6Env: Record<string, string> = k6?.env ?? {};
    for (const name of Object.keys(SECRET_SOURCES)) {
      assert.ok(k6Env[name]?.includes(`secrets.${name}`), `${name} comes from secrets.${name}`);
    }
    for (const step of steps.filter((s) => s !== k6 && s !== optOutStep)) {
      assert.ok(!JSON.stringify(step).includes('secrets.'), `${step.name ?? step.uses} sees no secret`);
    }
    // The opt-out step learns whether the secret exists, never its value.
    assert.deepEqual(optOutStep?.env, { REDIS_URL_SECRET_SET: expression("secrets.REDIS_URL != ''") });
    assert.ok(!JSON.stringify(job.env).includes('secrets.'));
  });

  it('checks the settings file before the build and hands its settings to every later step', () => {
    const inputs = workflow.on.workflow_dispatch.inputs;
    assert.equal(inputs.settings.default, DEFAULT_SETTINGS_PATH);
    assert.ok(settingsStep);
    const at = steps.indexOf(settingsStep);
    assert.ok(steps.findIndex((step) => step.run?.includes('npm ci')) < at, 'after npm ci (tsx)');
    assert.ok(at < steps.findIndex((step) => step.run?.includes('npm run build')), 'before the build');
    assert.equal(settingsStep.env?.SETTINGS, expression('inputs.settings'));
    const command = String(settingsStep.run);
    assert.match(command, /^node --import tsx scripts\/settings-file\.ts "\$SETTINGS"/);
    assert.match(command, /--export "\$GITHUB_ENV"/);
    assert.match(command, /--summary "\$GITHUB_STEP_SUMMARY"/);
  });

  it('leaves to the settings file no knob the workflow sets itself', () => {
    for (const name of Object.keys(job.env).filter(isKnobName)) {
      assert.ok(name in WORKFLOW_SETS, `the settings file must refuse ${name}, which the job sets`);
    }
  });

  it('passes REDIS_URL and LOGIN_LIMIT_PER_ACCOUNT, or their explicit opt-out off, never leaving them unset', () => {
    // The input wins over the settings file; with neither, the settings step exports the opt-out.
    const input = workflow.on.workflow_dispatch.inputs.login_limit_per_account;
    assert.equal(input.default, '');
    assert.equal(job.env.LOGIN_LIMIT_PER_ACCOUNT, undefined, 'from the settings step, not the job');
    assert.equal(settingsStep?.env?.LOGIN_LIMIT_INPUT, expression('inputs.login_limit_per_account'));
    assert.match(String(settingsStep?.run), /--set "LOGIN_LIMIT_PER_ACCOUNT=\$LOGIN_LIMIT_INPUT"/);
    assert.match(String(settingsStep?.run), /--default LOGIN_LIMIT_PER_ACCOUNT=off/);
    assert.ok(steps.indexOf(settingsStep as Step) < steps.indexOf(optOutStep as Step));
    assert.equal(using('grafana/run-k6-action')?.env?.REDIS_URL, expression("secrets.REDIS_URL || 'off'"));
    assert.ok(
      optOutStep && steps.indexOf(optOutStep) < steps.indexOf(using('grafana/run-k6-action') as Step),
    );
  });

  it('says, before the load test, which criteria are opted out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-workflow-'));
    try {
      const say = (env: Record<string, string>) => {
        const summary = join(dir, `summary-${Object.values(env).join('-')}.md`);
        const run = spawnSync('bash', ['-e', '-c', String(optOutStep?.run)], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, GITHUB_STEP_SUMMARY: summary, ...env },
        });
        assert.equal(run.status, 0, run.stderr);
        // The step appends to the summary only when something is opted out.
        const written = existsSync(summary) ? readFileSync(summary, 'utf8') : '';
        return { stdout: run.stdout, summary: written };
      };
      const both = say({ REDIS_URL_SECRET_SET: 'false', LOGIN_LIMIT_PER_ACCOUNT: 'off' });
      assert.match(both.stdout, /^::warning::REDIS_URL=off: .*probe/m);
      assert.match(both.stdout, /^::warning::LOGIN_LIMIT_PER_ACCOUNT=off: .*login-limit check/m);
      assert.match(both.summary, /^- REDIS_URL=off/m);
      assert.match(both.summary, /^- LOGIN_LIMIT_PER_ACCOUNT=off/m);
      const none = say({ REDIS_URL_SECRET_SET: 'true', LOGIN_LIMIT_PER_ACCOUNT: '10' });
      assert.doesNotMatch(none.stdout, /::warning::/);
      assert.match(none.stdout, /No criterion opted out/);
      const redisOnly = say({ REDIS_URL_SECRET_SET: 'false', LOGIN_LIMIT_PER_ACCOUNT: '10' });
      assert.match(redisOnly.stdout, /REDIS_URL=off/);
      assert.doesNotMatch(redisOnly.stdout, /LOGIN_LIMIT_PER_ACCOUNT=off/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('publishes JUnit, keeps the reports and runs the regression gate even after a failed load test', () => {
    const junit = using('mikepenz/action-junit-report');
    assert.match(String(junit?.with?.report_paths), /junit\.xml$/);
    const upload = using('actions/upload-artifact');
    assert.equal(upload?.uses, 'actions/upload-artifact@v4');
    assert.equal(upload?.if, 'always()');
    const gate = steps.find((step) => step.run?.includes('npm run compare'));
    assert.ok(gate && junit);
    for (const step of [junit, gate]) assert.equal(step.if, expression('!cancelled()'));
  });

  it('never interpolates inputs into shell scripts (they arrive as environment variables)', () => {
    for (const step of steps.filter((s) => s.run)) assert.doesNotMatch(String(step.run), /\$\{\{/);
  });
});
