import { extname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Bootstrap for running a TypeScript worker from sources (under jest or a dev runner): it compiles `.ts`
 * files with @swc/core (a dev dependency) and maps `@recsys/<lib>` to `libs/<lib>/src`, as tsconfig does.
 * Compiled builds never use it: `dist/` holds the `.js` worker, which runs directly.
 */
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const swc = require(workerData.bootstrap.swcPath);
Module._extensions['.ts'] = function (module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@recsys\\/([^/]+)(\\/.*)?$/.exec(request);
  const target = alias ? path.join(workerData.bootstrap.libsDir, alias[1], 'src', alias[2] || '') : request;
  return resolveFilename.call(this, target, ...rest);
};
require(workerData.bootstrap.entry);
`;

/**
 * Starts the worker script `entry` (a compiled `.js`, or a `.ts` source through the bootstrap above).
 * `data` arrives as `workerData`; typed arrays on SharedArrayBuffers are shared, not copied.
 */
export function spawnWorker(entry: string, data: Record<string, unknown> = {}): Worker {
  if (extname(entry) !== '.ts') return new Worker(entry, { workerData: data });
  const bootstrap = {
    entry,
    swcPath: require.resolve('@swc/core'),
    libsDir: resolve(__dirname, '..', '..'),
  };
  return new Worker(TYPESCRIPT_BOOTSTRAP, { eval: true, workerData: { ...data, bootstrap } });
}
