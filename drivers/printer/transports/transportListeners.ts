/** Data and link-lost listeners every transport keeps the same way. */
export class TransportListeners {
  private readonly data = new Set<(chunk: Buffer) => void>();
  private readonly lost = new Set<(reason: Error) => void>();

  onData(l: (chunk: Buffer) => void): () => void {
    this.data.add(l);
    return () => this.data.delete(l);
  }
  onLost(l: (reason: Error) => void): () => void {
    this.lost.add(l);
    return () => this.lost.delete(l);
  }
  emitData(chunk: Buffer): void {
    for (const l of this.data) l(chunk);
  }
  emitLost(reason: Error): void {
    for (const l of this.lost) l(reason);
  }
}
