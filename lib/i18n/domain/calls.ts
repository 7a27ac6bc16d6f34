// Chinese for the calls messages the domain layer writes in English (see index.ts for the format).
import type { Phrases } from "./phrase";

export const phrases: Phrases = [
  // A replay's result (the calls actions); the one naming the new call first, as the first match wins.
  ["Replayed: HTTP {status} — call #{id}", "已重放：HTTP {status}，新调用 #{id}"],
  ["Replayed: HTTP {status}", "已重放：HTTP {status}"],
  ["Call #{id} does not exist.", "调用 #{id} 不存在。"],
  ["Only calls received from a vendor can be replayed.", "只能重放从供应商收到的调用。"],
  ["This call's body was deleted by retention; it cannot be replayed.", "此调用的内容已按保留策略删除，无法重放。"],
  ["The call's integration no longer exists.", "此调用所属的对接已不存在。"],
];
