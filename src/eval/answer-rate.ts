// How often the marked answer sentence holds the answer: of the questions whose answer passage a mode ranks in
// its top 5 (a hit), the share whose answer sentence (answer-sentence.ts, as the app and the CLI mark it) contains
// the question's phrase. A phrase found only in the passage's heading path is not in any sentence: those
// questions are left out (the card shows the heading itself).
import type { SearchMode } from '../core/types.ts';
import { normalizePhrase, readQuestions } from './dataset.ts';
import type { PreparedRun } from './run.ts';

export interface AnswerRate {
  mode: SearchMode;
  /** Questions whose answer passage is in the top 5 and whose phrase is in the passage's text. */
  hits: number;
  /** Of those, how many have the phrase inside the marked sentence. */
  marked: number;
}

export async function answerRate(
  run: PreparedRun,
  questionsFile: string,
  mode: SearchMode = 'hybrid',
): Promise<AnswerRate> {
  const phrases = new Map((await readQuestions(questionsFile)).map((q) => [q.id, normalizePhrase(q.phrase)]));
  let hits = 0;
  let marked = 0;
  for (const [i, q] of run.queries.entries()) {
    const phrase = phrases.get(q.id);
    if (phrase === undefined) continue;
    const { results } = await run.index.search(q.text, { mode, k: 5, queryVector: run.vectors[i] ?? null });
    const hit = results.find((r) => run.relevant[i].has(r.id) && normalizePhrase(r.text).includes(phrase));
    if (!hit) continue;
    hits++;
    if (hit.answer && normalizePhrase(hit.text.slice(hit.answer.start, hit.answer.end)).includes(phrase)) marked++;
  }
  return { mode, hits, marked };
}
