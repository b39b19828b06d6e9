import { BulbOutlined } from '@ant-design/icons';
import { Button, List, Space, Tag, Typography } from 'antd';
import type { Matter } from '../../document/matter';
import type { ResultFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';

type Trip = ResultFieldsFragment['trips'][number];
const FIXES = ['offer_e_license', 'accept_commitment', 'allow_upload', 'deliver_by_express'] as const;
type Fix = (typeof FIXES)[number];
const isFix = (fix: string | null): fix is Fix => FIXES.includes(fix as Fix);

interface Props {
  trips: Trip[];
  matter: Matter;
  onApply?: (trip: Trip) => void;
}

/** The zero-run advisor: each trip the applicant still makes, why, and how to remove it. */
export function Advisor({ trips, matter, onApply }: Props) {
  const { t, pick } = useI18n();
  if (!trips.length) return <Typography.Text type="success">{t('advisorNoTrips')}</Typography.Text>;
  const itemName = (trip: Trip) =>
    pick(matter.materials?.find((m) => m.id === trip.itemId)?.name) ||
    pick(matter.on_site_steps?.find((s) => s.id === trip.itemId)?.name) ||
    (trip.itemId === 'delivery' ? t('tripDelivery') : trip.itemId);
  const partyName = (id: string) => pick(matter.parties?.find((p) => p.id === id)?.name) || id;

  return (
    <List
      className="advisor"
      size="small"
      dataSource={trips}
      renderItem={(trip) => (
        <List.Item
          data-trip={trip.itemId}
          actions={
            isFix(trip.fix) && onApply
              ? [
                  <Button key="apply" type="primary" icon={<BulbOutlined />} onClick={() => onApply(trip)}>
                    {t('applyFix')}
                  </Button>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={
              <Space wrap>
                <Tag color="red">{t(`trip_${trip.kind}` as 'trip_original')}</Tag>
                <span>{itemName(trip)}</span>
                {trip.party && (
                  <Tag color="purple" className="trip-party">
                    {partyName(trip.party)}
                  </Tag>
                )}
                {isFix(trip.fix) && <Tag color="blue">{t(`fix_${trip.fix}`)}</Tag>}
              </Space>
            }
            description={
              <>
                <div>
                  {t('tripReason')}：{pick(trip.reason)}
                </div>
                <div>
                  {t('tripRemedy')}：{pick(trip.remedy)}
                </div>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

export type { Trip };
