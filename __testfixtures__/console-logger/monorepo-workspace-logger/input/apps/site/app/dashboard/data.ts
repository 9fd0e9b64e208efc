export function track(event: string) {
  console.log('track', event)
}
