export const AUTHORED_MATTERS = /* GraphQL */ `
  query AuthoredMatters($keyword: String, $after: String) {
    authoredMatters(keyword: $keyword, first: 50, after: $after) {
      items {
        code
        name {
          zh
          en
        }
        status
        hasDraft
        extends
        needsReview
        latestVersion
        runCount
        updatedAt
      }
      nextCursor
    }
  }
`;

export const TEMPLATES = /* GraphQL */ `
  query Templates($keyword: String) {
    templates(keyword: $keyword) {
      code
      name {
        zh
        en
      }
      regionCode
      department {
        zh
        en
      }
      localisedAs
    }
  }
`;
