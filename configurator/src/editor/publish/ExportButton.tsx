import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { request } from '../../api/request';
import type { ExportMatterQuery, ExportMatterQueryVariables } from '../../generated/graphql';
import { EXPORT_MATTER } from '../queries';
import { download } from './download';

/** Download the matter file (form_schemas/ format) of a version, or of the draft. */
export function ExportButton({ code, version, label }: { code: string; version: number | null; label: string }) {
  const { message } = App.useApp();
  const save = () =>
    request<ExportMatterQuery, ExportMatterQueryVariables>(EXPORT_MATTER, { code, version })
      .then((data) => download(`${code}${version ? `.v${version}` : ''}.json`, data.exportMatter))
      .catch((e: Error) => message.error(e.message));
  return (
    <Button icon={<DownloadOutlined />} onClick={save}>
      {label}
    </Button>
  );
}
