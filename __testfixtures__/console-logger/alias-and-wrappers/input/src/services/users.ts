import { db } from '@/lib/db'

export const findUser = (id: string) => db.user.find(id)
