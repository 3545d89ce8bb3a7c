// The 100k index without embedding 100k passages: each synthetic-100k passage joins two synthetic-10k passages,
// and its vector is the two 10k vectors weighted by word count and re-normalised (what mean pooling of a static
// model gives for the joined text, up to the titles and the int8 rounding of the 10k vectors). The index folder
// is otherwise what buildIndex writes (writeIndexFiles: sharded at this size), with the 10k index's model.
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from '../src/indexer/ingest.ts';
import { words } from '../src/core/analysis.ts';
import type { IndexManifest, PassagesFile } from '../src/core/index-format/manifest.ts';
import { writeIndexFiles } from '../src/indexer/write-index.ts';
import { decodeVectors, encodeVectors, quantize, vectorAt } from '../src/core/index-format/vectors.ts';

export async function composeIndex(
  corpus: Corpus,
  pairs: [number, number][],
  fromDir: string,
  out: string,
): Promise<IndexManifest> {
  const from = JSON.parse(await readFile(path.join(fromDir, 'manifest.json'), 'utf8')) as IndexManifest;
  const fromPassages = JSON.parse(await readFile(path.join(fromDir, from.files.passages), 'utf8')) as PassagesFile;
  const store = decodeVectors(await readFile(path.join(fromDir, from.files.vectors)));
  const length = fromPassages.passages.map((p) => words(p.text).length);
  const vectors = pairs.map(([a, b]) => {
    const va = vectorAt(store, a);
    const vb = vectorAt(store, b);
    const v = va.map((x, i) => length[a] * x + length[b] * vb[i]);
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  });
  const vectorBytes = encodeVectors(quantize(vectors, store.dim));
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await cp(path.join(fromDir, from.model.path), path.join(out, from.model.path), { recursive: true });
  const base = {
    builtAt: new Date().toISOString(),
    model: from.model,
    chunking: from.chunking,
    search: from.search,
    baseUrl: from.baseUrl,
  };
  return writeIndexFiles(out, { documents: corpus.documents, passages: corpus.passages }, vectorBytes, base);
}
