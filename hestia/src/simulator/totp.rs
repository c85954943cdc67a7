//! The TOTP codes Hestia's 2FA accepts (PROTOCOL.md §7.1): RFC 6238 with SHA-1, a 30 second
//! step and 6 digits, from the `TWOFA` secret in base32.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// The code for `secret_base32` (RFC 4648 base32, upper case, no padding) at `unix_time`;
/// `None` when the secret is empty or not base32.
pub fn totp(secret_base32: &str, unix_time: u64) -> Option<String> {
    let key = base32(secret_base32)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&(unix_time / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // RFC 4226 §5.3 dynamic truncation.
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bytes: [u8; 4] = digest.get(offset..offset + 4)?.try_into().ok()?;
    let code = (u32::from_be_bytes(bytes) & 0x7fff_ffff) % 1_000_000;
    Some(format!("{code:06}"))
}

/// RFC 4648 base32 without padding; leftover bits (under a byte) are dropped.
fn base32(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890".
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn rfc_6238_sha1_vectors() {
        assert_eq!(totp(RFC_SECRET, 59).as_deref(), Some("287082"));
        assert_eq!(totp(RFC_SECRET, 1_111_111_109).as_deref(), Some("081804"));
        assert_eq!(totp(RFC_SECRET, 1_111_111_111).as_deref(), Some("050471"));
        assert_eq!(totp(RFC_SECRET, 1_234_567_890).as_deref(), Some("005924"));
        assert_eq!(totp(RFC_SECRET, 2_000_000_000).as_deref(), Some("279037"));
    }

    #[test]
    fn base32_decodes_and_refuses_what_is_not_base32() {
        assert_eq!(
            base32(RFC_SECRET).as_deref(),
            Some(&b"12345678901234567890"[..])
        );
        for bad in ["", "gezdgnbv", "GEZD GNBV", "GEZDGNBV====", "GEZDGNB1"] {
            assert_eq!(totp(bad, 59), None, "{bad}");
        }
    }
}
