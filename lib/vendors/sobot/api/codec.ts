// Sobot open platform: the get_token sign, md5(appid + create_time + app_key).
import crypto from "node:crypto";

export function tokenSign(appid: string, createTime: string, appKey: string): string {
  return crypto.createHash("md5").update(`${appid}${createTime}${appKey}`, "utf8").digest("hex");
}
