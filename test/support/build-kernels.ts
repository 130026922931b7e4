// Jest globalSetup of the unit and integration projects: tests load the WebAssembly kernels from the
// sources' tree, so compile those that are missing or older than their .wat (a fresh clone before
// `npm run build`, or an edited kernel). Milliseconds when nothing changed.
import * as path from 'node:path';
import { buildKernels } from '../../scripts/kernels/build-kernels';

export default async function buildKernelsForTests(): Promise<void> {
  await buildKernels({ root: path.resolve(__dirname, '../..'), trees: [''], onlyStale: true });
}
