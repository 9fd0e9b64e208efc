export const getHealthStatus = async () => ({ ok: true, ts: new Date().toISOString() });
