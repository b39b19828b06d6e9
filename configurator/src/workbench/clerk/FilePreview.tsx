import { Alert, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { session } from '../../api/session';
import { useI18n } from '../../i18n/I18nProvider';

interface StaffFile {
  url: string;
  filename: string;
  contentType: string;
  size: number;
}

/** An uploaded material shown inline: fetched with the staff token (each download is audited)
 * into a blob: URL, an image as <img>, a PDF in an <iframe>, anything else as a link. */
export function FilePreview({ file }: { file: StaffFile }) {
  const { t } = useI18n();
  const [blob, setBlob] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let made: string | null = null;
    let cancelled = false;
    const token = session.token();
    fetch(file.url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.blob();
      })
      .then((body) => {
        if (cancelled) return;
        made = URL.createObjectURL(new Blob([body], { type: file.contentType }));
        setBlob(made);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [file.url, file.contentType]);

  const title = t('clerkPreviewOf', { name: file.filename });
  if (failed) return <Alert type="warning" showIcon message={`${t('clerkFileFailed')}: ${file.filename}`} />;
  if (!blob) return <Spin tip={t('clerkFileLoading')} />;
  if (file.contentType.startsWith('image/')) return <img className="clerk-preview" src={blob} alt={title} />;
  if (file.contentType === 'application/pdf')
    return <iframe className="clerk-preview-frame" src={blob} title={title} />;
  return (
    <Typography.Link href={blob} target="_blank" rel="noreferrer">
      {t('clerkOpenFile')}: {file.filename}
    </Typography.Link>
  );
}
