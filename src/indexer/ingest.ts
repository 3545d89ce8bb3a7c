// Reading the corpus folder: every .md, .markdown and .txt file, recursively, and nothing outside the folder
// (a symlink whose target is outside is reported, not followed, unless asked). A file that cannot be indexed
// (empty, binary, not UTF-8, too large, unreadable, unparsable) is reported with its reason and skipped; the rest
// of the corpus is still indexed. Hidden names (a leading dot) are skipped and listed.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { chunkDocument, type ChunkedDocument } from './document/chunking.ts';
import type { DocumentInfo, Passage } from '../core/types.ts';
import { words } from '../core/analysis.ts';
import { stableHash } from '../core/hash.ts';
import type { ChunkingOptions } from '../core/settings.ts';
import type { LinkReport } from './links.ts';

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

/**
 * A paragraph (a run of non-blank lines outside fenced code) longer than this is cut into paragraphs of this
 * many lines before parsing, every word kept: the markdown parser's cost grows with the square of a paragraph's
 * line count (one 50,000-line paragraph took 21–46 s with tables and autolinks on), and no note writes one.
 */
export const MAX_PARAGRAPH_LINES = 200;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Puts a blank line after every MAX_PARAGRAPH_LINES lines of one paragraph; returns how many it cut. */
export function limitParagraphs(text: string): { text: string; cut: number } {
  const lines = text.split('\n');
  if (lines.length <= MAX_PARAGRAPH_LINES) return { text, cut: 0 };
  const out: string[] = [];
  let run = 0;
  let cut = 0;
  // Front matter is read as YAML, not markdown: it is left whole, like fenced code.
  let fence: string | null = lines[0] === '---' ? '---' : null;
  for (const [i, line] of lines.entries()) {
    const marker = i > 0 && fence === '---' ? (line === '---' ? '---' : undefined) : FENCE.exec(line)?.[1];
    if (i > 0 && marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length)))
      fence = fence === null ? marker : null;
    run = line.trim() === '' || fence !== null ? 0 : run + 1;
    if (run > MAX_PARAGRAPH_LINES) {
      out.push('');
      cut++;
      run = 1;
    }
    out.push(line);
  }
  return { text: cut ? out.join('\n') : text, cut };
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
  /** Hidden files and folders skipped (names starting with a dot; folders end with `/`); absent when not read from a folder. */
  hidden?: string[];
  /** How many links between documents were resolved (readFolders: links.ts); absent before. */
  links?: LinkReport;
}

export interface IngestOptions {
  /** Follow symbolic links whose target lies outside the corpus folder (default: report them, index nothing). */
  followOutsideLinks?: boolean;
  /** Put before every document id (several folders in one index: folders.ts). */
  prefix?: string;
  /** Sees each indexed document's text with its chunks (`lantern check`). */
  onDocument?: (id: string, text: string, chunked: ChunkedDocument) => void;
}

export const OUTSIDE_LINK = 'links outside the folder';

/** A document file found in the corpus folder: its path on disk (bytes, as the file system names it) and its id. */
interface Listed {
  path: Buffer;
  id: string;
  /** Some part of its path is not valid UTF-8 (shown with `%XX` escapes). */
  escaped: boolean;
}

interface Listing {
  files: Listed[];
  hidden: string[];
}

const SEP = Buffer.from(path.sep);
const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * A file name as text. Names are bytes on Linux and need not be UTF-8 (an archive made with another encoding);
 * such a name is shown with each invalid byte as `%XX`, so the document is still indexed under a name that
 * says which bytes were not text (readCorpus rejects the rare one that clashes with a real name).
 */
