/** Randomness and ids of the demo data's generators. */

/** mulberry32: small, fast, and the same sequence for a seed on every machine. */
export class Random {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  u32(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  next(): number {
    return this.u32() / 4294967296;
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** an index drawn by cumulative weights (the last one is the total) */
  weighted(cumulative: readonly number[]): number {
    const x = this.next() * (cumulative[cumulative.length - 1] as number);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number) =>
  (HEX[n >>> 24] as string) +
  (HEX[(n >>> 16) & 255] as string) +
  (HEX[(n >>> 8) & 255] as string) +
  (HEX[n & 255] as string);

/** A UUIDv7 for an instant, its random bits from the PRNG: sorts with the live ids by time. */
export function idAt(ms: number, r: Random): string {
  const hi = Math.floor(ms / 4294967296);
  const lo = ms >>> 0;
  const a = r.u32();
  return (
    `${HEX[(hi >>> 8) & 255]}${HEX[hi & 255]}${HEX[lo >>> 24]}${HEX[(lo >>> 16) & 255]}-` +
    `${HEX[(lo >>> 8) & 255]}${HEX[lo & 255]}-` +
    `${HEX[0x70 | ((a >>> 8) & 15)]}${HEX[a & 255]}-` +
    `${HEX[0x80 | ((a >>> 26) & 0x3f)]}${HEX[(a >>> 12) & 255]}-` +
    `${hex8(r.u32())}${HEX[(a >>> 20) & 63]}${HEX[r.u32() & 255]}`
  );
}
