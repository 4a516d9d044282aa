// A concurrency-limit algorithm of your own: a pure state machine fed one sample per finished
// request (its time at the node, the requests in flight, whether it was dropped). This one is
// additive increase, multiplicative decrease: `cluster.node.limit: { kind: myAimd, backoff: 0.5, slowMs: 5 }`.
import { registerLimit, runScenario, type Limit } from "relisim";

registerLimit<{ backoff: number; slow: number }>("myAimd", {
  params: ({ backoff = 0.9, slowMs = 1000 }) => {
    if (typeof backoff !== "number" || !(backoff > 0 && backoff < 1)) throw new Error(`backoff: expected a factor in (0, 1), got ${JSON.stringify(backoff)}`);
    if (typeof slowMs !== "number" || !(slowMs > 0)) throw new Error(`slowMs: expected a number of ms > 0, got ${JSON.stringify(slowMs)}`);
    return { backoff, slow: slowMs * 1000 }; // times are µs inside
  },
  // One limit per node; `current` must stay a finite number >= 1.
  create: ({ params }): Limit => {
    let current = 20;
    return {
      get current() {
        return current;
      },
      onSample({ rtt, inflight, dropped }) {
        if (dropped || rtt > params.slow) current = Math.floor(current * params.backoff);
        else if (inflight * 2 >= current) current += 1;
        current = Math.min(1000, Math.max(1, current));
      },
    };
  },
});

// Overloaded nodes (4 slots each, 6,000 requests/s on three nodes) behind the limit.
const scenario = (limit: string) => ({
  name: "limit.yaml",
  text: `
seed: 2
duration: 10s
cluster:
  regions: [{ name: r1, zones: [a, b, c], nodesPerZone: 1 }]
  node: { concurrency: 4, limit: ${limit} }
workload: { rate: 6000/s }
`,
});
export const mine = runScenario(scenario("{ kind: myAimd, backoff: 0.5, slowMs: 5 }"));
// The built-in aimd with the same knobs makes the same decisions, so the outcome is the same.
export const builtIn = runScenario(scenario("{ kind: aimd, backoff: 0.5, timeout: 5ms }"));
console.log(`shed: ${mine.requests.shed} (mine), ${builtIn.requests.shed} (built-in aimd)`);
