export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      __typename
      ... on StaffSession {
        token
        member {
          username
          name
          role
          regionCode
        }
      }
      ... on StaffError {
        code
        message {
          zh
          en
        }
      }
    }
  }
`;
