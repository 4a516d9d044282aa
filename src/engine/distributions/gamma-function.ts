// Lanczos approximation with g = 7 and 9 coefficients: relative error about 1e-15 for x > 0.
const G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** The gamma function Γ(x) for x > 0 (Infinity once it exceeds the largest double). */
export function gammaFunction(x: number): number {
  if (!(x > 0)) throw new RangeError(`gammaFunction: x must be greater than 0, got ${x}`);
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + G + 0.5;
  // Through logarithms, so t^(z+0.5) cannot overflow while Γ(x) itself is still finite.
  return Math.exp(HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum));
}
