export function OrderRow({ order }: { order: { id: string } }) {
  console.log('render', order.id)
  return <tr>{order.id}</tr>
}
