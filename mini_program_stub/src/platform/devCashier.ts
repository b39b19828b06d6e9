import type { Settings } from '../i18n/settings';

/** The browser build's cashier in development: the server's `POST /pay/dev-cashier` pays the open
 * order at the stand-in platform, whose notice then reaches the server as a real one does. A
 * mini-program uses wx.requestPayment (my.tradePay) instead. */
export function devCashier(url: string, token: () => string | null, settings: () => Settings) {
  return async ({ applicationId }: { applicationId: string; prepayId: string }): Promise<void> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token() ?? ''}` },
      body: JSON.stringify({ applicationId }),
    });
    if (response.ok) return;
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: { zh: string; en: string } };
    throw new Error(body.message?.[settings().lang] ?? body.code ?? `HTTP ${response.status}`);
  };
}
