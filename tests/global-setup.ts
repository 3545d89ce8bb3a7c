// Builds the index of data/ with the default model once for the whole test run, into dist/index (the
// same folder `npm start` serves), so every test — unit, CLI and browser — sees a fresh index made by
// the current code. The first run on a fresh machine also fills the teacher cache (about 2–3 minutes).
import { buildIndex } from '../src/build/build.ts';
import { silentReporter } from '../src/build/progress.ts';

export const SEED_INDEX = 'dist/index';

export default async function setup() {
  await buildIndex({ data: 'data', out: SEED_INDEX, reporter: silentReporter });
}
