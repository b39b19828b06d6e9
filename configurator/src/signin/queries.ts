export const ME = /* GraphQL */ `
  query Me {
    me {
      username
      name
      role
      regionCode
    }
  }
`;
