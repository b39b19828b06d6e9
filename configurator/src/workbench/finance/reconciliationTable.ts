import type { FinanceReconciliationQuery, ReconciliationProblem } from '../../generated/graphql';
import type { MessageKey } from '../../i18n/dictionary';
import type { FigureTable } from '../supervision/model';

type Answer = FinanceReconciliationQuery['paymentReconciliation'];
export type Report = Extract<Answer, { __typename: 'PaymentReconciliation' }>;
type Say = (key: MessageKey, values?: Record<string, string | number>) => string;

const PROBLEM: Record<ReconciliationProblem, MessageKey> = {
  NOT_RECORDED: 'reconProblem_NOT_RECORDED',
  NOT_AT_PLATFORM: 'reconProblem_NOT_AT_PLATFORM',
  AMOUNT: 'reconProblem_AMOUNT',
  REFUND: 'reconProblem_REFUND',
};

/** A disagreement in words, or "agrees". */
export function problemText(problem: ReconciliationProblem | null, say: Say): string {
  return say(problem ? PROBLEM[problem] : 'reconOk');
}

function amount(value: number | null): string {
  return value === null ? '' : value.toFixed(2);
}

/** The report as the two tables of its CSV (the totals, then every trade), in the language shown,
 * amounts in yuan with two decimals and an empty cell where a side has no such trade. */
export function reconciliationTables(report: Report, say: Say): FigureTable[] {
  return [
    {
      name: `${say('reconTitle')} ${report.day}`,
      headers: [say('reconDay'), say('reconOnline'), say('reconWindow'), say('reconPlatform'), say('reconMismatches')],
      rows: [
        [
          report.day,
          amount(report.onlineTotalCny),
          amount(report.windowTotalCny),
          amount(report.platformTotalCny),
          report.mismatchCount,
        ],
      ],
    },
    {
      name: say('reconTable'),
      headers: [
        say('reconOrder'),
        say('reconChannel'),
        say('reconLedger'),
        say('reconPlatformAmount'),
        say('reconLedgerState'),
        say('reconPlatformState'),
        say('reconProblem'),
      ],
      rows: report.lines.map((line) => [
        line.orderId,
        say(line.channel === 'window' ? 'reconChannel_window' : 'reconChannel_online'),
        amount(line.ledgerCny),
        amount(line.platformCny),
        line.ledgerState ?? '',
        line.platformState ?? '',
        problemText(line.problem, say),
      ]),
    },
  ];
}
