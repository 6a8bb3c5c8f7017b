/** A command or config the simulator refuses; thrown before anything changed. */
export class SimulationError extends Error {}
