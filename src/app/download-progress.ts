// One progress figure over every byte a first visit needs (index, model, and ONNX Runtime's wasm for a model that
// needs it): the total is known before the first byte arrives (sizes from the published manifest and the build),
// each file counts at most its own size and a file outside that plan not at all, so the figure only ever rises and
// never passes its total.
import type { Progress } from './protocol.ts';

/** How often the figure is reported while bytes stream in. */
const INTERVAL_MS = 100;

export class DownloadProgress {
  private readonly got = new Map<string, number>();
  private last = -Infinity;
  readonly total: number | null;

  /** `sizes`: each file's URL and its size (undefined when unknown). */
  constructor(
    private readonly sizes: Map<string, number | undefined>,
    private readonly report: (progress: Progress) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    const known = [...sizes.values()];
    this.total = known.every((n) => n !== undefined) ? known.reduce<number>((sum, n) => sum + n!, 0) : null;
  }

  get loaded(): number {
    let sum = 0;
    for (const [url, n] of this.got) if (this.sizes.has(url)) sum += Math.min(n, this.sizes.get(url) ?? Infinity);
    return sum;
  }

  /** The callback that counts the chunks of `url`. */
  counter = (url: string) => (bytes: number) => {
    this.got.set(url, (this.got.get(url) ?? 0) + bytes);
    const loaded = this.loaded;
    const now = this.now();
    if (now - this.last < INTERVAL_MS && loaded !== this.total) return;
    this.last = now;
    this.report({ loaded, total: this.total });
  };
}
