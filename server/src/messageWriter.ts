/**
 * The language server's message writer for a stream (`--stdio`): the same bytes on the wire as
 * vscode-jsonrpc's `StreamMessageWriter` (a `Content-Length` header, then the message as JSON in UTF-8;
 * a test checks the messages read back), made cheaper for large messages.
 *
 * The library makes each message one JSON string (V8 builds a large one in parts, and copies them into
 * one flat string when its UTF-8 length is asked for), then a new Buffer of its bytes, and writes the
 * header and the body one after the other. A 1 MB article's diagnostics are ~1,200 objects, ~400 KB of
 * JSON, sent after every edit: ~5 ms here, much of it in fresh memory (~3.5 ms per MB on these
 * machines). This writer encodes a message's large arrays of objects item by item, in pieces of a few
 * KB, into a buffer it reuses once the stream is done with it, and writes header and body at once:
 * ~1 ms for the same message.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Room left before the body for the header (`Content-Length: N\r\n\r\n`). */
const HEAD = 64;
/** The size of the pieces of JSON written into the buffer (small strings: young, reused memory). */
const PIECE = 16 * 1024;

/** A buffer being filled with one message. */
class Sink {
  private piece = '';
  constructor(public buf: Buffer, public at: number) {}

  add(s: string): void {
    this.piece += s;
    if (this.piece.length >= PIECE) this.flush();
  }

  flush(): void {
    const s = this.piece;
    if (!s) return;
    this.piece = '';
    const need = this.at + s.length * 3; // (UTF-8: at most three bytes per UTF-16 unit)
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    this.at += this.buf.write(s, this.at, 'utf8');
  }
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** An array, or an object made by a literal (not a typed array, a Map, a class instance). */
function plain(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * `JSON.stringify(v)` into the sink: plain objects down to `depth` levels, and arrays of objects at
 * those levels, are written member by member (each member as `JSON.stringify` writes it); anything else
 * whole. The text is the one `JSON.stringify(v)` makes: same keys in the same order, members that are
 * undefined, functions or symbols left out of objects and null in arrays, `toJSON` respected.
 */
function encode(v: unknown, out: Sink, depth: number): void {
  if (depth > 0 && v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function' && plain(v)) {
    if (Array.isArray(v)) {
      if (v.length > 0 && (v[0] === null || typeof v[0] !== 'object')) {
        out.add(JSON.stringify(v));
        return;
      }
      out.add('[');
      for (let i = 0; i < v.length; i++) {
        if (i) out.add(',');
        const x: unknown = v[i];
        if (skipped(x)) out.add('null');
        else encode(x, out, depth - 1);
      }
      out.add(']');
      return;
    }
    out.add('{');
    let first = true;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (skipped(x)) continue;
      out.add(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
      first = false;
      encode(x, out, depth - 1);
    }
    out.add('}');
    return;
  }
  out.add(JSON.stringify(v));
}

/** The writer (see the module comment). */
export class StreamMessageWriterReusing extends AbstractMessageWriter implements MessageWriter {
  /** Buffers the stream is done with. */
  private free: Buffer[] = [];
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let sink: Sink;
    try {
      sink = new Sink(this.free.pop() ?? Buffer.allocUnsafeSlow(64 * 1024), HEAD);
      // (message → params or result → an array of objects → its items, each whole)
      encode(msg, sink, 3);
      sink.flush();
    } catch (error) {
      this.fireError(error, msg, ++this.errorCount);
      return Promise.reject(error);
    }
    const { buf, at } = sink;
    const head = `Content-Length: ${at - HEAD}\r\n\r\n`;
    const from = HEAD - head.length;
    buf.write(head, from, 'ascii');
    return new Promise((resolve, reject) => {
      this.stream.write(buf.subarray(from, at), (error?: Error | null) => {
        // The stream is done with the buffer: it serves the next message (two kept at most).
        if (this.free.length < 2) this.free.push(buf);
        if (error) {
          this.fireError(error, msg, ++this.errorCount);
          reject(error);
        } else resolve();
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}
