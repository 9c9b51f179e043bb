/**
 * The report's sections: executive summary (`executive_summary.ts`), one section per incident
 * (`incident_section.ts`), the metastability primer (`metastability_primer.ts`), method and
 * assumptions (`method_section.ts`); what they share is in `section_parts.ts`.
 *
 * @module
 */
export { EXECUTIVE_SUMMARY_ID, executiveSummary } from "./executive_summary.ts";
export { incidentSection } from "./incident_section.ts";
export { methodSection } from "./method_section.ts";
export {
  clockTime,
  type IncidentReport,
  type RunSettings,
  significantlyBetter,
} from "./section_parts.ts";
