// The tokenizer written into the model folder, and a TypeScript mirror of its
// normalizer and pre-tokenizer so vocabulary entries are spelled exactly as
// the tokenizer will produce them at query time.

export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';
/** Ids 0 and 1; their table rows are zero. */
export const SPECIAL_TOKENS = [PAD_TOKEN, UNK_TOKEN] as const;
export const PIECE_PREFIX = '##';
/** WordPiece maps longer words to [UNK] without trying pieces. */
export const MAX_WORD_CHARS = 100;

// Same character class as the BertPreTokenizer of @huggingface/tokenizers.
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const CONTROL = /^(?:\p{Cc}|\p{Cf}|\p{Co}|\p{Cs})$/u;

// BertNormalizer's handle_chinese_chars test; like @huggingface/tokenizers it
// looks at UTF-16 code units, so only BMP ideographs are isolated.
function isCjk(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff);
}

/** NFKC, then BertNormalizer (clean text, isolate CJK, lowercase, strip accents). */
export function normalizeText(text: string): string {
  let cleaned = '';
  for (const ch of text.normalize('NFKC')) {
    const cp = ch.codePointAt(0)!;
    const isControl = ch !== '\t' && ch !== '\n' && ch !== '\r' && CONTROL.test(ch);
    if (cp === 0 || cp === 0xfffd || isControl) continue;
    cleaned += /^\s$/u.test(ch) ? ' ' : ch;
  }
  let spaced = '';
  for (let i = 0; i < cleaned.length; i++) {
    const unit = cleaned[i];
    spaced += isCjk(unit.charCodeAt(0)) ? ` ${unit} ` : unit;
  }
  return spaced
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
}

/** BertPreTokenizer: split on whitespace, every punctuation character is its own token. */
export function preTokenize(normalized: string): string[] {
  return normalized.trim().match(PRE_TOKEN) ?? [];
}

/** HF tokenizers `tokenizer.json`. No post-processor: CLS/SEP rows would distort mean pooling. */
export function tokenizerJson(vocab: readonly string[]): object {
  SPECIAL_TOKENS.forEach((token, id) => {
    if (vocab[id] !== token) throw new Error(`tokenizer vocabulary: id ${id} must be ${token}, got ${vocab[id]}`);
  });
  // Tokens are corpus words ("constructor", "__proto__"): a Map, written out as an object with own keys only.
  const ids = new Map<string, number>();
  vocab.forEach((token, id) => {
    if (ids.has(token)) throw new Error(`tokenizer vocabulary: duplicate token '${token}'`);
    ids.set(token, id);
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
      ],
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: PIECE_PREFIX, cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: UNK_TOKEN,
      continuing_subword_prefix: PIECE_PREFIX,
      max_input_chars_per_word: MAX_WORD_CHARS,
      vocab: Object.fromEntries(ids),
    },
  };
}

/** Truncation length of the pipeline; a static model has no position limit. */
const MODEL_MAX_LENGTH = 8192;

export function tokenizerConfigJson(): object {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    pad_token: PAD_TOKEN,
    unk_token: UNK_TOKEN,
    padding_side: 'right',
    model_max_length: MODEL_MAX_LENGTH,
    clean_up_tokenization_spaces: true,
  };
}
