// Variants of an open index for measuring: the same passages searched with other settings (tuning without a
// rebuild), or with other vectors (the teacher's, to show the distilled model's ceiling), and the confidence floors
// of an index built before they were calibrated. Kept here, outside the ranking path of src/core/search.ts.
import { SearchIndex } from '../core/search.ts';
import { decodeVectors } from '../core/index-format/vectors.ts';
import { calibrate } from '../core/confidence.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import type { ConfidenceSettings } from '../core/settings.ts';

/** The same passages and vectors searched with other settings. */
export function withSettings(index: SearchIndex, search: IndexManifest['search']): SearchIndex {
  const parts = index.madeOf;
  return new SearchIndex({ ...parts, manifest: { ...parts.manifest, search } });
}

/** The same passages searched with other vectors of any dimension, e.g. another model's. */
export function withVectors(index: SearchIndex, bytes: ArrayBuffer | Uint8Array): SearchIndex {
  const parts = index.madeOf;
  const vectors = decodeVectors(bytes);
  if (vectors.count !== index.count)
    throw new Error(`the vectors hold ${vectors.count} rows but the index has ${index.count} passages`);
  return new SearchIndex({
    ...parts,
    manifest: { ...parts.manifest, model: { ...parts.manifest.model, dim: vectors.dim } },
    vectors,
  });
}

/** This index's floors for a set of unrelated texts' query vectors (src/indexer/probes.ts). */
export function floorsOf(index: SearchIndex, probes: ArrayLike<number>[]): ConfidenceSettings {
  const { vectors } = index.madeOf;
  if (!vectors) throw new Error('calibrating needs the passage vectors');
  return calibrate(vectors, probes);
}
