import { App } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { request } from '../api/request';
import { patchIsFaithful } from '../document/countyVersion';
import type { Matter } from '../document/matter';
import type {
  ApplyAdviceMutation,
  ApplyAdviceMutationVariables,
  AuthoredMatterQuery,
  AuthoredMatterQueryVariables,
  AuthoringResultFieldsFragment,
  DeleteTestCaseMutation,
  DeleteTestCaseMutationVariables,
  DictionariesQuery,
  MatterFieldsFragment,
  SaveDraftMutation,
  SaveDraftMutationVariables,
  SaveTestCaseMutation,
  SaveTestCaseMutationVariables,
  TestCaseInput,
} from '../generated/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { documentOf, editableOf, isLocalised } from './editableDocument';
import { APPLY_ADVICE, DELETE_TEST_CASE, SAVE_DRAFT, SAVE_TEST_CASE } from './mutations';
import { placeProblems } from './problems/placeProblems';
import { AUTHORED_MATTER, DICTIONARIES } from './queries';
import type { Trip } from './tests/Advisor';

/** One matter being edited: the server's view of it (`authored`), the document in the editor
 * (`draft`) and every change that goes through the server. Changes to test cases and advice
 * save the draft first, so that they apply to what the author sees. */
export function useMatterDraft(code: string) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [authored, setAuthored] = useState<MatterFieldsFragment | null>(null);
  const [dictionaries, setDictionaries] = useState<DictionariesQuery | null>(null);
  const [draft, setDraft] = useState<Matter | null>(null);
  const [dirty, setDirty] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const accept = useCallback((next: MatterFieldsFragment) => {
    setAuthored(next);
    setDraft(editableOf(next));
    setDirty(false);
  }, []);

  useEffect(() => {
    Promise.all([
      request<AuthoredMatterQuery, AuthoredMatterQueryVariables>(AUTHORED_MATTER, { code }),
      request<DictionariesQuery>(DICTIONARIES),
    ])
      .then(([matter, dicts]) => {
        setDictionaries(dicts);
        if (matter.authoredMatter) accept(matter.authoredMatter);
        else setMissing(t('matterNotFound', { code }));
      })
      .catch((e: Error) => setMissing(e.message));
  }, [code, accept, t]);

  const problems = useMemo(() => (authored && draft ? placeProblems(authored, draft) : []), [authored, draft]);
  const faithful = useMemo(
    () =>
      !authored ||
      !draft ||
      !isLocalised(authored) ||
      patchIsFaithful(authored.template as Matter, draft, documentOf(authored, draft)),
    [authored, draft],
  );

  const change = (next: Matter) => {
    setDraft(next);
    setDirty(true);
  };

  const take = (result: AuthoringResultFieldsFragment): boolean => {
    if (result.__typename === 'AuthoredMatter') {
      accept(result);
      return true;
    }
    message.error(pick(result.message));
    return false;
  };
  const failed = (e: unknown) => {
    message.error(e instanceof Error ? e.message : String(e));
    return false;
  };

  const save = async (): Promise<boolean> => {
    if (!authored || !draft) return false;
    setSaving(true);
    try {
      const { saveDraft } = await request<SaveDraftMutation, SaveDraftMutationVariables>(SAVE_DRAFT, {
        code,
        document: documentOf(authored, draft),
      });
      if (saveDraft.__typename === 'AuthoredMatter') {
        const errors = saveDraft.problems.filter((p) => p.severity === 'error').length;
        if (errors) message.warning(t('savedWithErrors', { n: errors }));
        else message.success(t('saved'));
      }
      return take(saveDraft);
    } catch (e) {
      return failed(e);
    } finally {
      setSaving(false);
    }
  };
  const ensureSaved = () => (dirty ? save() : Promise.resolve(true));

  const attempt = async (action: () => Promise<AuthoringResultFieldsFragment>): Promise<boolean> => {
    try {
      return (await ensureSaved()) && take(await action());
    } catch (e) {
      return failed(e);
    }
  };
  const saveCase = (testCase: TestCaseInput) =>
    attempt(async () => {
      const data = await request<SaveTestCaseMutation, SaveTestCaseMutationVariables>(SAVE_TEST_CASE, {
        code,
        testCase,
      });
      return data.saveTestCase;
    });
  const deleteCase = (id: string) =>
    attempt(async () => {
      const data = await request<DeleteTestCaseMutation, DeleteTestCaseMutationVariables>(DELETE_TEST_CASE, {
        code,
        id,
      });
      return data.deleteTestCase;
    });
  const applyAdvice = async (trip: Trip) => {
    const done = await attempt(async () => {
      const data = await request<ApplyAdviceMutation, ApplyAdviceMutationVariables>(APPLY_ADVICE, {
        code,
        itemId: trip.itemId,
        fix: trip.fix ?? '',
      });
      return data.applyAdvice;
    });
    if (done) message.success(t('fixApplied'));
  };

  return {
    authored,
    dictionaries,
    draft,
    dirty,
    missing,
    saving,
    problems,
    faithful,
    change,
    accept,
    save,
    ensureSaved,
    saveCase,
    deleteCase,
    applyAdvice,
  };
}
