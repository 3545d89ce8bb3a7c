// `lantern build`: corpus folder → index folder (passages, vectors, model, manifest).
// The index is written to a temporary folder beside the target and moved into place at the end,
// so an interrupted build never leaves a half-written index for the app or the CLI to load.
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { corpusVocabulary, OUTSIDE_LINK, type Corpus, type Rejected } from './ingest.ts';
import { foldersFingerprint, readFolders } from './folders.ts';
import {
  modelWeight,
  placeModel,
  prefixesFor,
  DEFAULT_MODEL,
  type AdaptSettings,
  type ModelChoice,
} from './model-files.ts';
import { silentReporter, type Reporter } from './progress.ts';
import { DEFAULT_SEARCH } from '../core/settings.ts';
import { calibrate } from '../core/confidence.ts';
import { PROBES } from './probes.ts';
import { passageInput } from '../core/embedding.ts';
import { openEmbedder } from './embedder.ts';
import { encodeVectors, quantize } from '../core/index-format/vectors.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import { MANIFEST_FILE, MODEL_FOLDER } from '../core/index-format/layout.ts';
import { isAlive } from './process.ts';
import { writeIndexFiles, type ShardChoice } from './write-index.ts';
import { DEFAULT_CHUNKING, type ChunkingOptions } from '../core/settings.ts';

export interface BuildOptions {
  /** Corpus folder; ignored when `corpus` is given. */
  /** Corpus folder, or several (their documents are named `<folder name>/…`); ignored when `corpus` is given. */
  data: string | string[];
  /** An already-read corpus (the eval harness builds BEIR datasets this way). */
  corpus?: Corpus;
  out: string;
  model?: string;
  revision?: string;
  baseUrl?: string;
  chunking?: ChunkingOptions;
  search?: IndexManifest['search'];
  modelCacheDir?: string;
  /** Default model only: where its teacher's vectors are kept between builds (default .cache/lantern/teacher in the working directory). */
  teacherCacheDir?: string;
  hubHost?: string;
  /** Default model only: how many general English words its table holds, and its dimension. */
  generalWords?: number;
  dim?: number;
  reporter?: Reporter;
  batchSize?: number;
  /** Split the index into shards that load on demand: 'auto' (default) above SHARD_ABOVE passages. */
  shard?: ShardChoice;
  /** Target bytes of one keyword fragment of a sharded index (default 64 KiB). */
  fragmentBytes?: number;
  /**
   * Adapt the default model (lantern-static) to the corpus before embedding: self-supervised
   * training on the passages' own text (default true; `false` for the plain distilled table, an
   * object to override training settings). Ignored for other models.
   */
  adapt?: boolean | AdaptSettings;
  /** Follow symbolic links whose target is outside `data` (by default they are reported and not followed). */
  followOutsideLinks?: boolean;
}

export interface BuildReport {
  manifest: IndexManifest;
  out: string;
  rejected: Rejected[];
  warnings: Rejected[];
  /** Hidden files and folders skipped (names starting with a dot), node_modules and Lantern's own output. */
  hidden: string[];
  seconds: { total: number; chunk: number; model: number; embed: number };
  passagesPerSecond: number;
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:4173/';

export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const reporter = options.reporter ?? silentReporter;
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const started = performance.now();
  const given = Array.isArray(options.data) ? options.data : [options.data];
  const folders = given.map((folder) => path.resolve(folder));
  if (!options.corpus) {
    folders.forEach((folder, i) => {
      if (!existsSync(folder)) throw new Error(`--data ${given[i]}: no such folder`);
    });
  }

