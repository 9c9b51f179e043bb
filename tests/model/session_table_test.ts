/**
 * The session table keeps each session in one record of a shared buffer: fields must not
 * overlap, must survive the buffer's growth, and a released slot must come back cleared of its
 * expiry and waiting state.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { SessionTable } from "../../sim/model/population/session_table.ts";

type Fields = [number, number, number, number, number, number, number, number, number, number];

function write(table: SessionTable, session: number, f: Fields): void {
  table.setCitizen(session, f[0]);
  table.setOperation(session, f[1]);
  table.setAttempt(session, f[2]);
  table.setRetries(session, f[3]);
  table.setPreviousDelay(session, f[4]);
  table.setStart(session, f[5]);
  table.setRetryAfter(session, f[6]);
  table.setClientClass(session, f[7]);
  table.setExpired(session, f[8]);
  table.setWaiting(session, f[9]);
}

function read(table: SessionTable, session: number): Fields {
  return [
    table.citizen(session),
    table.operation(session),
    table.attempt(session),
    table.retries(session),
    table.previousDelay(session),
    table.start(session),
    table.retryAfter(session),
    table.clientClass(session),
    table.expired(session),
    table.waiting(session),
  ];
}

const fieldsArbitrary = fc.tuple(
  fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  fc.double({ min: 0, max: 1e9, noNaN: true }),
  fc.double({ min: 0, max: 1e9, noNaN: true }),
  fc.double({ min: 0, max: 1e9, noNaN: true }),
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: 0, max: 1 }),
  fc.integer({ min: 0, max: 2 }),
) as fc.Arbitrary<Fields>;

Deno.test("session table: every field reads back what was written, across growth", () => {
  fc.assert(
    fc.property(fc.array(fieldsArbitrary, { minLength: 1, maxLength: 3000 }), (rows) => {
      const table = new SessionTable();
      const slots = rows.map((row) => {
        const session = table.allocate();
        write(table, session, row);
        return session;
      });
      // the table started with room for 1,024 sessions: more rows made it grow (and copy)
      rows.forEach((row, i) => assert.deepEqual(read(table, slots[i]), row));
    }),
    { numRuns: 20 },
  );
});

Deno.test("session table: a released slot is reused with its expiry and waiting cleared", () => {
  const table = new SessionTable();
  const first = table.allocate();
  const second = table.allocate();
  write(table, first, [7, 1, 2, 3, 0.5, 10, 0, 1, 1, 2]);
  write(table, second, [8, 4, 5, 6, 1.5, 20, 3, 0, 0, 1]);
  table.release(first);
  assert.deepEqual(table.allocate(), first);
  assert.deepEqual([table.expired(first), table.waiting(first)], [0, 0]);
  assert.deepEqual(read(table, second), [8, 4, 5, 6, 1.5, 20, 3, 0, 0, 1]);
});

Deno.test("session table: open fills a new session at its first operation", () => {
  const table = new SessionTable();
  const used = table.allocate();
  write(table, used, [3, 2, 9, 9, 4, 1, 5, 1, 1, 1]);
  table.release(used);
  const session = table.open(42, 1, 12.5, 2);
  assert.equal(session, used); // the released slot, with its old fields overwritten
  assert.deepEqual(read(table, session), [42, 0, 0, 0, 2, 12.5, 0, 1, 0, 0]);
});

Deno.test("session table: expiredCount counts the sessions whose admission expired", () => {
  const table = new SessionTable();
  const a = table.open(1, 0, 0, 1);
  const b = table.open(2, 0, 0, 1);
  assert.equal(table.expiredCount, 0);
  table.setExpired(a, 1);
  table.setExpired(a, 1); // already expired: counted once
  table.setExpired(b, 1);
  assert.equal(table.expiredCount, 2);
  table.setExpired(b, 0);
  assert.equal(table.expiredCount, 1);
  table.release(a); // a released session no longer counts
  assert.equal(table.expiredCount, 0);
  assert.equal(table.expired(table.open(3, 0, 0, 1)), 0);
});
