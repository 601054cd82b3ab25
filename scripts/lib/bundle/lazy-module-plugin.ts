// Keeps a module's code out of every VU's init. k6 evaluates the whole bundle once per virtual user, and
// evaluating a module creates its functions, constants and objects in that VU even if only
// handleSummary (which runs once, at the end) ever calls them. This plugin replaces such a module with a
// small stand-in whose exported functions load the real code, bundled as one closure, on first call.
// The closure's body is compiled once per process like the rest of the bundle; what a VU no longer pays
// for is evaluating it.
import * as esbuild from 'esbuild';

export interface LazyModule {
  /** Absolute path of the module to defer. */
  path: string;
  /** Its exported functions other bundled modules call; importing anything else fails the build. */
  functions: string[];
}

const NAMESPACE = 'lazy-module';
const GLOBAL = '__lazyModule';

async function closureOf(module: LazyModule, options: esbuild.BuildOptions): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [module.path],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL,
    platform: options.platform,
    target: options.target,
    external: options.external,
    treeShaking: true,
    minify: options.minify,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: (options.plugins ?? []).filter((plugin) => plugin.name !== 'lazy-module'),
  });
  return result.outputFiles[0].text;
}

export function lazyModulePlugin(modules: LazyModule[]): esbuild.Plugin {
  const byPath = new Map(modules.map((module) => [module.path, module]));
  return {
    name: 'lazy-module',
    setup(build) {
      build.onResolve({ filter: /\.ts$/ }, async (args) => {
        if (args.namespace === NAMESPACE || args.pluginData?.lazyInner) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { lazyInner: true },
        });
        return byPath.has(resolved.path) ? { path: resolved.path, namespace: NAMESPACE } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const module = byPath.get(args.path) as LazyModule;
        const closure = await closureOf(module, build.initialOptions);
        const wrappers = module.functions.map(
          (name) =>
            `export function ${name}(...args) {\n  loaded = loaded || load();\n  return loaded.${name}(...args);\n}`,
        );
        return {
          contents: `let loaded;\nfunction load() {\n${closure}\nreturn ${GLOBAL};\n}\n${wrappers.join('\n')}\n`,
          loader: 'js',
          resolveDir: args.path.slice(0, args.path.lastIndexOf('/')),
        };
      });
    },
  };
}
