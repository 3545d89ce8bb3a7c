// Build progress as the indexer reports it: stages with counts, and lines (the CLI draws them: cli/progress.ts).

export interface Stage {
  update(done: number, extra?: string): void;
  finish(summary: string): void;
}

export interface Reporter {
  stage(name: string, total: number, unit: string): Stage;
  line(text: string): void;
}

export const silentReporter: Reporter = {
  line() {},
  stage: () => ({ update() {}, finish() {} }),
};
