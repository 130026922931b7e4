// `npm run build` step (through bench/run.js): compiles the dashboard page's TypeScript
// (apps/api/web/src, browser modules) into apps/api/web/build, then copies the page into dist/ so the
// compiled api serves it too (dist/apps/api/web). The output is generated, never committed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'apps', 'api', 'web');
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

rmSync(path.join(web, 'build'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(web, 'tsconfig.json')], { stdio: 'inherit' });
const target = path.join(root, 'dist', 'apps', 'api', 'web');
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const entry of ['index.html', 'style.css', 'build']) {
  cpSync(path.join(web, entry), path.join(target, entry), { recursive: true });
}
