import { SIGN_IN } from '../api/operations';
import type { SignInMutation, SignInMutationVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { definePage, type PageEvent } from '../app/page';
import { services, session, settings } from '../app/services';
import { baseData, blank, run } from './common';

async function signIn(provider: string, credential: string): Promise<void> {
  const { signIn: result } = await services().client.request<SignInMutation, SignInMutationVariables>(SIGN_IN, {
    provider,
    credential,
  });
  if (result.__typename === 'SignInError') throw new Error(pick(result.message, settings()));
  session.save(result.token);
  services().redirect('home');
}

/** Sign in: wx.login / my.getAuthCode in a mini-program, a demo resident in the browser. */
export const signinPage = definePage({
  data: { ...blank(), residents: [] as { id: string; name: string; note: string }[], platform: false },
  onLoad() {
    const s = settings();
    this.setData({
      ...baseData(),
      busy: false,
      platform: services().platformSignIn !== undefined,
      residents: services().demoResidents.map((r) => ({ id: r.id, name: r.name, note: pick(r.note, s) })),
    });
  },
  onPickResident(e: PageEvent) {
    void run(this, () => signIn('development', e.currentTarget.dataset.id ?? ''));
  },
  onPlatformSignIn() {
    void run(this, async () => {
      const login = services().platformSignIn;
      if (!login) return;
      const { provider, credential } = await login();
      await signIn(provider, credential);
    });
  },
});
