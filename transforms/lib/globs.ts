/** JS/TS sources prod-fix edits (declaration files are excluded by the parser check). */
export const SCRIPT_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']

/**
 * Places where a second client, console output or a missing logger is intended. A `prisma/`
 * folder is not listed: NestJS keeps its runtime PrismaService in `src/prisma/`
 * (see isNonRuntimeFile in prisma.ts for the schema folder).
 */
export const NON_RUNTIME_FILES = [
  '**/{test,tests,__tests__,__mocks__,spec,e2e,fixtures,__fixtures__,__testfixtures__}/**',
  '**/*.{test,spec,e2e-spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  // seed.ts, seeds.js, seed-company-mappings.ts, seed_data.ts
  '**/{seed,seeds,seeder,seeders}{,[-_.]*}.{ts,js,mjs,cjs,mts,cts}',
  '**/{seed,seeds,seeders,migrations,migration}/**',
  '**/{scripts,script,bin}/**',
  '**/{vitest,jest,playwright,vite,webpack,rollup,tsup,eslint,prettier,next,nuxt,tailwind,postcss,babel}.config.*',
]
