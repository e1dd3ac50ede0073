/** The real-dataset suite: reads SEGMENT_DATASETS (default ../shared/datasets). */
const base = require('./jest.config.cjs');
module.exports = { ...base, roots: ['<rootDir>/tests/datasets'], testTimeout: 300000 };
