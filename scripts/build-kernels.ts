// `npm run build` step (through bench/run.js, which runs TypeScript from sources): compiles the WebAssembly
// kernels into the sources' tree and into dist/ (see scripts/kernels/build-kernels.ts).
import * as path from 'node:path';
import { buildKernels } from './kernels/build-kernels';

buildKernels({ root: path.resolve(__dirname, '..'), trees: ['', 'dist'] }).catch(
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
