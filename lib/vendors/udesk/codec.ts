// Udesk robot webhook signs (PROTOCOLS §3), byte for byte, UTF-8.
import crypto from "node:crypto";

const hex = (algorithm: string, text: string) => crypto.createHash(algorithm).update(text, "utf8").digest("hex");

/** Message-triggered calls: sha1(integrationName + "&" + key + "&" + timestamp). */
export const messageSign = (integrationName: string, key: string, timestamp: string | number) =>
  hex("sha1", `${integrationName}&${key}&${timestamp}`);

/** Task-push calls: md5(key + taskNodeId + sessionId + timestamp), taskNodeId left out when null. */
export const taskSign = (
  key: string,
  taskNodeId: string | number | null | undefined,
  sessionId: string | number,
  timestamp: string | number,
) => hex("md5", `${key}${taskNodeId === null || taskNodeId === undefined ? "" : taskNodeId}${sessionId}${timestamp}`);

/** Knowledge-base calls: sha256(key + "&" + timestamp). */
export const knowledgeSign = (key: string, timestamp: string | number) => hex("sha256", `${key}&${timestamp}`);
