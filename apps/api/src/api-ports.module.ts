import { DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import type {
  CatalogueStore,
  EmbeddingStore,
  EventLog,
  EventSink,
  JobQueue,
  RealtimeStore,
  StreamStats,
} from '@recsys/domain';
import { API_SETTINGS, type ApiSettings } from './api-settings';

/** Something the api needs to answer requests; readiness fails while any check rejects. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * Where the rate limits count requests: in Redis, one count for every replica, or in this process's memory
 * (the embedded app), at most `maxCounters` keys and addresses (least recently used ones are forgotten).
 */
export type RateLimitStore =
  { kind: 'redis'; redis: Redis } | { kind: 'memory'; maxCounters: number };

/** The adapters the composition root hands the api: real ones (main.ts) or embedded ones (apps/embedded). */
export interface ApiPorts {
  eventSink: EventSink;
  jobQueue: JobQueue;
  embeddingStore: EmbeddingStore;
  realtimeStore: RealtimeStore;
  catalogueStore: CatalogueStore;
  rateLimitStore: RateLimitStore;
  readinessChecks: readonly ReadinessCheck[];
  /** The dashboard's traffic figures: events received lately (event log), dead letters and lag (stream). */
  recentEvents: Pick<EventLog, 'countReceivedSince'>;
  streamStats: StreamStats;
  clock: () => Date;
}

// One injection token per port: a service's constructor names exactly the ports it uses.
export const EVENT_SINK = Symbol('EventSink');
export const JOB_QUEUE = Symbol('JobQueue');
export const EMBEDDING_STORE = Symbol('EmbeddingStore');
export const REALTIME_STORE = Symbol('RealtimeStore');
export const CATALOGUE_STORE = Symbol('CatalogueStore');
export const RATE_LIMIT_STORE = Symbol('RateLimitStore');
export const READINESS_CHECKS = Symbol('ReadinessChecks');
export const CLOCK = Symbol('Clock');
export const RECENT_EVENTS = Symbol('RecentEvents');
export const STREAM_STATS = Symbol('StreamStats');

const TOKENS: { readonly [Port in keyof ApiPorts]-?: symbol } = {
  eventSink: EVENT_SINK,
  jobQueue: JOB_QUEUE,
  embeddingStore: EMBEDDING_STORE,
  realtimeStore: REALTIME_STORE,
  catalogueStore: CATALOGUE_STORE,
  rateLimitStore: RATE_LIMIT_STORE,
  readinessChecks: READINESS_CHECKS,
  clock: CLOCK,
  recentEvents: RECENT_EVENTS,
  streamStats: STREAM_STATS,
};

/**
 * Provides each port under its own token, and the settings, to every feature module of the api. Global
 * because it is the api's one source of adapters: the embedded app hands other adapters to the same module.
 */
@Module({})
export class ApiPortsModule {
  static register(options: { ports: ApiPorts; settings: ApiSettings }): DynamicModule {
    const providers = [
      ...Object.entries(TOKENS).map(([port, token]) => ({
        provide: token,
        useValue: options.ports[port as keyof ApiPorts],
      })),
      { provide: API_SETTINGS, useValue: options.settings },
    ];
    return {
      module: ApiPortsModule,
      global: true,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
