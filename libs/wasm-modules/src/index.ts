export { instantiateLibWasm } from './instantiate-lib-wasm';
