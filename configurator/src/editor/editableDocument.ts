import { countyPatch } from '../document/countyVersion';
import type { Matter } from '../document/matter';
import type { MatterFieldsFragment } from '../generated/graphql';

/** A county version is edited as its effective definition (template merged with it) and saved
 * as its changes; any other matter is edited and saved as it is. */

export const isLocalised = (authored: MatterFieldsFragment): boolean =>
  Boolean(authored.extends && authored.template && authored.effective);

export const editableOf = (authored: MatterFieldsFragment): Matter =>
  (isLocalised(authored) ? authored.effective : authored.document) as Matter;

/** The document a problem's path points into, as the server says: the authored document, or
 * for a localisation checked after merging with its template, the effective definition. */
export const problemDocument = (authored: MatterFieldsFragment, pointsInto: string): unknown =>
  pointsInto === 'effective' ? authored.effective : authored.document;

export const documentOf = (authored: MatterFieldsFragment, edited: Matter): Matter =>
  isLocalised(authored) ? countyPatch(authored.template as Matter, edited) : edited;
