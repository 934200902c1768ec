/** A CBOR tag (major type 6) the decoder does not interpret, and the encoder writes as is. */
export class Tagged {
  constructor(
    readonly tag: number,
    readonly value: unknown,
  ) {}
}

/**
 * A CBOR simple value other than false/true/null/undefined (RFC 8949 §3.3). Rare; kept so that
 * decode → encode does not lose information.
 */
export class CborSimple {
  constructor(readonly value: number) {}
}
