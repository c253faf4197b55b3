/** Types of scripts/check-lockfile.js, for the tests. */
export function missingOptionals(packages: Record<string, { optionalDependencies?: Record<string, string> }>): string[];