  const ingest = { followOutsideLinks: options.followOutsideLinks };
  const corpus = options.corpus ?? (await readFolders(folders, chunking, ingest));
  const chunkSeconds = (performance.now() - started) / 1000;
  const hidden = corpus.hidden ?? [];
  for (const r of corpus.rejected) reporter.line(`skipped    ${r.file}: ${r.reason}`);
  if (corpus.rejected.some((r) => r.reason === OUTSIDE_LINK))
    reporter.line('           (--follow-outside-links follows links whose target is outside the folder)');
  for (const w of corpus.warnings) reporter.line(`warning    ${w.file}: ${w.reason}`);
  if (hidden.length)
    reporter.line(
      `hidden     ${hidden.length} skipped (names starting with a dot, node_modules, Lantern indexes and sites): ${hidden.slice(0, 8).join(', ')}${hidden.length > 8 ? `, and ${hidden.length - 8} more` : ''}`,
    );
  reporter.line(
    `chunk      ${corpus.documents.length} documents → ${corpus.passages.length} passages in ${chunkSeconds.toFixed(2)} s${corpus.rejected.length ? ` (${corpus.rejected.length} files skipped)` : ''}`,
  );
  if (corpus.links?.resolved || corpus.links?.unresolved)
    reporter.line(
      `links      ${corpus.links.resolved} links between documents resolved, ${corpus.links.unresolved} to nothing in the documents (shown as text)`,
    );
  if (corpus.passages.length === 0) {
    throw new Error(
      `nothing could be indexed in ${given.join(', ')}: ${corpus.rejected.length} file(s) skipped${corpus.rejected.length ? '' : ' (no .md, .markdown or .txt files found)'}`,
    );
  }

  const out = path.resolve(options.out);
  const tmp = `${out}.tmp-${process.pid}`;
  await removeDeadLeftovers(out);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    const modelName = options.model ?? DEFAULT_MODEL;
    const choice: ModelChoice = {
      model: modelName,
      revision: options.revision ?? 'main',
      cacheDir: options.modelCacheDir ?? path.resolve('.cache/lantern/hub'),
      teacherCacheDir: options.teacherCacheDir,
      hubHost: options.hubHost,
      generalWords: options.generalWords,
      dim: options.dim,
      ...(modelName === DEFAULT_MODEL && options.adapt !== false
        ? {
            adapt: {
              ...(typeof options.adapt === 'object' ? options.adapt : {}),
              passages: corpus.passages.map((p) => ({
                title: corpus.documents[p.doc].title,
                headings: p.headings,
                text: p.text,
              })),
            },
          }
        : {}),
    };
    const modelStarted = performance.now();
    const model = await placeModel(choice, path.join(tmp, MODEL_FOLDER), corpusVocabulary(corpus), reporter);
    const modelSeconds = (performance.now() - modelStarted) / 1000;
    const weight = await modelWeight(path.join(tmp, MODEL_FOLDER));
    reporter.line(
      `model      ${(weight.bytes / 1e6).toFixed(1)} MB, ${(weight.gzip / 1e6).toFixed(1)} MB gzip: what the app downloads once`,
    );

    // Embed with exactly what the app will load: the model folder inside the index.
    const embedStarted = performance.now();
    const embedder = await openEmbedder(tmp, MODEL_FOLDER);
    const { passagePrefix, queryPrefix } = prefixesFor(modelName);
    const inputs = corpus.passages.map((p) =>
      passageInput(corpus.documents[p.doc].title, p.headings, p.text, passagePrefix),
    );
    // Batches of similar length: a batch is padded to its longest input, and padding costs as much as text.
    const batch = options.batchSize ?? 8;
    const order = inputs.map((_, i) => i).sort((a, b) => inputs[a].length - inputs[b].length);
    const vectors: Float32Array[] = new Array(inputs.length);
    const stage = reporter.stage('embed', inputs.length, 'passages');
    for (let i = 0; i < order.length; i += batch) {
      const rows = order.slice(i, i + batch);
      const embedded = await embedder.embed(rows.map((row) => inputs[row]));
      rows.forEach((row, j) => (vectors[row] = embedded[j]));
      stage.update(Math.min(i + batch, order.length));
    }
    const embedSeconds = (performance.now() - embedStarted) / 1000;
    const passagesPerSecond = inputs.length / Math.max(embedSeconds, 1e-6);
    stage.finish(
      `${inputs.length} passages in ${embedSeconds.toFixed(1)} s (${passagesPerSecond.toFixed(0)} passages/s)`,
    );

