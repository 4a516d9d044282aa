/** How a probe's readings become a window's value. */
export type ProbeKind = "counter" | "gauge";

interface Probe {
  readonly read: () => number;
  /** For a ratio: the denominator's reading. */
  readonly per: (() => number) | undefined;
  readonly counter: boolean;
  last: number;
  lastPer: number;
}

/**
 * The extra columns of every window, read from the model when a window opens and closes (never
 * per event). A counter reports its increase over the window, a gauge its value at the window's
 * end, a ratio the increase of one counter over the increase of another (a time integral over
 * elapsed time, slot-time used over capacity-time), so a window of any length, the first after
 * a warm-up or a cut-short last one, is measured over exactly its own span.
 */
export class WindowProbes {
  readonly names: string[] = [];
  readonly #probes: Probe[] = [];

  /** A counter's increase over each window, or a gauge's value as each window closes. */
  add(name: string, read: () => number, kind: ProbeKind): void {
    const counter = kind === "counter";
    this.names.push(name);
    this.#probes.push({ read, per: undefined, counter, last: counter ? read() : 0, lastPer: 0 });
  }

  /** Δ`numerator` / Δ`denominator` over each window; 0 when the denominator did not grow. */
  addRatio(name: string, numerator: () => number, denominator: () => number): void {
    this.names.push(name);
    this.#probes.push({ read: numerator, per: denominator, counter: true, last: numerator(), lastPer: denominator() });
  }

  /** A window opens: counters start from here (what came before, e.g. a warm-up, is left out). */
  open(): void {
    for (const p of this.#probes) {
      if (!p.counter) continue;
      p.last = p.read();
      if (p.per) p.lastPer = p.per();
    }
  }

  /** The window closes: each probe's value, in `names` order; the next window starts here. */
  close(): number[] {
    return this.#probes.map((p) => {
      const value = p.read();
      if (!p.counter) return value;
      const delta = value - p.last;
      p.last = value;
      if (!p.per) return delta;
      const per = p.per();
      const span = per - p.lastPer;
      p.lastPer = per;
      return span > 0 ? delta / span : 0;
    });
  }
}
