// The roll-up rule (docs/decisions.md): records follow a unit's only succession in force, step after step; a unit
// split between several successors keeps them. A unit's name read as its kind word and its proper name.

#include "domain/territory.hpp"

#include <gtest/gtest.h>

namespace danvan {
namespace {

Succession From(int64_t from, int64_t to, Share share, Date on) {
  Succession s;
  s.from_unit_id = from;
  s.to_unit_id = to;
  s.share = share;
  s.effective_date = on;
  return s;
}

const Date kMerger = Date::FromYmd(2025, 7, 1);

TEST(RollUp, FollowsTheOnlySuccessionInForce) {
  const std::vector<Succession> all = {From(1, 10, Share::kWhole, kMerger)};
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2026, 1, 1)).unit_id, 10);
  EXPECT_EQ(RollUp(1, all, kMerger).unit_id, 10) << "in force on its effective date";
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2025, 6, 30)).unit_id, 1) << "not yet in force";
  EXPECT_EQ(RollUp(10, all, Date::FromYmd(2026, 1, 1)).unit_id, 10) << "a unit without successor stays";
}

TEST(RollUp, ChainsAndTakesASinglePartShare) {
  const std::vector<Succession> all = {From(1, 10, Share::kPart, kMerger),
                                       From(10, 20, Share::kWhole, Date::FromYmd(2030, 1, 1))};
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2026, 1, 1)).unit_id, 10);
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2030, 1, 1)).unit_id, 20);
  EXPECT_TRUE(RollUp(1, all, Date::FromYmd(2030, 1, 1)).split_into.empty());
}

TEST(RollUp, ASplitUnitKeepsItsRecordsAndSaysWhereItWent) {
  const std::vector<Succession> all = {From(1, 10, Share::kPart, kMerger), From(1, 11, Share::kPart, kMerger)};
  const auto r = RollUp(1, all, Date::FromYmd(2026, 1, 1));
  EXPECT_EQ(r.unit_id, 1);
  EXPECT_EQ(r.split_into, (std::vector<int64_t>{10, 11}));
}

TEST(RollUp, ACycleFromABadImportEnds) {
  const std::vector<Succession> all = {From(1, 2, Share::kWhole, kMerger), From(2, 1, Share::kWhole, kMerger)};
  const auto r = RollUp(1, all, Date::FromYmd(2026, 1, 1));
  EXPECT_TRUE(r.unit_id == 1 || r.unit_id == 2);
}

std::optional<UnitLevel> LevelOfKindWord(std::string_view name) {
  const auto kind = ReadUnitName(name).kind;
  return kind ? std::optional(kind->level) : std::nullopt;
}

TEST(UnitName, SplitsTheKindWordFromTheProperName) {
  const UnitName ward = ReadUnitName("Phường Lý Thái Tổ");
  ASSERT_TRUE(ward.kind);
  EXPECT_EQ(ward.kind->word, "Phường");
  EXPECT_EQ(ward.kind->level, UnitLevel::kCommune);
  EXPECT_EQ(ward.proper, "Lý Thái Tổ");
  EXPECT_EQ(ReadUnitName("Thị trấn Đông Anh").proper, "Đông Anh") << "a kind of two words";
  EXPECT_EQ(ReadUnitName("Đặc khu Phú Quốc").proper, "Phú Quốc") << "the special zones of 2025";
  EXPECT_EQ(LevelOfKindWord("Đặc khu Phú Quốc"), UnitLevel::kCommune);
  EXPECT_EQ(ReadUnitName("Đặc khu Phú Quốc").InSentence(), "đặc khu Phú Quốc");
  EXPECT_EQ(LevelOfKindWord("Thị xã Sơn Tây"), UnitLevel::kDistrict) << "not the commune word \"Xã\"";
  EXPECT_EQ(LevelOfKindWord("Xã Bát Tràng"), UnitLevel::kCommune);
  EXPECT_EQ(LevelOfKindWord("Quận Hoàn Kiếm"), UnitLevel::kDistrict);
  EXPECT_EQ(LevelOfKindWord("Huyện Gia Lâm"), UnitLevel::kDistrict);
  EXPECT_EQ(LevelOfKindWord("Thành phố Hà Nội"), UnitLevel::kProvince);
  EXPECT_EQ(LevelOfKindWord("Tỉnh Bắc Ninh"), UnitLevel::kProvince);
  EXPECT_EQ(ReadUnitName("phường Hàng Bạc").proper, "Hàng Bạc") << "already written as inside a sentence";
}

TEST(UnitName, ANameWithoutAKindWordIsItsProperName) {
  for (const char* name : {"Tổ dân phố số 1", "Phường", "Phườngx", "Quậnhuyện", "", "Hà Nội"}) {
    const UnitName n = ReadUnitName(name);
    EXPECT_FALSE(n.kind) << name;
    EXPECT_EQ(n.proper, name);
    EXPECT_EQ(n.InSentence(), name);
  }
}

TEST(UnitName, InsideASentenceTheKindIsInLowerCase) {
  EXPECT_EQ(ReadUnitName("Phường Lý Thái Tổ").InSentence(), "phường Lý Thái Tổ");
  EXPECT_EQ(ReadUnitName("Quận Hoàn Kiếm").InSentence(), "quận Hoàn Kiếm");
  EXPECT_EQ(ReadUnitName("Thành phố Hà Nội").InSentence(), "thành phố Hà Nội");
  EXPECT_EQ(ReadUnitName("Thị xã Sơn Tây").InSentence(), "thị xã Sơn Tây");
  EXPECT_EQ(ReadUnitName("Huyện Gia Lâm").InSentence(), "huyện Gia Lâm");
  EXPECT_EQ(ReadUnitName("Xã Bát Tràng").InSentence(), "xã Bát Tràng");
  EXPECT_EQ(ReadUnitName("Thị trấn Đông Anh").InSentence(), "thị trấn Đông Anh");
  EXPECT_EQ(ReadUnitName("Tỉnh Bắc Ninh").InSentence(), "tỉnh Bắc Ninh");
  EXPECT_EQ(ReadUnitName("phường Hàng Bạc").InSentence(), "phường Hàng Bạc");
  EXPECT_EQ(ReadUnitName("Phường Phường Mới").InSentence(), "phường Phường Mới") << "only the first word is the kind";
}

}  // namespace
}  // namespace danvan
