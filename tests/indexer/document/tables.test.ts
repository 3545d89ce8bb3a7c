// A table reads as lines a snippet can show: the header row as a label, each body row as "cell: cell", and the
// answer marked in a row, not in the header.
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../src/indexer/document/chunking.ts';
import { answerSentence } from '../../../src/core/answer-sentence.ts';
import { terms } from '../../../src/core/analysis.ts';

const NOTE = `# Keyboard shortcuts

| Action | Shortcut |
| --- | --- |
| Open command palette | Ctrl+P |
| Toggle sidebar | Ctrl+B |
`;

describe('tables', () => {
  const [passage] = chunkDocument('shortcuts.md', NOTE).passages;

  it('reads the header row as a label and each body row as "cell: cell"', () => {
    expect(passage.text).toContain('Action, Shortcut:');
    expect(passage.text).toContain('Open command palette: Ctrl+P');
    expect(passage.text).toContain('Toggle sidebar: Ctrl+B');
    expect(passage.text).not.toContain('|');
  });

  it('marks the row that answers, not the header holding one of the words', () => {
    const marks = [...new Set(terms('keyboard shortcut for command palette'))].map((term) => ({ term, weight: 1 }));
    const answer = answerSentence(passage.text, marks)!;
    expect(passage.text.slice(answer.start, answer.end)).toBe('Open command palette: Ctrl+P');
    const header = [...new Set(terms('shortcut'))].map((term) => ({ term, weight: 1 }));
    // A header that is the only line holding the word is still found, rather than nothing.
    expect(passage.text.slice(...Object.values(answerSentence(passage.text, header)!))).toBe('Action, Shortcut:');
  });
});
