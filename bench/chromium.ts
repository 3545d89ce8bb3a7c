// Debian's Chromium through playwright-core (never a downloaded browser).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const EXECUTABLE = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: EXECUTABLE, args: ARGS });
}

/** A browser with its own profile folder (service worker and caches persist across page loads in it). */
export function launchProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: EXECUTABLE, args: ARGS });
}
