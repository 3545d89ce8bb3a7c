// Build progress on the console: a bar per stage on a terminal, one line per stage (and every 10%) otherwise,
// so CI logs stay readable.
import cliProgress from 'cli-progress';
import { terminalText } from './terminal-text.ts';
import type { Reporter } from '../indexer/progress.ts';

export function consoleReporter(stream: NodeJS.WriteStream = process.stderr, quiet = false): Reporter {
  const tty = Boolean(stream.isTTY) && !quiet;
  return {
    // Lines name files and quote reasons, which come from the corpus: no control sequence of theirs reaches the terminal.
    line(text) {
      if (!quiet) stream.write(`${terminalText(text, 1000)}\n`);
    },
    stage(name, total, unit) {
      const started = performance.now();
      const rate = (done: number) => (done / Math.max((performance.now() - started) / 1000, 1e-3)).toFixed(1);
      if (tty) {
        const bar = new cliProgress.SingleBar(
          {
            format: `${name.padEnd(10)} {bar} {value}/{total} ${unit} | {rate} ${unit}/s {extra}`,
            stream,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { rate: '0', extra: '' });
        return {
          update: (done, extra = '') => bar.update(done, { rate: rate(done), extra }),
          finish(summary) {
            bar.stop();
            stream.write(`${name.padEnd(10)} ${summary}\n`);
          },
        };
      }
      let nextReport = 0.1;
      return {
        update(done, extra = '') {
          if (quiet || total === 0 || done / total < nextReport || done >= total) return;
          nextReport = Math.floor((done / total) * 10) / 10 + 0.1;
          stream.write(`${name.padEnd(10)} ${done}/${total} ${unit} (${rate(done)} ${unit}/s) ${extra}\n`);
        },
        finish(summary) {
          if (!quiet) stream.write(`${name.padEnd(10)} ${summary}\n`);
        },
      };
    },
  };
}
