import type { LocalizedText } from './settings';

interface Entry extends LocalizedText {
  plain?: LocalizedText;
}

/** The texts of paying an application's fees online (网上缴费) on its page. */
export const PAYMENT_TEXTS = {
  feesDue: { zh: '应缴费用', en: 'Fees to pay', plain: { zh: '要交的钱', en: 'What you pay' } },
  feeLine: { zh: '{name}：{amount}', en: '{name}: {amount}' },
  feeExempt: { zh: '{name}：免缴（{reason}）', en: '{name}: exempt ({reason})' },
  feeUnknown: {
    zh: '{name}：待计算，还缺成交价格或面积等信息',
    en: '{name}: not known yet, a price or an area is missing',
  },
  feeBasis: { zh: '依据：{basis}', en: 'Basis: {basis}' },
  feeTotal: { zh: '合计 {n} 元', en: 'Total CNY {n}' },
  pay: { zh: '去缴费', en: 'Pay now', plain: { zh: '交钱', en: 'Pay' } },
  payUnpaid: {
    zh: '费用缴清后才能办结；也可以到窗口缴费（需要跑一次）。',
    en: 'It is decided once the fees are paid; you can also pay at the window (one trip).',
  },
  payPaidOnline: { zh: '✓ 已网上缴费 {n} 元', en: '✓ CNY {n} paid online' },
  payPaidWindow: { zh: '✓ 已在窗口缴费 {n} 元', en: '✓ CNY {n} paid at the window' },
  payRefunded: { zh: '已退费 {n} 元', en: 'CNY {n} refunded' },
  payNoCashier: {
    zh: '订单已生成，请在微信或支付宝里完成支付。',
    en: 'The order is ready: pay it in WeChat or Alipay.',
  },
} satisfies Record<string, Entry>;