export function displayName(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8');
  if (isUtf8(bytes)) return decoder.decode(bytes);
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    // The shortest run of 1–4 bytes that is one valid UTF-8 character, else one escaped byte.
    let n = 1;
    while (n <= 4 && i + n <= bytes.length && !isUtf8(bytes.subarray(i, i + n))) n++;
    if (n <= 4 && i + n <= bytes.length) {
      out += decoder.decode(bytes.subarray(i, i + n));
      i += n;
    } else {
      out += `%${bytes[i].toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** Whether `target` (a resolved path, as latin1 text so any bytes compare) is `root` or inside it. */
function isInside(target: string, root: string): boolean {
  return target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Folders that are not documents though a notes folder holds them: `node_modules` (Lantern installed in the notes
 * folder itself) and Lantern's own output, an index (its model holds a vocab.txt) or a site, e.g. dist/ when the
 * documents folder is `.`. Skipped like hidden folders, so they never change the index or its fingerprint.
 */
function isToolOutput(name: string, dir: Buffer): boolean {
  if (name === 'node_modules') return true;
  const has = (file: string) => existsSync(Buffer.concat([dir, SEP, Buffer.from(file)]));
  return (
    (has('manifest.json') && (has('passages.json') || has('catalog.json'))) ||
    (has('index.html') && has('manifest.webmanifest'))
  );
}

/**
 * Every document file under `root`, sorted by name within each folder. Symbolic links are followed when their
 * target is inside the folder (loops walked once); a link whose target is outside is reported and not followed
 * unless `followOutsideLinks`; hidden entries (`.git/`, `.obsidian/`, `.draft.md`) are skipped and listed.
 */
async function listFiles(root: string, rejected: Rejected[], options: IngestOptions = {}): Promise<Listing> {
  const files: Listed[] = [];
  const hidden: string[] = [];
  const visited = new Set<string>();
  const rootBytes = Buffer.from(root);
  let rootReal: string;
  try {
    rootReal = (await realpath(rootBytes, { encoding: 'buffer' })).toString('latin1');
  } catch (error) {
    rejected.push({ file: '.', reason: `cannot resolve folder (${code(error)})` });
    return { files, hidden };
  }
  const join = (dir: Buffer, name: Buffer) => Buffer.concat([dir, SEP, name]);

  async function walk(dir: Buffer, id: string, escaped: boolean): Promise<void> {
    let real: string;
    try {
      real = (await realpath(dir, { encoding: 'buffer' })).toString('latin1');
    } catch (error) {
      rejected.push({ file: id || '.', reason: `cannot resolve folder (${code(error)})` });
      return;
    }
    // A symlink loop (or two links to one folder) is walked once.
    if (visited.has(real)) return;
    visited.add(real);
    let entries: import('node:fs').Dirent<Buffer>[];
    try {
      entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      rejected.push({ file: id || '.', reason: `cannot read folder (${code(error)})` });
      return;
    }
    const named = entries.map((entry) => ({
      entry,
      name: displayName(entry.name),
      escaped: escaped || !isUtf8(entry.name),
    }));
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { entry, name, escaped: nameEscaped } of named) {
      const full = join(dir, entry.name);
      const entryId = id ? `${id}/${name}` : name;
      const isDocumentName = EXTENSIONS.has(path.extname(name).toLowerCase());
      // Hidden entries: tool folders (.git, .obsidian, .trash) and stray files (macOS `._note.md`). Listed when
      // they would otherwise be walked or indexed (a `.DS_Store` is not a document either way).
      if (name.startsWith('.')) {
        const folder =
          entry.isDirectory() ||
          (entry.isSymbolicLink() &&
            (await stat(full).then(
              (s) => s.isDirectory(),
              () => false,
            )));
        if (folder) hidden.push(`${entryId}/`);
        else if (isDocumentName) hidden.push(entryId);
        continue;
      }
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          const info = await stat(full);
          isDir = info.isDirectory();
          isFile = info.isFile();
          target = (await realpath(full, { encoding: 'buffer' })).toString('latin1');
        } catch {
          rejected.push({ file: entryId, reason: 'broken symbolic link' });
          continue;
        }
        // Only links that would be walked or indexed matter: a link named `notes` is no document either way.
        if (!options.followOutsideLinks && !isInside(target, rootReal) && (isDir || (isFile && isDocumentName))) {
          rejected.push({ file: entryId, reason: OUTSIDE_LINK });
          continue;
        }
      }
      if (isDir && isToolOutput(name, full)) {
        hidden.push(`${entryId}/`);
        continue;
      }
      if (isDir) await walk(full, entryId, nameEscaped);
      else if (isFile && isDocumentName) files.push({ path: full, id: entryId, escaped: nameEscaped });
    }
  }
  await walk(rootBytes, '', false);
  return { files, hidden };
}

/** Decodes a file as UTF-8 or says why it is not a text document. */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes.length > MAX_FILE_BYTES)
    return {
      reason: `too large (${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`,
    };
  // UTF-16 with a byte order mark (saved by some Windows editors) is text too, though full of NUL bytes.
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
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

export async function readCorpus(
  root: string,
  chunking: ChunkingOptions,
  options: IngestOptions = {},
): Promise<Corpus> {
  const rejected: Rejected[] = [];
  const warnings: Rejected[] = [];
  const documents: DocumentInfo[] = [];
  const passages: Passage[] = [];
  const listed = await listFiles(root, rejected, options);
  const { hidden } = listed;
  const files = options.prefix ? listed.files.map((f) => ({ ...f, id: options.prefix + f.id })) : listed.files;
  const ids = new Set(files.filter((f) => !f.escaped).map((f) => f.id));
  for (const { path: full, id, escaped } of files) {
    if (escaped) {
      if (ids.has(id)) {
        rejected.push({
          file: id,
          reason: 'file name is not valid UTF-8 (and its shown name is taken by another file)',
        });
        continue;
      }
      ids.add(id);
      warnings.push({ file: id, reason: 'file name is not valid UTF-8: indexed with %XX for each byte that is not' });
    }
    let bytes: Uint8Array;
    try {
      const info = await stat(full);
      if (info.size > MAX_FILE_BYTES) {
        rejected.push({
          file: id,
          reason: `too large (${(info.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`,
        });
        continue;
      }
      bytes = await readFile(full);
    } catch (error) {
      rejected.push({ file: id, reason: `cannot read (${code(error)})` });
      continue;
    }
    const decoded = decodeText(bytes);
    if ('reason' in decoded) {
      rejected.push({ file: id, reason: decoded.reason });
      continue;
    }
    const nesting = limitNesting(decoded.text);
    if (nesting.flattened)
      warnings.push({
        file: id,
        reason: `nesting deeper than ${MAX_NESTING_COLUMNS} columns flattened on ${nesting.flattened} line(s)`,
      });
    const paragraphs = limitParagraphs(nesting.text);
    if (paragraphs.cut)
      warnings.push({
        file: id,
        reason: `paragraphs longer than ${MAX_PARAGRAPH_LINES} lines cut into shorter ones (${paragraphs.cut} cut(s))`,
      });
    let chunked: ChunkedDocument;
    try {
      chunked = chunkDocument(id, paragraphs.text, chunking);
    } catch (error) {
      rejected.push({ file: id, reason: `could not be parsed (${(error as Error).message})` });
      continue;
    }
    for (const warning of chunked.warnings) warnings.push({ file: id, reason: warning });
    if (chunked.passages.length === 0) {
      rejected.push({ file: id, reason: 'no passages (no text)' });
      continue;
    }
    options.onDocument?.(id, paragraphs.text, chunked);
    const doc = documents.length;
    documents.push({ id, title: chunked.title, tags: chunked.tags });
    for (const p of chunked.passages) passages.push({ ...p, doc });
  }
  return { documents, passages, rejected, warnings, hidden };
}

/** Every word of the corpus (titles, headings, text): the default model gets a row for each. */
export function corpusVocabulary(corpus: Corpus): string[] {
  const vocabulary = new Set<string>();
  for (const doc of corpus.documents) for (const w of words(doc.title)) vocabulary.add(w);
  for (const p of corpus.passages) for (const w of words(`${p.headings.join(' ')} ${p.text}`)) vocabulary.add(w);
  return [...vocabulary];
}

/** A fingerprint of the corpus files (names, sizes, modification times): tells whether an index is stale. */
export async function corpusFingerprint(root: string, options: IngestOptions = {}): Promise<string> {
  const { files } = await listFiles(root, [], options);
  const parts: string[] = [];
  for (const file of files) {
    try {
      const info = await stat(file.path);
      parts.push(`${file.id}:${info.size}:${Math.round(info.mtimeMs)}`);
    } catch {
      parts.push(`${file.id}:gone`);
    }
  }
  return stableHash(parts.join('\n'), 16);
}
