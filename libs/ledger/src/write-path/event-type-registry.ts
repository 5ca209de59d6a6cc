/**
 * Event type names are unique across the whole system, because subscribers of the global log filter by
 * type: a second aggregate claiming a name already taken is refused when the service starts.
 */
export class EventTypeRegistry {
  private readonly owners = new Map<string, string>();

  register(owner: string, types: readonly string[]): void {
    for (const type of types) {
      const existing = this.owners.get(type);
      if (existing !== undefined && existing !== owner) {
        throw new Error(`event type ${type} is appended by both ${existing} and ${owner}: every event type name must be unique`);
      }
    }
    for (const type of types) this.owners.set(type, owner);
  }

  ownerOf(type: string): string | undefined {
    return this.owners.get(type);
  }
}
