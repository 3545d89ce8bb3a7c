// axe-core on every screen, light and dark: no serious or critical violation. The page's CSP blocks injected
// scripts, so this test's browser contexts bypass it (bypassCSP); the app itself is unchanged.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveApp, type ServedApp } from './served-index.ts';
import { axeViolations, SCREENS, screenContext, type AxeFinding } from './screens.ts';

let served: ServedApp;

beforeAll(async () => {
  served = await serveApp();
});

afterAll(() => served?.close());

const severe = (found: AxeFinding[]) => found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
const line = (found: AxeFinding[]) => found.map((f) => `${f.id} (${f.impact}) ×${f.nodes}`).join(', ') || 'none';

describe('accessibility (axe-core)', () => {
  for (const screen of SCREENS) {
    test(`${screen.name}, light and dark: no serious or critical violations`, async () => {
      const context = await screenContext(served.browser, 'light', undefined, true);
      const page = await context.newPage();
      await screen.open(page, served.server.url);
      const light = await axeViolations(page);
      // The same screen in the dark scheme (the colours follow the system's; contrast is checked again).
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await axeViolations(page);
      await context.close();
      console.log(`[axe] ${screen.name}: light ${line(light)}; dark ${line(dark)}`);
      expect(severe(light)).toEqual([]);
      expect(severe(dark)).toEqual([]);
    });
  }
});
