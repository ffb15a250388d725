/**
 * Fixed-size sets of document ordinals as 32-bit words: the search index keeps one per facet value,
 * and a query is a handful of word-wise AND/OR passes.
 */
export type Bitset = Uint32Array;

/**
 * An empty set able to hold ordinals 0..size-1.
 * @example has(bitsetOf(10, [3]), 3) // true
 */
export function emptyBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

/** Every ordinal 0..size-1. */
export function fullBitset(size: number): Bitset {
  const bits = emptyBitset(size);
  bits.fill(0xffffffff);
  const tail = size & 31;
  if (tail !== 0) bits[bits.length - 1] = (1 << tail) - 1;
  return bits;
}

/** A set holding exactly the given ordinals. */
export function bitsetOf(size: number, ordinals: Iterable<number>): Bitset {
  const bits = emptyBitset(size);
  for (const ordinal of ordinals) add(bits, ordinal);
  return bits;
}

export function add(bits: Bitset, ordinal: number): void {
  bits[ordinal >>> 5] = (bits[ordinal >>> 5] as number) | (1 << (ordinal & 31));
}

export function remove(bits: Bitset, ordinal: number): void {
  bits[ordinal >>> 5] = (bits[ordinal >>> 5] as number) & ~(1 << (ordinal & 31));
}

export function has(bits: Bitset, ordinal: number): boolean {
  return (((bits[ordinal >>> 5] as number) >>> (ordinal & 31)) & 1) === 1;
}

/** a ∩ b as a new set. */
export function and(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) & (b[i] as number);
  return out;
}

/** target ∪= source, in place. */
export function orInto(target: Bitset, source: Bitset): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) | (source[i] as number);
}

/** |a ∩ b| without materialising the intersection. */
export function andCount(a: Bitset, b: Bitset): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += popcount((a[i] as number) & (b[i] as number));
  return total;
}

/** |bits| */
export function count(bits: Bitset): number {
  let total = 0;
  for (let i = 0; i < bits.length; i++) total += popcount(bits[i] as number);
  return total;
}

/**
 * The ordinals of a set in ascending order.
 * @example [...ordinals(bitsetOf(64, [40, 2]))] // [2, 40]
 */
export function* ordinals(bits: Bitset): Generator<number> {
  for (let i = 0; i < bits.length; i++) {
    let word = bits[i] as number;
    while (word !== 0) {
      const low = word & -word;
      yield (i << 5) + 31 - Math.clz32(low);
      word ^= low;
    }
  }
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
