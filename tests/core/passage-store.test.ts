// PassageStore: passages in shards of consecutive rows, each downloaded once, on demand.
import { describe, expect, it } from 'vitest';
import { PassageStore } from '../../src/core/passage-store.ts';
import { validateCatalog, catalogOf } from '../../src/core/index-format/catalog.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';
import type { Passage } from '../../src/core/types.ts';

const passage = (row: number): Passage => ({
  id: `p${row}`,
  doc: 0,
  headings: [],
  text: `passage ${row}`,
  tags: row % 2 ? ['odd'] : [],
  body: [],
});
const rows = Array.from({ length: 7 }, (_, row) => passage(row));

function sharded(perShard = 3) {
  const requests: number[] = [];
  let fail = false;
  const store = new PassageStore(rows.length, perShard, async (shard) => {
    requests.push(shard);
    if (fail) throw new Error('offline');
    return rows.slice(shard * perShard, (shard + 1) * perShard);
  });
  return { store, requests, failNext: (value: boolean) => (fail = value) };
}

describe('PassageStore', () => {
  it('downloads only the shards holding the rows asked for, once, even when asked twice at the same time', async () => {
    const { store, requests } = sharded();
    await Promise.all([store.load([0, 1]), store.load([2, 6])]);
    expect(requests.sort()).toEqual([0, 2]);
    expect(store.get(6).id).toBe('p6');
    await store.load([1]);
    expect(requests).toHaveLength(2);
    expect(store.has(4)).toBe(false);
    expect(() => store.get(4)).toThrow(/passage 4 is not loaded/);
  });

  it('loads everything for in-memory search', async () => {
    const { store, requests } = sharded();
    await store.loadAll();
    expect(requests.sort()).toEqual([0, 1, 2]);
    expect(rows.map((_, row) => store.get(row).id)).toEqual(rows.map((p) => p.id));
  });

  it('tries a failed shard again on the next load', async () => {
    const { store, requests, failNext } = sharded();
    failNext(true);
    await expect(store.load([4])).rejects.toThrow('offline');
    failNext(false);
    await store.load([4]);
    expect(store.get(4).id).toBe('p4');
    expect(requests).toEqual([1, 1]);
  });

  it('names a shard that does not hold what it should', async () => {
    const store = new PassageStore(rows.length, 3, async () => rows.slice(0, 2));
    await expect(store.load([0])).rejects.toThrow(/passage shard 0 holds 2 passages instead of 3/);
  });

  it('keeps a single-file index whole', () => {
    const store = PassageStore.inMemory(rows);
    expect(store.get(5).text).toBe('passage 5');
  });
});

describe('catalog', () => {
  const manifest = { files: { passages: 'catalog.json' }, counts: { passages: rows.length } } as IndexManifest;

  it('lists ids, documents and the tags of the rows that have any', () => {
    const catalog = catalogOf({ documents: [{ id: 'a.md', title: 'A', tags: [] }], passages: rows });
    expect(catalog.ids).toEqual(rows.map((p) => p.id));
    expect(catalog.tags).toEqual([1, 3, 5].map((row) => [row, ['odd']]));
    expect(validateCatalog(JSON.parse(JSON.stringify(catalog)), manifest)).toEqual(catalog);
  });

  it('names the file when it is not a catalog or is from another build', () => {
    expect(() => validateCatalog({ documents: [] }, manifest)).toThrow(
      /catalog\.json is not a Lantern passage catalog/,
    );
    const short = catalogOf({ documents: [], passages: rows.slice(0, 3) });
    expect(() => validateCatalog(short, manifest)).toThrow(/catalog\.json lists 3 passages but manifest\.json says 7/);
  });
});
