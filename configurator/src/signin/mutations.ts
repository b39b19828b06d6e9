import { operation } from '../api/documents';
import source from './mutations.graphql?raw';

export const SIGN_IN = operation(source, 'SignIn');
export const SIGN_OUT = operation(source, 'SignOut');
export const CHANGE_PASSWORD = operation(source, 'ChangePassword');
