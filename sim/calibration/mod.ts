/**
 * Incident calibration: the incident descriptors (`data/incidents/*.json`, one loader:
 * `listIncidents`, `loadIncident`), the calibration records (`data/calibration/*.json`) and the
 * bibliography they cite (`data/references.json`), rebuilding and
 * scaling an incident's scenario from them, measuring the reported observables on simulated
 * runs, and one-at-a-time sensitivity (tornado data) over the assumptions' plausible ranges.
 *
 * @module
 */
export {
  calibrationProblems,
  DEFAULT_TOLERANCE,
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
export {
  displayedSource,
  loadProseTranslations,
  type ProseTranslations,
  ProseTranslationsSchema,
  recordProse,
  TRANSLATED_LANGUAGES,
  type TranslatedLanguage,
  translationProblems,
  TRANSLATIONS_FOLDER,
} from "./prose_translations.ts";
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
export { describeMeasure, measureReadsUntil } from "./measure_reads.ts";
export {
  descriptorMeasures,
  estimateObservables,
  metricMeasure,
  observableMeasures,
  observeRun,
  probePlan,
  seriesOf,
  summaryOf,
  takeMeasure,
} from "./observables.ts";
export type {
  EstimateOptions,
  MeasureEntry,
  ObservableEstimate,
  ObservableMeasure,
  ObservedRun,
  ProbePlan,
} from "./observables.ts";
export { type DescriptorContext, descriptorProblems } from "./descriptor_checks.ts";
export {
  descriptorPath,
  INCIDENT_SCHEMA_PATH,
  IncidentDescriptorError,
  IncidentDescriptorSchema,
  incidentJsonSchema,
  incidentJsonSchemaText,
  INCIDENTS_FOLDER,
  listIncidents,
  loadIncident,
  MeasureSchema,
  parseIncidentDescriptor,
  rootUrl,
} from "./incident_descriptor.ts";
export type {
  CountSource,
  IncidentDescriptor,
  MeasureSpec,
  ObservableDescriptor,
  TimeUnit,
  Window,
} from "./incident_descriptor.ts";
export { sweptRanges, tornado, TORNADO_COLUMNS, tornadoCsv } from "./sensitivity.ts";
export type { TornadoOptions, TornadoRow } from "./sensitivity.ts";
export { mergeTornadoChunks, tornadoAssumptions, tornadoOnWorkers } from "./sensitivity_workers.ts";
export type {
  TornadoProgress,
  TornadoRequest,
  TornadoWorkersOptions,
} from "./sensitivity_workers.ts";
export { parseTornadoArguments, runTornadoCli, tornadoUsage } from "./tornado_cli.ts";
export type { TornadoCommand } from "./tornado_cli.ts";
