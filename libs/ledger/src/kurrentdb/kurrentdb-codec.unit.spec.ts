import { NO_STREAM, START as KURRENT_START, type EventData } from '@kurrent/kurrentdb-client';
import { event } from '../event-store.contract';
import { START } from '../event-store.port';
import { GENESIS_HASH, sealEvents, verifyChain } from '../hash-chain';
import {
  actualRevision,
  decodeEvent,
  encodeEvent,
  headOf,
  isSystemEvent,
  readPositionAt,
  sealedOf,
  toPosition,
  writeCondition,
  type StoredEvent,
} from './kurrentdb-codec';

/** What KurrentDB gives back for an event it was given: the JSON texts parsed again, a revision and a commit position. */
function storedAs(data: EventData, streamId: string, revision: number, commit: bigint): StoredEvent {
  return {
    streamId,
    id: data.id,
    revision: BigInt(revision),
    type: data.type,
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position: { commit },
  };
}

describe('KurrentDB mapping', () => {
  const none = { revision: -1, hash: GENESIS_HASH, exists: false };
  const atTwo = { revision: 2, hash: 'a'.repeat(64), exists: true };

  it('writes every append at the exact head it chains onto, and refuses what the caller did not expect', () => {
    expect(writeCondition(none, 'any')).toEqual({ state: NO_STREAM });
    expect(writeCondition(atTwo, 'any')).toEqual({ state: 2n });
    expect(writeCondition(none, 'no_stream')).toEqual({ state: NO_STREAM });
    expect(writeCondition(atTwo, 'no_stream')).toEqual({ mismatch: 2 });
    expect(writeCondition(atTwo, 'stream_exists')).toEqual({ state: 2n });
    expect(writeCondition(none, 'stream_exists')).toEqual({ mismatch: 'no_stream' });
    expect(writeCondition(atTwo, 2)).toEqual({ state: 2n });
    expect(writeCondition(atTwo, 1)).toEqual({ mismatch: 2 });
    expect(writeCondition(none, 0)).toEqual({ mismatch: 'no_stream' });
  });

  it("says KurrentDB's actual stream state as the port does", () => {
    expect(actualRevision(NO_STREAM)).toBe('no_stream');
    expect(actualRevision(7n)).toBe(7);
  });

  it('turns commit positions into positions exactly, and refuses one past 2^53', () => {
    expect(toPosition(0n)).toBe(0);
    expect(toPosition(123_456_789_012n)).toBe(123_456_789_012);
    expect(toPosition(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toPosition(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(readPositionAt(START)).toBe(KURRENT_START);
    expect(readPositionAt(4096)).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it("keeps KurrentDB's own events and this ledger's event-id claims out of the ledger", () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ledger-event-id-x', type: '$ledger-event-id' })).toBe(true);
    expect(isSystemEvent({ streamId: 'account-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'account-1', type: 'AccountOpened' })).toBe(false);
  });

  it('reads back what it wrote: metadata as hashed, the personal part, the chain and the position', () => {
    const personal = new Uint8Array([0, 1, 2, 255]);
    const first = event('Opened');
    // A metadata object in another key order than newEvent's: the stored order must be the hashed one.
    const second = { ...event('Sealed', personal), metadata: { actor: 'a', occurredAt: 't', causationId: 'c', correlationId: 'r' } };
    const sealed = sealEvents('account-1', none, [first, second]);
    const stored = sealed.map((s, index) =>
      storedAs(encodeEvent(s, [first, second][index].metadata), 'account-1', index, BigInt(100 + index)),
    );

    const decoded = stored.map(decodeEvent);
    expect(decoded[1]).toEqual({
      ...second,
      personal: expect.any(Uint8Array),
      streamId: 'account-1',
      revision: 1,
      position: 101,
      previousHash: sealed[0].hash,
      hash: sealed[1].hash,
    });
    expect(Array.from(decoded[1].personal ?? [])).toEqual([0, 1, 2, 255]);
    expect(decoded[0].personal).toBeNull();
    expect(stored[1].metadata).toMatchObject({ $correlationId: 'r', $causationId: 'c' });
    expect(Object.keys(stored[0].metadata as object)).not.toContain('$causationId');

    expect(stored.map(sealedOf)).toEqual(sealed);
    expect(verifyChain(stored.map(sealedOf))).toEqual([]);
    expect(headOf(stored[1])).toEqual({ revision: 1, hash: sealed[1].hash, exists: true });
    expect(headOf(undefined)).toEqual(none);
  });

  it('refuses an event this ledger did not write, naming where it is, never what it holds', () => {
    const foreign: StoredEvent = {
      streamId: 'other',
      id: 'x',
      revision: 3n,
      type: 'T',
      data: { secret: 1 },
      metadata: undefined,
      position: { commit: 5n },
    };
    expect(() => decodeEvent(foreign)).toThrow('other@3 was not written by this ledger');
  });
});
