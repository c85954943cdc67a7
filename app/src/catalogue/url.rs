//! Addresses: one percent-encoder for path segments and query values, its decoder beside it.

/// Percent-encodes a path segment or a query value: everything but RFC 3986's unreserved
/// characters and `@` (keys may hold it; spaces are unlikely but possible).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes what [`encode_segment`] encoded (and any other `%XX` escape).
pub fn decode_segment(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_encoder_for_paths_and_queries() {
        for s in ["example.org", "a b/c?d=e&f", "@", "ünï%code", "100%"] {
            assert_eq!(decode_segment(&encode_segment(s)), s);
        }
        assert_eq!(encode_segment("a b@c/d"), "a%20b@c%2Fd");
    }
}
