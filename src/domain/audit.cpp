#include "domain/audit.hpp"

#include "core/crypto.hpp"

#include <fmt/format.h>

namespace danvan {
namespace {

void Field(std::string& out, std::string_view value) {
  // Length-prefixed, so that no choice of values can make two different entries hash the same bytes.
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '|';
}

void OptionalField(std::string& out, const std::optional<std::string>& value) {
  if (value) {
    Field(out, *value);
  } else {
    out += "-|";
  }
}

}  // namespace

std::string AuditHash(const AuditEntry& e) {
  std::string bytes;
  Field(bytes, e.prev_hash);
  Field(bytes, e.chain);
  Field(bytes, std::to_string(e.seq));
  Field(bytes, e.at);
  Field(bytes, e.actor);
  Field(bytes, e.entity);
  Field(bytes, e.entity_id);
  Field(bytes, e.action);
  OptionalField(bytes, e.before_json);
  OptionalField(bytes, e.after_json);
  Field(bytes, e.request_id);
  return Sha256Hex(bytes);
}

bool AuditChainChecker::Add(const AuditEntry& e) {
  if (broken_) return false;
  const bool new_chain = count_ == 0 || e.chain != chain_;
  const std::string expected_prev = new_chain ? kGenesisHash : last_hash_;
  const int64_t expected_seq = new_chain ? 1 : last_seq_ + 1;
  if (e.seq != expected_seq) {
    broken_ = fmt::format("chain {} entry id {}: sequence {} where {} was expected (an entry is missing)", e.chain,
                          e.id, e.seq, expected_seq);
  } else if (e.prev_hash != expected_prev) {
    broken_ = fmt::format("chain {} seq {} (id {}): prev_hash does not match the previous entry's hash", e.chain,
                          e.seq, e.id);
  } else if (AuditHash(e) != e.hash) {
    broken_ = fmt::format("chain {} seq {} (id {}): the entry was altered (its hash does not match its content)",
                          e.chain, e.seq, e.id);
  }
  if (broken_) return false;
  chain_ = e.chain;
  last_seq_ = e.seq;
  last_hash_ = e.hash;
  ++count_;
  return true;
}

}  // namespace danvan
