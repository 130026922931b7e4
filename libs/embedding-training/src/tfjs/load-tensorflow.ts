/** The TensorFlow.js namespace (the pure-JS package's types; tfjs-node exposes the same API). */
export type TensorFlow = typeof import('@tensorflow/tfjs');

/** Which TensorFlow.js build `loadTensorFlow` found. */
export type TensorFlowFlavour = 'tfjs-node' | 'tfjs';

/**
 * Loads @tensorflow/tfjs-node when it is installed (native TensorFlow, an optional dependency that cannot
 * install where only package registries are reachable), else pure-JS @tensorflow/tfjs on its cpu backend.
 */
export async function loadTensorFlow(): Promise<{ tf: TensorFlow; flavour: TensorFlowFlavour }> {
  // A variable keeps TypeScript from resolving the optional package at compile time.
  const nativePackage = '@tensorflow/tfjs-node';
  try {
    const tf = (await import(nativePackage)) as TensorFlow;
    await tf.ready();
    return { tf, flavour: 'tfjs-node' };
  } catch {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    await tf.ready();
    return { tf, flavour: 'tfjs' };
  }
}
