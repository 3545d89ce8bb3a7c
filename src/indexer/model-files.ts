// Putting the model that will embed the passages into the index folder: the default Lantern model made
// for this corpus, a local model folder, or a hub model fetched once (see hub.ts).
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { prepareModel, readModelRecipe, type AdaptOptions, type AdaptPassage } from './model/index.ts';
import { fetchHubModel, MODEL_FILES } from './hub.ts';
import type { Reporter } from './progress.ts';

export { DEFAULT_MODEL } from '../core/index-format/manifest.ts';
import { DEFAULT_MODEL } from '../core/index-format/manifest.ts';

export interface ModelChoice {
  /** "lantern-static", a folder, or a hub id. */
  model: string;
  revision: string;
  /** Where fetched hub models are kept between builds. */
  cacheDir: string;
  hubHost?: string;
  /** Where the default model's teacher vectors are kept between builds (default: prepareModel's). */
  teacherCacheDir?: string;
  /** Options for the default model (tests use a small vocabulary). */
  generalWords?: number;
  dim?: number;
  /** Adapt the default model's table to these passages (see src/indexer/model/adapt.ts); omitted: no adaptation. */
  adapt?: { passages: AdaptPassage[] } & AdaptSettings;
}

/** Tunables of build-time adaptation (defaults in adapt.ts). */
export type AdaptSettings = Omit<AdaptOptions, 'passages' | 'onEpoch'>;

/** Instruction prefixes of model families that were trained with them. */
export function prefixesFor(model: string): { queryPrefix: string; passagePrefix: string } {
  if (/(^|\/)(multilingual-)?e5-/i.test(model)) return { queryPrefix: 'query: ', passagePrefix: 'passage: ' };
  if (/(^|\/)bge-.*-en/i.test(model))
    return { queryPrefix: 'Represent this sentence for searching relevant passages: ', passagePrefix: '' };
  return { queryPrefix: '', passagePrefix: '' };
}

/** Bytes of a model folder as stored and gzipped: what the app downloads once (static hosts compress it so). */
export async function modelWeight(dir: string): Promise<{ bytes: number; gzip: number }> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  let bytes = 0;
  let gzip = 0;
  for (const entry of entries.filter((e) => e.isFile())) {
    const content = await readFile(path.join(entry.parentPath, entry.name));
    bytes += content.length;
    gzip += gzipSync(content, { level: 6 }).length;
  }
  return { bytes, gzip };
}

async function hashFolder(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = Object.create(null); // keyed by the folder's file names
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await hashFolder(path.join(dir, entry.name), rel));
    else
      out[rel] = createHash('sha256')
        .update(await readFile(path.join(dir, entry.name)))
        .digest('hex');
  }
  return out;
}

/** Writes the model into `target` (a folder inside the index being built); returns its file hashes and recipe. */
export async function placeModel(
  choice: ModelChoice,
  target: string,
  corpusWords: string[],
  reporter: Reporter,
): Promise<{ files: Record<string, string>; recipe?: Record<string, unknown> }> {
  if (choice.model === DEFAULT_MODEL) {
    let stage: ReturnType<Reporter['stage']> | null = null;
    let current = '';
    let adaptStage: ReturnType<Reporter['stage']> | null = null;
    let adaptStarted = 0;
    let adaptSeconds = 0;
    const started = performance.now();
    await prepareModel({
      outDir: target,
      corpusWords,
      generalWords: choice.generalWords,
      dim: choice.dim,
      cacheDir: choice.teacherCacheDir,
      adapt: choice.adapt,
      onProgress(e) {
        if (e.stage !== current) {
          if (current === 'adapt') {
            adaptStage = stage; // finished below, with the summary
            adaptSeconds = (performance.now() - adaptStarted) / 1000;
          } else stage?.finish('done');
          current = e.stage;
          if (current === 'adapt') adaptStarted = performance.now();
          stage =
            e.stage === 'teacher' && e.total > 0
              ? reporter.stage('model', e.total, 'words')
              : e.stage === 'adapt'
                ? reporter.stage('adapt', e.total, 'epochs')
                : null;
        }
        const ep = e.epoch;
        stage?.update(
          e.done,
          ep
            ? `epoch ${ep.epoch}: loss ${ep.trainLoss.toFixed(3)}, held-out ${ep.heldOutLoss.toFixed(3)}, ${ep.pairs} pairs at ${ep.pairsPerSecond.toFixed(0)} pairs/s`
            : undefined,
        );
      },
    });
    const recipe = readModelRecipe(target);
    const a = recipe?.adaptation;
    const summary = a
      ? a.skipped
        ? `skipped: ${a.skipped}`
        : `${a.epochs} epochs (kept epoch ${a.bestEpoch}) on ${a.passages - a.heldOutPassages} passages${a.sampled ? ' (sampled per epoch)' : ''}, held-out loss ${a.heldOutLoss.initial.toFixed(3)} → ${a.heldOutLoss.best.toFixed(3)}, ${a.trainedRows} rows trained in ${adaptSeconds.toFixed(1)} s (${(((a.passages - a.heldOutPassages) * a.epochs) / Math.max(adaptSeconds, 1e-3)).toFixed(0)} passages/s)`
      : 'done';
    if (current === 'adapt') adaptStage = stage;
    else (stage as ReturnType<Reporter['stage']> | null)?.finish('done');
    if (adaptStage) (adaptStage as ReturnType<Reporter['stage']>).finish(summary);
    else if (a) reporter.line(`adapt      ${summary}`);
    reporter.line(
      `model      ${DEFAULT_MODEL} ready for this corpus in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return { files: await hashFolder(target), recipe: readModelRecipe(target) as unknown as Record<string, unknown> };
  }

  let source = path.resolve(choice.model);
  if (!existsSync(source)) {
    const fetched = await fetchHubModel({
      id: choice.model,
      revision: choice.revision,
      cacheDir: choice.cacheDir,
      host: choice.hubHost,
      log: (l) => reporter.line(`model      ${l}`),
    });
    source = fetched.dir;
  } else if (!(await stat(source)).isDirectory()) {
    throw new Error(
      `--model ${choice.model} is a file; give a model folder (with ${MODEL_FILES.join(', ')}) or a hub id`,
    );
  }
  const missing = MODEL_FILES.filter((f) => !existsSync(path.join(source, f)));
  if (missing.length) throw new Error(`model folder ${source} lacks ${missing.join(', ')}`);
  await mkdir(target, { recursive: true });
  for (const file of MODEL_FILES) {
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await cp(path.join(source, file), path.join(target, file));
  }
  if (existsSync(path.join(source, 'special_tokens_map.json')))
    await cp(path.join(source, 'special_tokens_map.json'), path.join(target, 'special_tokens_map.json'));
  return {
    files: await hashFolder(target),
    recipe: readModelRecipe(target) as unknown as Record<string, unknown> | undefined,
  };
}
