// Vendor signs and ciphers for the benchmark, written again from PROTOCOLS.md with node:crypto
// (DES as triple DES with the 8-byte key repeated: Node 20's OpenSSL 3 refuses single DES
// without --openssl-legacy-provider).
// Both the request generators (the "vendor" side) and the baseline server (the "us" side) use
// these, so the baseline does exactly the crypto Deskbridge does. Checked against the documented
// test vectors by `node scripts/bench/sign.mjs`.
import crypto from "node:crypto";

const hash = (algorithm, text) => crypto.createHash(algorithm).update(text, "utf8").digest("hex");

// ---- Sobot CRM docking (PROTOCOLS §1) ----
/** AES key: first 16 bytes of SHA1(SHA1(utf8(secretKey))), as the Java sample's SHA1PRNG gives. */
export function sobotAesKey(secretKey) {
  const once = crypto.createHash("sha1").update(secretKey, "utf8").digest();
  return crypto.createHash("sha1").update(once).digest().subarray(0, 16);
}
/** AES-128-ECB, PKCS#7, upper-case hex. Pass a key from sobotAesKey. */
export function sobotEncrypt(plaintext, aesKey) {
  const cipher = crypto.createCipheriv("aes-128-ecb", aesKey, null);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
    .toString("hex")
    .toUpperCase();
}
export function sobotDecrypt(hex, aesKey) {
  const decipher = crypto.createDecipheriv("aes-128-ecb", aesKey, null);
  return Buffer.concat([decipher.update(Buffer.from(hex, "hex")), decipher.final()]).toString("utf8");
}
/** sign = md5_hex(companyId + timestamp + secretKey + parameter) */
export const sobotSign = (companyId, timestamp, secretKey, parameter) =>
  hash("md5", `${companyId}${timestamp}${secretKey}${parameter}`);

// ---- Udesk robot webhooks (PROTOCOLS §3) ----
export const udeskMessageSign = (integrationName, key, timestamp) =>
  hash("sha1", `${integrationName}&${key}&${timestamp}`);
export const udeskTaskSign = (key, taskNodeId, sessionId, timestamp) =>
  hash("md5", `${key}${taskNodeId === null || taskNodeId === undefined ? "" : taskNodeId}${sessionId}${timestamp}`);
export const udeskKnowledgeSign = (key, timestamp) => hash("sha256", `${key}&${timestamp}`);

// ---- Hyphenate iframe parameters (PROTOCOLS §4): DES-ECB, first 8 key bytes, PKCS#5, hex ----
const desKey = (key) => {
  const bytes = Buffer.from(key, "utf8").subarray(0, 8);
  return Buffer.concat([bytes, bytes, bytes]);
};
export function desEncrypt(plaintext, key) {
  const cipher = crypto.createCipheriv("des-ede3-ecb", desKey(key), null);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("hex");
}
/** Throws on a bad length or padding, like Deskbridge's decoder. */
export function desDecrypt(hex, key) {
  const bytes = Buffer.from(hex, "hex");
  if (bytes.length === 0 || bytes.length % 8 !== 0 || bytes.length * 2 !== hex.length)
    throw new Error("bad DES ciphertext length");
  const decipher = crypto.createDecipheriv("des-ede3-ecb", desKey(key), null);
  try {
    return Buffer.concat([decipher.update(bytes), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("bad DES padding");
  }
}

/** Constant-time comparison of a shared token, exactly (after a length check). */
export function sameToken(expected, received) {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(String(received), "utf8");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Constant-time comparison of a hex sign, whatever the case of the received one. */
export const sameSign = (expected, received) => sameToken(expected, String(received).trim().toLowerCase());

// Self-check against PROTOCOLS.md's vectors: node scripts/bench/sign.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const assert = (await import("node:assert/strict")).default;
  const key = sobotAesKey("secretKey");
  const query = '{"email":"55612609866@163.com","partnerId":"partnerId","tel":"55612609866"}';
  const parameter = sobotEncrypt(query, key);
  assert.equal(
    parameter,
    "1D6061B2D3E630351669C2A7FA96681E7D2F340484225A0EEF7D0065FF8D1FA4F42FDBCF8841CFA8F92C44026739C74D0A95AABEA055" +
      "3274A0E393B891DAACD8EEF0A18B45A61F1807FF8EADD9D76132",
  );
  assert.equal(sobotDecrypt(parameter, key), query);
  assert.equal(sobotSign("1", "1569397773", "secretKey", parameter), "868b2fe841ca486e7344b0c15aac1e76");
  assert.equal(
    udeskMessageSign("对接一", "221b368d7f5f597867f525971f28ff75", "1496631984"),
    "96d8271cd705d3f134d215e9b3c27bb73f1132ed",
  );
  assert.equal(udeskTaskSign("abcde", 100, 100, "1551510709"), "9195e2a5c1d84b86dc59819f29a0e300");
  assert.equal(udeskTaskSign("abcde", null, 100, "1551510709"), "7c3479422b034a62fff5d23e883f07d8");
  assert.equal(
    udeskKnowledgeSign("123456", "1551510709"),
    "394eaf3868642dc6775e908dee2ed53274ea3ebd06fa4dd5fa07a4150c016f71",
  );
  assert.equal(desEncrypt("Jack", "12345678"), "877523f86f18f55e");
  assert.equal(desEncrypt("40", "12345678"), "e86b4e789891107c");
  assert.equal(desEncrypt("man", "12345678"), "d221cba8e6efd0ad");
  assert.equal(desDecrypt("877523f86f18f55e", "123456789"), "Jack");
  console.log("sign.mjs: all PROTOCOLS.md vectors reproduce");
}
