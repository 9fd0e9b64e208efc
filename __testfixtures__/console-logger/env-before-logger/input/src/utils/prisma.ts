export function parseFilter(raw: string) {
  try {
    return JSON.parse(raw);
  } catch (error) {
    console.error("Invalid filter format:", error);
    return {};
  }
}
