/**
 * Source of the tiny script every training worker starts with (`new Worker(source, { eval: true })`).
 * From compiled dist/ it just requires the .js worker. Under a TypeScript runner (jest with @swc/jest) the
 * worker module is a .ts file that plain Node cannot load, so it first registers a require hook that
 * compiles .ts with @swc/core (a dev dependency, present wherever .ts sources run) and maps `@recsys/<lib>`
 * to libs/<lib>/src. Kept as a string: the pure lib itself never touches the file system.
 */
export const WORKER_BOOTSTRAP_SOURCE = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) {
  const Module = require('node:module');
  const path = require('node:path');
  const { readFileSync } = require('node:fs');
  const { transformSync } = require('@swc/core');
  Module._extensions['.ts'] = function compileTypeScript(module, filename) {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveAlias(request, ...rest) {
    if (request.startsWith('@recsys/')) {
      request = path.join(workerData.libsRoot, request.slice('@recsys/'.length), 'src');
    }
    return resolve.call(this, request, ...rest);
  };
}
require(workerData.entry);
`;
