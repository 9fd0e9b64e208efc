import { describe, expect, it } from 'vitest'
import { detectSecrets, isPlaceholder, isSecretName } from '../../src/secrets/detect.js'
import { mask, Redactor } from '../../src/secrets/redact.js'

const values = (text: string, kind?: Parameters<typeof detectSecrets>[1]): string[] => detectSecrets(text, kind).map((hit) => hit.value)

describe('detectSecrets', () => {
  it('takes a URL password up to the last @ of the authority (a raw @ stays in the password)', () => {
    expect(values('DATABASE_URL="postgresql://postgres:Ab1@Cd2@db.example.supabase.co:5432/postgres"', 'env')).toEqual(['Ab1@Cd2'])
  })

  it('knows token formats whatever they are called', () => {
    expect(values("const client = new Stripe('sk_live_Q7w2E9r4T1y6U3i8O5p0')", 'code')).toEqual(['sk_live_Q7w2E9r4T1y6U3i8O5p0'])
    expect(values('x: AKIAQ7W2E9R4T1Y6U3I8', 'config')).toEqual(['AKIAQ7W2E9R4T1Y6U3I8'])
  })

  it('flags env values under secret names, not placeholders or settings', () => {
    const env = ['JWT_SECRET=Qm8vT2xK9rL4', 'SESSION_SECRET=your-super-secret-session-key', 'API_KEY=changeme', 'JWT_EXPIRES_IN=7d', 'PASSWORD_MIN_LENGTH=12', 'DB_PASSWORD=${DB_PASSWORD}', 'TOKEN_TTL=3600'].join('\n')
    expect(values(env, 'env')).toEqual(['Qm8vT2xK9rL4'])
  })

  it('reads a plain word as the secret in an env file, but as a label or constant in code', () => {
    expect(values('JWT_SECRET=ILIACHALLENGE\nSESSION_SECRET=super-secret-key-change-me', 'env')).toEqual(['ILIACHALLENGE'])
    expect(values("const errors = { TOKEN_EXPIRED: 'TOKEN_EXPIRED', passwordKey: 'mariadb-password' }", 'code')).toEqual([])
  })

  it('reads only string literals as values in code', () => {
    expect(values('const password = req.body.password\nconst apiKey = "Zx8kQ2vB7mN4pL9w"', 'code')).toEqual(['Zx8kQ2vB7mN4pL9w'])
  })

  it('ignores placeholder URL credentials', () => {
    expect(values('DATABASE_URL=postgresql://johndoe:randompassword@localhost:5432/mydb\nURL=postgres://USER:PASSWORD@HOST/db\nX=postgres://u:${PW}@h/db', 'env')).toEqual([])
  })
})

describe('names and placeholders', () => {
  it('tells secret names from settings', () => {
    expect(['JWT_SECRET', 'STRIPE_SECRET_KEY', 'dbPassword', 'GITHUB_TOKEN'].map(isSecretName)).toEqual([true, true, true, true])
    expect(['JWT_EXPIRES_IN', 'TOKEN_URL', 'PASSWORD_RESET_TTL', 'NODE_ENV'].map(isSecretName)).toEqual([false, false, false, false])
  })

  it('knows common stand-ins', () => {
    expect(['changeme', 'your-super-secret-jwt-key', '<api-key>', 'xxxx', '${SECRET}', 'replace-me'].every(isPlaceholder)).toBe(true)
    expect(isPlaceholder('Qm8vT2xK9rL4')).toBe(false)
  })
})

describe('mask and Redactor', () => {
  it('shows at most the first two characters, and none of a short value', () => {
    expect(mask('Qm8vT2xK9rL4wZ')).toBe('Qm****')
    expect(mask('short-pw')).toBe('****')
  })

  it('masks every registered secret in any text', () => {
    const redactor = new Redactor()
    redactor.scan('DATABASE_URL=postgresql://app:Ab1@Cd2xYz9@db/app\nJWT_SECRET=Qm8vT2xK9rL4\n')
    expect(redactor.redact('- DATABASE_URL=postgresql://app:Ab1@Cd2xYz9@db/app (JWT Qm8vT2xK9rL4)')).toBe('- DATABASE_URL=postgresql://app:****@db/app (JWT Qm****)')
  })
})

describe('Redactor', () => {
  it('masks a short URL password only where it is a URL password', () => {
    const redactor = new Redactor()
    redactor.scan('DATABASE_URL=postgresql://app:docker@db:5432/app\n')
    expect(redactor.redact('--- a/docker-compose.yml\n+DATABASE_URL=postgresql://app:docker@db:5432/app')).toBe('--- a/docker-compose.yml\n+DATABASE_URL=postgresql://app:****@db:5432/app')
  })

  it('masks a long secret wherever it appears', () => {
    const redactor = new Redactor()
    redactor.scan('JWT_SECRET=Zq8vN3xL0pR7tY2wK5mB\n')
    expect(redactor.redact('value Zq8vN3xL0pR7tY2wK5mB and again:Zq8vN3xL0pR7tY2wK5mB@')).toBe('value Zq**** and again:Zq****@')
  })
})
