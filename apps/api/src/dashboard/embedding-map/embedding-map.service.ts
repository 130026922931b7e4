import { Injectable } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import type { ServingModel } from '@recsys/recommendations';
import { CatalogueFollower } from '../../catalogue/catalogue-follower.service';
import { ModelHolder } from '../../models/model-holder.service';
import { projectOnPlane, type PlaneBasis } from './pca-2d';
import { projectOffThread } from './project-off-thread';
import { sampleRows } from './sample-rows';

/** Items drawn on the map at most: enough to see the structure, small enough to draw and send. */
export const MAP_SAMPLE_SIZE = 5_000;

export interface MapPoint {
  itemId: string;
  x: number;
  y: number;
  category: string | null;
}

/** The serving model's items on its principal plane (a sample of at most MAP_SAMPLE_SIZE). */
export interface EmbeddingMap {
  modelVersion: string;
  itemCount: number;
  sampled: number;
  points: MapPoint[];
}

/** A user and some items placed on the same plane (items the model does not know are left out). */
export interface MapPlacement {
  modelVersion: string;
  user: { x: number; y: number } | null;
  items: { itemId: string; x: number; y: number }[];
}

interface CachedProjection {
  model: ServingModel;
  rows: Int32Array;
  projection: Promise<{ basis: PlaneBasis; x: Float64Array; y: Float64Array }>;
}

/**
 * The embedding map of the model this replica serves: computed once per model version on a worker
 * thread (PCA of a sample of the item vectors), cached until the next swap. Categories are read from the
 * catalogue on every answer, so an edited item shows its new category.
 */
@Injectable()
export class EmbeddingMapService {
  private cached: CachedProjection | null = null;

  constructor(
    private readonly holder: ModelHolder,
    private readonly catalogue: CatalogueFollower,
  ) {}

  async map(): Promise<EmbeddingMap> {
    const { model, rows, projection } = this.projectionOfServingModel();
    const { x, y } = await projection;
    const { snapshot } = model;
    const categories = this.catalogue.snapshot;
    const points = Array.from(rows, (row, i) => {
      const itemId = snapshot.itemIds[row];
      return { itemId, x: x[i], y: y[i], category: categories.categoryOf(itemId) };
    });
    const { itemCount } = snapshot.metadata;
    return { modelVersion: model.version, itemCount, sampled: points.length, points };
  }

  async place(userId: string, itemIds: readonly string[]): Promise<MapPlacement> {
    const { model, projection } = this.projectionOfServingModel();
    const { basis } = await projection;
    const { snapshot, userIndexById, itemIndexById } = model;
    const dim = snapshot.metadata.dim;
    const userRow = userIndexById.get(userId);
    const user =
      userRow === undefined ? null : projectOnPlane(basis, snapshot.userVectors, userRow * dim);
    const items = itemIds.flatMap((itemId) => {
      const row = itemIndexById.get(itemId);
      if (row === undefined) return [];
      return [{ itemId, ...projectOnPlane(basis, snapshot.itemVectors, row * dim) }];
    });
    return { modelVersion: model.version, user, items };
  }

  private projectionOfServingModel(): CachedProjection {
    const model = this.holder.current();
    if (!model) throw new DomainError('MODEL_NOT_READY', 'no model is served yet');
    if (this.cached?.model.version === model.version) return this.cached;
    const { itemVectors, metadata } = model.snapshot;
    const dim = metadata.dim;
    const rows = sampleRows(itemVectors.length / dim, MAP_SAMPLE_SIZE);
    const vectors = new Float32Array(rows.length * dim);
    rows.forEach((row, i) =>
      vectors.set(itemVectors.subarray(row * dim, (row + 1) * dim), i * dim),
    );
    const projection = projectOffThread({ vectors, dim });
    const cached = { model, rows, projection };
    this.cached = cached;
    // A failed projection is not kept: the next request tries again.
    projection.catch(() => {
      if (this.cached === cached) this.cached = null;
    });
    return cached;
  }
}
