import { operation } from '../api/documents';
import source from './queries.graphql?raw';

export const AUTHORED_MATTER = operation(source, 'AuthoredMatter');
export const DICTIONARIES = operation(source, 'Dictionaries');
export const MATTER_DIFF = operation(source, 'MatterDiff');
export const EXPORT_MATTER = operation(source, 'ExportMatter');
export const REPLAY_DRAFT = operation(source, 'ReplayDraft');
export const PREVIEW_DRAFT = operation(source, 'PreviewDraft');
