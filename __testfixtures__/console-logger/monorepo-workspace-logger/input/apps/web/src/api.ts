export async function load() {
  const res = await fetch('/orders')
  console.log('loaded', res.status)
}
