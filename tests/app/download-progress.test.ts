import { describe, expect, test } from 'vitest';
import { DownloadProgress } from '../../src/app/download-progress.ts';
import type { Progress } from '../../src/app/protocol.ts';

describe('download progress', () => {
  test('one total over every file, known before the first byte; each file counts at most its size', () => {
    const reports: Progress[] = [];
    let clock = 0;
    const progress = new DownloadProgress(
      new Map([
        ['a', 100],
        ['b', 300],
      ]),
      (p) => reports.push(p),
      () => (clock += 200),
    );
    expect(progress.total).toBe(400);
    progress.counter('a')(60);
    progress.counter('b')(100);
    progress.counter('a')(60); // more than a's size (a retried download): counts 100, not 120
    progress.counter('b')(200);
    expect(reports.map((r) => r.loaded)).toEqual([60, 160, 200, 400]);
    expect(reports.every((r) => r.total === 400)).toBe(true);
  });

  test('a file outside the plan (ONNX Runtime for a model the build found static) is not counted', () => {
    const reports: Progress[] = [];
    const progress = new DownloadProgress(
      new Map([['model', 100]]),
      (p) => reports.push(p),
      () => 0,
    );
    progress.counter('model')(100);
    progress.counter('runtime.wasm')(50);
    expect(reports.map((r) => r.loaded)).toEqual([100, 100]);
    expect(reports.every((r) => r.loaded <= r.total!)).toBe(true);
  });

  test('reports at most every 100 ms, but always the last byte', () => {
    const reports: Progress[] = [];
    const progress = new DownloadProgress(
      new Map([['a', 10]]),
      (p) => reports.push(p),
      () => 5,
    );
    for (let i = 0; i < 10; i++) progress.counter('a')(1);
    expect(reports.map((r) => r.loaded)).toEqual([1, 10]);
  });

  test('an unknown size gives no total', () => {
    const progress = new DownloadProgress(
      new Map([
        ['a', 10],
        ['b', undefined],
      ]),
      () => undefined,
    );
    expect(progress.total).toBeNull();
  });
});
