/**
 * Paired comparison of two designs run under common random numbers (Law 2015, §10.2.1, the
 * paired-t interval): replication r of both designs uses the same random streams, so the
 * differences `d_r = x_r − y_r` are i.i.d. and a Student-t interval on them is valid even
 * though x_r and y_r are correlated (positive correlation shrinks it — the point of CRN).
 *
 * @module
 */
import { meanConfidenceInterval, type MeanInterval } from "./confidence_interval.ts";

/**
 * Confidence interval of the mean paired difference `design − baseline`.
 * @param design One value per replication for the design.
 * @param baseline One value per replication for the baseline, same replication order and length.
 * @param confidence Confidence level (default 0.95).
 * @returns Interval over the differences (see {@link MeanInterval}).
 */
export function pairedDifferenceInterval(
  design: ArrayLike<number>,
  baseline: ArrayLike<number>,
  confidence = 0.95,
): MeanInterval {
  if (design.length !== baseline.length) {
    throw new RangeError(
      `design and baseline must have one value per replication each, got ` +
        `${design.length} and ${baseline.length}`,
    );
  }
  const differences = new Float64Array(design.length);
  for (let i = 0; i < design.length; i++) differences[i] = design[i] - baseline[i];
  return meanConfidenceInterval(differences, confidence);
}
