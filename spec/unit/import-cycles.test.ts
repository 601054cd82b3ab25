// No module imports one that imports it back, directly or through others: a cycle makes the order of
// evaluation matter (a constant read before its module ran is undefined) and ties two features so that
// neither can change alone. Type-only imports count too: they are how such ties start.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/paths.ts';

const FOLDERS = ['lib', 'scripts', 'server', 'tests'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+\.ts)['"]/g;
const SIDE_EFFECT_IMPORT = /(?:^|\n)\s*import\s*['"](\.{1,2}\/[^'"]+\.ts)['"]/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(folder, file));
}

/** Relative imports of every source file, as project-relative paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of FOLDERS.flatMap(sourceFiles)) {
    const text = readFileSync(join(projectRoot, file), 'utf8');
    const targets = [...text.matchAll(IMPORT), ...text.matchAll(SIDE_EFFECT_IMPORT)].map((match) =>
      normalize(join(dirname(file), match[1] as string)),
    );
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan): each is a set of files in a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) as number, index.get(target) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('import graph', () => {
  const graph = importGraph();

  it('reads the imports of the source tree', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files found`);
    // One known edge, so a regex that matched nothing cannot pass the cycle check below.
    assert.ok(graph.get(join('lib', 'criteria.ts'))?.includes(join('lib', 'plan.ts')));
  });

  it('has no cycle', () => {
    const found = cycles(graph).map((component) =>
      component.map((file) => relative('.', file)).join(' <-> '),
    );
    assert.deepEqual(found, []);
  });

  it('finds a cycle when there is one', () => {
    const withCycle = new Map(graph);
    withCycle.set(join('lib', 'plan.ts'), [join('lib', 'criteria.ts')]);
    assert.ok(cycles(withCycle).some((component) => component.includes(join('lib', 'plan.ts'))));
  });
});
