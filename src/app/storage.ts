// Recent searches and settings in IndexedDB. Storage is a convenience: when IndexedDB is missing or fails
// (private mode, quota, blocked), everything keeps working from memory for the session.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SearchMode } from '../core/types.ts';

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  mode: SearchMode;
  theme: Theme;
}

export const DEFAULT_SETTINGS: Settings = { mode: 'hybrid', theme: 'system' };
export const MAX_RECENT = 8;

interface LanternDB extends DBSchema {
  settings: { key: string; value: Settings };
  recent: { key: string; value: { query: string; at: number }; indexes: { at: number } };
}

export interface Storage {
  /** False when running from memory only. */
  readonly persistent: boolean;
  settings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  /** Most recent first. */
  recent(): Promise<string[]>;
  addRecent(query: string): Promise<void>;
  clearRecent(): Promise<void>;
}

type Opener = () => Promise<IDBPDatabase<LanternDB>>;

const defaultOpener: Opener = () =>
  openDB<LanternDB>('lantern', 1, {
    upgrade(db) {
      db.createObjectStore('settings');
      db.createObjectStore('recent', { keyPath: 'query' }).createIndex('at', 'at');
    },
  });

function validSettings(value: Partial<Settings> | undefined): Settings {
  const mode =
    value?.mode && ['hybrid', 'keyword', 'semantic'].includes(value.mode) ? value.mode : DEFAULT_SETTINGS.mode;
  const theme =
    value?.theme && ['system', 'light', 'dark'].includes(value.theme) ? value.theme : DEFAULT_SETTINGS.theme;
  return { mode, theme };
}

/** The in-memory store, also the fallback whenever IndexedDB fails. */
export function memoryStorage(initial: { settings?: Settings; recent?: string[] } = {}): Storage {
  let settings = initial.settings ?? DEFAULT_SETTINGS;
  let recent = initial.recent ?? [];
  return {
    persistent: false,
    settings: async () => settings,
    saveSettings: async (s) => void (settings = validSettings(s)),
    recent: async () => recent,
    addRecent: async (query) => {
      const q = query.trim();
      if (q) recent = [q, ...recent.filter((r) => r !== q)].slice(0, MAX_RECENT);
    },
    clearRecent: async () => void (recent = []),
  };
}

/** Opens IndexedDB storage; never rejects. Any later failure switches the store to memory, keeping what it knew. */
export async function openStorage(open: Opener = defaultOpener): Promise<Storage> {
  let db: IDBPDatabase<LanternDB>;
  try {
    if (open === defaultOpener && typeof indexedDB === 'undefined') return memoryStorage();
    db = await open();
  } catch {
    return memoryStorage();
  }
  let fallback: Storage | null = null;
  let lastSettings = DEFAULT_SETTINGS;
  let lastRecent: string[] = [];
  const guard = async <T>(action: () => Promise<T>, degraded: (memory: Storage) => Promise<T>): Promise<T> => {
    if (!fallback) {
      try {
        return await action();
      } catch {
        fallback = memoryStorage({ settings: lastSettings, recent: lastRecent });
      }
    }
    return degraded(fallback);
  };

  const store: Storage = {
    get persistent() {
      return fallback === null;
    },
    settings: () =>
      guard(
        async () => (lastSettings = validSettings(await db.get('settings', 'settings'))),
        (m) => m.settings(),
      ),
    saveSettings: (settings) =>
      guard(
        async () => void (await db.put('settings', (lastSettings = validSettings(settings)), 'settings')),
        (m) => m.saveSettings(settings),
      ),
    recent: () =>
      guard(
        async () => (lastRecent = (await db.getAllFromIndex('recent', 'at')).reverse().map((r) => r.query)),
        (m) => m.recent(),
      ),
    addRecent: (query) =>
      guard(
        async () => {
          const q = query.trim();
          if (!q) return;
          const tx = db.transaction('recent', 'readwrite');
          await tx.store.put({ query: q, at: Date.now() });
          const all = await tx.store.index('at').getAllKeys();
          for (const old of all.slice(0, Math.max(0, all.length - MAX_RECENT))) await tx.store.delete(old);
          await tx.done;
          lastRecent = [q, ...lastRecent.filter((r) => r !== q)].slice(0, MAX_RECENT);
        },
        (m) => m.addRecent(query),
      ),
    clearRecent: () =>
      guard(
        async () => {
          await db.clear('recent');
          lastRecent = [];
        },
        (m) => m.clearRecent(),
      ),
  };
  return store;
}
