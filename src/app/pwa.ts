// Service worker registration (vite-plugin-pwa, prompt mode): a new version waits until the user reloads,
// so a search in progress is never swapped to another index under the user's feet.
import { registerSW } from 'virtual:pwa-register';

export interface PwaHandlers {
  onUpdateReady: (reload: () => void) => void;
  onOfflineReady?: () => void;
}

export function registerServiceWorker({ onUpdateReady, onOfflineReady }: PwaHandlers): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    onNeedRefresh: () => onUpdateReady(() => void update(true)),
    onOfflineReady,
    onRegisterError: (error: unknown) =>
      console.warn('Lantern: service worker registration failed; the app works online only', error),
  });
}
