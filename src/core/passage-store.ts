// Where a SearchIndex reads passage texts: all in memory (passages.json), or in shards of consecutive rows
// loaded on demand (a sharded index: only the passages a user is shown are downloaded).
import type { Passage } from './types.ts';

export type ShardLoader = (shard: number) => Promise<Passage[]>;

export class PassageStore {
  private readonly shards: (Passage[] | undefined)[];
  private readonly pending = new Map<number, Promise<void>>();

  /** `passages`: every passage (in memory); or the count, shard size and a loader (sharded). */
  constructor(
    readonly count: number,
    private readonly perShard: number,
    private readonly loadShard: ShardLoader | null,
    passages?: Passage[],
  ) {
    this.shards = passages ? [passages] : Array.from({ length: Math.ceil(count / perShard) }, () => undefined);
  }

  static inMemory(passages: Passage[]): PassageStore {
    return new PassageStore(passages.length, Math.max(1, passages.length), null, passages);
  }

  /** The passage at `row`; it must be loaded (see load). */
  get(row: number): Passage {
    const passage = this.shards[Math.floor(row / this.perShard)]?.[row % this.perShard];
    if (!passage) throw new Error(`passage ${row} is not loaded: load() it first`);
    return passage;
  }

  has(row: number): boolean {
    return this.shards[Math.floor(row / this.perShard)] !== undefined;
  }

  /** Loads the shards holding `rows` (each shard once, concurrent calls share the download). */
  async load(rows: Iterable<number>): Promise<void> {
    const wanted = new Set<number>();
    for (const row of rows) wanted.add(Math.floor(row / this.perShard));
    await Promise.all([...wanted].map((shard) => this.loadOne(shard)));
  }

  async loadAll(): Promise<void> {
    await Promise.all(Array.from({ length: this.shards.length }, (_, shard) => this.loadOne(shard)));
  }

  private loadOne(shard: number): Promise<void> {
    if (this.shards[shard]) return Promise.resolve();
    let done = this.pending.get(shard);
    if (!done) {
      const expected = Math.min(this.perShard, this.count - shard * this.perShard);
      done = this.loadShard!(shard).then((passages) => {
        if (!Array.isArray(passages) || passages.length !== expected)
          throw new Error(
            `passage shard ${shard} holds ${Array.isArray(passages) ? passages.length : 'no'} passages instead of ${expected}: the index is incomplete or mixed from two builds`,
          );
        this.shards[shard] = passages;
      });
      done.finally(() => this.pending.delete(shard)).catch(() => undefined);
      this.pending.set(shard, done);
    }
    return done;
  }
}
