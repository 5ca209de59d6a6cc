import type { Projection } from '@privacy-ledger/projections';

export const SESSION_HISTORY = 'identity-session-history';

/** Each principal's sessions; the IP address and user agent stay sealed as the event carried them. */
export const sessionHistoryProjection: Projection = {
  name: 'identity-session-history',
  collections: [SESSION_HISTORY],
  async apply(event, readModel) {
    if (event.type !== 'SessionStarted') return;
    const { sessionId, principalId, startedAt } = event.data as { sessionId: string; principalId: string; startedAt: string };
    await readModel.put(SESSION_HISTORY, sessionId, {
      sessionId,
      principalId,
      startedAt,
      sealed: event.personal ? Buffer.from(event.personal).toString('base64') : null,
    });
  },
};
