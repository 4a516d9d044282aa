// A fault kind of your own: when a timeline entry of the kind starts, it acts on the nodes of its
// target through a few verbs (crash, slowDisk, failReplicaWork, failAttempts, gcStorm), each
// returning its undo; when the entry ends, it undoes them.
// `faults.timeline: [{ kind: brownout, at: 20s, for: 20s, zone: a, slowdown: 4, errors: 20% }]`
import { registerFaultKind, runScenario, type Undo } from "relisim";

registerFaultKind<{ slowdown: number; errors: number }>("brownout", {
  params: ({ slowdown, errors }) => {
    if (typeof slowdown !== "number" || slowdown < 1) throw new Error(`slowdown: expected a factor >= 1, got ${JSON.stringify(slowdown)}`);
    const share = typeof errors === "string" && errors.endsWith("%") ? Number(errors.slice(0, -1)) / 100 : errors;
    if (typeof share !== "number" || !(share >= 0 && share <= 1)) throw new Error(`errors: expected a share such as 20%, got ${JSON.stringify(errors)}`);
    return { slowdown, errors: share };
  },
  // Once per timeline entry; `random` is the entry's own stream (unused here).
  create: ({ params, nodes }) => {
    let undo: Undo[] = [];
    return {
      start() {
        undo = nodes.flatMap((n) => [n.slowDisk(params.slowdown), n.failAttempts(params.errors)]);
      },
      end() {
        undo.forEach((u) => u());
      },
    };
  },
});

const scenario = (timeline: string) => ({
  name: "brownout.yaml",
  text: `
seed: 3
duration: 1m
cluster:
  regions: [{ name: r1, zones: [a, b, c], nodesPerZone: 2 }]
workload: { rate: 200/s }
clients: { retries: false }
faults:
  timeline: ${timeline}
`,
});
export const brownout = runScenario(scenario("[{ kind: brownout, at: 20s, for: 20s, zone: a, slowdown: 4, errors: 20% }]"));
// The same as two built-in faults over the same window.
export const builtIns = runScenario(scenario(`
    - { kind: diskDegradation, at: 20s, for: 20s, zone: a, factor: 4 }
    - { kind: attemptErrors, at: 20s, for: 20s, zone: a, probability: 0.2 }`));
console.log(`availability: ${brownout.availability} (brownout), ${builtIns.availability} (built-ins)`);
