/**
 * The young-generation collection at idle (`collectYoungNow`): V8 collects when asked with more than
 * a MB in use, and is left alone with less.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { collectYoungNow } from '../src/idleGc';

const used = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;

test('with more than a MB of young objects in use, the young generation is collected now', () => {
  let garbage: unknown[] = [];
  // Short-lived objects until over a MB is in use (a collection may happen on the way: start again).
  for (let round = 0; round < 50 && used() < 2 << 20; round++) {
    for (let i = 0; i < 5000; i++) garbage.push({ i, s: `item ${i}` });
    garbage = garbage.length > 50_000 ? [] : garbage;
  }
  garbage = [];
  const before = used();
  assert.ok(before >= 1 << 20, `set-up: ${before} bytes in use`);
  assert.equal(collectYoungNow(), true);
  assert.ok(used() < before, `${used()} bytes in use after, ${before} before`);
});

test('with little in use, nothing is done', () => {
  collectYoungNow(); // (collects what the test runner left, if it is over a MB)
  const before = used();
  assert.ok(before < 1 << 20, `${before} bytes in use after a collection`);
  assert.equal(collectYoungNow(), false);
});
