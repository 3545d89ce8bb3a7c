// British and American spellings of one word ("neighbour" and "neighbor", "organise" and "organize", "centre" and
// "center"): a reader types the spelling they grew up with, the documents may use the other. Each rule rewrites an
// ending, narrowly enough that the other spelling is never a different word ("four" is no "for", "timber" no
// "timbre"). A rewrite counts when the other spelling is a known word (English or the corpus), except -ise/-ize
// and -yse/-yze, which make new words faster than any list ("optimisation" is in none): a rewrite that is no word ("promize")
// only names a term no query holds. The word forms of english-words.ts then search each spelling with the other.

/** Ending rewrites, both ways; `$1`.. keep the stem and the suffix. A short stem is left alone: "four" is no "for",
 * "tour" no "tor", "baling" no "balling"; and the -re and -ence words are few enough to name ("enter" is no "entre"). */
const OUR = '(s|ed|ing|ful|ite|ites|able|al|less|hood)?';
const RE = '(centi|milli|kilo|epi|amphi)?(cent|theat|met|lit|fib|calib|sab|scept|spect|somb|lust|meag|mit)';
const RULES: readonly [RegExp, string, 'always'?][] = [
  // colour/color, neighbours/neighbors, favourite/favorite, behavioural/behavioral
  [new RegExp(`^(\\p{L}{2,}(?:[^aeiou]|vi))our${OUR}$`, 'u'), '$1or$2'],
  [new RegExp(`^(\\p{L}{2,}(?:[^aeiou]|vi))or${OUR}$`, 'u'), '$1our$2'],
  // organise/organize, organisation/organization
  [/is(e|es|ed|ing|er|ers|ation|ations)$/, 'iz$1', 'always'],
  [/iz(e|es|ed|ing|er|ers|ation|ations)$/, 'is$1', 'always'],
  // analyse/analyze
  [/ys(e|es|ed|ing|er|ers)$/, 'yz$1', 'always'],
  [/yz(e|es|ed|ing|er|ers)$/, 'ys$1', 'always'],
  // centre/center, fibres/fibers, kilometre/kilometer
  [new RegExp(`${RE}re(s)?$`), '$1$2er$3'],
  [new RegExp(`${RE}er(s)?$`), '$1$2re$3'],
  // defence/defense, licences/licenses
  [/(defen|offen|licen|preten)c(e|es)$/, '$1s$2'],
  [/(defen|offen|licen|preten)s(e|es)$/, '$1c$2'],
  // catalogue/catalog, dialogue/dialog
  [/^(\p{L}{3,})ogue(s)?$/u, '$1og$2'],
  [/^(\p{L}{3,})og(s)?$/u, '$1ogue$2'],
  // travelled/traveled, labelling/labeling, signalled/signaled
  [/^(\p{L}{2,}[^aeiou][ae])ll(ed|ing|er|ers)$/u, '$1l$2'],
  [/^(\p{L}{2,}[^aeiou][ae])l(ed|ing|er|ers)$/u, '$1ll$2'],
];

/** The other spellings of `word` (lowercase letters): those `known` holds, and any -ise/-ize or -yse/-yze rewrite. */
export function spellingVariants(word: string, known: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (const [pattern, replacement, always] of RULES) {
    if (!pattern.test(word)) continue;
    const variant = word.replace(pattern, replacement);
    if (variant !== word && (always || known(variant)) && !out.includes(variant)) out.push(variant);
  }
  return out;
}
