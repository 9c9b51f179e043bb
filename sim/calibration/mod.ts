/**
 * Incident calibration: the calibration records (`data/calibration/*.json`) and the
 * bibliography they cite (`data/references.json`), rebuilding and
 * scaling an incident's scenario from them, measuring the reported observables on simulated
 * runs, and one-at-a-time sensitivity (tornado data) over the assumptions' plausible ranges.
 *
 * @module
 */
export {
  calibrationProblems,
  DEFAULT_TOLERANCE,
  INCIDENTS,
  normalizeText,
  quoteOccursIn,
  readCalibration,
  referenceQuotes,
} from "./calibration_record.ts";
export {
  citedReferences,
  hasDateParts,
  italianFigureForms,
  quoteShowsFigure,
  readReferences,
  REFERENCE_ID,
  REFERENCE_TYPES,
  referenceProblems,
  startsWithReference,
} from "./references.ts";
export type { CslDate, CslName, Reference } from "./references.ts";
export type {
  Calibration,
  CalibrationObservable,
  CalibrationParameter,
  StructuralAssumption,
  Tag as CalibrationTag,
} from "./calibration_record.ts";
export { evaluateFormula } from "./calibration_record.ts";
export { calibrationValues, rebuildScenario, sensitivityRanges } from "./sensitivity_inputs.ts";
export type { SensitivityRange } from "./sensitivity_inputs.ts";
export {
  incidentCalibration,
  incidentScenario,
  incidentScenarioJson,
  PROJECT_ROOT,
} from "./incident_scenario.ts";
export type { IncidentScenarioOptions } from "./incident_scenario.ts";
export { ObservationProbe } from "./observation_probe.ts";
export type { ProbeOptions, ProbeRecord, TierCounts } from "./observation_probe.ts";
export {
  estimateObservables,
  OBSERVABLE_MEASURES,
  observeRun,
  seriesOf,
  summaryOf,
} from "./observables.ts";
export type {
  EstimateOptions,
  MeasureEntry,
  ObservableEstimate,
  ObservableMeasure,
  ObservedRun,
} from "./observables.ts";
export { DEFAULT_TORNADO_METRIC, tornado, TORNADO_COLUMNS, tornadoCsv } from "./sensitivity.ts";
export type { TornadoOptions, TornadoRow } from "./sensitivity.ts";
export { mergeTornadoChunks, tornadoAssumptions, tornadoOnWorkers } from "./sensitivity_workers.ts";
export type {
  TornadoProgress,
  TornadoRequest,
  TornadoWorkersOptions,
} from "./sensitivity_workers.ts";
export { parseTornadoArguments, runTornadoCli } from "./tornado_cli.ts";
export type { TornadoCommand } from "./tornado_cli.ts";
export { CALIBRATION_RUN_PLANS } from "./run_plans.ts";
export type { CalibrationRunPlan } from "./run_plans.ts";
