import { HOME, SEARCH } from '../api/operations';
import type { HomeQuery, HomeQueryVariables, SearchQuery, SearchQueryVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { definePage, type PageEvent } from '../app/page';
import { services, session, settings } from '../app/services';
import { signOut } from '../app/signOut';
import { baseData, blank, run } from './common';

interface Entry {
  code: string;
  kind: 'event' | 'matter';
  name: string;
  detail: string;
}

type MatterNode = HomeQuery['matters']['edges'][number]['node'];

function matterEntries(nodes: MatterNode[]): Entry[] {
  const s = settings();
  return nodes.map((m) => ({ code: m.code, kind: 'matter', name: pick(m.name, s), detail: pick(m.department.name, s) }));
}

/** Home: the life events first, every matter of the county, and search. */
export const homePage = definePage({
  data: {
    ...blank(),
    name: '',
    keyword: '',
    events: [] as Entry[],
    matters: [] as Entry[],
    results: null as Entry[] | null,
  },
  onLoad() {
    this.setData(baseData());
    void run(this, async () => {
      const s = settings();
      const data = await services().client.request<HomeQuery, HomeQueryVariables>(HOME, { region: services().region });
      this.setData({
        name: data.me?.name ?? '',
        events: data.lifeEvents.map((e) => ({
          code: e.code,
          kind: 'event',
          name: pick(e.name, s),
          detail: pick(e.promise ?? e.summary, s),
        })),
        matters: matterEntries(data.matters.edges.map((e) => e.node)),
      });
    });
  },
  onKeyword(e: PageEvent) {
    this.setData({ keyword: e.detail.value ?? '' });
  },
  onSearch() {
    const keyword = this.data.keyword.trim();
    if (!keyword) return this.setData({ results: null });
    void run(this, async () => {
      const data = await services().client.request<SearchQuery, SearchQueryVariables>(SEARCH, {
        region: services().region,
        keyword,
      });
      const events = this.data.events.filter((e) => e.name.includes(keyword) || e.detail.includes(keyword));
      this.setData({ results: [...events, ...matterEntries(data.matters.edges.map((e) => e.node))] });
    });
  },
  onOpen(e: PageEvent) {
    const { code = '', kind = '' } = e.currentTarget.dataset;
    services().navigate('guide', kind === 'event' ? { event: code } : { matter: code });
  },
  onMine() {
    services().navigate('applications');
  },
  onWallet() {
    services().navigate('wallet');
  },
  onFamily() {
    services().navigate('family');
  },
  onJoin() {
    services().navigate('join');
  },
  onSignOut() {
    void signOut(services().client, session.clear).then(() => services().redirect('signin'));
  },
});
