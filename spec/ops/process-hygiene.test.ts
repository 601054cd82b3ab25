// SIGTERM to `npm run <command>` stops everything the command started. A supervisor (CI cancelling a job,
// `kill <pid>`) signals npm alone, not its process group; npm passes the signal to the bootstrap, which must pass
// it on to the TypeScript command so it stops its Redis and service instead of leaving them orphaned.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../scripts/lib/paths.ts';

/** Every live descendant of `pid`, read from /proc (Linux, like the rest of the stack's process handling). */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** pid, parent and command line, for a failure message that says which process outlived the command. */
function describeProcess(pid: number): string {
  try {
    const parent = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return `${pid} (parent ${parent}): ${command}`;
  } catch {
    return `${pid}: gone`;
  }
}

function alive(pid: number): boolean {
  try {
    // A zombie still answers kill 0; its state letter says it has exited.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return false;
  }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code} before ${pattern}:\n${text}`)));
  });
}

describe('process hygiene', () => {
  it('SIGTERM to npm run service stops the service and its Redis', async () => {
    const npm = spawn('npm', ['run', 'service', '--', '--workers', '1', '--users', '10'], {
      cwd: projectRoot,
      env: { ...process.env, SCRYPT_COST: '10' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    const started: number[] = [];
    try {
      const output = await waitForOutput(npm, /auth service stack is up/, 60_000);
      const baseUrl = /BASE_URL=(\S+)/.exec(output)?.[1];
      assert.ok(baseUrl, output);
      started.push(...descendants(npm.pid as number));
      // npm, the bootstrap, tsx's node, the command, Redis and the service's primary and worker at least.
      assert.ok(started.length >= 4, `descendants: ${started.join(', ')}`);
      assert.equal((await fetch(`${baseUrl}/health`)).ok, true);

      npm.kill('SIGTERM'); // npm alone, as a supervisor would: not its process group
      const code = await Promise.race([exited, sleep(20_000, 'timeout' as const)]);
      assert.notEqual(code, 'timeout', 'npm run service did not stop within 20 s of SIGTERM');
      // Children finish their own shutdown a moment after the command exits; on a machine busy with other
      // load that moment has exceeded 10 s, so an orphan is one still running after 30 s.
      for (let waited = 0; waited < 30_000 && started.some(alive); waited += 200) await sleep(200);
      const left = started.filter(alive);
      assert.deepEqual(
        left,
        [],
        `processes left running after SIGTERM:\n${left.map(describeProcess).join('\n')}`,
      );
      await assert.rejects(fetch(`${baseUrl}/health`), 'the service still answers');
    } finally {
      for (const pid of [npm.pid as number, ...started]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone: the expected case
        }
      }
    }
  });

  it('SIGTERM to npm run observe stops Prometheus, both exporters, the service and its Redis', async () => {
    const runId = `spec-observe-${process.pid}`;
    const npm = spawn('npm', ['run', 'observe', '--', '--workers', '1', '--run-id', runId], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    const started: number[] = [];
    try {
      const output = await waitForOutput(npm, /k6 run --out experimental-prometheus-rw/, 90_000);
      const prometheus = /prometheus: +(http:\S+)/.exec(output)?.[1];
      const live = /live view: +(http:\S+)/.exec(output)?.[1];
      assert.ok(prometheus && live, output);
      started.push(...descendants(npm.pid as number));
      // argv[0] of each descendant: the three tools run as children of the command.
      const programs = started.map((pid) => {
        try {
          return basename(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]);
        } catch {
          return '';
        }
      });
      for (const tool of ['prometheus', 'prometheus-redis-exporter', 'prometheus-node-exporter']) {
        assert.ok(programs.includes(tool), `${tool} among ${programs.join(', ')}`);
      }
      assert.equal((await fetch(`${prometheus}/-/ready`)).ok, true);
      assert.equal((await fetch(live)).ok, true);

      npm.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(20_000, 'timeout' as const)]);
      assert.notEqual(code, 'timeout', 'npm run observe did not stop within 20 s of SIGTERM');
      for (let waited = 0; waited < 10_000 && started.some(alive); waited += 200) await sleep(200);
      assert.deepEqual(started.filter(alive), [], 'processes left running after SIGTERM');
      await assert.rejects(fetch(`${prometheus}/-/ready`), 'Prometheus still answers');
    } finally {
      for (const pid of [npm.pid as number, ...started]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone: the expected case
        }
      }
      rmSync(join(projectRoot, 'reports', runId), { recursive: true, force: true });
    }
  });
});
