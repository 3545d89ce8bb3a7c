// What the CLI prints of a document cannot drive the terminal: no escape sequence, control or bidi character survives,
// and a huge field is shortened.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_LIMIT, stripControls, terminalText } from '../../src/cli/terminal-text.ts';

/** Anything a terminal acts on: C0, DEL, C1, and the bidi embeddings, overrides, isolates and marks. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

describe('stripControls', () => {
  it('drops whole escape sequences, not only their ESC', () => {
    expect(stripControls('a\x1b]0;pwned\x07b')).toBe('ab'); // window title (OSC, BEL-terminated)
    expect(stripControls('a\x1b]52;c;ZXZpbA==\x1b\\b')).toBe('ab'); // clipboard write (OSC, ST-terminated)
    expect(stripControls('\x1b[31mred\x1b[0m \x1b[2J\x1b[1;1H')).toBe('red '); // colours, clear screen, cursor move
    expect(stripControls('a\x9b31mb\x9d0;t\x9cc')).toBe('abc'); // 8-bit CSI and OSC
    expect(stripControls('a\x1bPq#0;2;0;0;0\x1b\\b')).toBe('ab'); // DCS (sixel)
    expect(stripControls('a\x1b(Bb\x1bcc')).toBe('abc'); // charset designation, full reset
    expect(stripControls('unterminated \x1b]0;title')).toBe('unterminated ');
  });

  it('drops bidi overrides and isolates, and turns line breaks and tabs into spaces', () => {
    expect(stripControls('abc\u202Efed\u202C \u2066x\u2069 \u200Fy')).toBe('abcfed x y');
    expect(stripControls('one\ntwo\r\nthree\tfour\u2028five')).toBe('one two three four five');
    expect(stripControls('bell\x07 back\bspace nul\x00 del\x7f')).toBe('bell backspace nul del');
  });

  it('keeps ordinary text of any script as it is', () => {
    for (const text of ['Café au lait', '東京 naïve', 'emoji 🎉 ok', 'عربى text', 'a > b & c < d', '… – —'])
      expect(stripControls(text)).toBe(text);
  });

  it('leaves no control character in any string (random unicode and escape fragments)', () => {
    const anyCodePoint = fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((cp) => cp < 0xd800 || cp > 0xdfff)
      .map((cp) => String.fromCodePoint(cp));
    const lowCodePoint = fc.integer({ min: 0, max: 0x2100 }).map((cp) => String.fromCodePoint(cp));
    const piece = fc.oneof(
      fc.string({ unit: anyCodePoint }),
      fc.string({ unit: lowCodePoint }),
      fc.constantFrom(
        '\x1b',
        '\x1b[',
        '\x1b]',
        '\x07',
        '\x9b',
        '\x9d',
        '\x9c',
        '\x1b\\',
        '\u202e',
        '\u2066',
        '\n',
        '\x00',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const out = stripControls(pieces.join(''));
        expect(UNSAFE.test(out)).toBe(false);
        expect(UNSAFE.test(terminalText(pieces.join(''), 20))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('terminalText', () => {
  it('shortens a long field to the limit with an ellipsis, and leaves a short one whole', () => {
    const title = 'T'.repeat(1024 * 1024);
    const shown = terminalText(title);
    expect(Array.from(shown)).toHaveLength(FIELD_LIMIT);
    expect(shown.endsWith('…')).toBe(true);
    expect(terminalText('short title')).toBe('short title');
    expect(terminalText('x'.repeat(FIELD_LIMIT))).toBe('x'.repeat(FIELD_LIMIT));
  });

  it('counts characters, not UTF-16 units, and never splits a surrogate pair', () => {
    const shown = terminalText('🎉'.repeat(300), 10);
    expect(shown).toBe(`${'🎉'.repeat(9)}…`);
  });

  it('shortens a field padded with a megabyte of escape sequences without printing any', () => {
    const shown = terminalText(`${'\x1b[31m'.repeat(200_000)}title`);
    expect(UNSAFE.test(shown)).toBe(false);
    expect(shown.length).toBeLessThanOrEqual(FIELD_LIMIT);
  });
});
