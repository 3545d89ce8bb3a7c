// Whether the site's origin answers. `navigator.onLine` only says that a network interface is up, and some
// Chromium versions leave it true while the network is cut, so the app also asks the origin itself: a request the
// service worker does not answer (its query string keeps it out of the precache) fails when the app is running
// from its offline copy.
import { useEffect, useState } from 'preact/hooks';

/** While offline, how often the app checks whether the network is back. */
const RECHECK_MS = 15_000;

async function originReachable(base: string = document.baseURI): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    const url = new URL('manifest.webmanifest', base);
    url.searchParams.set('reachable', String(Date.now()));
    await fetch(url, { method: 'HEAD', cache: 'no-store' }); // any answer, even an error status, means reachable
    return true;
  } catch {
    return false;
  }
}

/** True while the origin answers; rechecked on the browser's online/offline events, on return to the tab, and every few seconds while offline. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    let current = 0;
    const check = () => {
      const id = ++current;
      void originReachable().then((reachable) => id === current && setOnline(reachable));
    };
    const onVisible = () => document.visibilityState === 'visible' && check();
    check();
    addEventListener('online', check);
    addEventListener('offline', check);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      current = -1;
      removeEventListener('online', check);
      removeEventListener('offline', check);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  useEffect(() => {
    if (online) return;
    const timer = setInterval(
      () => void originReachable().then((reachable) => reachable && setOnline(true)),
      RECHECK_MS,
    );
    return () => clearInterval(timer);
  }, [online]);
  return online;
}
