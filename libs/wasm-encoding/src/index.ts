export { unsignedLeb, signedLeb } from './leb128';
export { encodeVector, encodeName, encodeSection, ValueType } from './binary-structure';
export { Op } from './instructions';
export { incrementLocal, countDownLoop, functionBody } from './function-code';
export { kernelModuleBytes, type KernelFunction, type KernelModuleOptions } from './kernel-module';
