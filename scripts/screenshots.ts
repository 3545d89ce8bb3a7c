// `npm run screenshots [app folder]`: the results screen at 390×844 (phone) and 1280×800, light and dark, and the
// home, filters and passage screens at both sizes in the light theme, into docs/screenshots/ (the README shows
// them). Uses the built site (default dist/site: `npm run build`).
import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { serve } from '../tests/e2e/server.ts';
import { launch } from '../tests/e2e/browser.ts';
import { SCREENS, screenContext, type ColorScheme } from '../tests/e2e/screens.ts';

const app = path.resolve(process.argv[2] ?? 'dist/site');
if (!existsSync(path.join(app, 'index.html')))
  throw new Error(
    `${app} holds no built app: run \`npm run build:index && npm run build:app\` first, or name the folder`,
  );
const out = path.resolve('docs/screenshots');
mkdirSync(out, { recursive: true });
const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
/** Each screen with the colour schemes it is shot in. */
const SHOTS: { screen: string; file: string; schemes: ColorScheme[] }[] = [
  { screen: 'results', file: 'results', schemes: ['light', 'dark'] },
  { screen: 'home', file: 'home', schemes: ['light'] },
  { screen: 'filters open', file: 'filters', schemes: ['light'] },
  { screen: 'passage', file: 'passage', schemes: ['light'] },
];

const server = await serve(app);
const browser = await launch();
try {
  for (const shot of SHOTS) {
    const screen = SCREENS.find((s) => s.name === shot.screen)!;
    for (const size of SIZES) {
      for (const scheme of shot.schemes) {
        const context = await screenContext(browser, scheme, size);
        const page = await context.newPage();
        await screen.open(page, server.url);
        if (shot.screen !== 'passage')
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        const file = path.join(out, `${shot.file}-${size.width}x${size.height}-${scheme}.png`);
        await page.screenshot({ path: file });
        console.log(path.relative(process.cwd(), file));
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
