import { describe, expect, it } from 'vitest';
import { publishIndex } from '../../src/indexer/publish.ts';
import { isContentAddressed } from '../../src/core/index-format/layout.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';

const sha = (c: string) => c.repeat(64);

function manifest(onnxHash = sha('a'), passagesHash = sha('b')): IndexManifest {
  return {
    model: {
      name: 'lantern-static',
      path: 'model',
      dim: 4,
      files: { 'config.json': sha('c'), 'onnx/model_quantized.onnx': onnxHash },
      queryPrefix: '',
      passagePrefix: '',
    },
    files: { passages: 'passages.json', vectors: 'vectors.bin' },
    sizes: { 'passages.json': { bytes: 10, sha256: passagesHash }, 'vectors.bin': { bytes: 20, sha256: sha('d') } },
  } as unknown as IndexManifest;
}

describe('publishIndex', () => {
  it('names every file but the manifest by its content, and the manifest points at those names', () => {
    const { manifest: published, names } = publishIndex(manifest());
    expect(published.files.passages).toBe(`passages.${'b'.repeat(12)}.json`);
    expect(published.files.vectors).toBe(`vectors.${'d'.repeat(12)}.bin`);
    expect(published.sizes[published.files.passages]).toEqual({ bytes: 10, sha256: sha('b') });
    expect(names.get('manifest.json')).toBe('manifest.json');
    expect(names.get('model/onnx/model_quantized.onnx')).toBe(`${published.model.path}/onnx/model_quantized.onnx`);
    for (const [from, to] of names) expect(isContentAddressed(to), `${from} → ${to}`).toBe(from !== 'manifest.json');
  });

  it("with the files' sizes, lists the model files too (the app knows a first visit's size before downloading)", () => {
    const bytes = new Map([
      ['model/config.json', 7],
      ['model/onnx/model_quantized.onnx', 900],
    ]);
    const { manifest: published } = publishIndex(manifest(), (rel) => bytes.get(rel)!);
    expect(published.sizes[`${published.model.path}/onnx/model_quantized.onnx`]).toEqual({
      bytes: 900,
      sha256: sha('a'),
    });
    expect(published.sizes[`${published.model.path}/config.json`]).toEqual({ bytes: 7, sha256: sha('c') });
    expect(Object.keys(publishIndex(manifest()).manifest.sizes)).toHaveLength(2);
  });

  it('keeps the model URL when only the passages change, and changes it when a model file changes', () => {
    const base = publishIndex(manifest()).manifest;
    expect(publishIndex(manifest(sha('a'), sha('e'))).manifest.model.path).toBe(base.model.path);
    expect(publishIndex(manifest(sha('e'))).manifest.model.path).not.toBe(base.model.path);
    expect(publishIndex(manifest(sha('a'), sha('e'))).manifest.files.passages).not.toBe(base.files.passages);
  });

  it('does not take plain index names for content-addressed ones', () => {
    for (const rel of ['manifest.json', 'passages.json', 'model/config.json', 'vectors.bin'])
      expect(isContentAddressed(rel)).toBe(false);
  });
});

describe('publishIndex of a sharded index', () => {
  it('renames the term dictionary, fragments and passage shards, and the manifest lists the new names', () => {
    const base = manifest();
    const sharded = {
      ...base,
      files: { passages: 'catalog.json', vectors: 'vectors.bin' },
      sizes: {
        'catalog.json': { bytes: 1, sha256: sha('1') },
        'terms.json': { bytes: 2, sha256: sha('2') },
        'terms-0.bin': { bytes: 3, sha256: sha('3') },
        'passages-0.json': { bytes: 4, sha256: sha('4') },
        'vectors.bin': { bytes: 5, sha256: sha('5') },
      },
      shards: { terms: 'terms.json', fragments: ['terms-0.bin'], passages: ['passages-0.json'], passagesPerShard: 100 },
    } as IndexManifest;
    const { manifest: published } = publishIndex(sharded);
    expect(published.files.passages).toBe(`catalog.${'1'.repeat(12)}.json`);
    expect(published.shards).toEqual({
      terms: `terms.${'2'.repeat(12)}.json`,
      fragments: [`terms-0.${'3'.repeat(12)}.bin`],
      passages: [`passages-0.${'4'.repeat(12)}.json`],
      passagesPerShard: 100,
    });
    for (const file of [published.shards!.terms, ...published.shards!.fragments, ...published.shards!.passages])
      expect(published.sizes[file]).toBeDefined();
  });
});
