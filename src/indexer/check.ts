// `lantern check`: how much of each document's visible text reaches the index (passage text or heading path)
// and the app's document view, with the sentences that do not.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_CHUNKING, type ChunkingOptions } from '../core/chunking.ts';
import { textKept } from '../core/text-kept.ts';
import type { Passage } from '../core/types.ts';
import { decodeText, readCorpus, type Rejected } from './ingest.ts';

export interface DocumentCheck {
  file: string;
  sentences: number;
  lostFromIndex: string[];
  lostFromDisplay: string[];
}

export interface CheckReport {
  documents: DocumentCheck[];
  sentences: number;
  /** Sentences found in the index (passage text, heading path or title). */
  indexed: number;
  /** Sentences the app's document view shows. */
  shown: number;
  /** Files the build skips (with the reason), and documents whose source could not be read again. */
  rejected: Rejected[];
}

/** Checks every document the build would index under `root`, chunked exactly as the build chunks it. */
export async function checkCorpus(root: string, chunking: ChunkingOptions = DEFAULT_CHUNKING): Promise<CheckReport> {
  const corpus = await readCorpus(root, chunking);
  const byDoc = new Map<number, Passage[]>();
  for (const p of corpus.passages) {
    const list = byDoc.get(p.doc);
    if (list) list.push(p);
    else byDoc.set(p.doc, [p]);
  }
  const report: CheckReport = { documents: [], sentences: 0, indexed: 0, shown: 0, rejected: [...corpus.rejected] };
  for (const [i, doc] of corpus.documents.entries()) {
    let decoded;
    try {
      decoded = decodeText(await readFile(path.join(root, doc.id)));
    } catch (error) {
      decoded = { reason: `cannot read it again (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    if ('reason' in decoded) {
      report.rejected.push({ file: doc.id, reason: decoded.reason });
      continue;
    }
    const kept = textKept(decoded.text, doc.title, byDoc.get(i) ?? []);
    report.documents.push({ file: doc.id, ...kept });
    report.sentences += kept.sentences;
    report.indexed += kept.sentences - kept.lostFromIndex.length;
    report.shown += kept.sentences - kept.lostFromDisplay.length;
  }
  return report;
}

/** The lower of the two shares (index, display), in percent; 100 for a corpus without sentences. */
export function keptPercent(report: Pick<CheckReport, 'sentences' | 'indexed' | 'shown'>): number {
  return report.sentences ? (100 * Math.min(report.indexed, report.shown)) / report.sentences : 100;
}
