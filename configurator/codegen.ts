import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the committed staff schema, never from a running server, and from the operations
// the configurator sends: the .graphql files beside each feature.
const config: CodegenConfig = {
  schema: '../staff.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: {
        scalars: { JSON: 'unknown', DateTime: 'string', Date: 'string', ID: 'string' },
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        skipTypename: false,
        useTypeImports: true,
      },
    },
  },
};

export default config;
