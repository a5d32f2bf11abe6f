// No transform: the tests are plain CommonJS and load the package's `require` build as published.
module.exports = { rootDir: __dirname, transform: {}, testMatch: ['**/*.test.cjs'] }
