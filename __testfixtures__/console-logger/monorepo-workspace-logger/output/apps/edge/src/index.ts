export default {
  async fetch(request: Request) {
    console.log('edge hit', request.url)
    return new Response('ok')
  },
}
