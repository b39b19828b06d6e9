import jsonLogic from 'json-logic-js';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import operators from './operators.json';
import { operatorsIn } from './operatorsIn';

// shared/ sits beside the repository (<clone>/../shared), as tests/rules expects it; without it
// the suite's tests are skipped, saying so, except under CI=true (README: "Conformance data").
const SUITE = fileURLToPath(
  new URL('../../../../shared/conformance/jsonlogic/jsonlogic.com/tests.json', import.meta.url),
);
const MISSING = existsSync(SUITE)
  ? null
  : `JsonLogic conformance data not found: ${SUITE} (tests.json of github.com/jwadhams/json-logic, ` +
    "branch gh-pages). Put the suites in shared/conformance/jsonlogic/ beside the clone, as the README's " +
    "'Conformance data' says";
if (MISSING && process.env.CI === 'true') {
  throw new Error(`${MISSING}; CI=true requires them.`);
}
if (MISSING) {
  console.warn(`${MISSING}; skipped (CI=true fails instead).`);
}

type Case = [rule: unknown, data: unknown, expected: unknown];

function cases(): Case[] {
  const suite = JSON.parse(readFileSync(SUITE, 'utf8')) as (string | Case)[];
  return suite.filter((item): item is Case => typeof item !== 'string');
}

describe('operators.json', () => {
  it('lists every operator once', () => {
    expect(new Set(operators).size).toBe(operators.length);
  });
});

describe.skipIf(MISSING !== null)('operators.json against the official suite', () => {
  const all = MISSING ? [] : cases();

  it('reads the whole official suite', () => {
    expect(all).toHaveLength(277);
  });

  it.each(operators)('%s passes every case of the suite that uses it in json-logic-js', (operator) => {
    const using = all.filter(([rule]) => operatorsIn(rule).has(operator));
    expect(using.length).toBeGreaterThan(0);
    const failures = using.flatMap(([rule, data, expected]) => {
      let result: unknown;
      try {
        result = jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
      } catch (error) {
        result = error;
      }
      // deepEqual as json-logic-js's own runner uses it: 1 equals 1.0, true is not 1.
      return isDeepStrictEqual(result, expected)
        ? []
        : [`${JSON.stringify(rule)} on ${JSON.stringify(data)}: ${JSON.stringify(result)}`];
    });
    expect(failures).toEqual([]);
  });
});
