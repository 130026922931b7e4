import { Controller, Get, Query } from '@nestjs/common';
import { Access } from '../access/access-level.decorator';
import { parseInput } from '../http/parse-input';
import { placementQuerySchema } from './dashboard-queries';
import {
  EmbeddingMapService,
  type EmbeddingMap,
  type MapPlacement,
} from './embedding-map/embedding-map.service';
import { TrafficService, type Traffic } from './traffic/traffic.service';

/** The dashboard's own JSON (read key): traffic figures and the embedding map. */
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly traffic: TrafficService,
    private readonly embeddingMap: EmbeddingMapService,
  ) {}

  @Get('traffic')
  @Access('read')
  readTraffic(): Promise<Traffic> {
    return this.traffic.read();
  }

  @Get('embedding-map')
  @Access('read')
  map(): Promise<EmbeddingMap> {
    return this.embeddingMap.map();
  }

  /** A user (their vector in the model) and some items placed on the map. */
  @Get('embedding-map/placement')
  @Access('read')
  place(@Query() query: unknown): Promise<MapPlacement> {
    const { userId, itemIds } = parseInput(placementQuerySchema, query, 'placement query');
    return this.embeddingMap.place(userId, itemIds);
  }
}
