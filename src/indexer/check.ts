// `lantern check`: how much of each document's visible text reaches the index (passage text or heading path)
// and the app's document view, with the sentences that do not.
import { existsSync, statSync } from 'node:fs';
import { textKept } from './document/text-kept.ts';
import { readCorpus, type Rejected } from './ingest.ts';
import { DEFAULT_CHUNKING, type ChunkingOptions } from '../core/settings.ts';

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
  /** Files the build skips, with the reason. */
  rejected: Rejected[];
}

/** Checks every document the build would index under `root`, chunked exactly as the build chunks it. */
export async function checkCorpus(root: string, chunking: ChunkingOptions = DEFAULT_CHUNKING): Promise<CheckReport> {
  // As `lantern build`: a mistyped folder is an error, not a corpus of no sentences that passes every --min.
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--data ${root}: no such folder`);
  const report: CheckReport = { documents: [], sentences: 0, indexed: 0, shown: 0, rejected: [] };
  const corpus = await readCorpus(root, chunking, {
    onDocument: (file, text, chunked) => {
      const kept = textKept(text, chunked.title, chunked.passages);
      report.documents.push({ file, ...kept });
      report.sentences += kept.sentences;
      report.indexed += kept.sentences - kept.lostFromIndex.length;
      report.shown += kept.sentences - kept.lostFromDisplay.length;
    },
  });
  report.rejected = corpus.rejected;
  return report;
}

/** The lower of the two shares (index, display), in percent; 100 for a corpus without sentences. */
export function keptPercent(report: Pick<CheckReport, 'sentences' | 'indexed' | 'shown'>): number {
  return report.sentences ? (100 * Math.min(report.indexed, report.shown)) / report.sentences : 100;
}
