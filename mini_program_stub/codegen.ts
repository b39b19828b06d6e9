import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the committed citizen schema, never from a running server, and from the operations
// the mini-program sends: src/api/*.graphql.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/api/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: {
        scalars: { JSON: 'unknown', DateTime: 'string', Date: 'string', ID: 'string', Upload: 'null' },
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        skipTypename: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
