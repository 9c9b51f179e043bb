/**
 * The environment's FIFO lanes ({@link DelayLane}s) beside its event calendar: each lane holds
 * events of one constant delay, already in time order, so only its head competes with the
 * calendar. The set keeps every lane's head time and the earliest of them; the environment
 * fires a lane's head when it is due strictly before the calendar's next event (at equal times
 * the calendar goes first), which keeps runs deterministic and spares the calendar's heap one
 * insertion and one removal per lane event.
 *
 * @module
 */

/** What a lane offers the set. */
export interface LaneHead {
  /** Fires the lane's head entry (the set has checked it is the earliest event). */
  fireHead(): void;
}

/** The lanes of one environment and their earliest head. */
export class LaneSet {
  private readonly lanes: LaneHead[] = [];
  private heads = new Float64Array(8).fill(Infinity);
  /** Time of the earliest lane head, seconds (Infinity when every lane is empty). */
  nextTime = Infinity;
  /** Index of the lane holding it (−1 when none). */
  private nextLane = -1;
  /** Entries waiting in all lanes (kept by the lanes). */
  pending = 0;

  /** Adds a lane; returns its index. */
  add(lane: LaneHead): number {
    const index = this.lanes.length;
    this.lanes.push(lane);
    if (index === this.heads.length) {
      const heads = new Float64Array(index * 2).fill(Infinity);
      heads.set(this.heads);
      this.heads = heads;
    }
    return index;
  }

  /** Lane `index`'s head is now due at `time` (Infinity: the lane is empty). */
  setHead(index: number, time: number): void {
    this.heads[index] = time;
    if (time < this.nextTime) {
      this.nextTime = time;
      this.nextLane = index;
    } else if (index === this.nextLane) {
      this.rescan();
    }
  }

  /** Finds the earliest head (ties: the lowest lane index). */
  private rescan(): void {
    let best = Infinity;
    let lane = -1;
    const heads = this.heads;
    for (let i = 0; i < this.lanes.length; i++) {
      if (heads[i] < best) {
        best = heads[i];
        lane = i;
      }
    }
    this.nextTime = best;
    this.nextLane = lane;
  }

  /** Fires the earliest head. */
  fireNext(): void {
    this.lanes[this.nextLane].fireHead();
  }
}
