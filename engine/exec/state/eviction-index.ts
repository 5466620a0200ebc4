/**
 * State keys bucketed by the time at which they expire (a window's end, a dedup key's
 * event time, a session's end), so that eviction touches only what expires: Spark scans
 * the whole store each batch (WatermarkSupport.removeKeysOlderThanWatermark); here the
 * distinct expiry times sit in a binary min-heap and each time owns the keys that expire
 * then. Windows share end times, so a batch of many rows adds few heap entries.
 *
 * Entries may go stale (a key removed or re-timed meanwhile): `takeExpired` returns the
 * candidates and the caller checks them against the store. Cost: O(log T) per new time,
 * O(expired keys + log T) per eviction.
 */
export class EvictionIndex {
  private readonly heap: number[] = [];
  private readonly buckets = new Map<number, string[]>();

  get size(): number {
    return this.heap.length;
  }

  add(time: number, key: string): void {
    let bucket = this.buckets.get(time);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(time, bucket);
      this.push(time);
    }
    bucket.push(key);
  }

  /** The earliest expiry time indexed, or Infinity. */
  peek(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0];
  }

  /** Removes and returns the keys of every time <= `watermark`, earliest first. */
  takeExpired(watermark: number): string[] {
    const out: string[] = [];
    while (this.heap.length > 0 && this.heap[0] <= watermark) {
      const t = this.pop();
      const bucket = this.buckets.get(t)!;
      this.buckets.delete(t);
      for (const k of bucket) out.push(k);
    }
    return out;
  }

  clear(): void {
    this.heap.length = 0;
    this.buckets.clear();
  }

  private push(t: number): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p] <= t) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = t;
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r] < h[l] ? r : l;
        if (h[c] >= last) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
