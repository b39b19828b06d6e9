import { createContext, useContext } from 'react';
import type { DictionariesQuery } from '../generated/graphql';

export type Dictionaries = DictionariesQuery;

const empty: Dictionaries = { dataElements: [], departments: [], licenseTypes: [], sharedSources: [] };
const DictionariesContext = createContext<Dictionaries>(empty);

/** The data elements, departments, e-license types and shared sources the editor offers. */
export const DictionariesProvider = DictionariesContext.Provider;
export const useDictionaries = (): Dictionaries => useContext(DictionariesContext);
