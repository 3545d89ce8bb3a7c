// The browser tab's title follows the screen: the query, or the passage being read, then the site's name
// (site.ts, from the site's configuration).

/** "logistic regression — Lantern"; the parts that are empty or repeat the one before are left out. */
export function pageTitle(site: string, ...parts: (string | undefined)[]): string {
  const kept = parts.map((p) => p?.trim() ?? '').filter((p, i, all) => p && p !== all[i - 1]);
  return [...kept, site].join(' — ');
}
