// The service worker. Built once with the app (prepack, or `lantern site` in a clone); the list of files it
// precaches is written into it by every site build (src/site/write-site.ts, workbox-build's injectManifest), since
// the index files are the user's. A new version waits for the user's "Reload" (src/app/pwa.ts sends SKIP_WAITING).
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any navigation opens the app, except a passage page (p/…): a page of its own, whose relative links would break
// inside the app shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/p\//] }));

// A sharded index's keyword fragments and passage shards are fetched per query, never all at once: each is kept
// once fetched (its name is its content, so it never goes stale) instead of being precached.
registerRoute(
  /\/index\/(?:terms|passages)-\d+\.[0-9a-f]{12}\.(?:bin|json)$/,
  new CacheFirst({ cacheName: 'lantern-shards', plugins: [new ExpirationPlugin({ maxEntries: 20_000 })] }),
);

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
