import { ACT_FOR, FAMILY, GRANT_AUTHORISATION, HOME, REVOKE_AUTHORISATION } from '../api/operations';
import type {
  ActForMutation,
  ActForMutationVariables,
  FamilyQuery,
  GrantAuthorisationMutation,
  GrantAuthorisationMutationVariables,
  HomeQuery,
  HomeQueryVariables,
  RevokeAuthorisationMutation,
  RevokeAuthorisationMutationVariables,
} from '../generated/graphql';
import { pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { endOfDay } from '../logic/endOfDay';
import { acting } from '../app/acting';
import { definePage, type PageEvent } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, run } from './common';
import { grantViews, type GrantView } from './grantViews';

type Draft = { residentId: string; name: string; until: string; all: boolean; chosen: string[] };
const EMPTY: Draft = { residentId: '', name: '', until: '', all: true, chosen: [] };

/** 家人代办: authorise someone, what I granted and was granted, revoke, and act for someone who authorised me. */
export const familyPage = definePage({
  data: {
    ...blank(),
    granted: [] as GrantView[],
    received: [] as GrantView[],
    matters: [] as { code: string; name: string; checked: boolean }[],
    draft: EMPTY,
  },
  onLoad() {
    this.setData(baseData());
    void run(this, () => this.reload());
  },
  async reload() {
    const s = settings();
    const client = services().client;
    const [{ authorisations }, home] = await Promise.all([
      client.request<FamilyQuery>(FAMILY),
      client.request<HomeQuery, HomeQueryVariables>(HOME, { region: services().region }),
    ]);
    const chosen = new Set(this.data.draft.chosen);
    const matters = home.matters.edges.map(({ node }) => ({ code: node.code, name: pick(node.name, s), checked: chosen.has(node.code) }));
    const names = new Map([...home.lifeEvents.map((e) => [e.code, pick(e.name, s)] as const), ...matters.map((m) => [m.code, m.name] as const)]);
    const { granted, received } = grantViews(authorisations, s, names);
    this.setData({ granted, received, matters });
  },
  onField(e: PageEvent) {
    const name = e.currentTarget.dataset.name ?? '';
    const value = (e.detail.value ?? '').trim();
    if (name === 'residentId' || name === 'name' || name === 'until') this.setData({ draft: { ...this.data.draft, [name]: value } });
  },
  onScope(e: PageEvent) {
    this.setData({ draft: { ...this.data.draft, all: e.currentTarget.dataset.all === 'true' } });
  },
  onMatter(e: PageEvent) {
    const code = e.currentTarget.dataset.code ?? '';
    const chosen = new Set(this.data.draft.chosen);
    if (chosen.has(code)) chosen.delete(code);
    else chosen.add(code);
    this.setData({
      draft: { ...this.data.draft, chosen: [...chosen] },
      matters: this.data.matters.map((m) => ({ ...m, checked: chosen.has(m.code) })),
    });
  },
  onGrant() {
    void run(this, async () => {
      const s = settings();
      const { residentId, name, until, all, chosen } = this.data.draft;
      const validUntil = endOfDay(until);
      if (!validUntil) throw new Error(t('grantUntil', s));
      const { grantAuthorisation: result } = await services().client.request<
        GrantAuthorisationMutation,
        GrantAuthorisationMutationVariables
      >(GRANT_AUTHORISATION, { residentId, name, validUntil, matters: all ? null : chosen });
      if (result.__typename === 'ApplicationError') {
        throw new Error([pick(result.message, s), ...result.errors.map((e) => pick(e.message, s))].join(' '));
      }
      this.setData({ draft: EMPTY });
      await this.reload();
    });
  },
  onRevoke(e: PageEvent) {
    void run(this, async () => {
      const { revokeAuthorisation: result } = await services().client.request<
        RevokeAuthorisationMutation,
        RevokeAuthorisationMutationVariables
      >(REVOKE_AUTHORISATION, { id: e.currentTarget.dataset.id ?? '' });
      if (result.__typename === 'ApplicationError') throw new Error(pick(result.message, settings()));
      await this.reload();
    });
  },
  onActFor(e: PageEvent) {
    void run(this, async () => {
      const { actFor: result } = await services().client.request<ActForMutation, ActForMutationVariables>(ACT_FOR, {
        id: e.currentTarget.dataset.id ?? '',
      });
      if (result.__typename === 'SignInError') throw new Error(pick(result.message, settings()));
      acting.start(result.token, result.citizen.name);
      services().redirect('home');
    });
  },
  onActed() {
    services().navigate('acted');
  },
  /** 监护: act for my minor child by right, confirmed on its own page. */
  onGuardianship() {
    services().navigate('guardianship');
  },
});
