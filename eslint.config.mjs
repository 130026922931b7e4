// Lint rules that enforce the architecture (shared/docs/STYLE.md): pure libs stay pure, apps never
// import each other (the embedded composition root is the one documented exception), no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const PURE_LIBS = [
  'input-rules',
  'interaction-events',
  'domain',
  'triplets',
  'embedding-training',
  'ranking-metrics',
  'vector-index',
  'synthetic-data',
  'datasets',
  'model-building',
  'recommendations',
];
const DRIVERS = [
  '@nestjs/*',
  'kafkajs',
  'ioredis',
  'pg',
  'typeorm',
  'typeorm-*',
  '@electric-sql/*',
  'fastify',
  'node:fs',
  'fs',
  'node:net',
  'net',
  'node:http',
  'http',
];
const ADAPTER_LIBS = ['postgres-adapters', 'redis-adapters', 'kafka-adapters', 'embedded-adapters'];
const APPS = ['api', 'ingestor', 'trainer'];
// The api's feature folders depend one way: a folder may import those before it, never those after it, so a
// folder cycle (models/ <-> recommendations/ was one) cannot come back.
const API_FEATURE_LAYERS = ['models', 'catalogue', 'recommendations'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // apps never import another app (apps/embedded composes them and is exempt)
            ...APPS.flatMap((app) =>
              APPS.filter((other) => other !== app).map((other) => ({
                target: `./apps/${app}`,
                from: `./apps/${other}`,
                message: 'Apps never import another app; move shared code into a lib.',
              })),
            ),
            { target: './libs', from: './apps', message: 'Libs never import apps.' },
            ...API_FEATURE_LAYERS.slice(0, -1).map((feature, layer) => ({
              target: `./apps/api/src/${feature}`,
              from: API_FEATURE_LAYERS.slice(layer + 1).map((later) => `./apps/api/src/${later}`),
              message: `apps/api features depend one way (${API_FEATURE_LAYERS.join(' <- ')}): no folder cycles.`,
            })),
            // pure libs never import adapters
            ...PURE_LIBS.map((lib) => ({
              target: `./libs/${lib}`,
              from: ADAPTER_LIBS.map((a) => `./libs/${a}`),
              message: 'Pure libs import no adapters.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: PURE_LIBS.map((lib) => `libs/${lib}/src/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: DRIVERS, message: 'Pure libs import no framework, driver or I/O module.' },
            { group: ['@recsys/*-adapters'], message: 'Pure libs import no adapters.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Pure libs read no environment: take config as arguments.',
        },
        { object: 'Date', property: 'now', message: 'Pure libs read no clock: pass the time in.' },
        {
          object: 'Math',
          property: 'random',
          message: 'Pure libs use a seeded random source passed in.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
