import { grown } from "./grown.js";

/**
 * A 4-ary min-heap of event slots ordered by (time, order), where `order` packs
 * (priority, seq) into one double: priority * 2^44 + seq, exact while seq < 2^44.
 *
 * Each entry is three doubles [time, order, slot] interleaved in one Float64Array, so the four
 * children compared at each level share two cache lines; pops sift the hole down to a leaf
 * first and then up (Floyd's trick), since the last entry usually belongs near the bottom.
 * The heap knows nothing of what a slot means.
 */
const STRIDE = 3;

export class EventHeap {
  #heap: Float64Array;
  #size = 0;
  /** Time and packed order of the entry the last `pop` removed. */
  poppedTime = 0;
  poppedOrder = 0;

  constructor(initialCapacity = 1024) {
    this.#heap = new Float64Array(initialCapacity * STRIDE);
  }

  get size(): number {
    return this.#size;
  }

  /** Time of the earliest entry; only meaningful when size > 0. */
  peekTime(): number {
    return this.#heap[0];
  }

  /** Packed (priority, seq) of the earliest entry; only meaningful when size > 0. */
  peekOrder(): number {
    return this.#heap[1];
  }

  /** Slot of the earliest entry; only meaningful when size > 0. */
  peekSlot(): number {
    return this.#heap[2];
  }

  push(time: number, order: number, slot: number): void {
    if ((this.#size + 1) * STRIDE > this.#heap.length) this.#grow();
    this.#siftUp(this.#size++, time, order, slot);
  }

  /** Removes the earliest entry and returns its slot; the caller checks size > 0 first. */
  pop(): number {
    const h = this.#heap;
    const top = h[2];
    this.poppedTime = h[0];
    this.poppedOrder = h[1];
    const last = --this.#size;
    if (last === 0) return top;
    const lo = last * STRIDE;
    const time = h[lo];
    const order = h[lo + 1];
    const slot = h[lo + 2];
    // Move the hole at the root down to a leaf along the smallest children.
    let i = 0;
    for (;;) {
      const first = (i << 2) + 1;
      if (first >= last) break;
      let best = first;
      let bo = first * STRIDE;
      let bt = h[bo];
      let bord = h[bo + 1];
      const end = first + 4 < last ? first + 4 : last;
      for (let c = first + 1; c < end; c++) {
        const co = c * STRIDE;
        const ct = h[co];
        if (ct < bt || (ct === bt && h[co + 1] < bord)) {
          best = c;
          bo = co;
          bt = ct;
          bord = h[co + 1];
        }
      }
      const io = i * STRIDE;
      h[io] = bt;
      h[io + 1] = bord;
      h[io + 2] = h[bo + 2];
      i = best;
    }
    this.#siftUp(i, time, order, slot);
    return top;
  }

  /** Removes every entry, calling `visit` on each (in no particular order). */
  drain(visit: (time: number, order: number, slot: number) => void): void {
    const h = this.#heap;
    const n = this.#size;
    this.#size = 0;
    for (let o = 0; o < n * STRIDE; o += STRIDE) visit(h[o], h[o + 1], h[o + 2]);
  }

  #siftUp(start: number, time: number, order: number, slot: number): void {
    const h = this.#heap;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const po = parent * STRIDE;
      const pt = h[po];
      if (pt < time || (pt === time && h[po + 1] < order)) break;
      const io = i * STRIDE;
      h[io] = pt;
      h[io + 1] = h[po + 1];
      h[io + 2] = h[po + 2];
      i = parent;
    }
    const io = i * STRIDE;
    h[io] = time;
    h[io + 1] = order;
    h[io + 2] = slot;
  }

  #grow(): void {
    this.#heap = grown(this.#heap, this.#heap.length * 2);
  }
}
