// A real browser for the dashboard e2e test: Debian's chromium (installed by scripts/services/chromium.sh,
// path in CHROMIUM_PATH from the test command) driven by playwright-core, which downloads no browser.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';

/** Where the test writes its screenshots (gitignored). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../test-output/dashboard');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // Root in a container: chromium's sandbox needs user namespaces it may not have.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

// The canvas as the page sees it (this tsconfig has no DOM types: the callbacks run in the browser).
interface PixelCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}

/** Pixels of `canvas` within a small distance of the colour `rgb` (a chart's series stroke). */
export function pixelsOfColour(canvas: Locator, rgb: [number, number, number]): Promise<number> {
  return canvas.evaluate((element, [r, g, b]) => {
    const target = element as unknown as PixelCanvas;
    const { data } = target.getContext('2d')!.getImageData(0, 0, target.width, target.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const near = Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b);
      if (data[i + 3] > 200 && near < 40) count++;
    }
    return count;
  }, rgb);
}

/** Pixels of `canvas` that are neither white nor transparent. */
export function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const target = element as unknown as PixelCanvas;
    const { data } = target.getContext('2d')!.getImageData(0, 0, target.width, target.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 720) count++;
    }
    return count;
  });
}
