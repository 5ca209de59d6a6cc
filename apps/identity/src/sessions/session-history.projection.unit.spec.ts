import type { RecordedEvent } from '@privacy-ledger/ledger';
import { projectionSpec } from '@privacy-ledger/testing';
import { sessionHistoryProjection } from './session-history.projection';

const recorded = (type: string, data: object, personal: Uint8Array | null = null) =>
  ({ type, data, personal, streamId: 'session-s1', eventId: `event-${type}` }) as unknown as RecordedEvent;
const spec = projectionSpec(sessionHistoryProjection);

describe('session history projection', () => {
  it('keeps each session with its start, the IP address and user agent only sealed (P16)', () => {
    const started = recorded(
      'SessionStarted',
      { sessionId: 's1', principalId: 'p1', principalKind: 'customer', startedAt: 't' },
      new Uint8Array([1, 2, 3]),
    );
    const steppedUp = recorded('SessionSteppedUp', { sessionId: 's1', principalId: 'p1', steppedUpAt: 't2' });
    spec.given([started, steppedUp]).then({
      s1: {
        sessionId: 's1',
        principalId: 'p1',
        startedAt: 't',
        sealed: { sealed: 'AQID', streamId: 'session-s1', eventId: 'event-SessionStarted' },
      },
    });
  });
});
