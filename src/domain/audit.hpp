#pragma once
//! The audit log's rule: each entry is chained to the one before it in its chain by a SHA-256 hash.

#include <cstdint>
#include <optional>
#include <string>

namespace danvan {

struct AuditEntry {
  int64_t id = 0;
  std::string chain;  //!< "system", or a tenant unit's key
  int64_t seq = 0;    //!< 1, 2, … within the chain
  std::string at;     //!< UTC, FormatUtc
  std::string actor;  //!< "user:42", "token:7", "cli", "system"
  std::string entity;
  std::string entity_id;
  std::string action;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string request_id;
  std::string prev_hash;  //!< the previous entry's hash; kGenesisHash for the first
  std::string hash;
};

inline constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

//! The hash an entry must carry: SHA-256 over its previous hash and every field but id and hash.
std::string AuditHash(const AuditEntry& entry);

//! Walks entries of one or more chains, given in (chain, seq) order, and finds the first broken link.
class AuditChainChecker {
 public:
  //! Feeds the next entry; returns false once a broken link has been found.
  bool Add(const AuditEntry& entry);
  int64_t count() const { return count_; }
  //! Describes the first broken link, or nullopt when all links held.
  const std::optional<std::string>& broken() const { return broken_; }

 private:
  std::string chain_;
  int64_t last_seq_ = 0;
  std::string last_hash_;
  int64_t count_ = 0;
  std::optional<std::string> broken_;
};

}  // namespace danvan
