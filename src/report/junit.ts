/** One check as CI systems see it: a JUnit test case. */
export interface JunitCase {
  readonly name: string;
  /** Set when the check failed: a one-line message and the full detail. */
  readonly failure?: { readonly message: string; readonly detail: string };
  readonly skipped?: string;
}

/** One scenario file's checks: a JUnit test suite. */
export interface JunitSuite {
  readonly name: string;
  readonly timeS: number;
  readonly cases: readonly JunitCase[];
  /** A file that could not even be loaded: reported as an error, not a failure. */
  readonly error?: string;
}

const escapeXml = (s: string) =>
  s
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** JUnit XML (the dialect Jenkins, GitLab and GitHub test reporters read) for scenario checks. */
export function junitXml(suites: readonly JunitSuite[]): string {
  const count = (f: (c: JunitCase) => boolean) => suites.reduce((n, s) => n + s.cases.filter(f).length, 0);
  const tests = suites.reduce((n, s) => n + s.cases.length + (s.error ? 1 : 0), 0);
  const errors = suites.filter((s) => s.error).length;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="relisim" tests="${tests}" failures="${count((c) => !!c.failure)}" errors="${errors}" skipped="${count((c) => !!c.skipped)}">`,
  ];
  for (const s of suites) {
    const failures = s.cases.filter((c) => c.failure).length;
    const skipped = s.cases.filter((c) => c.skipped).length;
    lines.push(
      `  <testsuite name="${escapeXml(s.name)}" tests="${s.cases.length + (s.error ? 1 : 0)}" failures="${failures}" errors="${s.error ? 1 : 0}" skipped="${skipped}" time="${s.timeS.toFixed(3)}">`,
    );
    if (s.error) {
      lines.push(`    <testcase classname="${escapeXml(s.name)}" name="load scenario">`);
      lines.push(`      <error message="${escapeXml(s.error.split("\n")[0])}">${escapeXml(s.error)}</error>`);
      lines.push(`    </testcase>`);
    }
    for (const c of s.cases) {
      const open = `    <testcase classname="${escapeXml(s.name)}" name="${escapeXml(c.name)}"`;
      if (c.failure) {
        lines.push(`${open}>`, `      <failure message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.detail)}</failure>`, `    </testcase>`);
      } else if (c.skipped) {
        lines.push(`${open}>`, `      <skipped message="${escapeXml(c.skipped)}"/>`, `    </testcase>`);
      } else {
        lines.push(`${open}/>`);
      }
    }
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`, "");
  return lines.join("\n");
}
