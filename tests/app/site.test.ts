import { describe, expect, test } from 'vitest';
import { parseExamples } from '../../src/app/site.ts';

describe('example questions written into index.html', () => {
  test('a JSON list of questions is read as written; anything else offers none', () => {
    expect(parseExamples('["Why Rust?","What is a slice?"]')).toEqual(['Why Rust?', 'What is a slice?']);
    expect(parseExamples('%LANTERN_EXAMPLES%')).toEqual([]);
    expect(parseExamples('{"0":"x"}')).toEqual([]);
    expect(parseExamples('["ok", 3, "", null]')).toEqual(['ok']);
    expect(parseExamples(undefined)).toEqual([]);
  });
});
