// Regenerates the README's transform section from the metadata (run through `npm run docs`, after the build).
import { readFileSync, writeFileSync } from 'node:fs'
import { updateReadme } from '../dist/src/docs/transforms-section.js'
import { transforms } from '../dist/transforms/index.js'

const path = new URL('../README.md', import.meta.url)
writeFileSync(path, updateReadme(readFileSync(path, 'utf8'), transforms))
