import type { RandomStreams } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { FaultsConfig } from "../config.js";
import { planFault, type FaultWorld } from "./fault-verbs.js";
import { planExtensionFault } from "./fault-kind-registry.js";

/** Something that wants to know when faults begin and end (metrics annotate episodes with it). */
export interface FaultObserver {
  /** `scripted`: the scenario's timeline put it there; otherwise a random failure process did. */
  onFault(event: { readonly kind: string; readonly target: string; readonly phase: "start" | "end"; readonly scripted: boolean }): void;
}

/**
 * Schedules the fault timeline (each fault starts at `at` and is undone after `for`, by its
 * kind's verbs) and the random node-failure processes (exponential time to failure, drawn repair
 * time), each node on its own stream so that adding a fault never moves another's failures.
 */
export function scheduleFaults(world: FaultWorld, config: FaultsConfig, streams: RandomStreams, observer?: FaultObserver): void {
  const { engine, cluster } = world;
  const notify = (kind: string, target: string, phase: "start" | "end", scripted = true) => observer?.onFault({ kind, target, phase, scripted });
  for (const event of config.timeline) {
    const fault = event.kind === "extension" ? planExtensionFault(event, world, streams) : planFault(event, world);
    // Reported under the name the scenario gave it, a program's own kinds too.
    const kind = event.kind === "extension" ? event.name : event.kind;
    engine.scheduleAt(event.at, () => {
      fault.start();
      notify(kind, fault.target, "start");
    });
    for (const [at, step] of fault.steps ?? []) engine.scheduleAt(at, step);
    const length = fault.for ?? event.for;
    if (length !== undefined) {
      engine.scheduleAt(event.at + length, () => {
        fault.end();
        notify(kind, fault.target, "end");
      });
    }
  }
  const failures = config.nodeFailures;
  if (!failures) return;
  for (const node of cluster.nodes) {
    const name = `faults/node-failures/${node.place.id}`;
    const up = makeSampler({ dist: "exponential", mean: failures.mtbf }, streams.stream(`${name}/up`));
    const repair = makeSampler(failures.mttr, streams.stream(`${name}/repair`));
    // A random node failure is a node crash, as the timeline's nodeCrash: reported alike, unscripted.
    const fail = () => {
      cluster.crash(node.place.index);
      notify("nodeCrash", node.place.id, "start", false);
      engine.schedule(Math.max(1, Math.round(repair())), heal);
    };
    const heal = () => {
      cluster.recover(node.place.index);
      notify("nodeCrash", node.place.id, "end", false);
      engine.schedule(Math.max(1, Math.round(up())), fail);
    };
    engine.schedule(Math.max(1, Math.round(up())), fail);
  }
}
