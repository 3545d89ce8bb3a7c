// Storage must never break search: no IndexedDB (Node, some private modes) or failing IndexedDB → memory.
import { describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, MAX_RECENT, memoryStorage, openStorage } from '../../src/app/storage.ts';

describe('storage fallback', () => {
  test('without IndexedDB it runs from memory', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const store = await openStorage();
    expect(store.persistent).toBe(false);
    expect(await store.settings()).toEqual(DEFAULT_SETTINGS);
    await store.saveSettings({ mode: 'keyword', theme: 'dark' });
    expect(await store.settings()).toEqual({ mode: 'keyword', theme: 'dark' });
  });

  test('an opener that rejects (blocked, private mode) degrades to memory', async () => {
    const store = await openStorage(() => Promise.reject(new DOMException('blocked', 'InvalidStateError')));
    expect(store.persistent).toBe(false);
    await store.addRecent('deep learning');
    expect(await store.recent()).toEqual(['deep learning']);
  });

  test('a database that fails later (quota) switches to memory and keeps what it knew', async () => {
    let fail = false;
    const rows = new Map<string, { query: string; at: number }>();
    const fake = {
      get: async () => (fail ? Promise.reject(new Error('quota')) : { mode: 'semantic', theme: 'light' }),
      put: async () => {
        if (fail) throw new DOMException('quota', 'QuotaExceededError');
      },
      getAllFromIndex: async () => (fail ? Promise.reject(new Error('quota')) : [...rows.values()]),
      clear: async () => {
        throw new Error('quota');
      },
      transaction: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    rows.set('a', { query: 'a', at: 1 });
    const store = await openStorage(async () => fake as never);
    expect(store.persistent).toBe(true);
    expect(await store.settings()).toEqual({ mode: 'semantic', theme: 'light' });
    expect(await store.recent()).toEqual(['a']);
    fail = true;
    await store.addRecent('b'); // transaction throws → memory from here on
    expect(store.persistent).toBe(false);
    expect(await store.recent()).toEqual(['b', 'a']);
    expect(await store.settings()).toEqual({ mode: 'semantic', theme: 'light' });
    await store.clearRecent();
    expect(await store.recent()).toEqual([]);
  });

  test('memory storage keeps the newest searches first, without duplicates, capped', async () => {
    const store = memoryStorage();
    for (let i = 0; i < MAX_RECENT + 3; i++) await store.addRecent(`q${i}`);
    await store.addRecent(' q5 ');
    await store.addRecent('   ');
    const recent = await store.recent();
    expect(recent[0]).toBe('q5');
    expect(recent).toHaveLength(MAX_RECENT);
    expect(new Set(recent).size).toBe(MAX_RECENT);
  });

  test('invalid saved settings fall back to defaults field by field', async () => {
    const store = await openStorage(async () => ({ get: async () => ({ mode: 'bogus', theme: 'dark' }) }) as never);
    expect(await store.settings()).toEqual({ mode: 'hybrid', theme: 'dark' });
  });
});
