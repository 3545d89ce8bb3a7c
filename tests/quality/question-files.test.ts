// Every questions file `npm run quality` reads names a document of its corpus and a phrase one of that document's
// passages holds, with no id twice: checked by chunking alone, so a broken answer shows here before any ranking runs.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkQuestions } from '../../src/eval/question-check.ts';
import { QUALITY_PLAN } from '../../src/eval/quality.ts';
import { FIXTURE_CORPUS, ROOT, tempDir } from '../fixtures/helpers.ts';

describe('the questions files of the quality sets', () => {
  for (const corpus of QUALITY_PLAN.corpora)
    for (const file of corpus.questions)
      it(`${file} answers every question in ${corpus.dir}`, async () => {
        expect(await checkQuestions(path.join(ROOT, file), path.join(ROOT, corpus.dir))).toEqual([]);
      }, 120_000);
});

describe('checkQuestions', () => {
  it('names each question whose document or phrase is missing, and an id used twice', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'q.jsonl');
      const rows = [
        { id: 'a', text: 'croissant dough', doc: 'baking/sourdough.md', phrase: 'nowhere in the text' },
        { id: 'b', text: 'tomatoes', doc: 'garden/none.md', phrase: 'tomato' },
        { id: 'a', text: 'again', doc: 'cycling.txt', phrase: 'a' },
      ];
      writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
      expect(await checkQuestions(file, FIXTURE_CORPUS)).toEqual([
        { id: 'a', problem: 'no passage of baking/sourdough.md holds "nowhere in the text"' },
        { id: 'b', problem: `no document garden/none.md in ${FIXTURE_CORPUS}` },
        { id: 'a', problem: 'the id is used twice' },
      ]);
    } finally {
      cleanup();
    }
  });
});
