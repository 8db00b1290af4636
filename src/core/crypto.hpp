#pragma once
//! Hashing, randomness and Ed25519 signatures (libsodium).

#include <optional>
#include <string>
#include <string_view>

namespace danvan {

//! Initialises libsodium once; every function here calls it, so callers need not.
void EnsureCrypto();

//! Lower-case hexadecimal of raw bytes.
std::string ToHex(std::string_view bytes);

//! SHA-256 of the bytes, as lower-case hex.
std::string Sha256Hex(std::string_view bytes);

//! n bytes from the operating system's secure random source.
std::string RandomBytes(size_t n);

//! Standard base64 (RFC 4648 §4) with padding, on one line.
std::string Base64(std::string_view bytes);

//! Decodes standard base64 with padding; nullopt when `text` is not that.
std::optional<std::string> FromBase64(std::string_view text);

//! URL-safe base64 without padding.
std::string Base64Url(std::string_view bytes);

//! Decodes URL-safe base64 without padding; nullopt unless `text` is exactly the encoding Base64Url gives (no
//! padding, no white space, unused trailing bits zero), so that one byte string has one spelling.
std::optional<std::string> FromBase64Url(std::string_view text);

//! A random, URL-safe token carrying `bytes` bytes of entropy.
std::string RandomToken(size_t bytes = 32);

//! A RandomToken that begins with a letter or a digit: an id people type, paste into a command line or read out.
//! A leading '-' would be taken for an option (`danvan verify -AbC…`); the first character is drawn again instead.
std::string RandomPublicId(size_t bytes = 12);

//! An argon2id hash string (libsodium's crypto_pwhash_str, interactive limits), salt included.
std::string HashPassword(std::string_view password);

//! True when the password matches the hash; constant-time.
bool VerifyPassword(std::string_view hash, std::string_view password);

//! A new Ed25519 key pair: the 32-byte public key and libsodium's 64-byte secret key (seed + public key).
struct Ed25519KeyPair {
  std::string public_key;
  std::string secret_key;
};
Ed25519KeyPair NewEd25519KeyPair();

//! The 64-byte detached Ed25519 signature of `message` (RFC 8032), made with a 64-byte libsodium secret key.
std::string Ed25519Sign(std::string_view secret_key, std::string_view message);

//! True when `signature` (64 bytes) is `message` signed by the 32-byte `public_key`; false for any other size.
bool Ed25519Verify(std::string_view public_key, std::string_view message, std::string_view signature);

}  // namespace danvan
