import { CosineGeometry } from './cosine-geometry';
import { DotGeometry } from './dot-geometry';
import { EuclideanGeometry } from './euclidean-geometry';
import type { GeometryKind, GeometryTables, RowGeometry } from './row-geometry';
import { SquaredEuclideanGeometry } from './squared-euclidean-geometry';

/** Builds the geometry of `kind` over two tables. */
export function createRowGeometry(kind: GeometryKind, tables: GeometryTables): RowGeometry {
  switch (kind) {
    case 'euclidean':
      return new EuclideanGeometry(tables);
    case 'squared-euclidean':
      return new SquaredEuclideanGeometry(tables);
    case 'dot':
      return new DotGeometry(tables);
    case 'cosine':
      return new CosineGeometry(tables);
  }
}
