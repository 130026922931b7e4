/** File names of the framework-neutral model export (one directory per model). */
export const MODEL_FILES = {
  metadata: 'model.json',
  userIds: 'user_ids.txt',
  itemIds: 'item_ids.txt',
  userVectors: 'user_vectors.f32',
  itemVectors: 'item_vectors.f32',
  seenOffsets: 'seen_offsets.i32',
  seenItems: 'seen_items.i32',
  popularItems: 'popular_items.i32',
} as const;

/** Version of the export layout, written into model.json. */
export const MODEL_EXPORT_FORMAT = 'recsys-embeddings-v1';
