declare module "des.js" {
  type Options = { type: "encrypt" | "decrypt"; key: number[] | Buffer | Uint8Array; padding?: boolean };
  interface Cipher {
    update(data: number[] | Buffer | Uint8Array): number[];
    final(): number[];
  }
  export const DES: { create(options: Options): Cipher };
}
