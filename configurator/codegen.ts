import type { CodegenConfig } from '@graphql-codegen/cli';

const plugins = ['typescript-operations'];
const config = {
  scalars: { JSON: 'unknown', DateTime: 'string', Date: 'string', ID: 'string' },
  enumsAsTypes: true,
  avoidOptionals: { field: true, inputValue: false },
  skipTypename: false,
  useTypeImports: true,
};

// Types come from the committed schemas, never from a running server, and from the operations
// the configurator sends: the .graphql files beside each feature to the staff endpoint, and those
// of citizen/ to the citizen endpoint (a walk-in filed at the window with the citizen's token).
const codegen: CodegenConfig = {
  generates: {
    'src/generated/graphql.ts': { schema: '../staff.graphql', documents: ['src/**/*.graphql'], plugins, config },
    'src/generated/citizen.ts': {
      schema: '../schema.graphql',
      documents: ['citizen/*.graphql'],
      plugins,
      config: { ...config, scalars: { ...config.scalars, Upload: 'File' } },
    },
  },
};

export default codegen;
