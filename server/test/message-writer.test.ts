/**
 * The server's stdio message writer (`StreamMessageWriterReusing`) puts on the wire what
 * vscode-jsonrpc's `StreamMessageWriter` does: a Content-Length header and the message's JSON
 * (`JSON.stringify`, byte for byte) in UTF-8, in order, with its buffers reused only once a stream is
 * done with them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { StreamMessageWriterReusing } from '../src/messageWriter';
import type { Message } from 'vscode-languageserver/node';

/** A stream that keeps what is written, and finishes each write after `delayMs` (0: at once). */
function sinkStream(delayMs = 0): { stream: Writable; bytes: () => Buffer } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      parts.push(Buffer.from(chunk)); // (a copy: the writer may reuse its buffer after cb)
      if (delayMs) setTimeout(cb, delayMs);
      else cb();
    },
  });
  return { stream, bytes: () => Buffer.concat(parts) };
}

/** The messages in `bytes`, each checked to be `Content-Length: N\r\n\r\n` and N bytes of JSON. */
function parse(bytes: Buffer): { body: Buffer; msg: unknown }[] {
  const out: { body: Buffer; msg: unknown }[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at);
    assert.ok(end > at, 'a header');
    const head = bytes.subarray(at, end).toString('ascii');
    const m = /^Content-Length: (\d+)$/.exec(head);
    assert.ok(m, `header ${JSON.stringify(head)}`);
    const body = bytes.subarray(end + 4, end + 4 + Number(m[1]));
    assert.equal(body.length, Number(m[1]), 'the whole body is there');
    out.push({ body, msg: JSON.parse(body.toString('utf8')) });
    at = end + 4 + body.length;
  }
  return out;
}

function diagnosticsMessage(n: number, version: number): Message {
  const diagnostics = [];
  for (let i = 0; i < n; i++) {
    diagnostics.push({
      range: { start: { line: i, character: 3 }, end: { line: i, character: 40 } },
      severity: 2, source: 'news-lens', code: i % 2 ? 'vague-attribution' : 'unsourced-statistic',
      message: `A vague attribution (\u201Cexperts say\u201D, caf\u00E9 \u{1F600} "quoted" \\ back\nslash) #${i}`,
      data: i % 3 ? undefined : { skip: () => 1, keep: null },
    });
  }
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.news', version, diagnostics } } as Message;
}

const MESSAGES: Message[] = [
  { jsonrpc: '2.0', id: 1, result: null } as Message,
  { jsonrpc: '2.0', id: 2, result: { capabilities: { hoverProvider: true }, serverInfo: { name: 'news-lens' } } } as Message,
  { jsonrpc: '2.0', id: 3, result: { data: [0, 1, 2, 3, 4] } } as Message,
  { jsonrpc: '2.0', id: 4, result: [[{ a: 1 }], [], [null, 2], new Int32Array([5, 6])] } as unknown as Message,
  { jsonrpc: '2.0', id: 5, result: [{ toJSON: () => 'via toJSON' }, new Map([[1, 2]]), undefined, Symbol('s')] } as unknown as Message,
  { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'a line\twith \u2028 separators' } } as Message,
  diagnosticsMessage(3, 7),
  diagnosticsMessage(2500, 8), // ~500 KB: the buffer grows
  diagnosticsMessage(0, 9),
];

test('the writer sends each message as JSON.stringify makes it, with a correct Content-Length', async () => {
  const { stream, bytes } = sinkStream();
  const writer = new StreamMessageWriterReusing(stream);
  for (const m of MESSAGES) await writer.write(m);
  const got = parse(bytes());
  assert.equal(got.length, MESSAGES.length);
  for (let i = 0; i < MESSAGES.length; i++) {
    assert.equal(got[i].body.toString('utf8'), JSON.stringify(MESSAGES[i]), `message ${i}`);
    assert.ok(got[i].body.equals(Buffer.from(JSON.stringify(MESSAGES[i]), 'utf8')), `message ${i}: the same bytes`);
  }
});

test('messages written before the stream is done with the last ones arrive whole and in order', async () => {
  const { stream, bytes } = sinkStream(5);
  const writer = new StreamMessageWriterReusing(stream);
  const all: Message[] = [];
  for (let v = 0; v < 6; v++) all.push(diagnosticsMessage(200 + v * 50, v));
  // Not awaited one by one: each is encoded while the stream still holds the ones before.
  await Promise.all(all.map((m) => writer.write(m)));
  for (const m of all) await writer.write(m); // and again, with reused buffers
  const got = parse(bytes());
  assert.equal(got.length, 12);
  got.forEach((g, i) => assert.deepEqual(g.msg, JSON.parse(JSON.stringify(all[i % 6])), `message ${i}`));
});

test('a failing stream rejects the write and reports the error', async () => {
  const stream = new Writable({ write(_c, _e, cb) { cb(new Error('pipe closed')); } });
  stream.on('error', () => {}); // (the writer also listens)
  const writer = new StreamMessageWriterReusing(stream);
  const errors: Error[] = [];
  writer.onError(([e]) => errors.push(e));
  await assert.rejects(writer.write(MESSAGES[0]), /pipe closed/);
  assert.ok(errors.some((e) => /pipe closed/.test(e.message)));
});
