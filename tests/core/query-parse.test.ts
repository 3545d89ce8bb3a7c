// A query parsed once against the index's vocabulary (query/parse.ts): its distinct terms and what the index knows
// of them, and which unknown words typo tolerance searches as other words ("did you mean").
import { describe, expect, it } from 'vitest';
import { keywordIndexOf } from '../../src/core/keyword.ts';
import { corrected, isRealWord, keywordTerms, parseQuery, type Lexicon } from '../../src/core/query/parse.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';

const documents: DocumentInfo[] = [{ id: 'notes.md', title: 'Notes', tags: [] }];
const passage = (text: string, i: number): Passage => ({ id: `p${i}`, doc: 0, text, headings: [], tags: [], body: [] });
const index = keywordIndexOf(
  [
    'we fit a logistic regression model',
    'the cognitive load of a new tool',
    'a card game',
    'the card table',
    'a cart of apples',
  ].map(passage),
  documents,
);
/** The index as parsing sees it, with an English word list of the given terms (stems). */
const lexicon = (english?: string[]): Lexicon => ({
  idf: (term) => index.idf(term),
  knows: (term) => index.knows(term),
  typoMatches: (term, edits) => index.typoMatches(term, edits),
  isEnglish: english ? (term) => english.includes(term) : undefined,
});
const parse = (text: string, options: { prefix?: boolean; exact?: boolean } = {}, english?: string[]) =>
  parseQuery(text, options, lexicon(english));
const typosOf = (text: string, options: { prefix?: boolean; exact?: boolean } = {}, english?: string[]) =>
  Object.fromEntries(parse(text, options, english).terms.map((t) => [t.word, t.typos]));

