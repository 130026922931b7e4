import { SetMetadata } from '@nestjs/common';

/** `public`: no key (health); `read`: a read or write key; `write`: a write key. */
export type AccessLevel = 'public' | 'read' | 'write';

export const ACCESS_LEVEL = 'recsys:access-level';

/** Declares who may call a handler; handlers without it need a write key. */
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_LEVEL, level);
