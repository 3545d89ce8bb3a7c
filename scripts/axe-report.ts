// axe-core violations per screen, light and dark, of a built app (the same screens as tests/e2e/accessibility.test.ts).
//   npx tsx scripts/axe-report.ts [site folder, default dist/site: npm run build]
import path from 'node:path';
import { existsSync } from 'node:fs';
import { serve } from '../tests/e2e/server.ts';
import { launch } from '../tests/e2e/browser.ts';
import { axeViolations, SCREENS, screenContext, type ColorScheme } from '../tests/e2e/screens.ts';

const app = path.resolve(process.argv[2] ?? 'dist/site');
if (!existsSync(path.join(app, 'index.html')))
  throw new Error(
    `${app} holds no built app: run \`npm run build:index && npm run build:app\` first, or name the folder`,
  );
const server = await serve(app);
const browser = await launch();
try {
  console.log('| screen | theme | serious + critical | all | violations |\n|---|---|---|---|---|');
  for (const screen of SCREENS) {
    for (const scheme of ['light', 'dark'] as ColorScheme[]) {
      const context = await screenContext(browser, scheme, undefined, true);
      const page = await context.newPage();
      try {
        await screen.open(page, server.url);
        const found = await axeViolations(page);
        const severe = found
          .filter((f) => f.impact === 'serious' || f.impact === 'critical')
          .reduce((n, f) => n + f.nodes, 0);
        const all = found.reduce((n, f) => n + f.nodes, 0);
        console.log(
          `| ${screen.name} | ${scheme} | ${severe} | ${all} | ${found.map((f) => `${f.id} (${f.impact}) ×${f.nodes}`).join(', ')} |`,
        );
      } catch (error) {
        console.log(
          `| ${screen.name} | ${scheme} | – | – | could not open: ${(error as Error).message.split('\n')[0]} |`,
        );
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
