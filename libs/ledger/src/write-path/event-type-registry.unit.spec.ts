import { EventTypeRegistry } from './event-type-registry';

describe('EventTypeRegistry', () => {
  it('refuses a second owner of an event type name, naming both', () => {
    const registry = new EventTypeRegistry();
    registry.register('account', ['AccountOpened', 'PasswordChanged']);
    expect(() => registry.register('staff', ['StaffMemberRegistered', 'PasswordChanged'])).toThrow(
      /PasswordChanged is appended by both account and staff/,
    );
    expect(registry.ownerOf('StaffMemberRegistered')).toBeUndefined();
  });

  it('lets the same owner register its types again, as a second module of one service does', () => {
    const registry = new EventTypeRegistry();
    registry.register('account', ['AccountOpened']);
    expect(() => registry.register('account', ['AccountOpened'])).not.toThrow();
    expect(registry.ownerOf('AccountOpened')).toBe('account');
  });
});
