import picomatch from 'picomatch'
import { detectSecrets, entropy, textKindOf, type SecretHit } from '../../../src/secrets/detect.js'
import { isEnvFile, isEnvTemplate } from '../env/parse.js'

/** Files whose secrets are fakes by design, or not the project's own text. */
export const NOT_SCANNED = [
  '**/{test,tests,__tests__,__mocks__,mocks,spec,e2e,fixtures,__fixtures__,__testfixtures__,testdata,test-data,docs,examples}/**',
  '**/*{-,_}tests/**',
  '**/{seed,seeds,seeder,seeders}.{ts,js,mjs,cjs,mts,cts}',
  '**/{seed,seeds,seeders}/**',
  '**/*.{test,spec,e2e-spec,stories}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{dist,build,out,coverage,.next,generated,vendor}/**',
  '**/*.{min.js,d.ts,map}',
  '**/{package-lock.json,pnpm-lock.yaml,yarn.lock,composer.lock}',
]
const notScanned = picomatch(NOT_SCANNED, { dot: true })

/**
 * What a file is, for secret scanning: a real env file (fixed: example + untrack), a template or
 * a test env file (committed on purpose, CI may read it: reported only), or any other file.
 */
export type SecretFileKind = 'env' | 'template' | 'test-env' | 'other'

/** Variables a front-end build inlines into public JavaScript: never secret by design (Firebase web keys). */
const PUBLIC_PREFIX = /^(?:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|NUXT_PUBLIC_|PUBLIC_|GATSBY_|VUE_APP_)/

/** The kind of file, or undefined when it is not scanned. */
export function secretFileKind(path: string): SecretFileKind | undefined {
  if (notScanned(path)) return undefined
  if (isEnvFile(path)) return isEnvTemplate(path) ? 'template' : /(?:^|\/)\.env\.(?:test|testing|ci|e2e)(?:\.local)?$/.test(path) ? 'test-env' : 'env'
  return /(?:^|\/)\.envrc$|\.dev\.vars$/.test(path) ? undefined : 'other'
}

/**
 * The secrets of one file. Templates (`.env.example`) and test env files are meant to be
 * committed: only values that cannot be stand-ins count there (known token formats, URL
 * passwords, long random strings). Public front-end variables never count.
 */
export function scanFile(path: string, text: string, kind: SecretFileKind): SecretHit[] {
  const hits = detectSecrets(text, kind === 'other' ? textKindOf(path) : 'env').filter((hit) => !hit.key || !PUBLIC_PREFIX.test(hit.key))
  if (kind === 'env' || kind === 'other') return hits
  return hits.filter((hit) => hit.kind !== 'secret value' || (hit.value.length >= 16 && entropy(hit.value) >= 3.5))
}
