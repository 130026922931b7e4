import { Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DomainError } from '@recsys/domain';

/** A file of the dashboard page, ready to send. */
export interface WebAsset {
  contentType: string;
  body: Buffer;
}

// The page's sources live in apps/api/web; `npm run build` compiles its scripts into web/build, in the
// sources' tree and in dist/ (scripts/build-dashboard.ts). From either tree this file is at
// apps/api/src/dashboard, so the page is two folders up.
const WEB_DIR = resolve(__dirname, '..', '..', 'web');
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** Where each servable file is; nothing else is served (no path from the request reaches the disk). */
function locate(file: string): string | null {
  if (file === 'index.html' || file === 'style.css') return join(WEB_DIR, file);
  // The charting library, from node_modules (a dependency): no CDN.
  if (file === 'uPlot.iife.min.js' || file === 'uPlot.min.css') {
    return join(dirname(require.resolve('uplot')), file);
  }
  if (/^[a-z0-9-]+\.js$/.test(file)) return join(WEB_DIR, 'build', file);
  return null;
}

/** Reads the page's files once each and keeps them (they change only with a new build). */
@Injectable()
export class WebAssets {
  private readonly cache = new Map<string, Promise<WebAsset>>();

  read(file: string): Promise<WebAsset> {
    let asset = this.cache.get(file);
    if (!asset) {
      asset = this.load(file);
      this.cache.set(file, asset);
      asset.catch(() => this.cache.delete(file));
    }
    return asset;
  }

  private async load(file: string): Promise<WebAsset> {
    const path = locate(file);
    const notFound = () =>
      new DomainError('NOT_FOUND', `no dashboard file ${file} (was \`npm run build\` run?)`);
    if (path === null) throw notFound();
    const body = await readFile(path).catch(() => {
      throw notFound();
    });
    const extension = file.slice(file.lastIndexOf('.') + 1);
    return { contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream', body };
  }
}
