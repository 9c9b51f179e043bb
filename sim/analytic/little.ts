/**
 * Little's law, L = λ·W (Little 1961), for any stable system: mean number present L equals
 * the throughput λ (per second) times the mean time spent W (seconds).
 *
 * @module
 */
import { requireNonNegative, requirePositive } from "./input.ts";

/**
 * Mean number in the system from throughput and mean time in system: L = λW.
 * @param throughput λ, customers per second (≥ 0).
 * @param meanTime W, seconds (≥ 0).
 * @returns L, mean number present.
 */
export function littleNumber(throughput: number, meanTime: number): number {
  requireNonNegative("throughput", throughput);
  requireNonNegative("meanTime", meanTime);
  return throughput * meanTime;
}

/**
 * Mean time in the system from mean number present and throughput: W = L/λ.
 * @param meanNumber L (≥ 0).
 * @param throughput λ, customers per second (> 0).
 * @returns W, seconds.
 */
export function littleTime(meanNumber: number, throughput: number): number {
  requireNonNegative("meanNumber", meanNumber);
  requirePositive("throughput", throughput);
  return meanNumber / throughput;
}

/**
 * Throughput from mean number present and mean time in system: λ = L/W.
 * @param meanNumber L (≥ 0).
 * @param meanTime W, seconds (> 0).
 * @returns λ, customers per second.
 */
export function littleThroughput(meanNumber: number, meanTime: number): number {
  requireNonNegative("meanNumber", meanNumber);
  requirePositive("meanTime", meanTime);
  return meanNumber / meanTime;
}
