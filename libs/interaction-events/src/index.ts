export { INTERACTION_TYPES } from './interaction-event-v1';
export type { InteractionEventV1, InteractionType } from './interaction-event-v1';
