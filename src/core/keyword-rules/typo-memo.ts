// Typo candidates of a (field, term): finding them is the slowest step of a query with words the corpus lacks, and
// typing asks for the same words again and again. An index never changes once built, so the answers keep (up to a
// bound, then all are dropped).
const LIMIT = 10_000;

export function typoMemo<T>(): (field: string | number, term: string, find: () => T) => T {
  const memo = new Map<string, T>();
  return (field, term, find) => {
    const key = `${field}\u0000${term}`;
    let found = memo.get(key);
    if (found === undefined) {
      if (memo.size >= LIMIT) memo.clear();
      memo.set(key, (found = find()));
    }
    return found;
  };
}
