import { JOIN_APPLICATION } from '../api/operations';
import type { JoinApplicationMutation, JoinApplicationMutationVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { shareCode } from '../logic/shareCode';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, run } from './common';

/** Join an application as the party invited: the code from the link opened, or typed in. */
export const joinPage = definePage({
  data: { ...blank(), code: '' },
  onLoad(query: Query) {
    this.setData({ ...baseData(), busy: false, code: query.code ?? '' });
  },
  onCode(e: PageEvent) {
    this.setData({ code: e.detail.value ?? '' });
  },
  onJoin() {
    void run(this, async () => {
      const s = settings();
      const code = shareCode(this.data.code);
      if (!code) throw new Error(t('joinCodeInvalid', s));
      const { joinApplication: result } = await services().client.request<
        JoinApplicationMutation,
        JoinApplicationMutationVariables
      >(JOIN_APPLICATION, { code });
      if (result.__typename === 'ApplicationError') throw new Error(pick(result.message, s));
      // The situation is the starter's to answer: a party goes on with consent to its own data.
      services().redirect('consent', { id: result.id });
    });
  },
});
