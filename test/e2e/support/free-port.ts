// One implementation, kept with the benchmarks: the build (tsconfig.build.json) compiles bench/ but not test/.
export { freePort } from '../../../bench/serving/free-port';
