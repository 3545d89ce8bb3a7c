// Builds the index of data/ with the default model once for the whole test run (the first run on a
// fresh machine also distils the default model: about two minutes; later runs reuse the teacher cache).
import { buildIndex } from '../src/build/build.ts';
import { silentReporter } from '../src/build/progress.ts';

export const SEED_INDEX = '.cache/lantern/test/seed-index';

export default async function setup() {
  await buildIndex({ data: 'data', out: SEED_INDEX, reporter: silentReporter });
}
