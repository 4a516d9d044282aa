import type { Action } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { PauseGate, type Pausable } from "../gc-pauses.js";
import type { ClientStats } from "./client-stats.js";

/**
 * A client's stop-the-world pauses (its runtime's GC): while paused, the timers that come due and
 * the answers that arrive wait; at resume the due timers run first, then the buffered answers, as
 * in a real runtime.
 */
export class ClientPause implements Pausable {
  #paused = false;
  readonly #stats: ClientStats;
  readonly #timers = new PauseGate();
  readonly #answers = new PauseGate();

  constructor(stats: ClientStats) {
    this.#stats = stats;
  }

  get paused(): boolean {
    return this.#paused;
  }

  pauseStarted(length: Micros): void {
    this.#paused = true;
    this.#stats.pauses++;
    this.#stats.pausedTime += length;
  }

  pauseEnded(): void {
    this.#paused = false;
    this.#timers.release();
    this.#answers.release();
  }

  /** A timer action that waits for the end of a pause before running. */
  gate<T>(action: Action<T>): Action<T> {
    return (arg: T) => {
      if (this.#paused) this.#timers.hold(action, arg);
      else action(arg);
    };
  }

  /** Holds a timer action that came due in a pause until it ends (call only while paused). */
  holdTimer<T>(action: Action<T>, arg: T): void {
    this.#timers.hold(action, arg);
  }

  /** Holds an answer until the pause ends (call only while paused). */
  holdAnswer<T>(deliver: Action<T>, answer: T): void {
    this.#answers.hold(deliver, answer);
  }
}
