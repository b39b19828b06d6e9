export const AUTHORED_MATTER = /* GraphQL */ `
  query AuthoredMatter($code: String!) {
    authoredMatter(code: $code) {
      ...MatterFields
    }
  }
`;

export const DICTIONARIES = /* GraphQL */ `
  query Dictionaries {
    dataElements {
      key
      name {
        zh
        en
      }
      type
      format
      profileKey
      schema
    }
    departments {
      code
      name {
        zh
        en
      }
    }
    licenseTypes {
      type
      name {
        zh
        en
      }
    }
    sharedSources {
      id
      name {
        zh
        en
      }
      elements
    }
  }
`;

export const MATTER_DIFF = /* GraphQL */ `
  query MatterDiff($code: String!, $fromVersion: Int!, $toVersion: Int) {
    matterDiff(code: $code, fromVersion: $fromVersion, toVersion: $toVersion) {
      ...DiffFields
    }
  }
`;

export const EXPORT_MATTER = /* GraphQL */ `
  query ExportMatter($code: String!, $version: Int) {
    exportMatter(code: $code, version: $version)
  }
`;

export const REPLAY_DRAFT = /* GraphQL */ `
  query ReplayDraft($code: String!) {
    replayDraft(code: $code) {
      checked
      eligibilityChanged
      materialsChanged
      examples
    }
  }
`;

export const PREVIEW_DRAFT = /* GraphQL */ `
  query PreviewDraft($code: String!, $testCase: TestCaseInput!) {
    previewDraft(code: $code, testCase: $testCase) {
      ...ResultFields
    }
  }
`;
