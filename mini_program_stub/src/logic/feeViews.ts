import { pick, type LocalizedText, type Settings } from '../i18n/settings';
import { t } from '../i18n/t';

interface Fee {
  id: string;
  name: LocalizedText;
  amountCny: number;
  amountKnown: boolean;
  formula: LocalizedText | null;
  basis: LocalizedText | null;
  exemption: { reason: LocalizedText } | null;
}

interface Payment {
  status: 'CREATED' | 'PAID' | 'REFUNDED';
  channel: string;
  amountCny: number;
  refunded: boolean;
}

export interface FeeLine {
  id: string;
  /** The fee and what I owe, or why I owe nothing. */
  text: string;
  /** How it is counted, in words, and the law that sets it. */
  notes: string[];
}

export interface FeesView {
  lines: FeeLine[];
  total: string;
  /** Where the payment stands, in words; '' while nothing is paid. */
  paid: string;
  /** Not paid yet and payable online now: the pay button shows. */
  canPay: boolean;
}

const PAYABLE = ['SUBMITTED', 'ACCEPTED'];

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** An application's fees as its page shows them: each with its formula in words and its basis,
 * the total (counted in fen, as the server counts), whether it is paid and whether I may pay now. */
export function feesView(status: string, fees: Fee[], payment: Payment | null, s: Settings): FeesView {
  const lines = fees.map((f) => {
    const name = pick(f.name, s);
    const text = f.exemption
      ? t('feeExempt', s, { name, reason: pick(f.exemption.reason, s) })
      : f.amountKnown
        ? t('feeLine', s, { name, amount: t('yuan', s, { n: f.amountCny.toFixed(2) }) })
        : t('feeUnknown', s, { name });
    const notes = [pick(f.formula, s), f.basis ? t('feeBasis', s, { basis: pick(f.basis, s) }) : ''].filter(Boolean);
    return { id: f.id, text, notes };
  });
  const fen = fees.reduce((sum, f) => sum + Math.round(f.amountCny * 100), 0);
  const known = fees.every((f) => f.amountKnown);
  const settled = payment && payment.status !== 'CREATED';
  const paidFen = payment ? Math.round(payment.amountCny * 100) : fen;
  const paid = !settled
    ? ''
    : payment.refunded || payment.status === 'REFUNDED'
      ? t('payRefunded', s, { n: yuan(paidFen) })
      : t(payment.channel === 'window' ? 'payPaidWindow' : 'payPaidOnline', s, { n: yuan(paidFen) });
  return {
    lines,
    total: fees.length ? t('feeTotal', s, { n: yuan(settled ? paidFen : fen) }) : '',
    paid,
    canPay: PAYABLE.includes(status) && known && fen > 0 && !settled,
  };
}
