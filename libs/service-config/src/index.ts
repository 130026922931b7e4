export { parseEnv, ConfigError } from './parse-env';
export { intVar, numberVar, boolVar, stringVar, listVar, urlVar } from './env-fields';
export { redactSecrets, redactUrlCredentials } from './redact-secrets';
export { describeEnv } from './describe-env';
export { databaseEnv, redisEnv, kafkaEnv } from './shared-env';
export { signalsEnv } from './signals-env';
export { trainingEnv } from './training-env';
export { renderEnvTable } from './render-env-table';
export { healthEnv } from './health-env';
