import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** Up, down and delete for one entry of a list. */
export function ItemActions({ index, count, onMove, onRemove }: Props) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tooltip title={t('moveUp')}>
        <Button aria-label={t('moveUp')} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} />
      </Tooltip>
      <Tooltip title={t('moveDown')}>
        <Button
          aria-label={t('moveDown')}
          icon={<ArrowDownOutlined />}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        />
      </Tooltip>
      <Popconfirm title={t('confirmDelete')} okText={t('delete')} cancelText={t('cancel')} onConfirm={onRemove}>
        <Button aria-label={t('delete')} danger icon={<DeleteOutlined />} />
      </Popconfirm>
    </Space>
  );
}
