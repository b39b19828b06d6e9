import { operation } from '../api/documents';
import source from './mutations.graphql?raw';

export const SIGN_IN = operation(source, 'SignIn');
