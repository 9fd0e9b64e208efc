import client from '../db/connection'

export const a = () => client.a.findMany()
