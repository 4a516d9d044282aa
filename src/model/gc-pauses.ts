import type { Action, Engine, TimerId } from "../engine/engine.js";
import type { Source } from "../engine/random-streams.js";
import { makeSampler } from "../engine/sampler.js";
import type { Micros } from "../engine/time.js";
import type { PauseConfig } from "./config.js";

/** Who is paused: told when a pause starts (with its length) and when it ends. */
export interface Pausable {
  pauseStarted(length: Micros): void;
  pauseEnded(): void;
}

/**
 * What a paused process does with the calls that reach it (timers, messages): holds them, and at
 * resume hands them on in the order they came. The client and the server hold their calls alike.
 */
export class PauseGate {
  #actions: Action[] = [];
  #args: unknown[] = [];
  /** When each call was held (0 when the holder did not say). */
  #times: number[] = [];

  /** Holds `action(arg)` until `release`; `at`: when it came, handed back on release. */
  hold<T>(action: Action<T>, arg: T, at = 0): void {
    this.#actions.push(action);
    this.#args.push(arg);
    this.#times.push(at);
  }

  /**
   * Runs the held calls in the order they came, through `run` when given (the server re-delivers
   * them, told when each came). Calls held while they run wait for the next release.
   */
  release(run?: (action: Action, arg: unknown, at: number) => void): void {
    const actions = this.#actions;
    const args = this.#args;
    const times = this.#times;
    this.#actions = [];
    this.#args = [];
    this.#times = [];
    if (run === undefined) for (let i = 0; i < actions.length; i++) actions[i](args[i]);
    else for (let i = 0; i < actions.length; i++) run(actions[i], args[i], times[i]);
  }

  /** Forgets the held calls (the process died). */
  clear(): void {
    this.#actions = [];
    this.#args = [];
    this.#times = [];
  }
}

/**
 * Stop-the-world pauses (garbage collection): after an interval drawn from one distribution, a
 * pause drawn from another. The schedule can be swapped while running (a GC storm), and
 * stopped and restarted (a crashed process does not collect garbage).
 */
export class StopTheWorldPauses {
  readonly #engine: Engine;
  readonly #target: Pausable;
  readonly #intervalSource: Source;
  readonly #pauseSource: Source;
  #interval: () => number = () => 0;
  #pause: () => number = () => 0;
  #configs: PauseConfig[] = [];
  #base = false;
  #next: TimerId = 0;
  #paused = false;
  #running = false;
  #pauses = 0;
  #pausedTime = 0;
  #pauseStart = 0;

  constructor(engine: Engine, target: Pausable, base: PauseConfig | undefined, intervalSource: Source, pauseSource: Source) {
    this.#engine = engine;
    this.#target = target;
    this.#intervalSource = intervalSource;
    this.#pauseSource = pauseSource;
    if (base) this.#configs.push(base);
    this.#base = base !== undefined;
    this.#applyTop();
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Pauses so far and their total length in µs. */
  get stats(): { pauses: number; pausedTime: Micros } {
    return { pauses: this.#pauses, pausedTime: this.#pausedTime };
  }

  /** Starts drawing pauses (no-op without a schedule). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#arm();
  }

  /** Stops drawing pauses; a pause under way is cut short. */
  stop(): void {
    this.#running = false;
    this.#engine.cancel(this.#next);
    this.#next = 0;
    if (this.#paused) {
      this.#paused = false;
      this.#pausedTime += this.#engine.now - this.#pauseStart;
      this.#target.pauseEnded();
    }
  }

  /** Puts `config` on top of the schedule until `pop` is called with it. */
  push(config: PauseConfig): void {
    this.#configs.push(config);
    this.#applyTop();
    this.#rearm();
  }

  /** Drops every schedule pushed on top of the base one (a restarted process has a fresh heap). */
  clearPushed(): void {
    this.#configs.splice(this.#base ? 1 : 0);
    this.#applyTop();
    this.#rearm();
  }

  /** Removes `config` pushed earlier. */
  pop(config: PauseConfig): void {
    const i = this.#configs.lastIndexOf(config);
    if (i >= 0) this.#configs.splice(i, 1);
    this.#applyTop();
    this.#rearm();
  }

  #applyTop(): void {
    const top = this.#configs[this.#configs.length - 1];
    if (!top) return;
    this.#interval = makeSampler(top.interval, this.#intervalSource);
    this.#pause = makeSampler(top.pause, this.#pauseSource);
  }

  #rearm(): void {
    if (this.#paused || !this.#running) return;
    this.#engine.cancel(this.#next);
    this.#arm();
  }

  #arm(): void {
    if (!this.#running || this.#configs.length === 0) return;
    this.#next = this.#engine.schedule(Math.max(1, Math.round(this.#interval())), this.#begin);
  }

  #begin = (): void => {
    const length = Math.max(1, Math.round(this.#pause()));
    this.#paused = true;
    this.#pauses++;
    this.#pauseStart = this.#engine.now;
    this.#target.pauseStarted(length);
    this.#next = this.#engine.schedule(length, this.#end);
  };

  #end = (): void => {
    this.#paused = false;
    this.#pausedTime += this.#engine.now - this.#pauseStart;
    this.#target.pauseEnded();
    this.#arm();
  };
}
