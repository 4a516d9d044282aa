import { afterEach, describe, expect, test } from "vitest";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { seconds } from "../../../src/engine/time.js";
import { faultKindRegistry, planExtensionFault, type FaultNode, type Undo } from "../../../src/model/faults/fault-kind-registry.js";
import { World } from "../../../src/model/world.js";
import { tinySimulation } from "../tiny-world.js";

// Zones a, b, c with one node each (indices 0, 1, 2); a registered kind acting through the handles.
function setup() {
  const world = new World(tinySimulation().world, 1, { requests: { onRequestDone: () => {} } });
  return { cluster: world.cluster, fw: { engine: world.engine, cluster: world.cluster, clients: [] } };
}
const at = seconds(10);
const off: Array<() => void> = [];
afterEach(() => off.splice(0).forEach((f) => f()));

/** Registers a kind whose start runs `act` on each target node, and whose end undoes it. */
function kind(name: string, act: (n: FaultNode) => Undo[]): void {
  off.push(
    faultKindRegistry.register(name, {
      create: ({ nodes }) => {
        let undo: Undo[] = [];
        return { start: () => void (undo = nodes.flatMap(act)), end: () => undo.forEach((u) => u()) };
      },
    }),
  );
}
const plan = (w: ReturnType<typeof setup>, name: string, target: { zone: string } | { all: true }, stream = `faults/${name}/0`) =>
  planExtensionFault({ kind: "extension", name, params: {}, stream, at, target }, w.fw, new RandomStreams(1));

describe("a registered fault kind's node handles", () => {
  test("each verb acts on the target's nodes only and its undo restores them; a second undo does nothing", () => {
    kind("both", (n) => [n.crash(), n.slowDisk(3)]);
    const w = setup();
    const fault = plan(w, "both", { zone: "b" });
    expect(fault.target).toBe("zone b");
    fault.start();
    expect(w.cluster.nodes.map((n) => [n.up, n.diskFactor])).toEqual([[true, 1], [false, 3], [true, 1]]);
    fault.end();
    fault.end(); // undone once only: a second recover would end someone else's crash
    expect(w.cluster.nodes.map((n) => [n.up, n.diskFactor])).toEqual([[true, 1], [true, 1], [true, 1]]);
  });

  test("an undo ends only its own action: a node crashed twice stays down until both end", () => {
    const w = setup();
    const node0 = (name: string) => {
      kind(name, (n) => (n.id === "a/0" ? [n.crash()] : []));
      return plan(w, name, { all: true });
    };
    const first = node0("first");
    const second = node0("second");
    first.start();
    second.start();
    first.end();
    first.end();
    expect(w.cluster.nodes[0].up).toBe(false);
    second.end();
    expect(w.cluster.nodes[0].up).toBe(true);
  });

  test("failing attempts marks the nodes impaired while it lasts; bad arguments are RangeErrors", () => {
    kind("fail", (n) => [n.failAttempts(1, "throttled"), n.failReplicaWork(0.5), n.gcStorm(1000, 500)]);
    const w = setup();
    const fault = plan(w, "fail", { all: true });
    fault.start();
    expect(w.cluster.nodes.map((n) => n.impaired)).toEqual([true, true, true]);
    fault.end();
    expect(w.cluster.nodes.map((n) => n.impaired)).toEqual([false, false, false]);
    kind("bad", (n) => [n.failReplicaWork(2)]);
    expect(() => plan(w, "bad", { all: true }).start()).toThrow(/share must be in \[0, 1\], got 2/);
    kind("bad2", (n) => [n.slowDisk(0)]);
    expect(() => plan(w, "bad2", { all: true }).start()).toThrow(/factor must be a finite number > 0/);
    kind("bad3", (n) => [n.failAttempts(1, "timeout" as never)]);
    expect(() => plan(w, "bad3", { all: true }).start()).toThrow(/no error class "timeout"/);
  });

  test("a kind no one registered in this thread is an error naming it", () => {
    expect(() => plan(setup(), "ghost", { all: true })).toThrow(/no fault kind "ghost" is registered in this thread/);
  });
});
