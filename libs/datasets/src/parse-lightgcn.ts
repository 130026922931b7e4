import { InteractionTable } from './interaction-table';
import { forEachLine } from './lines-of';
import { IdIndices, TableBuilder } from './table-builder';

/**
 * Parses the LightGCN/NGCF format (`user item item ...` per line, implicit feedback): every pair is
 * liked with weight 1; there is no time, so rows keep input order (timestamps NaN).
 */
export function parseLightGcn(text: string, indices?: IdIndices): InteractionTable {
  const builder = new TableBuilder(indices);
  forEachLine(text, (line) => {
    const fields = line.split(/\s+/);
    builder.addUser(fields[0]);
    for (let f = 1; f < fields.length; f++) {
      builder.add({
        userId: fields[0],
        itemId: fields[f],
        signal: 1,
        weight: 1,
        timestampMs: NaN,
        rating: NaN,
      });
    }
  });
  return builder.build();
}
