// A small, fast, dependency-free string hash (cyrb53 run with two seeds → ~106 bits).
// Used for stable passage ids and content fingerprints; not for security.
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A hash of `text` as `length` lowercase base-36 characters (at most 20). */
export function stableHash(text: string, length = 12): string {
  const a = cyrb53(text, 1).toString(36).padStart(11, '0');
  const b = cyrb53(text, 2).toString(36).padStart(11, '0');
  return (a + b).slice(0, length);
}
