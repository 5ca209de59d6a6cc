/** The shape of the projections library's Projection, restated so the testing library depends on no domain mechanism. */
interface PureProjection<Event, Document> {
  canHandle(event: Event): boolean;
  documentId(event: Event): string;
  evolve(document: Document | null, event: Event): Document | null;
}

/** `given(events).then(documents by id)`: a projection's specification, without a database. */
export function projectionSpec<Event, Document>(projection: PureProjection<Event, Document>) {
  return {
    given(history: Event[]) {
      const documents = new Map<string, Document>();
      for (const event of history) {
        if (!projection.canHandle(event)) continue;
        const id = projection.documentId(event);
        const next = projection.evolve(documents.get(id) ?? null, event);
        if (next === null) documents.delete(id);
        else documents.set(id, next);
      }
      return {
        then(expected: Record<string, Document>) {
          expect(Object.fromEntries(documents)).toEqual(expected);
        },
      };
    },
  };
}
