// The default Lantern model: USE-lite distilled into a static int8 embedding
// table, written as a Transformers.js model folder (see prepare.ts).
export { prepareModel, type PrepareModelOptions, type PrepareStage } from "./prepare.js";
export { readModelRecipe, type ModelRecipe } from "./recipe.js";
