#!/usr/bin/env node
// Runs a TypeScript entry from sources without a build: compiles .ts with @swc/core (a dev dependency)
// and maps @recsys/<lib> to libs/<lib>/src as tsconfig.json does.
// Usage: node bench/run.js ENTRY.ts [args]   (the package.json bench:* scripts name their entries)
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const libsDir = path.resolve(__dirname, '..', 'libs');
Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const alias = /^@recsys\/([^/]+)(\/.*)?$/.exec(request);
  const target = alias ? path.join(libsDir, alias[1], 'src', alias[2] || '') : request;
  return resolveFilename.call(this, target, ...rest);
};

const given = process.argv[2];
if (given === undefined || !given.endsWith('.ts')) {
  console.error('usage: node bench/run.js ENTRY.ts [args]');
  process.exit(2);
}
process.argv.splice(2, 1);
require(path.resolve(given));
