// `lantern model`: the default model for a corpus folder, written on its own (the build does the same
// into the index folder).
import path from 'node:path';
import { readCorpus, corpusVocabulary } from './ingest.ts';
import { placeModel, DEFAULT_MODEL } from './model-files.ts';
import type { Reporter } from './progress.ts';
import { DEFAULT_CHUNKING } from '../core/settings.ts';

export async function prepareDefaultModel(out: string, data: string, reporter: Reporter): Promise<void> {
  const corpus = await readCorpus(path.resolve(data), DEFAULT_CHUNKING);
  await placeModel(
    { model: DEFAULT_MODEL, revision: 'main', cacheDir: '' },
    path.resolve(out),
    corpusVocabulary(corpus),
    reporter,
  );
  reporter.line(`model      written to ${out}`);
}
