/**
 * Baagøe's Alea generator on a Float64Array: four words per generator (s0, s1, s2, c), so many
 * generators can share one array, 32 bytes each, without an object or its boxed numbers per
 * generator. Seeded from a key as seedrandom's `alea(key)` is, it draws exactly what seedrandom
 * draws (test/engine/alea.test.ts holds it to seedrandom draw for draw).
 */

/** 2^−32: Alea's state words are multiples of it. */
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;
/** Words of one generator's state: s0, s1, s2, c. */
export const ALEA_WORDS = 4;

/** The key a relisim stream (rootSeed, name) is seeded with. */
export function streamKey(rootSeed: number, name: string): string {
  return `relisim\u0000${rootSeed}\u0000${name}`;
}

/** Seeds the generator whose ALEA_WORDS words start at `s[at]` as `streamFor(rootSeed, name)` is seeded. */
export function aleaSeed(s: Float64Array, at: number, rootSeed: number, name: string): void {
  seedAlea(s, at, streamKey(rootSeed, name));
}

/** The next uniform double in [0, 1) of the generator whose words start at `s[at]`. */
export function aleaNext(s: Float64Array, at: number): number {
  const t = 2091639 * s[at] + s[at + 3] * TWO_TO_MINUS_32;
  s[at] = s[at + 1];
  s[at + 1] = s[at + 2];
  const carry = t | 0;
  s[at + 3] = carry;
  return (s[at + 2] = t - carry);
}

/** Baagøe's seeding, as seedrandom's `alea(key)` does it: three Mash passes over " ", then three over the key. */
export function seedAlea(s: Float64Array, at: number, key: string): void {
  let n = 0xefc8249d;
  for (let i = 0; i < 3; i++) {
    n = mash(n, " ");
    s[at + i] = (n >>> 0) * TWO_TO_MINUS_32;
  }
  for (let i = 0; i < 3; i++) {
    n = mash(n, key);
    let word = s[at + i] - (n >>> 0) * TWO_TO_MINUS_32;
    if (word < 0) word += 1;
    s[at + i] = word;
  }
  s[at + 3] = 1;
}

/** Baagøe's Mash: the hash state `n` after feeding it `data`'s UTF-16 code units. */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  return n;
}
