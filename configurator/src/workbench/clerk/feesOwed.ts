interface Fee {
  amountCny: number;
  amountKnown: boolean;
}

interface Payment {
  status: 'CREATED' | 'PAID' | 'REFUNDED';
  channel: string;
  refund: string | null;
}

/** Where an application's fees stand for the window: nothing owed, not paid, ordered online and
 * not paid, paid (online or at the window), refunded or owed back. */
export type FeeState = 'none' | 'unpaid' | 'ordered' | 'paidOnline' | 'paidWindow' | 'refundPending' | 'refunded';

export interface FeesOwed {
  /** The total in fen, so that 0.1 + 0.2 is 0.3 (the server counts in fen too). */
  totalFen: number;
  /** False while a computed fee lacks a value it reads: the window cannot take it yet. */
  known: boolean;
  state: FeeState;
  /** Whether the clerk may record a payment at the window now. */
  payable: boolean;
}

const OPEN = ['submitted', 'accepted'];

/** What the application owes and whether the window may take it now. */
export function feesOwed(status: string, fees: Fee[], payment: Payment | null): FeesOwed {
  const totalFen = fees.reduce((sum, fee) => sum + Math.round(fee.amountCny * 100), 0);
  const known = fees.every((fee) => fee.amountKnown);
  let state: FeeState = totalFen > 0 || !known ? 'unpaid' : 'none';
  if (payment?.status === 'CREATED') state = 'ordered';
  else if (payment?.status === 'PAID') state = payment.channel === 'window' ? 'paidWindow' : 'paidOnline';
  if (payment?.refund === 'pending') state = 'refundPending';
  else if (payment?.status === 'REFUNDED' || payment?.refund === 'done') state = 'refunded';
  const payable = OPEN.includes(status) && known && totalFen > 0 && (state === 'unpaid' || state === 'ordered');
  return { totalFen, known, state, payable };
}

/** Fen as yuan with two decimals: 3858000 → "38580.00". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
