import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { StaffFeeFieldsFragment } from '../../generated/graphql';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import type { Application } from './Dialogs';
import { feesOwed, yuan, type FeeState } from './feesOwed';

const STATE: Record<FeeState, { text: MessageKey; color: string }> = {
  none: { text: 'feesNone', color: 'default' },
  unpaid: { text: 'feesUnpaid', color: 'orange' },
  ordered: { text: 'feesOrdered', color: 'orange' },
  paidOnline: { text: 'feesPaidOnline', color: 'green' },
  paidWindow: { text: 'feesPaidWindow', color: 'green' },
  refundPending: { text: 'feesRefundPending', color: 'purple' },
  refunded: { text: 'feesRefunded', color: 'purple' },
};

/** The fees the applicant owes, each with how it is counted, its legal basis and any exemption,
 * where their payment stands, and the window's till: the clerk records a payment taken here
 * (窗口缴费), which the decision waits for and which counts the applicant a trip. */
export function Fees({ app, onRecord }: { app: Application; onRecord: () => Promise<boolean> }) {
  const { t, pick } = useI18n();
  const { modal } = App.useApp();
  const owed = feesOwed(app.status, app.fees, app.payment);
  if (app.fees.length === 0 && !app.payment) return null;
  const state = STATE[owed.state];
  const record = () =>
    modal.confirm({
      title: t('feesRecord'),
      content: t('feesRecordConfirm', { amount: yuan(owed.totalFen) }),
      okText: t('feesRecordOk'),
      cancelText: t('clerkCancel'),
      onOk: onRecord,
    });
  return (
    <Card
      size="small"
      className="gap-below"
      title={
        <Typography.Title level={3} className="clerk-card-title">
          {t('feesTitle')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <span>
            {t('feesStatus')} <Tag color={state.color}>{t(state.text, { clerk: app.payment?.receivedBy ?? '' })}</Tag>
          </span>
          {owed.payable && (
            <Button type="primary" onClick={record}>
              {t('feesRecord')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<StaffFeeFieldsFragment>
        rowKey="id"
        size="small"
        pagination={false}
        aria-label={t('feesTable')}
        dataSource={app.fees}
        columns={[
          { title: t('feesName'), width: 200, render: (_, f) => pick(f.name) },
          {
            title: t('feesAmount'),
            width: 150,
            align: 'right',
            render: (_, f) => (f.amountKnown ? f.amountCny.toFixed(2) : t('feesUnknown')),
          },
          { title: t('feesFormula'), render: (_, f) => pick(f.formula) || '—' },
          { title: t('feesBasis'), render: (_, f) => pick(f.basis) || '—' },
          {
            title: t('feesExemption'),
            width: 200,
            hidden: !app.fees.some((f) => f.exemption),
            render: (_, f) =>
              f.exemption ? (
                <>
                  {t('feesExempt', { reason: pick(f.exemption.reason) })}
                  <Typography.Text type="secondary"> {pick(f.exemption.basis)}</Typography.Text>
                </>
              ) : (
                '—'
              ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={app.fees.some((f) => f.exemption) ? 5 : 4}>
              <strong>
                {t('feesTotal', {
                  amount: yuan(
                    app.payment?.status === 'PAID' ? Math.round(app.payment.amountCny * 100) : owed.totalFen,
                  ),
                })}
              </strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
