// Reading the corpus folder: every .md, .markdown and .txt file, recursively. A file that cannot be
// indexed (empty, binary, not UTF-8, too large, unreadable, unparsable) is reported with its reason and
// skipped; the rest of the corpus is still indexed.
import { readdir, readFile, stat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { chunkDocument, type ChunkingOptions } from '../core/chunking.ts';
import type { DocumentInfo, Passage } from '../core/types.ts';
import { words } from '../core/analysis.ts';
import { stableHash } from '../core/hash.ts';

export const EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
/** Larger files are almost always exports or logs, not notes; they would dominate the index. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Markdown nesting deeper than this (leading spaces, tabs and `>` markers, tabs counted as 4 columns) is
 * flattened to it before parsing: the markdown parser's cost grows steeply with nesting depth (a list nested
 * 400 levels deep takes seconds, 2,000 levels never finishes), and no note is structured that deeply.
 */
export const MAX_NESTING_COLUMNS = 64;

/** Cuts every line's leading indentation and quote markers to MAX_NESTING_COLUMNS; returns how many lines were cut. */
export function limitNesting(text: string): { text: string; flattened: number } {
  let flattened = 0;
  const out = text.replace(/^[ \t>]{17,}/gm, (prefix) => {
    const expanded = prefix.replace(/\t/g, '    ');
    if (expanded.length <= MAX_NESTING_COLUMNS) return prefix;
    flattened++;
    return expanded.slice(0, MAX_NESTING_COLUMNS);
  });
  return { text: flattened ? out : text, flattened };
}

export interface Rejected {
  file: string;
  reason: string;
}

export interface Corpus {
  documents: DocumentInfo[];
  passages: Passage[];
  rejected: Rejected[];
  warnings: Rejected[];
}

async function listFiles(root: string, rejected: Rejected[]): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      rejected.push({ file: path.relative(root, dir) || '.', reason: `cannot resolve folder (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    // A symlink loop (or two links to one folder) is walked once.
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      rejected.push({ file: path.relative(root, dir) || '.', reason: `cannot read folder (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          rejected.push({ file: path.relative(root, full), reason: 'broken symbolic link' });
          continue;
        }
      }
      if (isDir) await walk(full);
      else if (isFile && EXTENSIONS.has(path.extname(entry.name).toLowerCase())) files.push(full);
    }
  }
  await walk(root);
  return files;
}

/** Decodes a file as UTF-8 or says why it is not a text document. */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes.length > MAX_FILE_BYTES) return { reason: `too large (${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
  // UTF-16 with a byte order mark (saved by some Windows editors) is text too, though full of NUL bytes.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  const sample = bytes.subarray(0, 8192);
  if (!utf16 && sample.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { reason: utf16 ? `not valid ${utf16.toUpperCase()} text` : 'not valid UTF-8 text' };
  }
  if (utf16 && text.slice(0, 8192).includes('\0')) return { reason: 'binary file (contains NUL characters)' };
  text = text.replace(/^\uFEFF/, '');
  // Control characters other than tab/newline/carriage return mean this is not prose.
  const controls = text.slice(0, 8192).match(/[\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > 16) return { reason: 'binary file (control characters)' };
  if (!text.trim()) return { reason: 'no text (only whitespace)' };
  return { text };
}

export async function readCorpus(root: string, chunking: ChunkingOptions): Promise<Corpus> {
  const rejected: Rejected[] = [];
  const warnings: Rejected[] = [];
  const documents: DocumentInfo[] = [];
  const passages: Passage[] = [];
  const files = await listFiles(root, rejected);
  for (const full of files) {
    const id = path.relative(root, full).split(path.sep).join('/');
    let bytes: Uint8Array;
    try {
      const info = await stat(full);
      if (info.size > MAX_FILE_BYTES) {
        rejected.push({ file: id, reason: `too large (${(info.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` });
        continue;
      }
      bytes = await readFile(full);
    } catch (error) {
      rejected.push({ file: id, reason: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      continue;
    }
    const decoded = decodeText(bytes);
    if ('reason' in decoded) {
      rejected.push({ file: id, reason: decoded.reason });
      continue;
    }
    const nesting = limitNesting(decoded.text);
    if (nesting.flattened) warnings.push({ file: id, reason: `nesting deeper than ${MAX_NESTING_COLUMNS} columns flattened on ${nesting.flattened} line(s)` });
    let chunked;
    try {
      chunked = chunkDocument(id, nesting.text, chunking);
    } catch (error) {
      rejected.push({ file: id, reason: `could not be parsed (${(error as Error).message})` });
      continue;
    }
    for (const warning of chunked.warnings) warnings.push({ file: id, reason: warning });
    if (chunked.passages.length === 0) {
      rejected.push({ file: id, reason: 'no passages (no text outside headings)' });
      continue;
    }
    const doc = documents.length;
    documents.push({ id, title: chunked.title, tags: chunked.tags });
    for (const p of chunked.passages) passages.push({ ...p, doc });
  }
  return { documents, passages, rejected, warnings };
}

/** Every word of the corpus (titles, headings, text): the default model gets a row for each. */
export function corpusVocabulary(corpus: Corpus): string[] {
  const vocabulary = new Set<string>();
  for (const doc of corpus.documents) for (const w of words(doc.title)) vocabulary.add(w);
  for (const p of corpus.passages) for (const w of words(`${p.headings.join(' ')} ${p.text}`)) vocabulary.add(w);
  return [...vocabulary];
}

/** A fingerprint of the corpus files (names, sizes, modification times): tells whether an index is stale. */
export async function corpusFingerprint(root: string): Promise<string> {
  const files = await listFiles(root, []);
  const parts: string[] = [];
  for (const file of files) {
    try {
      const info = await stat(file);
      parts.push(`${path.relative(root, file)}:${info.size}:${Math.round(info.mtimeMs)}`);
    } catch {
      parts.push(`${path.relative(root, file)}:gone`);
    }
  }
  return stableHash(parts.join('\n'), 16);
}
