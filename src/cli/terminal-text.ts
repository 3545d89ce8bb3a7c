// Corpus text made safe to print on a terminal: a document's title, headings, text or file name may carry escape
// sequences (`\e]0;…\a` retitles the window, `\e]52;c;…\a` writes the clipboard on some terminals, `\e[2J` clears
// the screen) or bidi overrides that make a line read differently from what it holds. Pure: the CLI and the
// build's report print through it; JSON output does not need it (JSON escapes control characters).

// Whole sequences first, so their parameters do not survive as stray text once ESC is gone:
// strings (OSC, DCS, SOS, PM, APC) up to BEL or ST (unterminated: to the end), CSI with its parameters, then
// any other two- or three-character ESC sequence. The 8-bit C1 introducers (U+009B CSI, U+009D OSC, …) likewise.
const STRING_SEQUENCE = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g;
const CSI_SEQUENCE = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
const ESC_SEQUENCE = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
/** Line breaks and tabs: shown as a space (one field is one line of output). */
const SPACING = /[\t\n\v\f\r\x85\u2028\u2029]+/g;
/** C0, DEL, C1, and the bidi controls: embeddings/overrides U+202A–202E, isolates U+2066–2069, marks LRM/RLM/ALM. */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** `text` without terminal control sequences or characters; line breaks become spaces. */
export function stripControls(text: string): string {
  return text
    .replace(STRING_SEQUENCE, '')
    .replace(CSI_SEQUENCE, '')
    .replace(ESC_SEQUENCE, '')
    .replace(SPACING, ' ')
    .replace(CONTROL, '');
}

/** Field lengths a terminal line shows before shortening (a front-matter title may be a megabyte long). */
export const FIELD_LIMIT = 200;

/** Printable form of one field: controls stripped, shortened to `limit` characters with an ellipsis. */
export function terminalText(text: string, limit = FIELD_LIMIT): string {
  // Bounded before stripping, so a huge field costs little; the slack covers sequences that stripping removes.
  const bound = limit * 4 + 64;
  const cut = text.length > bound;
  const chars = Array.from(stripControls(cut ? text.slice(0, bound) : text));
  return chars.length > limit || cut ? `${chars.slice(0, limit - 1).join('')}…` : chars.join('');
}
