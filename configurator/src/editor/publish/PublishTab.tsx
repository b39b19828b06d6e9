import { Alert, App, Button, Card, Input, List, Popconfirm, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../../api/request';
import type {
  AuthoringErrorFieldsFragment,
  DiffFieldsFragment,
  DiscardDraftMutation,
  DiscardDraftMutationVariables,
  MatterDiffQuery,
  MatterDiffQueryVariables,
  MatterFieldsFragment,
  PublishMatterMutation,
  PublishMatterMutationVariables,
  ReplayDraftQuery,
  ReplayDraftQueryVariables,
  RetireMatterMutation,
  RetireMatterMutationVariables,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { DISCARD_DRAFT, PUBLISH_MATTER, RETIRE_MATTER } from '../mutations';
import type { Location } from '../problems/problemLocation';
import { ProblemAlert, problemText, useProblems } from '../problems/ProblemsContext';
import { MATTER_DIFF, REPLAY_DRAFT } from '../queries';
import { DiffTable } from './DiffTable';
import { problemSentence } from '../../i18n/problemTexts';
import { editableOf, problemDocument } from '../editableDocument';
import { ExportButton } from './ExportButton';
import { VersionHistory } from './VersionHistory';

interface Props {
  authored: MatterFieldsFragment;
  onGoTo: (location: Location) => void;
  onAccept: (authored: MatterFieldsFragment) => void;
  ensureSaved: () => Promise<boolean>;
}

export function PublishTab({ authored, onGoTo, onAccept, ensureSaved }: Props) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const problems = useProblems();
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<AuthoringErrorFieldsFragment | null>(null);
  const [changes, setChanges] = useState<DiffFieldsFragment[] | null>(null);
  const [replay, setReplay] = useState<ReplayDraftQuery['replayDraft'] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const latest = authored.versions[0]?.number;
  const errors = problems.filter((p) => p.severity === 'error');
  const passed = authored.testResults.filter((r) => r.passed).length;

  useEffect(() => {
    if (latest === undefined) return;
    request<MatterDiffQuery, MatterDiffQueryVariables>(MATTER_DIFF, {
      code: authored.code,
      fromVersion: latest,
      toVersion: null,
    })
      .then((data) => setChanges(data.matterDiff))
      .catch((e: Error) => message.error(e.message));
  }, [authored, latest, message]);

  const run = async <T,>(key: string, action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(key);
    try {
      return await action();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  };

  const publish = () =>
    run('publish', async () => {
      if (!(await ensureSaved())) return;
      const { publishMatter } = await request<PublishMatterMutation, PublishMatterMutationVariables>(PUBLISH_MATTER, {
        code: authored.code,
        note: note.trim(),
      });
      if (publishMatter.__typename === 'PublishedMatter') {
        setRefusal(null);
        setNote('');
        onAccept(publishMatter.matter);
        message.success(t('published', { version: publishMatter.version }));
      } else {
        setRefusal(publishMatter);
      }
    });

  const replayDraft = () =>
    run('replay', async () => {
      if (!(await ensureSaved())) return;
      const data = await request<ReplayDraftQuery, ReplayDraftQueryVariables>(REPLAY_DRAFT, { code: authored.code });
      setReplay(data.replayDraft);
    });

  const change = (key: string, mutation: () => Promise<MatterFieldsFragment | AuthoringErrorFieldsFragment>) =>
    run(key, async () => {
      const result = await mutation();
      if ('status' in result) onAccept(result);
      else message.error(pick(result.message));
    });

  const discard = () =>
    change('discard', async () => {
      const data = await request<DiscardDraftMutation, DiscardDraftMutationVariables>(DISCARD_DRAFT, {
        code: authored.code,
      });
      return data.discardDraft;
    });
  const retire = () =>
    change('retire', async () => {
      const data = await request<RetireMatterMutation, RetireMatterMutationVariables>(RETIRE_MATTER, {
        code: authored.code,
      });
      return data.retireMatter;
    });

  return (
    <div className="tab-body">
      <Card id="document" title={t('sectionChecks')} className="section">
        <Space size="large" className="gap-below">
          <Statistic
            title={t('errorCount')}
            value={errors.length}
            valueStyle={{ color: errors.length ? '#cf1322' : '#3f8600' }}
          />
          <Statistic title={t('problemCount')} value={problems.length} />
          <Statistic title={t('testsPassed')} value={`${passed} / ${authored.testResults.length}`} />
        </Space>
        {problems.length === 0 && <Alert type="success" showIcon message={t('noProblems')} />}
        {problems.length > 0 && (
          <List
            className="all-problems"
            dataSource={problems}
            renderItem={(problem) => (
              <List.Item>
                <ProblemAlert
                  problem={problem}
                  action={
                    problem.location.tab !== 'publish' && (
                      <Button size="small" onClick={() => onGoTo(problem.location)}>
                        {t('showInEditor')}
                      </Button>
                    )
                  }
                />
              </List.Item>
            )}
          />
        )}
        {authored.testResults
          .filter((r) => !r.passed)
          .map((r) => (
            <Alert
              key={r.caseId ?? r.name}
              type="error"
              showIcon
              className="gap-below"
              message={t('testFailedNamed', { name: r.name })}
              description={r.error ?? r.mismatches.join('；')}
            />
          ))}
      </Card>

      {authored.extends && (
        <Card title={t('sectionTemplate', { code: authored.extends })} className="section">
          {authored.needsReview && authored.templateChange && (
            <>
              <Alert
                type="warning"
                showIcon
                className="gap-below"
                message={t('templateChanged', {
                  from: authored.templateChange.fromVersion,
                  to: authored.templateChange.toVersion,
                })}
                description={t('templateChangedHelp')}
              />
              <DiffTable entries={authored.templateChange.diff} testId="template-change" />
            </>
          )}
          <Typography.Title level={5}>{t('templateDiff')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('templateDiffHelp')}</Typography.Paragraph>
          <DiffTable
            entries={authored.templateDiff}
            before={authored.template}
            after={authored.effective}
            testId="template-diff"
          />
        </Card>
      )}

      <Card title={t('sectionPublish')} className="section">
        {!authored.hasDraft && <Alert type="success" showIcon message={t('nothingToPublish')} />}
        {authored.hasDraft && changes && (
          <>
            <Typography.Title level={5}>{t('changesSinceLatest', { version: latest ?? 0 })}</Typography.Title>
            <DiffTable entries={changes} after={editableOf(authored)} testId="changes" />
          </>
        )}
        {authored.hasDraft && (
          <>
            <Space className="gap-below" wrap>
              <Button loading={busy === 'replay'} onClick={replayDraft}>
                {t('replay')}
              </Button>
              <Typography.Text type="secondary">{t('replayHelp')}</Typography.Text>
            </Space>
            {replay && (
              <Alert
                className="gap-below"
                type={replay.eligibilityChanged || replay.materialsChanged ? 'warning' : 'success'}
                showIcon
                message={t('replayResult', {
                  checked: replay.checked,
                  eligibility: replay.eligibilityChanged,
                  materials: replay.materialsChanged,
                })}
                description={replay.examples.length ? replay.examples.join('\n') : undefined}
              />
            )}
            <Typography.Paragraph strong>{t('publishNote')}</Typography.Paragraph>
            <Input.TextArea
              className="publish-note gap-below"
              placeholder={t('publishNotePlaceholder')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              autoSize={{ minRows: 2 }}
            />
            {refusal && (
              <Alert
                className="gap-below publish-refused"
                type="error"
                showIcon
                message={pick(refusal.message)}
                description={[
                  ...refusal.problems.map((p) =>
                    problemSentence(problemText(p, lang), p.path, problemDocument(authored, p.pointsInto), lang),
                  ),
                  ...refusal.failingTests.map((r) => t('testFailedNamed', { name: r.name })),
                ].join('\n')}
              />
            )}
            <Space wrap>
              <Button
                type="primary"
                size="large"
                loading={busy === 'publish'}
                disabled={!note.trim()}
                onClick={publish}
              >
                {t('publish')}
              </Button>
              {errors.length > 0 && <Typography.Text type="danger">{t('publishBlocked')}</Typography.Text>}
            </Space>
          </>
        )}
      </Card>

      <VersionHistory key={latest} authored={authored} onAccept={onAccept} />

      <Card title={t('sectionOther')} className="section">
        <Space wrap>
          <ExportButton code={authored.code} version={null} label={t('exportDraft')} />
          {authored.hasDraft && latest !== undefined && (
            <Popconfirm
              title={t('discardConfirm')}
              okText={t('discardDraft')}
              cancelText={t('cancel')}
              onConfirm={discard}
            >
              <Button loading={busy === 'discard'}>{t('discardDraft')}</Button>
            </Popconfirm>
          )}
          {authored.status === 'PUBLISHED' && (
            <Popconfirm title={t('retireConfirm')} okText={t('retire')} cancelText={t('cancel')} onConfirm={retire}>
              <Button danger loading={busy === 'retire'}>
                {t('retire')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Card>
    </div>
  );
}
