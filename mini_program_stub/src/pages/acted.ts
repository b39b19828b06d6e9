import { ACTIONS_IN_MY_NAME } from '../api/operations';
import type { ActionsInMyNameQuery } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { definePage } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, localTime, run } from './common';

/** Everything someone else did in my name, newest first: which application, what, who, when. */
export const actedPage = definePage({
  data: { ...blank(), steps: [] as { applicationId: string; title: string; message: string; actor: string; at: string }[] },
  onLoad() {
    this.setData(baseData());
    void run(this, async () => {
      const s = settings();
      const { actionsInMyName } = await services().client.request<ActionsInMyNameQuery>(ACTIONS_IN_MY_NAME);
      this.setData({
        steps: actionsInMyName.map((step) => ({
          applicationId: step.applicationId,
          title: pick(step.matterName, s),
          message: pick(step.message, s),
          actor: step.actor,
          at: localTime(step.at),
        })),
      });
    });
  },
});
