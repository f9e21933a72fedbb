// One token, one text: each JWS segment must be canonical base64url (RFC 7515 §2: RFC 4648 §5
// without padding). Decoders are forgiving — jose (through atob) skips "=" and whitespace and
// ignores the unused low bits of the last character — so without this check one signature has
// many spellings that all verify.

const ALPHABET = /^[A-Za-z0-9_-]*$/;
/** Last character when length % 4 === 2: its low 4 bits are unused and must be zero. */
const LAST_OF_TWO = /[AQgw]$/;
/** Last character when length % 4 === 3: its low 2 bits are unused and must be zero. */
const LAST_OF_THREE = /[AEIMQUYcgkosw048]$/;

export function isCanonicalBase64url(text: string): boolean {
  if (!ALPHABET.test(text)) return false;
  switch (text.length % 4) {
    case 0:
      return true;
    case 2:
      return LAST_OF_TWO.test(text);
    case 3:
      return LAST_OF_THREE.test(text);
    default:
      return false; // no byte string encodes to 4k + 1 characters
  }
}
