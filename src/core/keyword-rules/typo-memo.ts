// Typo candidates of a (field, term, edits): finding them is the slowest step of a query with words the corpus lacks, and
// typing asks for the same words again and again. An index never changes once built, so the answers keep (up to a
// bound, then all are dropped).
const LIMIT = 10_000;

export function typoMemo<T>(): (field: string | number, term: string, edits: number, find: () => T) => T {
  const memo = new Map<string, T>();
  return (field, term, edits, find) => {
    // The edit count is part of the key: the same term asked within 1 and within 2 edits has two answers.
    const key = `${field}\u0000${term}\u0000${edits}`;
    let found = memo.get(key);
    if (found === undefined) {
      if (memo.size >= LIMIT) memo.clear();
      memo.set(key, (found = find()));
    }
    return found;
  };
}
