import { describe, expect, it } from 'vitest'
import { addQueryParameters, classifyDatabaseUrl, queryParameterNames } from '../../transforms/lib/env/database-url.js'

const PARAMS = [['connection_limit', 10], ['pool_timeout', 20], ['connect_timeout', 15]] as const
const add = (raw: string): string => addQueryParameters(raw, PARAMS).text

describe('addQueryParameters', () => {
  it.each([
    ['postgresql://u@db:5432/app', 'postgresql://u@db:5432/app?connection_limit=10&pool_timeout=20&connect_timeout=15'],
    ['postgresql://u@db:5432/app?', 'postgresql://u@db:5432/app?connection_limit=10&pool_timeout=20&connect_timeout=15'],
    ['postgresql://u@db:5432/app?sslmode=require&', 'postgresql://u@db:5432/app?sslmode=require&connection_limit=10&pool_timeout=20&connect_timeout=15'],
    ['postgresql://u@db:5432/app#frag', 'postgresql://u@db:5432/app?connection_limit=10&pool_timeout=20&connect_timeout=15#frag'],
    ['postgres://u:p@ss/w@db:5432/app', 'postgres://u:p@ss/w@db:5432/app?connection_limit=10&pool_timeout=20&connect_timeout=15'],
    ['postgresql://u@[::1]:5432/app', 'postgresql://u@[::1]:5432/app?connection_limit=10&pool_timeout=20&connect_timeout=15'],
    ['mysql://u@localhost/shop?socket=/tmp/mysql.sock', 'mysql://u@localhost/shop?socket=/tmp/mysql.sock&connection_limit=10&pool_timeout=20&connect_timeout=15'],
    ['postgresql://u@/app?host=/cloudsql/p:r:i', 'postgresql://u@/app?host=/cloudsql/p:r:i&connection_limit=10&pool_timeout=20&connect_timeout=15'],
    ['postgresql://u@db:5432/app?connection_limit=5&pool_timeout=0', 'postgresql://u@db:5432/app?connection_limit=5&pool_timeout=0&connect_timeout=15'],
  ])('%s', (raw, expected) => expect(add(raw)).toBe(expected))

  it('returns the text unchanged when nothing is missing', () => {
    const raw = 'postgresql://u@db/app?connect_timeout=1&pool_timeout=2&connection_limit=3'
    expect(addQueryParameters(raw, PARAMS)).toEqual({ text: raw, added: [] })
    expect(queryParameterNames(raw)).toEqual(['connect_timeout', 'pool_timeout', 'connection_limit'])
  })
})

describe('classifyDatabaseUrl', () => {
  it.each([
    ['postgresql://u@db:5432/app', 'pool'],
    ['POSTGRES://u@db:5432/app', 'pool'],
    ['mysql://u@db:3306/app', 'pool'],
    ['postgresql://${USER}:${PASSWORD}@${HOST:-db}:${PORT:-5432}/${DB}', 'pool'],
    ['', 'skip'],
    ['${DATABASE_URL}', 'skip'],
    ['file:./dev.db', 'skip'],
    ['prisma://accelerate.prisma-data.net/?api_key=x', 'skip'],
    ['prisma+postgres://accelerate.prisma-data.net/?api_key=x', 'skip'],
    ['sqlserver://db:1433;database=app', 'skip'],
    ['mongodb://db:27017/app', 'skip'],
    ['postgresql://USER:PASSWORD@HOST:PORT/DATABASE', 'skip'],
    ['postgresql://user:password@host:port/db', 'skip'],
    ['postgresql://<user>:<password>@localhost:5432/<db>', 'skip'],
    ['postgresql://...', 'skip'],
    ['postgres:/missing-slashes', 'skip'],
    ['postgresql://u:pa?ss@db:5432/app', 'skip'],
  ])('%s → %s', (raw, kind) => expect(classifyDatabaseUrl(raw).kind).toBe(kind))
})
