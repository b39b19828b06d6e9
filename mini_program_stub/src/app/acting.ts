import { services, session } from './services';

const SELF = 'zerorun.selfToken';
const FOR = 'zerorun.actingFor';

/**
 * Acting for someone (家人代办): the phone keeps the citizen's own token aside while it uses a token
 * acting for the other person, and the name to show in the banner; back to oneself restores it.
 */
export const acting = {
  /** The name of the person acted for, or null when acting for oneself. */
  name: (): string | null => services().storage.get(FOR),
  start(token: string, name: string): void {
    const own = session.token();
    if (own && !services().storage.get(SELF)) services().storage.set(SELF, own);
    services().storage.set(FOR, name);
    session.save(token);
  },
  /** Back to oneself; false when there was no own token to go back to. */
  stop(): boolean {
    const own = services().storage.get(SELF);
    services().storage.remove(SELF);
    services().storage.remove(FOR);
    if (own) session.save(own);
    else session.clear();
    return own !== null;
  },
};
