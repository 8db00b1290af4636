#pragma once
//! Hashing and randomness (libsodium).

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

//! URL-safe base64 without padding.
std::string Base64Url(std::string_view bytes);

//! A random, URL-safe token carrying `bytes` bytes of entropy.
std::string RandomToken(size_t bytes = 32);

//! An argon2id hash string (libsodium's crypto_pwhash_str, interactive limits), salt included.
std::string HashPassword(std::string_view password);

//! True when the password matches the hash; constant-time.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace danvan
