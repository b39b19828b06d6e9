/** The fragments operations share; `request` appends those an operation spreads. */

const PROBLEM_FIELDS = /* GraphQL */ `
  fragment ProblemFields on AuthoringProblem {
    path
    message
    messageZh
    severity
    pointsInto
  }
`;

const DIFF_FIELDS = /* GraphQL */ `
  fragment DiffFields on DiffEntry {
    path
    op
    before
    after
  }
`;

const RESULT_FIELDS = /* GraphQL */ `
  fragment ResultFields on TestCaseResult {
    caseId
    name
    passed
    mismatches
    error
    eligible
    failedRules
    materials
    runCount
    trips {
      kind
      itemId
      reason {
        zh
        en
      }
      remedy {
        zh
        en
      }
      fix
    }
  }
`;

const AUTHORING_ERROR_FIELDS = /* GraphQL */ `
  fragment AuthoringErrorFields on AuthoringError {
    code
    message {
      zh
      en
    }
    problems {
      ...ProblemFields
    }
    failingTests {
      ...ResultFields
    }
  }
`;

const MATTER_FIELDS = /* GraphQL */ `
  fragment MatterFields on AuthoredMatter {
    code
    status
    hasDraft
    extends
    needsReview
    document
    effective
    template
    templateDiff {
      ...DiffFields
    }
    templateChange {
      fromVersion
      toVersion
      diff {
        ...DiffFields
      }
    }
    problems {
      ...ProblemFields
    }
    testCases {
      id
      name
      profile
      eLicenses
      sharedSources
      situation
      answers
      expected {
        eligible
        materials
        runCount
      }
    }
    testResults {
      ...ResultFields
    }
    versions {
      number
      note
      author
      publishedAt
    }
    runCount
  }
`;

const AUTHORING_RESULT_FIELDS = /* GraphQL */ `
  fragment AuthoringResultFields on AuthoringResult {
    __typename
    ... on AuthoredMatter {
      ...MatterFields
    }
    ... on AuthoringError {
      ...AuthoringErrorFields
    }
  }
`;

const FRAGMENTS = [
  PROBLEM_FIELDS,
  DIFF_FIELDS,
  RESULT_FIELDS,
  AUTHORING_ERROR_FIELDS,
  MATTER_FIELDS,
  AUTHORING_RESULT_FIELDS,
];
const byName = new Map(FRAGMENTS.map((text) => [/fragment (\w+)/.exec(text)?.[1] ?? '', text]));

/** The operation followed by every fragment it spreads, directly or through another. */
export function withFragments(operation: string): string {
  const needed = new Set<string>();
  const visit = (text: string): void => {
    for (const [, name] of text.matchAll(/\.\.\.\s*(\w+)/g)) {
      if (name === undefined || name === 'on' || needed.has(name)) continue;
      needed.add(name);
      visit(byName.get(name) ?? '');
    }
  };
  visit(operation);
  return [operation, ...[...needed].map((name) => byName.get(name) ?? '')].join('\n');
}
