// The default Lantern model: USE-lite distilled into a static int8 embedding
// table, written as a Transformers.js model folder (see prepare.ts).
export { prepareModel, type PrepareModelOptions, type PrepareStage } from './prepare.ts';
export { readModelRecipe, type ModelRecipe } from './recipe.ts';
export { corpusWordsHash } from './vocabulary.ts';
export type { AdaptOptions, AdaptEpoch, AdaptationRecord } from './adapt.ts';
export type { AdaptPassage } from './adapt-pairs.ts';
