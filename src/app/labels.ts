// Small text helpers for the status line and result metadata.
import type { ModelState, Progress } from './protocol.ts';

export function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1);
}

/** The percentage shown for the first visit's download: it reaches 100 only when the model is ready. */
export function shownPercent(model: ModelState, progress: Progress | null): number | null {
  if (model.state === 'ready') return 100;
  if (model.state === 'preparing') return 99;
  if (model.state !== 'loading' || !progress?.total) return null;
  return Math.min(99, Math.floor((100 * progress.loaded) / progress.total));
}

/** "Downloading 5.1 of 19 MB", "Preparing search…", "Ready": what the app is doing, in words. */
export function modelStatusText(model: ModelState, progress: Progress | null): string {
  switch (model.state) {
    case 'waiting':
      return 'Opening index…';
    case 'loading':
      if (!progress) return 'Downloading…';
      return progress.total
        ? `Downloading ${megabytes(progress.loaded)} of ${megabytes(progress.total)} MB`
        : `Downloading ${megabytes(progress.loaded)} MB`;
    case 'preparing':
      return 'Preparing search…';
    case 'ready':
      return 'Ready';
    case 'failed':
      return 'Model failed — keyword search still works';
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
