import type { Client } from '../api/client';
import type { Subscription } from '../api/subscribe';
import { DEFAULT_SETTINGS, type LocalizedText, type Settings } from '../i18n/settings';
import type { Storage } from '../platform/storage';
import type { PickedFile } from '../platform/transport';
import type { Query } from './page';

export type PageName =
  | 'signin'
  | 'home'
  | 'guide'
  | 'situation'
  | 'check'
  | 'consent'
  | 'form'
  | 'materials'
  | 'submit'
  | 'applications'
  | 'application'
  | 'correction'
  | 'booking'
  | 'rate'
  | 'parties'
  | 'join'
  | 'wallet'
  | 'family'
  | 'acted'
  | 'guardianship';

export interface DemoResident {
  id: string;
  name: string;
  note: LocalizedText;
}

/** What pages use from the platform; the browser and each mini-program wire their own. */
export interface Services {
  client: Client;
  subscribe<R>(query: string, variables: object, onNext: (data: R) => void, onEnd: () => void): Subscription;
  storage: Storage;
  navigate(page: PageName, query?: Query): void;
  redirect(page: PageName, query?: Query): void;
  /** The county this mini-program serves (GB/T 2260). */
  region: string;
  /** The browser build's development sign-in; empty in a mini-program. */
  demoResidents: DemoResident[];
  /** wx.login / my.getAuthCode → the backend's identity provider; absent in the browser. */
  platformSignIn?: () => Promise<{ provider: 'wechat' | 'alipay'; credential: string }>;
  /** wx.chooseMessageFile / my.chooseImage; absent where the page's file input hands the file over. */
  pickFile?: () => Promise<PickedFile | null>;
  /** wx.requestPayment / my.tradePay with the order's prepay id: resolves once paid, rejects when
   * cancelled or refused; in the browser build, the development server's stand-in cashier. */
  requestPayment?: (order: { applicationId: string; prepayId: string }) => Promise<void>;
  /** navigator.clipboard.writeText / wx.setClipboardData: a share link to send. */
  copy?: (text: string) => Promise<void>;
}

let current: Services | null = null;

export function configure(services: Services): void {
  current = services;
}

export function services(): Services {
  if (!current) throw new Error('configure() the services before loading a page');
  return current;
}

const TOKEN = 'zerorun.token';
const SETTINGS = 'zerorun.settings';

export const session = {
  token: (): string | null => services().storage.get(TOKEN),
  save: (token: string): void => services().storage.set(TOKEN, token),
  clear: (): void => services().storage.remove(TOKEN),
};

export function settings(): Settings {
  const saved = services().storage.get(SETTINGS);
  return saved ? { ...DEFAULT_SETTINGS, ...(JSON.parse(saved) as Partial<Settings>) } : DEFAULT_SETTINGS;
}

export function saveSettings(changed: Settings): void {
  services().storage.set(SETTINGS, JSON.stringify(changed));
}
