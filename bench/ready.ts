// Time to Ready on a slow link (bench/ready-time.ts), with what the status line said on the way.
//   npx tsx bench/ready.ts [site folder, default dist/site: npm run build] [--mbps 5] [--latency 40] [--gzip]
import path from 'node:path';
import { existsSync } from 'node:fs';
import { timeToReady } from './ready-time.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.match(/^--(mbps|latency)$/));
const app = path.resolve(positional[0] ?? 'dist/site');
if (!existsSync(path.join(app, 'index.html')))
  throw new Error(`${app} holds no built app: run \`npm run build\` first, or name the folder`);

const run = await timeToReady(app, {
  mbps: option('mbps', 5),
  latency: option('latency', 40),
  gzip: args.includes('--gzip'),
});
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `${path.relative(process.cwd(), app) || '.'} at ${run.mbps} Mbps, ${run.latency} ms latency${run.gzip ? ', gzip' : ''}: ${run.bytes} bytes sent`,
);
// Each new kind of text (and the last text before it), and the figures every 5 s or so.
let printed = -Infinity;
run.texts.forEach(({ at, text }, i) => {
  const kind = (t?: string) => t?.replace(/\d+(\.\d+)?/g, '#');
  const changes = kind(text) !== kind(run.texts[i - 1]?.text) || kind(text) !== kind(run.texts[i + 1]?.text);
  if (changes || at - printed > 5000) {
    console.log(`  ${s(at).padStart(7)}  ${text}`);
    printed = at;
  }
});
console.log(
  `first keyword result ${run.firstResult === undefined ? 'none' : s(run.firstResult)}; Ready ${s(run.ready)}`,
);
