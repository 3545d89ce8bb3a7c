// Search settings written into every index, so the CLI and the app rank the same way.
// Values chosen by `lantern eval` (see README "Quality").
import { DEFAULT_KEYWORD } from './keyword.ts';
import { DEFAULT_FUSION } from './fusion.ts';

export const DEFAULT_SEARCH = { keyword: DEFAULT_KEYWORD, fusion: DEFAULT_FUSION };
