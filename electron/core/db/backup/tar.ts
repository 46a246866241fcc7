/**
 * The backup's container: a POSIX ustar stream, written and read here as a stream (no dependency, no temporary
 * files). Tar because any support technician can open it (`tar -xzf`), and because each entry says its size up
 * front, so a reader knows where an entry ends without scanning for delimiters. The writer therefore needs each
 * entry's size before its bytes: collections are cut into bounded parts, files have their recorded length.
 */

const BLOCK = 512;
/** ustar's size field: 11 octal digits, 8 GiB less one byte. */
export const MAX_ENTRY_BYTES = 8 * 1024 ** 3 - 1;
const ZERO_BLOCK = Buffer.alloc(BLOCK);

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, length, 'ascii');
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0');
}

/** The 512-byte header of a regular file entry. Names are ASCII, ≤ 100 bytes (ours always are). */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (!/^[\x21-\x7e]{1,100}$/.test(name)) throw new Error(`tar: unsuitable entry name "${name}"`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ENTRY_BYTES)
    throw new Error(`tar: entry "${name}" is too large`);
  const header = Buffer.alloc(BLOCK);
  field(header, 0, 100, name);
  field(header, 100, 8, octal(0o600, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  field(header, 124, 12, octal(size, 12));
  field(header, 136, 12, octal(Math.floor(mtime.getTime() / 1000), 12));
  field(header, 148, 8, '        '); // the checksum is computed with its own field as spaces
  field(header, 156, 1, '0');
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, `${octal(sum, 7)}\0`);
  return header;
}

/** Zero bytes that pad an entry of `size` bytes to a whole block. */
export function tarPadding(size: number): Buffer {
  const rest = size % BLOCK;
  return rest === 0 ? Buffer.alloc(0) : ZERO_BLOCK.subarray(0, BLOCK - rest);
}

/** Two zero blocks end the archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

/** Why an archive cannot be read: the message says it in words the admin can act on. */
export class ArchiveError extends Error {
  constructor(
    readonly kind: 'foreign' | 'truncated' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** Reads exactly the bytes asked for from a stream of chunks, keeping at most one chunk in hand. */
class ByteReader {
  private buffered: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Up to `max` bytes (fewer only at the end of the stream; empty at its end). */
  async read(max: number): Promise<Buffer> {
    while (this.buffered.length === 0 && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffered = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
    const out = this.buffered.subarray(0, max);
    this.buffered = this.buffered.subarray(out.length);
    return out;
  }

  async exactly(n: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const piece = await this.read(n - got);
      if (piece.length === 0) return got === 0 ? null : Buffer.concat(parts, got);
      parts.push(piece);
      got += piece.length;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, got);
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** The entry's bytes in pieces; whatever is left unread when the next entry is asked for is skipped. */
  body: AsyncIterable<Buffer>;
}

function parseOctal(bytes: Buffer): number {
  const text = bytes.toString('ascii').replace(/\0.*$/s, '').trim();
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = parseOctal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return stored === sum;
}

const PIECE = 64 * 1024;

/**
 * The entries of a tar stream, one at a time. A stream that is not tar is `foreign`; one that ends inside an
 * entry or without the end blocks is `truncated`; a header with a wrong checksum is `corrupt`.
 */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  let first = true;
  for (;;) {
    const header = await reader.exactly(BLOCK);
    if (header === null || header.length < BLOCK) {
      throw first
        ? new ArchiveError('foreign', 'The file is not a Smart School CRM backup.')
        : new ArchiveError('truncated', 'The backup ends early: the file is incomplete.');
    }
    if (header.equals(ZERO_BLOCK)) return;
    if (header.toString('ascii', 257, 262) !== 'ustar') {
      throw first
        ? new ArchiveError('foreign', 'The file is not a Smart School CRM backup.')
        : new ArchiveError('corrupt', 'The backup is damaged (an entry header is unreadable).');
    }
    if (!checksumOk(header)) {
      throw new ArchiveError('corrupt', 'The backup is damaged (an entry header does not add up).');
    }
    first = false;
    const name = header.toString('ascii', 0, 100).replace(/\0.*$/s, '');
    const size = parseOctal(header.subarray(124, 136));
    if (!Number.isSafeInteger(size)) throw new ArchiveError('corrupt', 'The backup is damaged.');
    let left = size;
    const body = (async function* () {
      while (left > 0) {
        const piece = await reader.read(Math.min(left, PIECE));
        if (piece.length === 0)
          throw new ArchiveError('truncated', 'The backup ends early: the file is incomplete.');
        left -= piece.length;
        yield piece;
      }
    })();
    yield { name, size, body };
    // What the reader of the entry left unread is skipped.
    while (left > 0) {
      const piece = await reader.read(Math.min(left, PIECE));
      if (piece.length === 0)
        throw new ArchiveError('truncated', 'The backup ends early: the file is incomplete.');
      left -= piece.length;
    }
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad > 0 && (await reader.exactly(pad))?.length !== pad) {
      throw new ArchiveError('truncated', 'The backup ends early: the file is incomplete.');
    }
  }
}
