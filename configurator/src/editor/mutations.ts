export const SAVE_DRAFT = /* GraphQL */ `
  mutation SaveDraft($code: String!, $document: JSON!) {
    saveDraft(code: $code, document: $document) {
      ...AuthoringResultFields
    }
  }
`;

export const DISCARD_DRAFT = /* GraphQL */ `
  mutation DiscardDraft($code: String!) {
    discardDraft(code: $code) {
      ...AuthoringResultFields
    }
  }
`;

export const SAVE_TEST_CASE = /* GraphQL */ `
  mutation SaveTestCase($code: String!, $testCase: TestCaseInput!) {
    saveTestCase(code: $code, testCase: $testCase) {
      ...AuthoringResultFields
    }
  }
`;

export const DELETE_TEST_CASE = /* GraphQL */ `
  mutation DeleteTestCase($code: String!, $id: ID!) {
    deleteTestCase(code: $code, id: $id) {
      ...AuthoringResultFields
    }
  }
`;

export const PUBLISH_MATTER = /* GraphQL */ `
  mutation PublishMatter($code: String!, $note: String!) {
    publishMatter(code: $code, note: $note) {
      __typename
      ... on PublishedMatter {
        version
        matter {
          ...MatterFields
        }
      }
      ... on AuthoringError {
        ...AuthoringErrorFields
      }
    }
  }
`;

export const RESTORE_VERSION = /* GraphQL */ `
  mutation RestoreVersion($code: String!, $version: Int!) {
    restoreVersion(code: $code, version: $version) {
      ...AuthoringResultFields
    }
  }
`;

export const RETIRE_MATTER = /* GraphQL */ `
  mutation RetireMatter($code: String!) {
    retireMatter(code: $code) {
      ...AuthoringResultFields
    }
  }
`;

export const APPLY_ADVICE = /* GraphQL */ `
  mutation ApplyAdvice($code: String!, $itemId: String!, $fix: String!) {
    applyAdvice(code: $code, itemId: $itemId, fix: $fix) {
      ...AuthoringResultFields
    }
  }
`;
