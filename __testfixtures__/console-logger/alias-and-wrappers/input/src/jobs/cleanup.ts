export async function cleanup(days: number) {
  console.info(`removing sessions older than ${days} days`)
}
