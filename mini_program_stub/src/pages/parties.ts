import { APPLICATION_PARTIES, DECLINE_PARTY, INVITE_PARTY } from '../api/operations';
import type {
  ApplicationPartiesQuery,
  ApplicationPartiesQueryVariables,
  DeclinePartyMutation,
  DeclinePartyMutationVariables,
  InvitePartyMutation,
  InvitePartyMutationVariables,
} from '../generated/graphql';
import { pick } from '../i18n/settings';
import { codeText, t } from '../i18n/t';
import { partyViews, type PartyView } from '../logic/partyViews';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, localTime, run } from './common';
import { confirmOwnPart } from './confirmOwnPart';

interface Invitation {
  party: string;
  code: string;
  link: string;
  until: string;
}

/** A multi-party application: who the parties are and their status, inviting the others, confirming or declining my part. */
export const partiesPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    status: '',
    statusText: '',
    parties: [] as PartyView[],
    confirmText: '',
    canDecide: false,
    reason: '',
    inviting: '',
    residentId: '',
    mobile: '',
    invitation: null as Invitation | null,
    sent: '',
    copied: false,
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '' });
    void run(this, () => this.reload());
  },
  async reload() {
    const s = settings();
    const { application: app } = await services().client.request<ApplicationPartiesQuery, ApplicationPartiesQueryVariables>(
      APPLICATION_PARTIES,
      { id: this.data.id },
    );
    if (!app) throw new Error(`application ${this.data.id} not found`);
    const mine = app.parties.find((p) => p.isMe);
    this.setData({
      title: pick(app.matter?.name ?? app.lifeEvent?.name, s),
      status: app.status,
      statusText: codeText(app.status, s),
      parties: partyViews(app.parties, s),
      confirmText: pick(mine?.confirmText, s),
      canDecide: app.status === 'DRAFT' && (mine?.status === 'JOINED' || mine?.status === 'INVITED'),
    });
  },
  onInvite(e: PageEvent) {
    this.setData({ inviting: e.currentTarget.dataset.party ?? '', invitation: null, sent: '', copied: false });
  },
  onField(e: PageEvent) {
    const name = e.currentTarget.dataset.name;
    if (name === 'residentId' || name === 'mobile' || name === 'reason') this.setData({ [name]: (e.detail.value ?? '').trim() });
  },
  /** A share code and its link (no resident ID), or a text message to that resident's mobile. */
  invite(byPhone: boolean) {
    void run(this, async () => {
      const s = settings();
      const { id, inviting: party, residentId, mobile } = this.data;
      const { inviteParty: result } = await services().client.request<InvitePartyMutation, InvitePartyMutationVariables>(
        INVITE_PARTY,
        byPhone ? { id, party, residentId, mobile } : { id, party },
      );
      if (result.__typename === 'ApplicationError') throw new Error(pick(result.message, s));
      if (byPhone) this.setData({ sent: t('inviteSent', s), residentId: '', mobile: '' });
      else this.setData({ invitation: { party, code: result.shareCode, link: result.link, until: t('validUntilAt', s, { at: localTime(result.expiresAt) }) } });
      await this.reload();
    });
  },
  onInviteCode() {
    this.invite(false);
  },
  onInviteByPhone() {
    this.invite(true);
  },
  onCopy() {
    const link = this.data.invitation?.link;
    const copy = services().copy;
    if (!link || !copy) return;
    void copy(link).then(() => this.setData({ copied: true }));
  },
  onConfirm() {
    void run(this, async () => {
      await confirmOwnPart(this.data.id);
      await this.reload();
    });
  },
  onDecline() {
    void run(this, async () => {
      const s = settings();
      if (!this.data.reason) throw new Error(t('declineReason', s));
      const { declineParty: result } = await services().client.request<DeclinePartyMutation, DeclinePartyMutationVariables>(
        DECLINE_PARTY,
        { id: this.data.id, reason: this.data.reason },
      );
      if (result.__typename === 'ApplicationError') throw new Error(pick(result.message, s));
      this.setData({ reason: '' });
      await this.reload();
    });
  },
  onOpen() {
    services().navigate('application', { id: this.data.id });
  },
});
