// Prints the plain closing line "N passed, N failed, N skipped" from Vitest's JSON report,
// and fails when any test was skipped or none ran: skipping is never silent.
import fs from 'node:fs';

const file = process.argv[2];
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const passed = report.numPassedTests ?? 0;
// Failed tests, plus files that failed without a failing test (an import or setup error);
// numFailedTestSuites would count a failing test's describe blocks a second time.
const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const projects = new Map();
for (const suite of report.testResults ?? []) {
  const name = suite.name.includes('/e2e/') ? 'browser (e2e)' : suite.name.includes('/packages/shared/') ? 'shared' : 'api';
  projects.set(name, (projects.get(name) ?? 0) + (suite.assertionResults ?? []).filter((a) => a.status === 'passed').length);
}
for (const [name, n] of projects) console.log(`  ${name}: ${n} passed`);
if (!projects.get('browser (e2e)')) console.log('  no browser test ran: that is a failure');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 || passed === 0 || !projects.get('browser (e2e)') || !projects.get('api') ? 1 : 0);
