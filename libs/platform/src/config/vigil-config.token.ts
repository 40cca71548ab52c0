/** Nest injection token of the frozen {@link VigilConfig}. */
export const VIGIL_CONFIG = Symbol.for('vigil.config');
