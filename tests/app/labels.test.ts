import { describe, expect, test } from 'vitest';
import { megabytes, modelStatusText, shownPercent } from '../../src/app/labels.ts';

describe('status text', () => {
  test('says what is happening: downloading n of N MB, preparing, ready, failed', () => {
    expect(modelStatusText({ state: 'loading' }, { loaded: 5_100_000, total: 19_600_000 })).toBe(
      'Downloading 5.1 of 20 MB',
    );
    expect(modelStatusText({ state: 'loading' }, { loaded: 5_100_000, total: null })).toBe('Downloading 5.1 MB');
    expect(modelStatusText({ state: 'preparing' }, { loaded: 9, total: 9 })).toBe('Preparing search…');
    expect(modelStatusText({ state: 'ready', seconds: 1 }, null)).toBe('Ready');
    expect(modelStatusText({ state: 'failed', message: 'x' }, null)).toBe('Model failed — keyword search still works');
  });

  test('the percentage reaches 100 only when the model is ready', () => {
    expect(shownPercent({ state: 'loading' }, { loaded: 50, total: 200 })).toBe(25);
    expect(shownPercent({ state: 'loading' }, { loaded: 200, total: 200 })).toBe(99);
    expect(shownPercent({ state: 'preparing' }, { loaded: 200, total: 200 })).toBe(99);
    expect(shownPercent({ state: 'ready', seconds: 1 }, { loaded: 200, total: 200 })).toBe(100);
    expect(shownPercent({ state: 'loading' }, { loaded: 50, total: null })).toBeNull();
  });

  test('megabytes', () => {
    expect(megabytes(14_264_838)).toBe('14');
    expect(megabytes(830_000)).toBe('0.8');
  });
});
