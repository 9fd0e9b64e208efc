import picomatch from 'picomatch'
import { detectSecrets, entropy, textKindOf, type SecretHit } from '../../../src/secrets/detect.js'
import { isEnvFile, isEnvTemplate } from '../env/parse.js'

/** Files whose secrets are fakes by design, or not the project's own text. */
const NOT_SCANNED = picomatch([
  '**/{test,tests,__tests__,__mocks__,mocks,spec,e2e,fixtures,__fixtures__,__testfixtures__,testdata,test-data,docs,examples}/**',
  '**/*{-,_}tests/**',
  '**/{seed,seeds,seeder,seeders}.{ts,js,mjs,cjs,mts,cts}',
  '**/{seed,seeds,seeders}/**',
  '**/*.{test,spec,e2e-spec,stories}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{dist,build,out,coverage,.next,generated,vendor}/**',
  '**/*.{min.js,d.ts,map}',
  '**/{package-lock.json,pnpm-lock.yaml,yarn.lock,composer.lock}',
], { dot: true })

/** What a file is, for secret scanning. */
export type SecretFileKind = 'env' | 'template' | 'other'

/** The kind of file, or undefined when it is not scanned. */
export function secretFileKind(path: string): SecretFileKind | undefined {
  if (isEnvFile(path)) return isEnvTemplate(path) ? 'template' : 'env'
  if (/(?:^|\/)\.env(?:rc)?$|\.dev\.vars$/.test(path)) return undefined
  return NOT_SCANNED(path) ? undefined : 'other'
}

/**
 * The secrets of one file. Templates (`.env.example`) are meant to be committed: only values
 * that cannot be stand-ins count there (known token formats, URL passwords, long random strings).
 */
export function scanFile(path: string, text: string, kind: SecretFileKind): SecretHit[] {
  const hits = detectSecrets(text, kind === 'other' ? textKindOf(path) : 'env')
  if (kind !== 'template') return hits
  return hits.filter((hit) => hit.kind !== 'secret value' || (hit.value.length >= 16 && entropy(hit.value) >= 3.5))
}
