#!/usr/bin/env node
// The `recsys` command: runs the compiled CLI (`npm run build` writes dist/).
require('../dist/apps/cli/src/main.js');
