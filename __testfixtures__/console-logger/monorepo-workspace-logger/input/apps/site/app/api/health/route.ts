export async function GET() {
  console.info('health checked')
  return Response.json({ ok: true })
}
