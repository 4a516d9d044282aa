// A load balancer of your own: every client sends each request to one chosen node while it can
// (a "pinned" coordinator), else to the candidate with the fewest of its requests in flight.
// Scenarios name it as they name the built-ins: `clients.balancer: { policy: pinned, node: a/0 }`.
import { registerBalancer, runScenario } from "relisim";

registerBalancer<{ node: string }>("pinned", {
  // Runs when the scenario is validated: a thrown message is reported with the file and path.
  params: (raw) => {
    if (typeof raw.node !== "string") throw new Error(`node: expected a node id such as "a/0", got ${JSON.stringify(raw.node)}`);
    return { node: raw.node };
  },
  // Runs once per client; `random` is the client's own balancer stream (unused here).
  create: ({ params, nodes }) => {
    const pinned = nodes.findIndex((n) => n.id === params.node);
    if (pinned < 0) throw new Error(`no node ${params.node}`);
    return {
      pick(candidates, view, avoid) {
        if (pinned !== avoid && candidates.includes(pinned)) return pinned;
        let best = candidates[0] === avoid && candidates.length > 1 ? candidates[1] : candidates[0];
        for (const n of candidates) if (n !== avoid && view.outstanding[n] < view.outstanding[best]) best = n;
        return best;
      },
    };
  },
});

// Node a/0 fails every attempt it coordinates for 20 s of the minute; without retries, pinning
// the clients to it loses about a third of the requests.
export const outcome = runScenario({
  name: "pinned.yaml",
  text: `
seed: 1
duration: 1m
cluster:
  regions: [{ name: r1, zones: [a, b, c], nodesPerZone: 1 }]
workload: { rate: 100/s }
clients: { balancer: { policy: pinned, node: a/0 }, retries: false }
faults:
  timeline: [{ kind: attemptErrors, probability: 1, at: 20s, for: 20s, node: a/0 }]
`,
});
console.log(`availability with every client pinned to a/0: ${(outcome.availability * 100).toFixed(1)}%`);
