import { describe, expect, test } from 'vitest';
import { modelStatusText, megabytes } from '../../src/app/labels.ts';

describe('status text', () => {
  test('model progress shows the bytes actually downloaded', () => {
    expect(modelStatusText({ state: 'loading', loaded: 5_100_000, total: 12_000_000 })).toBe('Loading model 42% (5.1/12 MB)');
    expect(modelStatusText({ state: 'loading', loaded: 0, total: 0 })).toBe('Loading model…');
    expect(modelStatusText({ state: 'ready', seconds: 1 })).toBe('Ready');
    expect(modelStatusText({ state: 'failed', message: 'x' })).toBe('Model failed — keyword search still works');
  });

  test('megabytes', () => {
    expect(megabytes(14_264_838)).toBe('14');
    expect(megabytes(830_000)).toBe('0.8');
  });
});
