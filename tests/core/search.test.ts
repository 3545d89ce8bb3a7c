// SearchIndex: the facade the CLI, the eval harness and the app share.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SearchIndex, type IndexFiles } from '../../src/core/search.ts';
import {
  decodeVectors,
  encodeVectors,
  quantize,
  vectorAt,
  type VectorStore,
} from '../../src/core/index-format/vectors.ts';
import { INDEX_FORMAT, validateManifest, type IndexManifest } from '../../src/core/index-format/manifest.ts';
import { DEFAULT_SEARCH } from '../../src/core/settings.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { floorsOf, withSettings, withVectors } from '../../src/eval/variants.ts';

const DIM = 4;
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

const documents: DocumentInfo[] = [
  { id: 'garden.md', title: 'Garden', tags: ['outdoors'] },
  { id: 'kitchen.md', title: 'Kitchen', tags: [] },
];
// Each passage points in its own direction; "semantic" neighbours are built by hand.
const rows: { doc: number; text: string; tags: string[]; vector: number[] }[] = [
  { doc: 0, text: 'Tomatoes need sun and deep watering.', tags: ['summer'], vector: [1, 0, 0, 0] },
  { doc: 0, text: 'Prune tomato suckers for bigger fruit.', tags: ['summer'], vector: [0.9, 0.1, 0, 0] },
  { doc: 0, text: 'Compost heaps need air and turning.', tags: [], vector: [0, 1, 0, 0] },
  { doc: 1, text: 'Slow-cooked tomato sauce with garlic.', tags: ['recipes'], vector: [0.2, 0, 1, 0] },
  { doc: 1, text: 'Sharpen knives on a whetstone weekly.', tags: [], vector: [0, 0, 0, 1] },
];

function manifestFor(count: number, overrides: Partial<IndexManifest> = {}): IndexManifest {
  return {
    format: INDEX_FORMAT,
    builtAt: '2024-01-01T00:00:00.000Z',
    version: 'test',
    model: { name: 'test-model', path: 'model', dim: DIM, files: {}, queryPrefix: '', passagePrefix: '' },
    counts: { documents: documents.length, passages: count },
    files: { passages: 'passages.json', vectors: 'vectors.bin' },
    sizes: {},
    chunking: { maxWords: 160, minWords: 24 },
    search: DEFAULT_SEARCH,
    baseUrl: 'https://notes.test/',
    ...overrides,
  };
}

function files(withVectors = true): IndexFiles {
  const passages: Passage[] = rows.map((r, i) => ({
    id: `p${i}`,
    doc: r.doc,
    headings: [],
    text: r.text,
    tags: r.tags,
    body: [],
  }));
  return {
    manifest: manifestFor(passages.length),
    passages: { documents, passages },
    vectors: withVectors
      ? encodeVectors(
          quantize(
            rows.map((r) => unit(r.vector)),
            DIM,
          ),
        )
      : null,
  };
}

const ids = (results: { id: string }[]) => results.map((r) => r.id);

