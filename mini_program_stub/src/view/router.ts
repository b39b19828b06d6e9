import type { PageInstance, PageOptions, Query } from '../app/page';
import { saveSettings, services, session, settings, type PageName } from '../app/services';
import { acting } from '../app/acting';
import { actedPage } from '../pages/acted';
import { applicationPage } from '../pages/application';
import { applicationsPage } from '../pages/applications';
import { bookingPage } from '../pages/booking';
import { checkPage } from '../pages/check';
import type { BaseData } from '../pages/common';
import { consentPage } from '../pages/consent';
import { correctionPage } from '../pages/correction';
import { familyPage } from '../pages/family';
import { formPage } from '../pages/form';
import { guardianshipPage } from '../pages/guardianship';
import { guidePage } from '../pages/guide';
import { homePage } from '../pages/home';
import { joinPage } from '../pages/join';
import { materialsPage } from '../pages/materials';
import { partiesPage } from '../pages/parties';
import { ratePage } from '../pages/rate';
import { signinPage } from '../pages/signin';
import { situationPage } from '../pages/situation';
import { submitPage } from '../pages/submit';
import { walletPage } from '../pages/wallet';
import { h, morph, tap, type Child } from './dom';
import { renderApplication, renderApplications, renderBooking, renderCorrection, renderRate } from './pages/after';
import { renderGuide, renderHome, renderSignin } from './pages/entry';
import { renderCheck, renderConsent, renderForm, renderMaterials, renderSituation, renderSubmit } from './pages/flow';
import { renderGuardianship } from './pages/guardianship';
import { renderActed, renderFamily, renderJoin, renderParties, renderWallet } from './pages/households';

type AnyPage = PageOptions<BaseData, object>;
type Instance = PageInstance<BaseData> & AnyPage;

interface Route {
  page: AnyPage;
  render(page: Instance): Child;
}

function route<P extends { data: BaseData }>(page: P, render: (page: P) => Child): Route {
  return { page: page as unknown as AnyPage, render: render as unknown as (page: Instance) => Child };
}

const ROUTES: Record<PageName, Route> = {
  signin: route(signinPage, renderSignin),
  home: route(homePage, renderHome),
  guide: route(guidePage, renderGuide),
  situation: route(situationPage, renderSituation),
  check: route(checkPage, renderCheck),
  consent: route(consentPage, renderConsent),
  form: route(formPage, renderForm),
  materials: route(materialsPage, renderMaterials),
  submit: route(submitPage, renderSubmit),
  applications: route(applicationsPage, renderApplications),
  application: route(applicationPage, renderApplication),
  correction: route(correctionPage, renderCorrection),
  booking: route(bookingPage, renderBooking),
  rate: route(ratePage, renderRate),
  parties: route(partiesPage, renderParties),
  join: route(joinPage, renderJoin),
  wallet: route(walletPage, renderWallet),
  family: route(familyPage, renderFamily),
  acted: route(actedPage, renderActed),
  guardianship: route(guardianshipPage, renderGuardianship),
};

let current: { name: PageName; query: Query; instance: Instance } | null = null;

function hashOf(name: PageName, query: Query = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#/${name}${search ? `?${search}` : ''}`;
}

/** #/page?query, and #/join/<code> for the share link a party is sent. */
function parse(hash: string): { name: PageName; query: Query } {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', code] = path.split('/');
  const name = (page in ROUTES ? page : 'home') as PageName;
  const query: Query = Object.fromEntries(new URLSearchParams(search));
  return { name, query: code ? { ...query, code: decodeURIComponent(code) } : query };
}

/** The banner while acting for someone (家人代办), with the way back to oneself. */
function actingBanner(t: BaseData['t']): HTMLElement | null {
  const name = acting.name();
  if (name === null) return null;
  const back = tap(() => {
    acting.stop();
    redirect('home');
  });
  return h(
    'div',
    { class: 'acting', role: 'status', 'data-testid': 'acting' },
    h('strong', {}, t.actingBanner.replace('{name}', name)),
    h('button', { type: 'button', class: 'btn plain', onclick: back }, t.backToMe),
  );
}

/** The frame of every page: back, the language and 长辈模式 switches, errors, then the page. */
function frame(name: PageName, instance: Instance, content: Child): HTMLElement {
  const s = settings();
  const { t } = instance.data;
  const toggle = (changes: Partial<typeof s>) =>
    tap(() => {
      saveSettings({ ...s, ...changes });
      mount(name, current?.query ?? {});
    });
  return h(
    'div',
    { class: 'page', 'data-page': name },
    h(
      'header',
      { class: 'bar' },
      name === 'home' || name === 'signin'
        ? h('span', { class: 'brand' }, t.appName)
        : h('button', { class: 'back', type: 'button', onclick: tap(() => history.back()) }, '‹ ', t.back),
      h(
        'span',
        { class: 'switches' },
        h('button', { type: 'button', class: 'switch', lang: s.lang === 'zh' ? 'en' : 'zh', onclick: toggle({ lang: s.lang === 'zh' ? 'en' : 'zh' }) }, t.language),
        h('button', { type: 'button', class: `switch${s.elderly ? ' on' : ''}`, 'aria-pressed': String(s.elderly), onclick: toggle({ elderly: !s.elderly }) }, t.elderlyMode),
      ),
    ),
    actingBanner(t),
    instance.data.error ? h('p', { class: 'note error', role: 'alert' }, instance.data.error) : null,
    h('main', {}, content),
    instance.data.busy ? h('div', { class: 'busy', 'aria-busy': 'true' }, t.loading) : null,
  );
}

/** Draw the page again over what is shown (see morph), as setData does in a mini-program. */
function draw(root: HTMLElement): void {
  if (!current) return;
  const { name, instance } = current;
  document.documentElement.lang = settings().lang === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.classList.toggle('elderly', settings().elderly); // rems scale from the root
  const next = frame(name, instance, ROUTES[name].render(instance));
  if (root.firstChild) morph(root.firstChild, next);
  else root.append(next);
}

/** Load a page as a mini-program would: a fresh instance of its options, then onLoad(query). */
function mount(name: PageName, query: Query): void {
  const root = document.getElementById('app');
  if (!root) return;
  // Signed out: sign in first, then on to the page opened (a share link, say).
  if (!session.token() && name !== 'signin') return services().redirect('signin', name === 'home' ? {} : { ...query, next: name });
  current?.instance.onUnload?.();
  const options = ROUTES[name].page;
  const instance = Object.create(options) as Instance;
  instance.data = structuredClone(options.data);
  let scheduled = false;
  instance.setData = (patch) => {
    Object.assign(instance.data, patch);
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (current?.instance === instance) draw(root);
    });
  };
  current = { name, query, instance };
  root.replaceChildren();
  window.scrollTo(0, 0);
  draw(root);
  instance.onLoad(query);
}

export function navigate(name: PageName, query?: Query): void {
  location.hash = hashOf(name, query);
}

export function redirect(name: PageName, query?: Query): void {
  history.replaceState(null, '', hashOf(name, query));
  mount(name, query ?? {});
}

export function start(): void {
  const show = (): void => {
    const { name, query } = parse(location.hash);
    mount(name, query);
  };
  window.addEventListener('hashchange', show);
  show();
}
