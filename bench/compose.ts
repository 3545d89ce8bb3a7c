// The 100k index without embedding 100k passages: each synthetic-100k passage joins two synthetic-10k passages,
// and its vector is the two 10k vectors weighted by word count and re-normalised (what mean pooling of a static
// model gives for the joined text, up to the titles and the int8 rounding of the 10k vectors). The index folder
// is otherwise what buildIndex writes: same files, same model (copied from the 10k index), same manifest shape.
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from '../src/build/ingest.ts';
import { words } from '../src/core/analysis.ts';
import { INDEX_FORMAT, type IndexManifest, type PassagesFile } from '../src/core/format.ts';
import { stableHash } from '../src/core/hash.ts';
import { decodeVectors, encodeVectors, quantize, vectorAt } from '../src/core/vectors.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function composeIndex(corpus: Corpus, pairs: [number, number][], fromDir: string, out: string): Promise<IndexManifest> {
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
  const passagesBytes = new TextEncoder().encode(JSON.stringify({ documents: corpus.documents, passages: corpus.passages } satisfies PassagesFile));
  const sizes = {
    [from.files.passages]: { bytes: passagesBytes.length, sha256: sha256(passagesBytes) },
    [from.files.vectors]: { bytes: vectorBytes.length, sha256: sha256(vectorBytes) },
  };
  const manifest: IndexManifest = {
    ...from,
    format: INDEX_FORMAT,
    builtAt: new Date().toISOString(),
    version: stableHash(JSON.stringify([sizes, from.model.files, from.search, from.chunking]), 16),
    counts: { documents: corpus.documents.length, passages: corpus.passages.length },
    sizes,
  };
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await cp(path.join(fromDir, from.model.path), path.join(out, from.model.path), { recursive: true });
  await writeFile(path.join(out, from.files.passages), passagesBytes);
  await writeFile(path.join(out, from.files.vectors), vectorBytes);
  await writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
