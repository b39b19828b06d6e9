import { defaultOperators, formatQuery, type Operator } from 'react-querybuilder';
import allowed from './operators.json';
import { operatorsIn } from './operatorsIn';

const sampleValue = (name: string): string => (name.endsWith('etween') ? '1,2' : 'x');

/** The builder's operators whose JsonLogic uses only the operators of operators.json (those
 * both json-logic-js and the server's engine pass): "begins with" and "ends with" go. */
export const builderOperators: Operator[] = defaultOperators.filter((operator) => {
  const rule = formatQuery(
    { combinator: 'and', rules: [{ field: 'x', operator: operator.name, value: sampleValue(operator.name) }] },
    'jsonlogic',
  );
  return [...operatorsIn(rule)].every((op) => allowed.includes(op));
});