describe('SearchIndex modes', () => {
  const index = new SearchIndex(files());

  it('keyword mode ranks by BM25 and presents full results', async () => {
    const { mode, results } = await index.search('tomato', { mode: 'keyword', k: 10 });
    expect(mode).toBe('keyword');
    expect(ids(results).sort()).toEqual(['p0', 'p1', 'p3']);
    const first = results[0];
    expect(first).toMatchObject({
      rank: 1,
      doc: expect.stringMatching(/\.md$/),
      title: expect.any(String),
      link: `https://notes.test/#/passage/${first.id}`,
    });
    expect(results.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(first.snippet.highlights.length).toBeGreaterThan(0);
  });

  it('semantic mode ranks by cosine to the query vector', async () => {
    const { mode, results } = await index.search('anything at all', {
      mode: 'semantic',
      k: 3,
      queryVector: unit([0, 0.1, 0, 1]),
    });
    expect(mode).toBe('semantic');
    // p4 points along the query, p2 shares its small second component, p1 a little of that too; the rest none.
    expect(ids(results)).toEqual(['p4', 'p2', 'p1']);
    expect(results[0].score).toBeGreaterThan(results[1].score);
  });

  it('hybrid mode mixes both sides: a keyword hit far from the query vector drops below close ones', async () => {
    const keywordOnly = ids((await index.search('tomato', { mode: 'keyword', k: 3 })).results);
    const hybrid = await index.search('tomato', { mode: 'hybrid', k: 5, queryVector: unit([0.2, 0, 1, 0]) });
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.results[0].id).toBe('p3');
    expect(new Set(keywordOnly)).toEqual(new Set(['p0', 'p1', 'p3']));
  });

  it('hybrid without a query vector is keyword search, and says so', async () => {
    const response = await index.search('tomato', { mode: 'hybrid', k: 5 });
    expect(response.mode).toBe('keyword');
    expect(ids(response.results)).toEqual(ids((await index.search('tomato', { mode: 'keyword', k: 5 })).results));
  });

  it('semantic without a query vector returns nothing (rather than something random)', async () => {
    expect(await index.search('tomato', { mode: 'semantic', k: 5 })).toMatchObject({ mode: 'semantic', results: [] });
  });

  it('hybrid falls back to keyword while the vectors are still loading, then uses them once attached', async () => {
    const loading = new SearchIndex(files(false));
    expect(loading.hasVectors).toBe(false);
    expect((await loading.search('tomato', { mode: 'hybrid', k: 5, queryVector: unit([0, 0, 1, 0]) })).mode).toBe(
      'keyword',
    );
    loading.attachVectors(files().vectors as Uint8Array);
    expect((await loading.search('tomato', { mode: 'hybrid', k: 5, queryVector: unit([0, 0, 1, 0]) })).mode).toBe(
      'hybrid',
    );
  });

  it('returns at most k results', async () => {
    expect(
      (await index.search('tomato', { mode: 'hybrid', k: 2, queryVector: unit([1, 0, 0, 0]) })).results,
    ).toHaveLength(2);
    expect((await index.search('x', { mode: 'semantic', k: 1, queryVector: unit([1, 0, 0, 0]) })).results).toHaveLength(
      1,
    );
  });
});

describe('SearchIndex filters', () => {
  const index = new SearchIndex(files());
  const q = unit([1, 0, 1, 0]);

  it.each(['keyword', 'semantic', 'hybrid'] as const)('%s mode filters by document', async (mode) => {
    const { results } = await index.search('tomato', {
      mode,
      k: 10,
      queryVector: q,
      filters: { docs: ['kitchen.md'] },
    });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.doc === 'kitchen.md')).toBe(true);
  });

  it.each(['keyword', 'semantic', 'hybrid'] as const)('%s mode filters by tag', async (mode) => {
    const { results } = await index.search('tomato', { mode, k: 10, queryVector: q, filters: { tags: ['recipes'] } });
    expect(ids(results)).toEqual(['p3']);
  });

  it('keeps a passage with any of the tags, and nothing when no passage of the document matches', async () => {
    const search = async (text: string, filters: { docs?: string[]; tags?: string[] }) =>
      ids((await index.search(text, { mode: 'keyword', k: 10, filters })).results);
    expect(await search('tomato compost', { tags: ['recipes'] })).toEqual(['p3']);
    expect((await search('tomato compost', { tags: ['summer', 'recipes'] })).sort()).toEqual(['p0', 'p1', 'p3']);
    expect(await search('compost', { docs: ['kitchen.md'] })).toEqual([]);
    expect(await search('compost', { docs: ['garden.md'] })).toEqual(['p2']);
  });

  it('ignores a filter naming a document the index does not have (a stale link filters nothing)', async () => {
    const all = ids((await index.search('tomato', { mode: 'keyword', k: 10 })).results);
    expect(
      ids((await index.search('tomato', { mode: 'keyword', k: 10, filters: { docs: ['deleted.md'] } })).results),
    ).toEqual(all);
  });
});

