const url = process.env.DATABASE_URL

if (!url) {
  console.error('DATABASE_URL is required')
  process.exit(1)
}

export const config = { url }
