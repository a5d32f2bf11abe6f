// Prints the one closing line CI reads — "N passed, N failed" — summed over every report it finds.
// Vitest's JSON reporter and our own e2e runner write the same two fields.
import { existsSync, readFileSync } from 'node:fs'

const reports = process.argv.slice(2).filter((file) => existsSync(file))
let passed = 0
let failed = 0
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests ?? 0
  failed +=
    (report.numFailedTests ?? 0) +
    (report.numFailedTestSuites ?? 0) * (report.numTotalTests ? 0 : 1)
}
console.log(`${passed} passed, ${failed} failed`)