describe('moreLikeThis', () => {
  const index = new SearchIndex(files());

  it('returns the nearest passages by vector, never the passage itself', async () => {
    const similar = await index.moreLikeThis('p0', 3);
    expect(ids(similar)).not.toContain('p0');
    expect(similar[0].id).toBe('p1');
    expect(similar).toHaveLength(3);
  });

  it('applies filters and returns nothing for unknown ids or without vectors', async () => {
    expect(
      ids(await index.moreLikeThis('p0', 5, { docs: ['kitchen.md'] })).every((id) => id === 'p3' || id === 'p4'),
    ).toBe(true);
    expect(await index.moreLikeThis('nope', 3)).toEqual([]);
    expect(await new SearchIndex(files(false)).moreLikeThis('p0', 3)).toEqual([]);
  });
});

describe('opening an index', () => {
  it('refuses a passages file whose count disagrees with the manifest, with a clear message', async () => {
    const f = files();
    expect(() => new SearchIndex({ ...f, manifest: manifestFor(rows.length + 1) })).toThrow(
      /passages\.json holds 5 passages but manifest\.json says 6: the index is incomplete or mixed from two builds/,
    );
  });

  it('refuses vectors for another number of passages or another dimension', async () => {
    const f = files(false);
    const index = new SearchIndex(f);
    expect(() => index.attachVectors(encodeVectors(quantize([unit([1, 0, 0, 0])], DIM)))).toThrow(
      /vectors\.bin holds 1 vectors but the index has 5 passages: rebuild the index/,
    );
    const wide = encodeVectors(
      quantize(
        rows.map(() => [1, 0, 0, 0, 0]),
        5,
      ),
    );
    expect(() => index.attachVectors(wide)).toThrow(/dimension 5 but the model has 4/);
  });

  it('refuses a manifest of another format or with missing parts, saying what is wrong', async () => {
    expect(() => validateManifest(null)).toThrow(/not a JSON object/);
    expect(() => validateManifest({ ...manifestFor(1), format: 99 })).toThrow(
      /format 99.*Rebuild the index with `lantern build`/,
    );
    expect(() => validateManifest({ ...manifestFor(1), model: undefined })).toThrow(/"model"/);
    expect(() => validateManifest({ ...manifestFor(1), counts: {} })).toThrow(/"counts"/);
    expect(() => validateManifest({ ...manifestFor(1), files: { passages: 'p.json' } })).toThrow(/"files"/);
    expect(() => validateManifest({ ...manifestFor(1), search: { keyword: DEFAULT_SEARCH.keyword } })).toThrow(
      /"search"/,
    );
    expect(() => new SearchIndex({ manifest: manifestFor(1), passages: { documents: [] } })).toThrow(
      /not a Lantern passages file/,
    );
  });

  it('searches with other settings without rebuilding (withSettings)', async () => {
    const index = new SearchIndex(files());
    const keywordOnly = withSettings(index, {
      ...DEFAULT_SEARCH,
      fusion: { ...DEFAULT_SEARCH.fusion, keywordWeight: 1 },
    });
    const q = unit([0, 0, 0, 1]);
    expect(keywordOnly.hasVectors).toBe(true);
    // With all the weight on keywords, the sharpest keyword match wins over the vector's favourite.
    expect(
      (await keywordOnly.search('whetstone knives', { mode: 'hybrid', k: 1, queryVector: unit([1, 0, 0, 0]) }))
        .results[0].id,
    ).toBe('p4');
    expect((await index.search('anything', { mode: 'semantic', k: 1, queryVector: q })).results[0].id).toBe('p4');
  });

  it('searches the same passages with vectors of another model and dimension (withVectors)', async () => {
    const index = new SearchIndex(files());
    // A 2-d "model" under which the compost passage (p2) is the only one along the query.
    const other = withVectors(
      index,
      encodeVectors(
        quantize(
          rows.map((_, i) => (i === 2 ? [1, 0] : [0, 1])),
          2,
        ),
      ),
    );
    expect(other.manifest.model.dim).toBe(2);
    expect((await other.search('anything', { mode: 'semantic', k: 1, queryVector: [1, 0] })).results[0].id).toBe('p2');
    expect((await other.search('whetstone', { mode: 'keyword', k: 1 })).results[0].id).toBe('p4');
    // The original keeps its own vectors.
    expect(
      (await index.search('anything', { mode: 'semantic', k: 1, queryVector: unit([0, 0, 0, 1]) })).results[0].id,
    ).toBe('p4');
    expect(() => withVectors(index, encodeVectors(quantize([[1, 0]], 2)))).toThrow(
      /hold 1 rows but the index has 5 passages/,
    );
  });
});