describe('parseQuery', () => {
  it('gives each distinct term once, in order, with the word that first gave it and what the index knows of it', () => {
    const query = parse('Models of the logistic model, regresion');
    expect(query.terms.map((t) => [t.term, t.word])).toEqual([
      ['model', 'Models'],
      ['logist', 'logistic'],
      ['regres', 'regresion'],
    ]);
    for (const t of query.terms) expect(t.idf).toBe(index.idf(t.term));
    expect(query.terms.map((t) => t.known)).toEqual([true, true, false]);
    expect(parse('the of and').terms).toEqual([]);
  });

  it('searches an unknown word as the index terms a typo away, most common first', () => {
    expect(typosOf('logistc regresion')).toEqual({ logistc: ['logist'], regresion: ['regress'] });
    // "card" is in more passages than "cart": it comes first.
    expect(index.idf('card')).toBeLessThan(index.idf('cart'));
    expect(typosOf('carx')).toEqual({ carx: ['card', 'cart'] });
    expect(corrected(parse('logistc model')).map((t) => t.word)).toEqual(['logistc']);
    // Too short to guess.
    expect(typosOf('crd')).toEqual({ crd: [] });
  });

  it('never corrects the word still being typed: it is matched as a prefix instead', () => {
    const query = parse('regresion logist', { prefix: true });
    expect(query.terms.map((t) => [t.term, t.typing])).toEqual([
      ['regres', false],
      ['logist', true],
    ]);
    expect(typosOf('logistc regresion', { prefix: true })).toEqual({ logistc: ['logist'], regresion: [] });
    expect(keywordTerms(parse('logistc regresion', { prefix: true }))).toEqual([
      { term: 'logistc', prefix: false, edits: 0, typos: ['logist'], forms: [] },
      { term: 'regres', prefix: true, edits: 0, typos: [], forms: [] },
    ]);
  });

  it('corrects nothing in an exact search, and asks the keyword index for no typos', () => {
    const query = parse('logistc regresion', { exact: true });
    expect(query.exact).toBe(true);
    expect(query.terms.every((t) => t.typos.length === 0)).toBe(true);
    expect(corrected(query)).toEqual([]);
    expect(keywordTerms(query).map((t) => t.typos)).toEqual([[], []]);
  });

  it('never corrects an English word the corpus lacks ("recognition" is not "cognitive")', () => {
    // Without a word list the unknown word looks like a typo of a corpus word.
    expect(typosOf('recognition')).toEqual({ recognition: ['cognit'] });
    const query = parse('recognition', {}, ['recognit']);
    expect(query.terms[0]).toMatchObject({ term: 'recognit', known: false, english: true, typos: [] });
    expect(keywordTerms(query)).toEqual([{ term: 'recognit', prefix: false, edits: 0, typos: [], forms: [] }]);
    // A misspelling that is no English word is still corrected beside it.
    expect(typosOf('recognition logistc', {}, ['recognit'])).toEqual({ recognition: [], logistc: ['logist'] });
  });

  it('takes a prefix before an English or a corpus word for a real word ("reusable", "biphosphate"), not a typo', () => {
    const english = (text: string, list?: string[]) => parse(text, {}, list).terms.map((t) => t.english);
    expect(english('recart uncart', ['cart'])).toEqual([true, true]);
    expect(english('recart uncart')).toEqual([false, false]);
    // "biphosphate" is "bi" before the corpus's "phosphate", which the English list lacks: a word, not a typo of
    // the corpus's "bisphosphate".
    const chemistry = keywordIndexOf(['bisphosphate levels', 'phosphate binding'].map(passage), documents);
    const withList: Lexicon = {
      idf: (term) => chemistry.idf(term),
      knows: (term) => chemistry.knows(term),
      typoMatches: (term, edits) => chemistry.typoMatches(term, edits),
      isEnglish: (term) => term === 'level',
    };
    expect(parseQuery('biphosphate', {}, { ...withList, isEnglish: undefined }).terms[0].typos).toEqual(['bisphosph']);
    expect(parseQuery('biphosphate', {}, withList).terms[0]).toMatchObject({ english: true, typos: [] });
    expect(isRealWord('biphosphate', withList)).toBe(true);
    // The prefix must leave a word of four letters or more, an English or a corpus word.
    expect(english('recar decarx', ['car', 'cart'])).toEqual([false, false]);
    expect(isRealWord('decarx', lexicon(['car', 'cart']))).toBe(false);
  });

  it('never corrects a name or a code as written: a capital inside, or a digit', () => {
    expect(typosOf('cardz cartz')).toEqual({ cardz: ['card'], cartz: ['cart'] });
    expect(typosOf('CardZ cArtz card2')).toEqual({ CardZ: [], cArtz: [], card2: [] });
    // A short word in capitals is an acronym; a long one is a word typed in capitals, misspelt like any other.
    expect(typosOf('CARDZ CARTSS')).toEqual({ CARDZ: [], CARTSS: ['cart'] });
  });

  it('never corrects a word the index knows, even when other index terms are a typo away from it', () => {
    expect(index.typoMatches('cart', 1)).toContain('card');
    const query = parse('cart card');
    expect(query.terms.map((t) => [t.term, t.known, t.english, t.typos])).toEqual([
      ['cart', true, false, []],
      ['card', true, false, []],
    ]);
    expect(corrected(query)).toEqual([]);
    // Known words are English-checked no further: the word list only spares unknown words.
    expect(parse('cart', {}, ['cart']).terms[0].english).toBe(false);
  });

  it('does not take a misspelt English word for a corpus word two edits away ("mechnaical" is not "technical")', () => {
    const local = keywordIndexOf(['a technical report'].map(passage), documents);
    const lexicon = (english: string[]): Lexicon => ({
      idf: (term) => local.idf(term),
      knows: (term) => local.knows(term),
      typoMatches: (term, edits) => local.typoMatches(term, edits),
      isEnglish: (term) => english.includes(term),
    });
    // One edit (a swap) from "mechanical", an English word no passage holds: not corrected to "technical".
    expect(parseQuery('mechnaical', {}, lexicon(['mechan'])).terms[0].typos).toEqual([]);
    // With no English word one edit away, the corpus word two edits away is still offered.
    expect(parseQuery('mechnaical', {}, lexicon([])).terms[0].typos).toEqual(['technic']);
  });

  it('searches the other forms of a word that passages hold ("won" for "win"), announcing none of them', () => {
    const local = keywordIndexOf(['the team won the final', 'a simpler model'].map(passage), documents);
    const forms = [
      ['win', 'won'],
      ['simpl', 'simpler', 'simplest'],
    ];
    const query = parseQuery(
      'win with a simple model',
      {},
      {
        idf: (term) => local.idf(term),
        knows: (term) => local.knows(term),
        typoMatches: (term, edits) => local.typoMatches(term, edits),
        formsOf: (term) => forms.filter((g) => g.includes(term)).flatMap((g) => g.filter((t) => t !== term)),
      },
    );
    // "simplest" is a form no passage holds: not searched.
    expect(query.terms.map((t) => [t.term, t.forms])).toEqual([
      ['win', ['won']],
      ['simpl', ['simpler']],
      ['model', []],
    ]);
    expect(corrected(query)).toEqual([]);
    expect(keywordTerms(query)[0]).toEqual({ term: 'win', prefix: false, edits: 0, typos: [], forms: ['won'] });
  });
});
