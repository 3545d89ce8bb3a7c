// For src/core's type check only (src/core/tsconfig.json maps "sharp" here): Transformers.js's types import sharp,
// its Node image backend, whose types pull in all of Node's. Core never touches images, so sharp stays opaque.
declare const sharp: unknown;
export default sharp;
