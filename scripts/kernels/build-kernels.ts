import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import wabt from 'wabt';

/**
 * The WebAssembly kernels are written as text (`libs/<lib>/assembly/<name>.wat`) and compiled here with
 * wabt into `libs/<lib>/wasm/<name>.wasm`, where the libs load them when run from sources (jest, the
 * benchmarks, worker threads started from .ts), and into `dist/libs/<lib>/wasm/` beside the compiled
 * code. Neither output is committed (.gitignore).
 */
export interface BuildKernelsOptions {
  /** The repository root. */
  root: string;
  /** Output trees under `root`: '' is the sources' tree, 'dist' the compiled one. */
  trees: string[];
  /** Leave an output alone when it is newer than its source (the test setup); default false. */
  onlyStale?: boolean;
}

/** One kernel source and the lib it belongs to. */
interface KernelSource {
  lib: string;
  name: string;
  file: string;
}

// Shared memories need the threads feature; SIMD is on by default in wabt but named for the reader.
const FEATURES = { simd: true, threads: true };

/** Compiles every kernel whose output is missing or (with `onlyStale`) older; returns the files written. */
export async function buildKernels(options: BuildKernelsOptions): Promise<string[]> {
  const { root, trees, onlyStale = false } = options;
  const targets = kernelSources(root).flatMap((source) =>
    trees.map((tree) => ({
      source,
      output: path.join(root, tree, 'libs', source.lib, 'wasm', `${source.name}.wasm`),
    })),
  );
  const due = targets.filter(({ source, output }) => !onlyStale || isStale(source.file, output));
  if (due.length === 0) return [];
  const compiler = await wabt();
  for (const { source, output } of due) {
    const parsed = compiler.parseWat(source.file, readFileSync(source.file, 'utf8'), FEATURES);
    try {
      // wabt.js's validate takes the features too (its .d.ts leaves the parameter out).
      (parsed as unknown as { validate(features: typeof FEATURES): void }).validate(FEATURES);
      writeAtomically(output, parsed.toBinary({}).buffer);
    } finally {
      parsed.destroy();
    }
  }
  return due.map(({ output }) => output);
}

/** Every `libs/<lib>/assembly/*.wat`. */
function kernelSources(root: string): KernelSource[] {
  const libsDir = path.join(root, 'libs');
  return readdirSync(libsDir).flatMap((lib) => {
    const dir = path.join(libsDir, lib, 'assembly');
    const files = safeReaddir(dir).filter((file) => file.endsWith('.wat'));
    return files.map((file) => ({ lib, name: file.slice(0, -4), file: path.join(dir, file) }));
  });
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isStale(source: string, output: string): boolean {
  try {
    return statSync(output).mtimeMs < statSync(source).mtimeMs;
  } catch {
    return true;
  }
}

/** Through a temporary file and a rename, so that a reader in another process never sees half a module. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}
