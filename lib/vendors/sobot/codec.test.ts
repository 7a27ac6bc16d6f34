// Sobot CRM docking codec against PROTOCOLS §1's vectors (reproduced by the vendor's Java class).
import { describe, expect, it } from "vitest";
import { CipherTextError, decrypt, encrypt, sign } from "@/lib/vendors/sobot/codec";

const QUERY = '{"email":"55612609866@163.com","partnerId":"partnerId","tel":"55612609866"}';
const QUERY_HEX =
  "1D6061B2D3E630351669C2A7FA96681E7D2F340484225A0EEF7D0065FF8D1FA4F42FDBCF8841CFA8" +
  "F92C44026739C74D0A95AABEA0553274A0E393B891DAACD8EEF0A18B45A61F1807FF8EADD9D76132";
const PROFILE =
  '{"customer_fields":"{\\"4a069df0fd4d49298041240bf15e47c8\\":\\"123\\"}","email":"55612609866@163.com",' +
  '"is_vip":"1","realname":"su0012","remark":"Regular customer, interested in premium services.",' +
  '"tel":"55612609866","uname":"su0012","user_label":"0fd208364e3a4c67954027680002a89e","vip_level":""}';
const DOC_RESPONSE_HEX =
  "8DD8EF1E018180C11E287594A1751B095B44EC2029160C96D58305BD536A9DCBB09591D1D708B22E" +
  "39A041FE06C149C0A7E10381B67770BF97872B9C125847050A9EAE9990323AFFDCD06DC5EC5736FF" +
  "007545D07099B761DD66BF6268E91EB5BF67907EE9509D24BA3F95E6F7BAE77D575E762612E58D86" +
  "6B00DFA3587B113F73593866A4026EB88A78996FF71A894705024F4DD743D794129CFBA7A14BE410" +
  "F1C7D87A80F9CFAFF877A53115E1D35C4D8C14A19EA66C52ABD7240B3CA28B301808802FF21B2F07" +
  "2E006F0408C807BF94CFA2109515746DF9697B6597228A7E0B3E7C6907D3EFBBF79F14040FD2450E" +
  "E9122B813AD0B47BA2DFC0DA406956FB90361A8073E19832AF1C49E6F9CA37F863376417D472CE6A" +
  "C02D2CAA34BCA3B4DDCF3DEF3C61922AC6DEE6F107F42F44";

describe("Sobot CRM docking codec", () => {
  it("encrypts the documented query to the documented parameter", () => {
    expect(encrypt(QUERY, "secretKey")).toBe(QUERY_HEX);
    expect(decrypt(QUERY_HEX, "secretKey")).toBe(QUERY);
  });

  it("signs the documented request", () => {
    expect(sign("1", "1569397773", "secretKey", QUERY_HEX)).toBe("868b2fe841ca486e7344b0c15aac1e76");
  });

  it("encrypts the documented customer to exactly the documented response data", () => {
    expect(encrypt(PROFILE, "secretKey")).toBe(DOC_RESPONSE_HEX);
    expect(decrypt(DOC_RESPONSE_HEX, "secretKey")).toBe(PROFILE);
    expect(decrypt(DOC_RESPONSE_HEX.toLowerCase(), "secretKey")).toBe(PROFILE);
  });

  it("round-trips a Chinese payload under a Chinese secret (UTF-8 key bytes)", () => {
    const payload = '{"realname":"张三","uname":"客户甲"}';
    const hex = encrypt(payload, "密钥-2026");
    expect(hex).toMatch(/^[0-9A-F]+$/);
    expect(decrypt(hex, "密钥-2026")).toBe(payload);
    expect(hex).not.toBe(encrypt(payload, "密钥-2027"));
  });

  it.each([
    ["", "empty"],
    ["ABC", "odd_length"],
    ["ZZ", "not_hex"],
    ["ABCD", "bad_length"],
  ])("names why %j cannot be decrypted (%s)", (hex, reason) => {
    expect(() => decrypt(hex, "secretKey")).toThrow(CipherTextError);
    try {
      decrypt(hex, "secretKey");
    } catch (error) {
      expect((error as CipherTextError).reason).toBe(reason);
    }
  });

  it("reports wrong padding for the wrong key", () => {
    expect(() => decrypt(QUERY_HEX, "another key")).toThrow(/padding.*wrong key/);
  });
});
