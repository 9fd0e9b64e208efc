import db from '../db/connection'

export const b = () => db.b.findMany()
