import { WALLET } from '../api/operations';
import type { WalletQuery } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { codeText, t } from '../i18n/t';
import { definePage } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, run } from './common';

interface LicenseView {
  name: string;
  number: string;
  holder: string;
  heldFor: string;
  issuer: string;
  status: string;
  statusText: string;
}

/** My e-licenses: those I hold, those I hold for a child as guardian, cancelled ones marked. */
export const walletPage = definePage({
  data: { ...blank(), licenses: [] as LicenseView[] },
  onLoad() {
    this.setData(baseData());
    void run(this, async () => {
      const s = settings();
      const { myWallet } = await services().client.request<WalletQuery>(WALLET);
      this.setData({
        licenses: myWallet.map((l) => ({
          name: codeText(l.type, s),
          number: l.number,
          holder: t('holder', s) + l.holderName,
          heldFor: l.heldFor ? t('heldFor', s, { name: l.heldFor }) : '',
          issuer: t('issuedBy', s) + pick(l.issuer, s),
          status: l.status,
          statusText: t(l.status === 'cancelled' ? 'licenseCancelled' : 'licenseCurrent', s),
        })),
      });
    });
  },
});
