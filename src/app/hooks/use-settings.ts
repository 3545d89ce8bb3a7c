// Settings (search mode, theme) and recent searches, kept in storage.ts; the theme applies to the page at once.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings, type Storage, type Theme } from '../storage.ts';

function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** The saved settings (defaults until storage opens); `onLoaded` hears them once storage has opened. */
export function useSettings(storage: Promise<Storage>, onLoaded: (settings: Settings) => void) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [store, setStore] = useState<Storage | null>(null);
  useEffect(() => {
    void storage.then(async (s) => {
      const saved = await s.settings();
      setStore(s);
      setSettings(saved);
      applyTheme(saved.theme);
      onLoaded(saved);
    });
  }, [storage]);
  const save = (change: Partial<Settings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    if (change.theme) applyTheme(change.theme);
    void store?.saveSettings(next);
  };
  return { settings, save };
}

/** Recent searches, most recent first. */
export function useRecentSearches(storage: Promise<Storage>) {
  const [store, setStore] = useState<Storage | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  useEffect(() => {
    void storage.then(async (s) => {
      setStore(s);
      setRecent(await s.recent());
    });
  }, [storage]);
  const remember = (query: string) => {
    if (!store || !query.trim()) return;
    void store.addRecent(query).then(() => store.recent().then(setRecent));
  };
  const clear = () => void store?.clearRecent().then(() => setRecent([]));
  return { recent, remember, clear };
}
