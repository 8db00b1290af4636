#include "core/crypto.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace danvan {
namespace {

TEST(Utf8, AcceptsVietnamese) {
  EXPECT_TRUE(IsValidUtf8("Phường Lý Thái Tổ, Quận Hoàn Kiếm — “Dân vận khéo” 🇻🇳"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8, RefusesMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xFF"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(Crypto, Sha256OfKnownInput) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, TokensAreRandomAndUrlSafe) {
  const auto a = RandomToken(32), b = RandomToken(32);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

// A certificate's public id is typed after `danvan verify`; one that began with '-' was taken for an option
// (a random token does so once in 64). 5,000 draws: a plain RandomToken would begin with '-' about 78 times.
TEST(Crypto, PublicIdsNeverBeginWithADashOrAnUnderscore) {
  for (int i = 0; i < 5000; ++i) {
    const auto id = RandomPublicId(12);
    ASSERT_EQ(id.size(), 16u);
    ASSERT_NE(id.front(), '-') << id;
    ASSERT_NE(id.front(), '_') << id;
    ASSERT_TRUE(FromBase64Url(id)) << id;
  }
}

TEST(Date, IsoAndVietnameseSpellingsArePadded) {
  for (const auto& [text, iso, vi] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"13/10/2022", "2022-10-13", "13/10/2022"},
           {"05/01/1900", "1900-01-05", "05/01/1900"},
           {"31/12/2200", "2200-12-31", "31/12/2200"},
           {"2025-07-01", "2025-07-01", "01/07/2025"}}) {
    const auto d = Date::Parse(text, "d");
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_EQ(d->Iso(), iso);
    EXPECT_EQ(d->Vietnamese(), vi);
    EXPECT_EQ(Date::Parse(d->Iso(), "d")->Iso(), iso) << "the ISO spelling reads back";
  }
}

TEST(Time, UtcAndVietnamTime) {
  // 13/10/2022 09:00 in Hà Nội is 02:00 UTC.
  const TimePoint t = std::chrono::sys_days{std::chrono::year{2022} / 10 / 13} + std::chrono::hours(2);
  EXPECT_EQ(FormatUtc(t), "2022-10-13T02:00:00.000Z");
  EXPECT_EQ(FormatVietnam(t), "2022-10-13T09:00:00+07:00");
}

}  // namespace
}  // namespace danvan
