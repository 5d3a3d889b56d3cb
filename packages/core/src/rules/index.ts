// Rules shared by the assessment, the engine and data import: one definition each.
export { assessedUnits } from './assessed-units.js';
export { normalizeActorId, sameActorId } from './identity.js';
export type { CheckedObservation } from './observation.js';
export { checkObservation, checkObservations } from './observation.js';
export type { ObservationShape, ObservationShapeProblem, PublishedShape } from './observation-shape.js';
export { observationShapeProblems, shapeProblemPath } from './observation-shape.js';
export { reportsOnTask } from './reports-on-task.js';
export type {
  FormedReport,
  FormedValue,
  FormingOptions,
  ReportedFigure,
  ValueConflict,
} from './target-value.js';
export { aggregationOf, conflictResolutionText, formTargetValue } from './target-value.js';
