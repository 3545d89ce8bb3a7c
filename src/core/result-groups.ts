// How results are shown so they can be scanned: each passage titled by its own heading, with the document and the
// headings above it as context, and consecutive results from one document grouped under it (as Pagefind's
// sub-results are). The ranking is never reordered: groups only join neighbours, so reading the groups in order
// reads the results in rank order. Used by the app's result list and the CLI's human output.

export interface PassageLabel {
  /** The passage's own heading (its last one), or the document title when it has none. */
  title: string;
  /** The headings above `title`, outermost first (a first heading that repeats the document title is left out). */
  path: string[];
}

/** `docTitle`: the document's title; `headings`: the passage's heading path, outermost first. */
export function passageLabel(docTitle: string, headings: string[]): PassageLabel {
  const own = headings[0] === docTitle ? headings.slice(1) : headings;
  if (own.length === 0) return { title: docTitle, path: [] };
  return { title: own[own.length - 1], path: own.slice(0, -1) };
}

/** The context line of a result shown on its own: the document, then the headings above the title. */
export function contextOf(docTitle: string, label: PassageLabel): string[] {
  return label.title === docTitle && label.path.length === 0 ? [] : [docTitle, ...label.path];
}

export interface ResultGroup<T> {
  /** The document's id and title. */
  doc: string;
  title: string;
  /** Position of the group's first result in the ranked list. */
  start: number;
  /** Consecutive results from this document, in rank order. */
  results: T[];
}

/** Joins consecutive results from one document; concatenating the groups' results gives back `results` unchanged. */
export function groupResults<T extends { doc: string; title: string }>(results: readonly T[]): ResultGroup<T>[] {
  const groups: ResultGroup<T>[] = [];
  results.forEach((result, i) => {
    const last = groups[groups.length - 1];
    if (last && last.doc === result.doc) last.results.push(result);
    else groups.push({ doc: result.doc, title: result.title, start: i, results: [result] });
  });
  return groups;
}