    const dim = vectors[0].length;
    const store = quantize(vectors, dim);
    const vectorBytes = encodeVectors(store);
    // The semantic floor of this index: how close unrelated texts come to its passages (core/confidence.ts).
    const confidence = calibrate(store, await embedder.embedQueries([...PROBES], { name: modelName, queryPrefix }));
    reporter.line(
      `confidence semantic match floor ${confidence.match.toFixed(3)}, closest-by-meaning floor ${confidence.near.toFixed(3)} (cosine)`,
    );
    const manifest = await writeIndexFiles(
      tmp,
      { documents: corpus.documents, passages: corpus.passages },
      vectorBytes,
      {
        builtAt: new Date().toISOString(),
        model: {
          name: modelName,
          path: MODEL_FOLDER,
          dim,
          files: model.files,
          queryPrefix,
          passagePrefix,
          ...(model.recipe ? { recipe: model.recipe } : {}),
        },
        chunking,
        search: { ...(options.search ?? DEFAULT_SEARCH), confidence },
        baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
        // The folder as the user gave it (relative), never an absolute path: the manifest is served with the app.
        ...(options.corpus
          ? {}
          : {
              source: {
                data: options.data,
                fingerprint: await foldersFingerprint(folders, ingest),
                ...(options.followOutsideLinks ? { followOutsideLinks: true } : {}),
              },
            }),
      },
      { shard: options.shard, fragmentBytes: options.fragmentBytes },
    );
    await swapInto(tmp, out);

    const total = (performance.now() - started) / 1000;
    const textBytes = Object.entries(manifest.sizes).reduce(
      (n, [file, size]) => (file === manifest.files.vectors ? n : n + size.bytes),
      0,
    );
    const layout = manifest.shards
      ? ` in ${manifest.shards.passages.length} passage shards and ${manifest.shards.fragments.length} keyword fragments`
      : '';
    reporter.line(
      `index      ${out}: ${(textBytes / 1024).toFixed(0)} KB passages and keyword index${layout}, ${(vectorBytes.length / 1024).toFixed(0)} KB vectors (${(vectorBytes.length / corpus.passages.length).toFixed(0)} B/passage), built in ${total.toFixed(1)} s`,
    );
    return {
      manifest,
      out,
      rejected: corpus.rejected,
      warnings: corpus.warnings,
      hidden,
      seconds: { total, chunk: chunkSeconds, model: modelSeconds, embed: embedSeconds },
      passagesPerSecond,
    };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Replaces `out` with the finished folder `tmp` (old index moved aside first, then removed). */
async function swapInto(tmp: string, out: string): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) {
    if (existsSync(path.join(out, MANIFEST_FILE)) || (await isEmptyDir(out))) await rename(out, old);
    else throw new Error(`--out ${out} exists and is not a Lantern index; refusing to replace it`);
  }
  await rename(tmp, out);
  await rm(old, { recursive: true, force: true });
}

/**
 * A build killed outright (SIGKILL, power loss) cannot clean up: its `<out>.tmp-<pid>` folder stays, and if it
 * died between the two renames of swapInto, the previous index sits in `<out>.old-<pid>` with no `<out>`.
 * The next build removes the temporary folders of dead processes and puts such an old index back first.
 */
async function removeDeadLeftovers(out: string): Promise<void> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^\.(tmp|old)-(\d+)$/.exec(name.slice(base.length));
    if (!name.startsWith(base) || !match || Number(match[2]) === process.pid || isAlive(Number(match[2]))) continue;
    const full = path.join(parent, name);
    if (match[1] === 'old' && !existsSync(out) && existsSync(path.join(full, MANIFEST_FILE))) await rename(full, out);
    else await rm(full, { recursive: true, force: true });
  }
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch {
    return false;
  }
}
