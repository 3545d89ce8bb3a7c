// Human-readable output of `lantern check`: the documents that lost text, their lost sentences, and the totals.
import { keptPercent, type CheckReport } from '../indexer/check.ts';

// Corpus text goes to a terminal: control characters (escape sequences, bidi overrides) are shown as '?',
// and a long sentence is cut.
const printable = (text: string, max = 160) => {
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};
const percent = (n: number) => `${(Math.floor(n * 10) / 10).toFixed(1)}%`;

export function formatCheck(report: CheckReport, listed = 5): string {
  const lines: string[] = [];
  for (const doc of report.documents) {
    if (!doc.lostFromIndex.length && !doc.lostFromDisplay.length) continue;
    const share = keptPercent({
      sentences: doc.sentences,
      indexed: doc.sentences - doc.lostFromIndex.length,
      shown: doc.sentences - doc.lostFromDisplay.length,
    });
    lines.push(`${printable(doc.file)}: ${percent(share)} of ${doc.sentences} sentences kept`);
    for (const [label, lost] of [
      ['not in the index', doc.lostFromIndex],
      ['not shown', doc.lostFromDisplay],
    ] as const) {
      for (const sentence of lost.slice(0, listed)) lines.push(`  ${label}: "${printable(sentence)}"`);
      if (lost.length > listed) lines.push(`  … and ${lost.length - listed} more ${label}`);
    }
  }
  for (const r of report.rejected) lines.push(`${printable(r.file)}: skipped (${printable(r.reason)})`);
  const lossy = report.documents.filter((d) => d.lostFromIndex.length || d.lostFromDisplay.length).length;
  lines.push(
    `text kept: ${percent(keptPercent(report))} of ${report.sentences} sentences in ${report.documents.length} documents ` +
      `(index ${percent(report.sentences ? (100 * report.indexed) / report.sentences : 100)}, display ${percent(report.sentences ? (100 * report.shown) / report.sentences : 100)}; ${lossy} document(s) lost text)`,
  );
  return `${lines.join('\n')}\n`;
}
