import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Spool } from './ws';

/** JSON that keeps Dates: `{"$date": ISO}` on the way out, a Date on the way back. */
function encode(item: unknown): string {
  return JSON.stringify(item, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}
function decode<T>(line: string): T {
  return JSON.parse(line, (_key, value) =>
    value && typeof value === 'object' && typeof value.$date === 'string' && Object.keys(value).length === 1 ? new Date(value.$date) : value,
  ) as T;
}

/**
 * A Batcher's overflow on local disk: one JSON line per event, appended in arrival order and read
 * back from a cursor (its byte offset kept beside the file, so a restarted worker replays only
 * what was not yet taken). Bounded memory: reading takes the next `count` lines in 1 MiB chunks.
 * A process that stops cleanly puts what it still held in memory back at the head.
 */
export class FileSpool<T> implements Spool<T> {
  private readonly offsetFile: string;
  private offset = 0;
  private remaining = 0;

  constructor(private readonly file: string) {
    this.offsetFile = `${file}.offset`;
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file)) {
      this.offset = existsSync(this.offsetFile) ? Number(readFileSync(this.offsetFile, 'utf8')) || 0 : 0;
      this.remaining = this.countLinesFrom(this.offset);
    }
  }

  pendingAtStart(): number {
    return this.remaining;
  }

  append(items: T[]): void {
    if (items.length === 0) return;
    appendFileSync(this.file, items.map((item) => `${encode(item)}\n`).join(''));
    this.remaining += items.length;
  }

  take(count: number): T[] {
    if (count <= 0 || this.remaining === 0 || !existsSync(this.file)) return [];
    const fd = openSync(this.file, 'r');
    const items: T[] = [];
    try {
      const chunk = Buffer.alloc(1 << 20);
      let carry = '';
      let position = this.offset;
      while (items.length < count) {
        const read = readSync(fd, chunk, 0, chunk.length, position);
        if (read === 0) break;
        position += read;
        const text = carry + chunk.toString('utf8', 0, read);
        let start = 0;
        for (let newline = text.indexOf('\n'); newline !== -1 && items.length < count; newline = text.indexOf('\n', start)) {
          items.push(decode<T>(text.slice(start, newline)));
          start = newline + 1;
        }
        carry = text.slice(start);
        if (items.length >= count) {
          // Give back what was read past the last taken line.
          position -= Buffer.byteLength(carry);
          carry = '';
          break;
        }
      }
      this.offset = position - Buffer.byteLength(carry);
    } finally {
      closeSync(fd);
    }
    this.remaining -= items.length;
    writeFileSync(this.offsetFile, String(this.offset));
    if (this.remaining <= 0) this.clear();
    return items;
  }

  prepend(items: T[]): void {
    if (items.length === 0) return;
    const rest = existsSync(this.file) ? readFileSync(this.file).subarray(this.offset) : Buffer.alloc(0);
    writeFileSync(this.file, Buffer.concat([Buffer.from(items.map((item) => `${encode(item)}\n`).join('')), rest]));
    writeFileSync(this.offsetFile, '0');
    this.offset = 0;
    this.remaining += items.length;
  }

  clear(): void {
    rmSync(this.file, { force: true });
    rmSync(this.offsetFile, { force: true });
    this.offset = 0;
    this.remaining = 0;
  }

  private countLinesFrom(offset: number): number {
    const data = readFileSync(this.file).subarray(offset);
    let lines = 0;
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) lines += 1;
    return lines;
  }
}
