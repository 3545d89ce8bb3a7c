// The web-platform globals that both Node (>= 20) and browsers provide, declared for src/core's type check
// (src/core/tsconfig.json), which has neither Node's nor the DOM's types: these are the only ones core may use.
// Only the members core calls are declared; add one here when core needs it, after checking both hosts have it.

declare class URLSearchParams {
  constructor(init?: string);
  get(name: string): string | null;
  getAll(name: string): string[];
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  toString(): string;
}

declare class TextDecoder {
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare const performance: { now(): number } | undefined;
