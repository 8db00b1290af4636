#include "domain/audit.hpp"

#include <gtest/gtest.h>

namespace danvan {
namespace {

std::vector<AuditEntry> Chain(const std::string& chain, int n) {
  std::vector<AuditEntry> out;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.id = i;
    e.chain = chain;
    e.seq = i;
    e.at = "2022-10-13T02:00:0" + std::to_string(i % 10) + ".000Z";
    e.actor = "user:1";
    e.entity = "unit";
    e.entity_id = std::to_string(i);
    e.action = "create";
    e.after_json = R"({"name":"Phường Lý Thái Tổ"})";
    e.prev_hash = prev;
    e.hash = AuditHash(e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

int Check(const std::vector<AuditEntry>& entries, std::optional<std::string>* broken = nullptr) {
  AuditChainChecker c;
  for (const auto& e : entries)
    if (!c.Add(e)) break;
  if (broken) *broken = c.broken();
  return static_cast<int>(c.count());
}

TEST(AuditChain, AnIntactChainVerifies) {
  auto entries = Chain("a", 5);
  auto more = Chain("b", 3);
  entries.insert(entries.end(), more.begin(), more.end());
  std::optional<std::string> broken;
  EXPECT_EQ(Check(entries, &broken), 8);
  EXPECT_FALSE(broken.has_value());
}

TEST(AuditChain, AnAlteredFieldIsFoundAtItsEntry) {
  auto entries = Chain("a", 5);
  entries[2].after_json = R"({"name":"Phường Hàng Bạc"})";
  std::optional<std::string> broken;
  EXPECT_EQ(Check(entries, &broken), 2);
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("seq 3"), std::string::npos) << *broken;
}

TEST(AuditChain, ADeletedEntryIsFound) {
  auto entries = Chain("a", 5);
  entries.erase(entries.begin() + 1);
  std::optional<std::string> broken;
  EXPECT_EQ(Check(entries, &broken), 1);
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("missing"), std::string::npos) << *broken;
}

TEST(AuditChain, ARehashedEntryStillBreaksTheNextLink) {
  auto entries = Chain("a", 4);
  entries[1].actor = "user:2";
  entries[1].hash = AuditHash(entries[1]);  // a forger recomputes this entry's hash …
  std::optional<std::string> broken;
  EXPECT_EQ(Check(entries, &broken), 2);  // … but entry 3 still points at the old one
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->find("seq 3"), std::string::npos) << *broken;
}

TEST(AuditChain, FieldBoundariesCannotBeShifted) {
  auto a = Chain("a", 1)[0];
  auto b = a;
  a.entity = "unit";
  a.entity_id = "12";
  b.entity = "unit1";
  b.entity_id = "2";
  EXPECT_NE(AuditHash(a), AuditHash(b));
}

}  // namespace
}  // namespace danvan