describe('the seed index', () => {
  let index: SearchIndex;
  let vectors: VectorStore;
  beforeAll(async () => {
    const dir = await ensureSeedIndex();
    const read = async (f: string) => readFile(path.join(dir, f));
    const bytes = new Uint8Array(await read('vectors.bin'));
    index = new SearchIndex({
      manifest: JSON.parse(String(await read('manifest.json'))),
      passages: JSON.parse(String(await read('passages.json'))),
      vectors: bytes,
    });
    vectors = decodeVectors(bytes);
  }, 600_000);

  it('finds the Amgen passages by keyword, restricted to the Amgen document by a filter', async () => {
    const { results } = await index.search('Amgen', {
      mode: 'keyword',
      k: 20,
      filters: { docs: ['amgen-digital-persona-case-study.md'] },
    });
    expect(results.length).toBeGreaterThan(1);
    expect(results.every((r) => r.doc === 'amgen-digital-persona-case-study.md')).toBe(true);
  });

  it('moreLikeThis on a seed passage excludes it and returns its closest neighbours first', async () => {
    const id = index.passage(10).id;
    const similar = await index.moreLikeThis(id, 5);
    expect(similar).toHaveLength(5);
    expect(ids(similar)).not.toContain(id);
    const scores = similar.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Searching with the passage's own vector ranks the passage itself first.
    const self = await index.search('', { mode: 'semantic', k: 1, queryVector: vectorAt(vectors, 10) });
    expect(self.results[0].id).toBe(id);
  });
});

