/** Bytes of one stream kept for the result at most: its head and its tail. */
export const CAPTURE_BYTES = 32 * 1024;

/**
 * Keeps the head and the tail of a stream and counts every byte, so a command that writes a
 * gigabyte costs a few kilobytes of memory. `text()` marks what was cut out in the middle.
 */
export class OutputCapture {
  total = 0;
  readonly #headLimit: number;
  readonly #tailLimit: number;
  readonly #head: Buffer[] = [];
  #headSize = 0;
  #tail: Buffer[] = [];
  #tailSize = 0;

  constructor(capacity = CAPTURE_BYTES) {
    this.#headLimit = Math.floor(capacity / 4);
    this.#tailLimit = capacity - this.#headLimit;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.#headSize < this.#headLimit) {
      const take = rest.subarray(0, this.#headLimit - this.#headSize);
      this.#head.push(take);
      this.#headSize += take.length;
      rest = rest.subarray(take.length);
    }
    if (rest.length === 0) return;
    this.#tail.push(rest);
    this.#tailSize += rest.length;
    if (this.#tailSize > this.#tailLimit * 2) this.#trimTail();
  }

  #trimTail(): void {
    const joined = Buffer.concat(this.#tail);
    const kept = Buffer.from(joined.subarray(joined.length - this.#tailLimit));
    this.#tail = [kept];
    this.#tailSize = kept.length;
  }

  /** Whether bytes were dropped from the middle. */
  get truncated(): boolean {
    return this.total > this.#headSize + Math.min(this.#tailSize, this.#tailLimit);
  }

  /** The head, a `[… N bytes cut …]` line where bytes were dropped, and the tail. */
  text(): string {
    if (this.#tailSize > this.#tailLimit) this.#trimTail();
    const head = Buffer.concat(this.#head).toString("utf8");
    const tail = Buffer.concat(this.#tail).toString("utf8");
    if (!this.truncated) return head + tail;
    const cut = this.total - this.#headSize - this.#tailSize;
    return `${head}\n[… ${cut} bytes cut …]\n${tail}`;
  }
}
