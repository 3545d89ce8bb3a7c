// The part of pngjs that make-icons.ts uses (pngjs ships no types).
declare module 'pngjs' {
  export class PNG {
    constructor(options: { width: number; height: number });
    data: Buffer;
    static sync: { write(png: PNG): Buffer };
  }
}
