// The bench page: starts the bench worker and exposes `window.bench` to the Node driver (bench/browser.ts).
import type { BenchReply, EmbeddingTimes, LoadTimes } from './worker.ts';
import type { QueryTiming } from '../stats.ts';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

function ask<T extends BenchReply>(message: unknown, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BenchReply>) =>
      event.data.type === 'error'
        ? reject(new Error(event.data.message))
        : event.data.type === type && resolve(event.data as T);
    worker.postMessage(message);
  });
}

declare global {
  interface Window {
    bench: {
      init(indexUrl: string): Promise<LoadTimes>;
      run(queries: string[]): Promise<QueryTiming[]>;
      embedding(queries: string[]): Promise<EmbeddingTimes>;
    };
  }
}

window.bench = {
  init: async (indexUrl) =>
    (await ask<Extract<BenchReply, { type: 'ready' }>>({ type: 'init', indexUrl }, 'ready')).load,
  run: async (queries) =>
    (await ask<Extract<BenchReply, { type: 'timings' }>>({ type: 'run', queries }, 'timings')).rows,
  embedding: async (queries) =>
    (await ask<Extract<BenchReply, { type: 'embedding' }>>({ type: 'embedding', queries }, 'embedding')).times,
};
