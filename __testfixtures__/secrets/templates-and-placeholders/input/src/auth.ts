const secret = process.env.JWT_SECRET
export function login(password: string) {
  const token = sign({ password }, secret)
  return { token, passwordHint: 'at least 8 characters' }
}
