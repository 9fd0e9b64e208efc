export class AuditService {
  async log(event: string) {
    try {
      await save(event)
    } catch (e) {
      console.error('audit write failed', e)
    }
  }
}
