// Batched stdout. On Linux, writes to files and pipes are synchronous in Node (docs: "A note on process I/O"),
// so batching lines into ~1 MiB writes keeps a million-line listing fast without holding it in memory.

export class Output {
  private buf: string[] = [];
  private size = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {}

  line(s: string): void {
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buf.length === 0) return;
    this.stream.write(this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
}
