import { expect, test } from "vitest";
import { eligiblePosition } from "../../../../src/model/client/balancer/avoid-position.js";
import { ReplicaFirstSample } from "../../../../src/model/client/balancer/replica-first-sample.js";

/** A recorded stream of uniforms, so two samplers can be held to the same draws. */
function uniforms(seed: number) {
  let x = seed >>> 0;
  const drawn: number[] = [];
  const source = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    drawn.push(x / 4294967296);
    return x / 4294967296;
  };
  return { source, drawn };
}

/** The definition: [replicas in candidate order | others reversed], then a partial Fisher–Yates. */
function reference(candidates: number[], replicas: number[], eligible: number, skip: number, n: number, source: () => number) {
  const layout: number[] = [];
  const others: number[] = [];
  for (let k = 0; k < eligible; k++) {
    const p = eligiblePosition(k, skip);
    if (replicas.includes(candidates[p])) layout.push(p);
    else others.unshift(p);
  }
  const front = layout.length;
  layout.push(...others);
  const wanted = Math.min(eligible, Math.max(n, front));
  for (let k = front; k < wanted; k++) {
    const j = k + Math.floor(source() * (eligible - k));
    [layout[k], layout[j]] = [layout[j], layout[k]];
  }
  return { positions: layout.slice(0, wanted), replicas: front };
}

test("on sorted candidates the O(sample) way gives exactly the sample and the draws of the definition", () => {
  const pick = uniforms(99);
  const sampler = new ReplicaFirstSample();
  for (let trial = 0; trial < 5_000; trial++) {
    // Sorted distinct node indices with gaps, as a region's live nodes are.
    const size = 1 + Math.floor(pick.source() * 40);
    const candidates: number[] = [];
    let node = Math.floor(pick.source() * 5);
    for (let i = 0; i < size; i++) candidates.push((node += 1 + Math.floor(pick.source() * 3)));
    const replicas: number[] = [];
    const rf = Math.floor(pick.source() * 6);
    for (let r = 0; r < rf; r++) {
      // Some replicas are candidates, some are not (down, or in another region).
      const n = pick.source() < 0.7 ? candidates[Math.floor(pick.source() * size)] : node + 1 + r;
      if (!replicas.includes(n)) replicas.push(n);
    }
    const skip = size > 1 && pick.source() < 0.4 ? Math.floor(pick.source() * size) : -1;
    const eligible = skip >= 0 ? size - 1 : size;
    const n = 1 + Math.floor(pick.source() * 5);
    const seed = Math.floor(pick.source() * 2 ** 31);
    const ours = uniforms(seed);
    const theirs = uniforms(seed);
    const wanted = sampler.take(candidates, replicas, eligible, skip, n, ours.source);
    const want = reference(candidates, replicas, eligible, skip, n, theirs.source);
    expect([...sampler.positions.subarray(0, wanted)]).toEqual(want.positions);
    expect(sampler.replicas).toBe(want.replicas);
    expect(ours.drawn).toEqual(theirs.drawn);
  }
});

test("unsorted candidates take the dense way, with the same result", () => {
  const sampler = new ReplicaFirstSample();
  const candidates = [7, 3, 9, 1, 4, 8];
  const ours = uniforms(5);
  const theirs = uniforms(5);
  const wanted = sampler.take(candidates, [9, 4], 5, 1, 3, ours.source);
  const want = reference(candidates, [9, 4], 5, 1, 3, theirs.source);
  expect([...sampler.positions.subarray(0, wanted)]).toEqual(want.positions);
  expect(ours.drawn).toEqual(theirs.drawn);
});
