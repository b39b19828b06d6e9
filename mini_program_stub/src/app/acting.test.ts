import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../api/client';
import { acting } from './acting';
import { configure, session } from './services';

function memory(): Map<string, string> {
  const kept = new Map<string, string>();
  configure({
    client: {} as Client,
    subscribe: () => ({ stop: () => undefined }),
    storage: { get: (k) => kept.get(k) ?? null, set: (k, v) => void kept.set(k, v), remove: (k) => void kept.delete(k) },
    navigate: () => undefined,
    redirect: () => undefined,
    region: '330106',
    demoResidents: [],
  });
  return kept;
}

describe('acting', () => {
  beforeEach(() => {
    memory();
    session.save('daughter');
  });

  it('uses the acting token and names the person acted for', () => {
    acting.start('for-mother', '张秀英');

    expect(session.token()).toBe('for-mother');
    expect(acting.name()).toBe('张秀英');
  });

  it('goes back to the citizen’s own token', () => {
    acting.start('for-mother', '张秀英');

    expect(acting.stop()).toBe(true);
    expect(session.token()).toBe('daughter');
    expect(acting.name()).toBeNull();
  });

  it('keeps the own token when acting for a second person in a row', () => {
    acting.start('for-mother', '张秀英');
    acting.start('for-father', '李大山');
    acting.stop();

    expect(session.token()).toBe('daughter');
  });
});
