import { operation } from '../api/documents';
import source from './mutations.graphql?raw';

export const SAVE_DRAFT = operation(source, 'SaveDraft');
export const DISCARD_DRAFT = operation(source, 'DiscardDraft');
export const SAVE_TEST_CASE = operation(source, 'SaveTestCase');
export const DELETE_TEST_CASE = operation(source, 'DeleteTestCase');
export const PUBLISH_MATTER = operation(source, 'PublishMatter');
export const RESTORE_VERSION = operation(source, 'RestoreVersion');
export const RETIRE_MATTER = operation(source, 'RetireMatter');
export const APPLY_ADVICE = operation(source, 'ApplyAdvice');
