//! Secrets in the session store are sealed (ChaCha20-Poly1305): a copy of the store, or a
//! persistent store file, reveals no secret without the server's key (DESIGN.md decision 1).

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hestia::Secret;

/// Seals and opens secrets with one key.
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([redacted])")
    }
}

impl Sealer {
    /// A sealer with a fresh random key: sealed values die with the process.
    pub fn random() -> Self {
        Self {
            cipher: ChaCha20Poly1305::new(&ChaCha20Poly1305::generate_key(&mut OsRng)),
        }
    }

    /// A sealer with a 32-byte key (so sealed values survive a restart).
    pub fn from_key(key: &[u8; 32]) -> Self {
        Self {
            cipher: ChaCha20Poly1305::new(Key::from_slice(key)),
        }
    }

    /// Seals a secret into printable text.
    pub fn seal(&self, secret: &Secret) -> Option<String> {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, secret.expose().as_bytes())
            .ok()?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Some(STANDARD_NO_PAD.encode(out))
    }

    /// Opens what [`Sealer::seal`] made; `None` if it was made with another key or altered.
    pub fn open(&self, sealed: &str) -> Option<Secret> {
        let bytes = STANDARD_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, body) = bytes.split_at(12);
        let plain = self.cipher.decrypt(Nonce::from_slice(nonce), body).ok()?;
        Some(Secret::new(String::from_utf8(plain).ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens() {
        let s = Sealer::random();
        let sealed = s.seal(&Secret::new("top secret")).unwrap();
        assert!(!sealed.contains("top secret"));
        assert_eq!(s.open(&sealed).unwrap().expose(), "top secret");
        assert!(
            Sealer::random().open(&sealed).is_none(),
            "another key cannot open it"
        );
        assert!(s.open("garbage").is_none());
    }
}
