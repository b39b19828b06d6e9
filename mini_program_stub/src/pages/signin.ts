import { SIGN_IN } from '../api/operations';
import type { SignInMutation, SignInMutationVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, session, settings, type PageName } from '../app/services';
import { baseData, blank, run } from './common';

/** Sign in, then on to the page that asked for it (`next`, with its query), else home. */
async function signIn(provider: string, credential: string, then: Query): Promise<void> {
  const { signIn: result } = await services().client.request<SignInMutation, SignInMutationVariables>(SIGN_IN, {
    provider,
    credential,
  });
  if (result.__typename === 'SignInError') throw new Error(pick(result.message, settings()));
  session.save(result.token);
  const { next, ...query } = then;
  services().redirect((next as PageName | undefined) ?? 'home', query);
}

/** Sign in: wx.login / my.getAuthCode in a mini-program, a demo resident in the browser. */
export const signinPage = definePage({
  data: { ...blank(), residents: [] as { id: string; name: string; note: string }[], platform: false, then: {} as Query },
  onLoad(query: Query) {
    const s = settings();
    this.setData({
      ...baseData(),
      then: query,
      busy: false,
      platform: services().platformSignIn !== undefined,
      residents: services().demoResidents.map((r) => ({ id: r.id, name: r.name, note: pick(r.note, s) })),
    });
  },
  onPickResident(e: PageEvent) {
    void run(this, () => signIn('development', e.currentTarget.dataset.id ?? '', this.data.then));
  },
  onPlatformSignIn() {
    void run(this, async () => {
      const login = services().platformSignIn;
      if (!login) return;
      const { provider, credential } = await login();
      await signIn(provider, credential, this.data.then);
    });
  },
});
