import { Alert, App, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useState, type ChangeEvent } from 'react';
import { request } from '../../api/request';
import type {
  ReviewDecideMutation,
  ReviewDecideMutationVariables,
  ReviewTaskQuery,
  ReviewUploadResultMutation,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { OpenFile } from './ApplicationPanel';
import { REVIEW_DECIDE, REVIEW_UPLOAD_RESULT } from './mutations';
import { uploadFile } from '../../api/uploadFile';

type Task = NonNullable<ReviewTaskQuery['reviewTask']>;

interface Values {
  outcome: 'approve' | 'deny';
  opinion: string;
  resultDocument?: string;
}

interface OutcomeProps {
  label: string;
  approve: string;
  deny: string;
  id?: string;
  value?: Values['outcome'];
  onChange?: (value: Values['outcome']) => void;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  'aria-describedby'?: string;
}

/** 同意 / 不予许可 as one radio group (role radiogroup carries the form's aria-required/invalid). */
function OutcomeChoice({ label, approve, deny, id, value, onChange, ...aria }: OutcomeProps) {
  return (
    <div role="radiogroup" id={id} aria-label={label} {...aria}>
      <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as Values['outcome'])}>
        <Radio value="approve">{approve}</Radio>
        <Radio value="deny">{deny}</Radio>
      </Radio.Group>
    </div>
  );
}

function sizeText(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
}

/** My department's decision: approve or refuse, the opinion (required), the result document's
 * number and file. Another member of staff deciding first is said plainly (CONFLICT). */
export function Decision({
  task,
  conflict,
  onChanged,
}: {
  task: Task;
  conflict: boolean;
  onChanged: (conflict: boolean) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setUploading(true);
    setFileProblem(null);
    uploadFile<ReviewUploadResultMutation>(REVIEW_UPLOAD_RESULT, { taskId: task.id }, file)
      .then(({ uploadResultDocument: result }) => {
        if (result.__typename === 'ReviewTask') {
          message.success(t('reviewUploadDone'));
          onChanged(false);
        } else {
          setFileProblem(pick(result.errors[0]?.message ?? result.message));
          if (result.code === 'ALREADY_DECIDED') onChanged(false);
        }
      })
      .catch((error: Error) => setFileProblem(error.message))
      .finally(() => {
        setUploading(false);
        e.target.value = '';
      });
  };

  const submit = (values: Values) => {
    setSending(true);
    setProblem(null);
    const variables: ReviewDecideMutationVariables = {
      taskId: task.id,
      approve: values.outcome === 'approve',
      opinion: values.opinion,
      resultDocument: values.resultDocument?.trim() || null,
    };
    request<ReviewDecideMutation, ReviewDecideMutationVariables>(REVIEW_DECIDE, variables)
      .then(({ decideTask: result }) => {
        if (result.__typename === 'ReviewTask') {
          message.success(t('reviewDone'));
          onChanged(false);
        } else if (result.code === 'CONFLICT') {
          onChanged(true);
        } else {
          setProblem(pick(result.message));
        }
      })
      .catch((error: Error) => setProblem(error.message))
      .finally(() => setSending(false));
  };

  const decided = task.status !== 'pending';
  return (
    <Card
      title={
        <span role="heading" aria-level={3}>
          {t('reviewDecision')}
        </span>
      }
    >
      {conflict && <Alert className="gap-below" type="warning" showIcon role="alert" message={t('reviewConflict')} />}
      {decided ? (
        <div>
          <Typography.Paragraph strong>
            {t('reviewDecided', {
              outcome: t(task.status === 'approved' ? 'reviewStatus_approved' : 'reviewStatus_denied'),
            })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('reviewOpinion')}: {task.opinion}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('reviewResultDocument')}: {task.resultDocument ?? '—'}
          </Typography.Paragraph>
          {task.resultFile && (
            <Typography.Paragraph>
              {t('reviewUploaded', { name: task.resultFile.filename, size: sizeText(task.resultFile.size) })}{' '}
              <OpenFile file={task.resultFile} />
            </Typography.Paragraph>
          )}
        </div>
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
          <Form.Item
            name="outcome"
            label={t('reviewOutcome')}
            rules={[{ required: true, message: t('reviewOutcomeMissing') }]}
          >
            <OutcomeChoice label={t('reviewOutcome')} approve={t('reviewApprove')} deny={t('reviewDeny')} />
          </Form.Item>
          <Form.Item
            name="opinion"
            label={t('reviewOpinion')}
            rules={[{ required: true, whitespace: true, message: t('reviewOpinionMissing') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Form.Item name="resultDocument" label={t('reviewResultDocument')} extra={t('reviewResultDocumentHelp')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('reviewResultFile')}
            htmlFor="review-result-file"
            extra={t('reviewResultFileHelp')}
            validateStatus={fileProblem ? 'error' : undefined}
            help={fileProblem ?? undefined}
          >
            <input
              id="review-result-file"
              type="file"
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              disabled={uploading}
              onChange={upload}
            />
            {task.resultFile && (
              <Typography.Paragraph className="review-gap-above" role="status">
                {t('reviewUploaded', { name: task.resultFile.filename, size: sizeText(task.resultFile.size) })}
              </Typography.Paragraph>
            )}
          </Form.Item>
          {problem && <Alert className="gap-below" type="error" showIcon role="alert" message={problem} />}
          <Button type="primary" htmlType="submit" loading={sending} disabled={uploading}>
            {t('reviewSubmit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
