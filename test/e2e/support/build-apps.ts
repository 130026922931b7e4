// Jest globalSetup of the e2e project: the tests boot the compiled apps as real processes, so compile
// them first (incremental, a few seconds when nothing changed).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export default function buildApps(): void {
  // For quick local reruns when dist/ is known to be fresh.
  if (process.env.RECSYS_E2E_SKIP_BUILD === '1') return;
  const root = path.resolve(__dirname, '../../..');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
