import { deepEqual } from '../../document/deepEqual';
import type { Matter } from '../../document/matter';
import { valueAt } from '../../document/valueAt';
import type { MatterFieldsFragment } from '../../generated/graphql';
import { problemSentence } from '../../i18n/problemTexts';
import { editableOf, problemDocument } from '../editableDocument';
import { editedPointer, locate } from './problemLocation';
import type { PlacedProblem } from './ProblemsContext';

/** The problems of the last save, each placed in the editor and said as a sentence naming what
 * it is about; one whose value was edited since is out of date and left out until the next
 * save. */
export function placeProblems(authored: MatterFieldsFragment, draft: Matter): PlacedProblem[] {
  const saved = editableOf(authored);
  return authored.problems
    .map((problem) => {
      const document = problemDocument(authored, problem.pointsInto);
      const editedPath = editedPointer(problem.path, document, draft);
      return {
        ...problem,
        location: locate(problem.path, document, draft),
        editedPath,
        sentence: {
          zh: problemSentence(problem.messageZh || problem.message, editedPath, draft, 'zh'),
          en: problemSentence(problem.message, editedPath, draft, 'en'),
        },
      };
    })
    .filter((problem) => deepEqual(valueAt(saved, problem.editedPath), valueAt(draft, problem.editedPath)));
}
