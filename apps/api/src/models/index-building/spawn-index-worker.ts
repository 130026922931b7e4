import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Bootstrap for running the TypeScript worker from sources (jest): compiles `.ts` with @swc/core (a dev
 * dependency, present wherever sources run) and maps `@recsys/<lib>` to `libs/<lib>/src` as tsconfig does.
 * Compiled builds never use it: `dist/` holds the `.js` worker, which runs directly.
 */
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const swc = require(workerData.swcPath);
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
  const target = alias ? path.join(workerData.libsDir, alias[1], 'src', alias[2] || '') : request;
  return resolveFilename.call(this, target, ...rest);
};
require(workerData.entry);
`;

/** The worker script beside this file: `.js` when compiled (dist), `.ts` when run from sources (jest). */
export function indexWorkerEntry(): string {
  return join(__dirname, `index-build-worker${extname(__filename)}`);
}

/** Starts the index build worker thread (from dist, or from sources through the bootstrap). */
export function spawnIndexWorker(entry = indexWorkerEntry()): Worker {
  if (extname(entry) !== '.ts') return new Worker(entry);
  const workerData = {
    entry,
    swcPath: require.resolve('@swc/core'),
    libsDir: resolve(__dirname, '..', '..', '..', '..', '..', 'libs'),
  };
  return new Worker(TYPESCRIPT_BOOTSTRAP, { eval: true, workerData });
}