describe('confidence: only passages with evidence are matches', () => {
  // Floors as a build would calibrate them: cosine 0.8 for a match by meaning, 0.3 to be among the closest.
  // unknownWords 0.5: a query may match by meaning while at most half its weight is on words no passage uses.
  const confident = () => {
    const f = files();
    return new SearchIndex({
      ...f,
      manifest: manifestFor(rows.length, {
        search: { ...DEFAULT_SEARCH, confidence: { match: 0.8, near: 0.3, keywordCoverage: 0.5, unknownWords: 0.5 } },
      }),
    });
  };

  it('answers a query near no passage with no match: hybrid offers the closest by meaning apart', async () => {
    // Cosine 0.77 with passage 4 (knives) and 0.64 with passage 2: below the match floor, above the near floor.
    // Passage 4 holds "whetstone", but not enough of the query's weight ("grit" is rarer) to be a keyword match.
    const response = await confident().search('whetstone grit', {
      mode: 'hybrid',
      k: 5,
      queryVector: unit([0, 0.5, 0, 0.6]),
    });
    expect(response.results).toEqual([]);
    expect(response.total).toBe(0);
    expect(ids(response.closest)).toEqual(['p4', 'p2']);
    // Their scores are their cosines, best first, never a fused score.
    expect(response.closest.map((r) => r.score)).toEqual(response.closest.map((r) => r.score).sort((a, b) => b - a));
    expect(response.closest[0].score).toBeCloseTo(0.768, 2);
    expect(response.closest.length).toBeLessThanOrEqual(3);
  });

  it('ranks by meaning in semantic mode with no match, every passage marked weak and none counted', async () => {
    const response = await confident().search('whetstone grit', {
      mode: 'semantic',
      k: 5,
      queryVector: unit([0, 0.5, 0, 0.6]),
    });
    expect(response.total).toBe(0);
    expect(response.closest).toEqual([]);
    expect(ids(response.results).slice(0, 2)).toEqual(['p4', 'p2']);
    expect(response.results.every((r) => r.weak === true)).toBe(true);
    expect(response.results.map((r) => r.rank)).toEqual(response.results.map((_, i) => i + 1));
    expect(response.results[0].score).toBeCloseTo(0.768, 2);
    expect(response.results.map((r) => r.score)).toEqual(response.results.map((r) => r.score).sort((a, b) => b - a));
  });

  it('counts a passage clearing the semantic floor as a match, the weaker ones after it', async () => {
    const { results, total, closest } = await confident().search('tomato sun', {
      mode: 'semantic',
      k: 5,
      queryVector: unit([1, 0, 0, 0]),
    });
    // Passages 0 and 1 point almost the same way as the query; the others do not clear 0.8.
    expect(total).toBe(2);
    expect(ids(results.filter((r) => !r.weak))).toEqual(['p0', 'p1']);
    expect(ids(results.slice(0, 2))).toEqual(['p0', 'p1']);
    expect(results.slice(2).every((r) => r.weak === true)).toBe(true);
    expect(closest).toEqual([]);
  });

  it('finds no match by meaning for a query the corpus has no words for, and offers the closest passages instead', async () => {
    // The same vector as above, but neither "heirloom" nor "cultivar" is a word of any passage.
    const hybrid = await confident().search('heirloom cultivar', {
      mode: 'hybrid',
      k: 5,
      queryVector: unit([1, 0, 0, 0]),
    });
    expect(hybrid.results).toEqual([]);
    expect(ids(hybrid.closest)).toEqual(['p0', 'p1']);
    const semantic = await confident().search('heirloom cultivar', {
      mode: 'semantic',
      k: 5,
      queryVector: unit([1, 0, 0, 0]),
    });
    expect(semantic.total).toBe(0);
    expect(semantic.results.every((r) => r.weak === true)).toBe(true);
    expect(ids(semantic.results.slice(0, 2))).toEqual(['p0', 'p1']);
    // With two rarer known words ("sun" and "watering" are in passage 0 only), the unknown one weighs under half.
    const known = await confident().search('sun watering cultivar', {
      mode: 'semantic',
      k: 5,
      queryVector: unit([1, 0, 0, 0]),
    });
    expect(ids(known.results.filter((r) => !r.weak))).toEqual(['p0', 'p1']);
    expect(known.total).toBe(2);
  });

  it('counts a keyword hit holding the query as a match in hybrid mode, however far its vector', async () => {
    const { results } = await confident().search('whetstone', {
      mode: 'hybrid',
      k: 5,
      queryVector: unit([1, 0, 0, 0]),
    });
    expect(ids(results)).toContain('p4');
    // And nothing without evidence: the compost and sauce passages neither hold the word nor clear the floor.
    expect(ids(results)).not.toContain('p2');
  });

  it('counts a misspelt word as the word it was searched as: the passage holding the correction is a match', async () => {
    // "whetstome" is one edit from "whetstone" (passage 4 only), the query's rarest word; "tomatoes" is common.
    // Held as a correction it would count half, under the keyword floor: the reader would be told the query was
    // searched as "whetstone tomatoes" and then that nothing matches it.
    const response = await confident().search('whetstome tomatoes', {
      mode: 'hybrid',
      k: 5,
      queryVector: unit([0, 0, 0.2, 1]),
    });
    expect(response.searched).toBe('whetstone tomatoes');
    expect(ids(response.results)[0]).toBe('p4');
    expect(response.total).toBeGreaterThan(0);
  });

  it('leaves an index without calibrated floors as it was (every ranked passage is a result)', async () => {
    const { results, total } = await new SearchIndex(files()).search('x', {
      mode: 'semantic',
      k: 5,
      queryVector: unit([1, 0, 0, 0]),
    });
    expect(results).toHaveLength(5);
    expect(total).toBe(5);
    expect(results.some((r) => r.weak)).toBe(false);
  });

  it('calibrates floors from how close unrelated texts come to the passages', async () => {
    const index = new SearchIndex(files());
    const probes = [unit([0, 0, 0.3, 1]), unit([0.2, 0.2, 0.2, 0.2]), unit([1, 1, 1, 1])];
    const floors = floorsOf(index, probes);
    expect(floors.near).toBeLessThanOrEqual(floors.match);
    expect(floors.match).toBeLessThanOrEqual(1);
    // A probe identical to a passage would put the upper floor at 1: no unrelated text should be that close.
    expect(floorsOf(index, [unit([1, 0, 0, 0])]).match).toBeCloseTo(1, 2);
  });
});
