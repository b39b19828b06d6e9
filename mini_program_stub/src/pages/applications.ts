import { MY_APPLICATIONS } from '../api/operations';
import type { MyApplicationsQuery } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { codeText, t } from '../i18n/t';
import { definePage, type PageEvent } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, localTime, run } from './common';

/** My applications, newest first. */
export const applicationsPage = definePage({
  data: { ...blank(), items: [] as { id: string; title: string; status: string; statusText: string; when: string }[] },
  onLoad() {
    this.setData(baseData());
    void run(this, async () => {
      const s = settings();
      const { myApplications } = await services().client.request<MyApplicationsQuery>(MY_APPLICATIONS);
      this.setData({
        items: myApplications.edges.map(({ node }) => ({
          id: node.id,
          title: pick(node.matter?.name ?? node.lifeEvent?.name, s),
          status: node.status,
          statusText: codeText(node.status, s),
          when: node.submittedAt
            ? t('submittedAt', s, { at: localTime(node.submittedAt) })
            : t('createdAt', s, { at: localTime(node.createdAt) }),
        })),
      });
    });
  },
  onOpen(e: PageEvent) {
    services().navigate('application', { id: e.currentTarget.dataset.id ?? '' });
  },
});
