type Level = "debug" | "info" | "warn" | "error";

/**
 * Writes one structured log line. Every line carries the request id (or the queue batch id), so a
 * problem reported by a user can be found in Workers Logs.
 * @example log("warn", requestId, "rate limited", { principal })
 */
export function log(level: Level, requestId: string, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, requestId, message, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
