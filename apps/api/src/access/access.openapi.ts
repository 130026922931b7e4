import type { oas31 } from 'zod-openapi';
import type { AccessLevel } from './access-level.decorator';

/** The two ways to send an API key (ApiKeyGuard): the `x-api-key` header, or `Authorization: Bearer`. */
export const SECURITY_SCHEMES: Record<string, oas31.SecuritySchemeObject> = {
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description:
      'A read key (API_READ_KEYS) or a write key (API_WRITE_KEYS). Requirements name the level needed: ' +
      '`read` accepts either key, `write` only a write key. Each key is rate limited (RATE_LIMIT_PER_SECOND, ' +
      'RATE_LIMIT_BURST); requests without a valid key are limited per client address.',
  },
  bearerKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'The same API key as `Authorization: Bearer <key>`.',
  },
};

/** Who may call an operation: nobody's key for `public`, else either scheme with the level as its role. */
export function securityFor(level: AccessLevel): oas31.SecurityRequirementObject[] {
  return level === 'public' ? [] : [{ apiKey: [level] }, { bearerKey: [level] }];
}
