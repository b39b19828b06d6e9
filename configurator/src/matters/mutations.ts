export const CREATE_MATTER = /* GraphQL */ `
  mutation CreateMatter($fromTemplate: String, $code: String, $name: LocalizedTextInput) {
    createMatter(fromTemplate: $fromTemplate, code: $code, name: $name) {
      __typename
      ... on AuthoredMatter {
        code
      }
      ... on AuthoringError {
        ...AuthoringErrorFields
      }
    }
  }
`;

export const IMPORT_MATTER = /* GraphQL */ `
  mutation ImportMatter($document: JSON!) {
    importMatter(document: $document) {
      __typename
      ... on AuthoredMatter {
        code
      }
      ... on AuthoringError {
        ...AuthoringErrorFields
      }
    }
  }
`;
