// Unit and integration tests: self-contained, beside the code (src/**/*.test.ts).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/samples'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
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
