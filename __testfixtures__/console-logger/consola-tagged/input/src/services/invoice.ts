import { db } from '@/db'

export async function sendInvoice(id: string) {
  const invoice = await db.invoice.find(id)
  console.log('sending invoice', invoice.id)
  console.trace('invoice payload', invoice)
}
