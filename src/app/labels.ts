// Small text helpers for the status line and result metadata.
import type { ModelState } from './protocol.ts';

export function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1);
}

/** "Loading model 43% (5.1/12 MB)": bytes actually downloaded over the sizes announced so far. */
export function modelStatusText(model: ModelState): string {
  switch (model.state) {
    case 'waiting':
      return 'Opening index…';
    case 'loading':
      if (model.total <= 0) return 'Loading model…';
      return `Loading model ${Math.floor((100 * model.loaded) / model.total)}% (${megabytes(model.loaded)}/${megabytes(model.total)} MB)`;
    case 'ready':
      return 'Ready';
    case 'failed':
      return 'Model failed — keyword search still works';
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
