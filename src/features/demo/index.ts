/** The public entry of the demo feature: the only module other features and the composition root may import. */
export { isEmpty, seedDemo } from './demo.seed.js';
