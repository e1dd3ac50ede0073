// Unit and integration tests: self-contained, beside the code (src/**/*.test.ts).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/samples'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  moduleNameMapper: { '/csvScan\\.wasm$': '<rootDir>/scripts/jest-wasm-module.cjs' },
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        tsconfig: {
          isolatedModules: true,
          module: 'commonjs',
          jsx: 'react-jsx',
          esModuleInterop: true,
          target: 'ES2022',
        },
      },
    ],
  },
  testTimeout: 60000,
};
