// Self-supervised training pairs for adapting the static table to a corpus. Built from the passages
// alone (title, heading path, text): no queries, no relevance judgments.
//
//   inverse cloze:  one sentence of a passage  →  the passage without it (with its title and headings)
//   heading → body: title + heading path       →  the passage text
//
// Texts are bags of token ids (a static model with mean pooling ignores order), kept as lists of
// segments so a pair is assembled without copying. Segments are split at whitespace only, so the
// tokens of a passage are exactly the concatenation of its segments' tokens.
import { sentences } from '../../core/sentences.ts';

/** What a passage is embedded as at search time: title, heading path, text (see passageInput). */
export interface AdaptPassage {
  title: string;
  headings: string[];
  text: string;
}

export interface TokenisedPassage {
  /** Tokens of the title and headings. */
  head: Int32Array;
  /** Tokens of each sentence of the text, in order. */
  sentences: Int32Array[];
}

export interface Pair {
  query: Int32Array[];
  doc: Int32Array[];
  /** Index of the passage the pair comes from (in-batch negatives from the same passage are masked). */
  source: number;
}

/** Tokenises every passage once: head (title + headings) and each sentence. */
export function tokenisePassages(
  passages: readonly AdaptPassage[],
  tokenize: (text: string) => Int32Array,
): TokenisedPassage[] {
  return passages.map((p) => {
    const head = tokenize([p.title, ...p.headings].filter(Boolean).join('\n'));
    const parts = sentences(p.text)
      .map(tokenize)
      .filter((t) => t.length > 0);
    return { head, sentences: parts };
  });
}

/** Deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Pairs of the given passages: an inverse-cloze pair (random sentence) and a head → body pair each, where possible. */
export function samplePairs(
  passages: readonly TokenisedPassage[],
  indices: readonly number[],
  random: () => number,
): Pair[] {
  const pairs: Pair[] = [];
  for (const i of indices) {
    const { head, sentences } = passages[i];
    if (sentences.length >= 2) {
      const pick = Math.floor(random() * sentences.length);
      pairs.push({ query: [sentences[pick]], doc: [head, ...sentences.filter((_, s) => s !== pick)], source: i });
    }
    if (head.length > 0 && sentences.length > 0) pairs.push({ query: [head], doc: sentences, source: i });
  }
  return pairs;
}
