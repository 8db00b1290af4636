#include "core/vietnamese.hpp"

#include "core/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace danvan {
namespace {

// ---- FoldForSearch ----------------------------------------------------------------------------

TEST(FoldForSearch, WardNames) {
  EXPECT_EQ(FoldForSearch("Phường Lý Thái Tổ"), "phuong ly thai to");
  EXPECT_EQ(FoldForSearch("Tổ dân vận số 3"), "to dan van so 3");
  EXPECT_EQ(FoldForSearch("ĐẢNG ỦY"), "dang uy");
  EXPECT_EQ(FoldForSearch("Hội Liên hiệp Phụ nữ"), "hoi lien hiep phu nu");
}

TEST(FoldForSearch, UpperAndMixedCase) {
  EXPECT_EQ(FoldForSearch("NGUYỄN THỊ MINH KHAI"), "nguyen thi minh khai");
  EXPECT_EQ(FoldForSearch("Đường Đê La Thành"), "duong de la thanh");
  EXPECT_EQ(FoldForSearch("đOÀN tHANH nIÊN"), "doan thanh nien");
  EXPECT_EQ(FoldForSearch("Mặt trận Tổ quốc"), "mat tran to quoc");
  EXPECT_EQ(FoldForSearch("Ưu tiên ỞỬỮỰ"), "uu tien ouuu");
  EXPECT_EQ(FoldForSearch("HELLO World"), "hello world");  // plain ASCII path
}

TEST(FoldForSearch, EveryVowelWithEveryTone) {
  EXPECT_EQ(FoldForSearch("aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị"),
            "aaaaaa aaaaaa aaaaaa eeeeee eeeeee iiiiii");
  EXPECT_EQ(FoldForSearch("oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ"),
            "oooooo oooooo oooooo uuuuuu uuuuuu yyyyyy");
  EXPECT_EQ(FoldForSearch("AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ ĐĐđ ƠỜỞỠỚỢ ƯỪỬỮỨỰ"),
            "aaaaaa aaaaaa aaaaaa ddd oooooo uuuuuu");
}

TEST(FoldForSearch, DecomposedInputFoldsLikePrecomposed) {
  // "Việt" typed with combining marks, in canonical order and in the other order.
  EXPECT_EQ(FoldForSearch("Vie\u0323\u0302t"), "viet");
  EXPECT_EQ(FoldForSearch("Vie\u0302\u0323t"), "viet");
  EXPECT_EQ(FoldForSearch("To\u0302\u0309 da\u0302n va\u0323\u0302n"), "to dan van");
}

TEST(FoldForSearch, WhitespaceCollapsedAndTrimmed) {
  EXPECT_EQ(FoldForSearch("  Tổ\t dân\n\nvận \r\n số   3  "), "to dan van so 3");
  EXPECT_EQ(FoldForSearch("\tKhu phố\v1\f"), "khu pho 1");
  // No-break space, ideographic space and line separator count as whitespace too.
  EXPECT_EQ(FoldForSearch("Tổ\u00A0dân\u3000vận\u2028số 3"), "to dan van so 3");
  EXPECT_EQ(FoldForSearch("  plain   ascii\t"), "plain ascii");
}

TEST(FoldForSearch, EmptyAndBlank) {
  EXPECT_EQ(FoldForSearch(""), "");
  EXPECT_EQ(FoldForSearch(" \t\r\n "), "");
  EXPECT_EQ(FoldForSearch("\u00A0\u3000"), "");
}

TEST(FoldForSearch, EmojiAndOtherScriptsPassThrough) {
  EXPECT_EQ(FoldForSearch("Dân vận khéo 👍🇻🇳"), "dan van kheo 👍🇻🇳");
  EXPECT_EQ(FoldForSearch("👨‍👩‍👧"), "👨‍👩‍👧");  // ZWJ sequence: U+200D is a format char, kept
  // The emoji variation selector is a nonspacing mark: "❤️" and "❤" fold alike, so both match.
  EXPECT_EQ(FoldForSearch("❤\uFE0F"), "❤");
  // Hangul syllables are split by NFD and must come back whole.
  EXPECT_EQ(FoldForSearch("한국 Hàn Quốc"), "한국 han quoc");
  EXPECT_EQ(FoldForSearch("Số 3 – “Dân vận”"), "so 3 – “dan van”");
}

TEST(FoldForSearch, InvalidUtf8DoesNotThrow) {
  const std::vector<std::string> bad = {
      "abc\xFF",          "\xC3",           "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
      "T\xE1\xBB dân", "\x80\x80\x80", std::string("Tổ\0dân", sizeof("Tổ\0dân") - 1),
  };
  for (const auto& s : bad) {
    std::string folded;
    EXPECT_NO_THROW(folded = FoldForSearch(s)) << s;
    EXPECT_TRUE(IsValidUtf8(folded)) << folded;
  }
  // Bad bytes become U+FFFD; the good text around them still folds.
  EXPECT_EQ(FoldForSearch("Tổ\xFF dân"), "to\uFFFD dan");
}

TEST(FoldForSearch, Idempotent) {
  for (const char* s : {"Phường Lý Thái Tổ", "ĐẢNG ỦY", "  Tổ\t dân  ", "한국 👍"}) {
    const std::string once = FoldForSearch(s);
    EXPECT_EQ(FoldForSearch(once), once) << s;
  }
}

TEST(FoldForSearch, QueryFindsStoredText) {
  const std::string stored = FoldForSearch("Chi hội Phụ nữ Tổ dân phố số 12, phường Lý Thái Tổ");
  for (const char* query : {"phu nu", "Phụ Nữ", "PHU NU", "ly thai to", "Lý  Thái\tTổ", "to dan pho so 12"}) {
    EXPECT_NE(stored.find(FoldForSearch(query)), std::string::npos) << query;
  }
}

// ---- VietnameseSortKey ------------------------------------------------------------------------

std::vector<std::string> SortedByKey(std::vector<std::string> items) {
  std::vector<std::pair<std::string, std::string>> keyed;
  for (auto& s : items) keyed.emplace_back(VietnameseSortKey(s), std::move(s));
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> out;
  for (auto& [key, s] : keyed) out.push_back(std::move(s));
  return out;
}

std::vector<std::string> Shuffled(std::vector<std::string> v) {
  std::mt19937 rng(20221013);
  std::shuffle(v.begin(), v.end(), rng);
  return v;
}

TEST(VietnameseSortKey, PlaceNamesInVietnameseOrder) {
  // Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; tone marks only
  // count after the letters (and spaces) do, so "An Khánh" < "Ánh Dương" (space < h) and
  // "Ba Đình" < "Bạch Mai" (space < c).
  const std::vector<std::string> expected = {
      "An Khánh", "Ánh Dương", "Ăn uống",   "Âu Cơ", "Ba Đình", "Bạch Mai",
      "Dịch Vọng", "Đống Đa",  "Ô Chợ Dừa", "Ông",   "Ơn",      "Ung",
  };
  const std::vector<std::string> input = {
      "Đống Đa", "Dịch Vọng", "Ba Đình", "Âu Cơ", "Ánh Dương", "An Khánh",
      "Ăn uống", "Bạch Mai",  "Ơn",      "Ông",   "Ô Chợ Dừa", "Ung",
  };
  EXPECT_EQ(SortedByKey(input), expected);
  EXPECT_EQ(SortedByKey(Shuffled(input)), expected);
}

TEST(VietnameseSortKey, AlphabetOrder) {
  const std::vector<std::string> lower = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g",
                                          "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p",
                                          "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
  const std::vector<std::string> upper = {"A", "Ă", "Â", "B", "C", "D", "Đ", "E", "Ê", "G",
                                          "H", "I", "K", "L", "M", "N", "O", "Ô", "Ơ", "P",
                                          "Q", "R", "S", "T", "U", "Ư", "V", "X", "Y"};
  EXPECT_EQ(SortedByKey(Shuffled(lower)), lower);
  EXPECT_EQ(SortedByKey(Shuffled(upper)), upper);
  // Letters are primary differences: they outweigh tones and case in later letters.
  EXPECT_LT(VietnameseSortKey("Ong"), VietnameseSortKey("ông"));
  EXPECT_LT(VietnameseSortKey("ỗng"), VietnameseSortKey("ơn"));
  EXPECT_LT(VietnameseSortKey("dứa"), VietnameseSortKey("đa"));
  EXPECT_LT(VietnameseSortKey("Dương"), VietnameseSortKey("đa"));
  EXPECT_LT(VietnameseSortKey("mạ"), VietnameseSortKey("mac"));
}

TEST(VietnameseSortKey, TonesInTraditionalOrder) {
  // ngang < huyền < hỏi < ngã < sắc < nặng, all before the next base letter.
  const std::vector<std::string> ma = {"ma", "mà", "mả", "mã", "má", "mạ", "mă", "mâ"};
  EXPECT_EQ(SortedByKey(Shuffled(ma)), ma);
  const std::vector<std::string> to = {"to", "tò", "tỏ", "tõ", "tó", "tọ", "tô", "tồ", "tổ", "tỗ", "tố", "tộ", "tơ"};
  EXPECT_EQ(SortedByKey(Shuffled(to)), to);
}

TEST(VietnameseSortKey, CaseAfterTonesLowerFirst) {
  const std::vector<std::string> expected = {"an", "An", "AN", "án", "Án", "ăn", "Ăn"};
  EXPECT_EQ(SortedByKey(Shuffled(expected)), expected);
}

TEST(VietnameseSortKey, ShorterPrefixFirst) {
  const std::vector<std::string> expected = {"Ba", "Bà", "Ba Đình", "Bà Triệu", "Bách Khoa"};
  EXPECT_EQ(SortedByKey(Shuffled(expected)), expected);
}

TEST(VietnameseSortKey, DecomposedTextHasTheSameKey) {
  const std::string key = VietnameseSortKey("Việt");
  EXPECT_EQ(VietnameseSortKey("Vie\u0323\u0302t"), key);
  EXPECT_EQ(VietnameseSortKey("Vie\u0302\u0323t"), key);
  EXPECT_EQ(VietnameseSortKey("\u1EC7"), VietnameseSortKey("e\u0302\u0323"));  // ệ
}

TEST(VietnameseSortKey, KeysAreLowerHexWithoutTerminator) {
  for (const char* s : {"", "a", "Phường Lý Thái Tổ", "👍", "ĐẢNG ỦY"}) {
    const std::string key = VietnameseSortKey(s);
    EXPECT_FALSE(key.empty()) << s;
    EXPECT_EQ(key.size() % 2, 0u) << s;
    EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos) << key;
    EXPECT_NE(key.substr(key.size() - 2), "00") << key;
  }
  EXPECT_EQ(VietnameseSortKey("Tổ dân phố"), VietnameseSortKey("Tổ dân phố"));
  EXPECT_NE(VietnameseSortKey("tổ"), VietnameseSortKey("Tổ"));
  EXPECT_LT(VietnameseSortKey(""), VietnameseSortKey("a"));
}

TEST(VietnameseSortKey, LongTextAndInvalidUtf8) {
  std::string long_text;
  for (int i = 0; i < 200; ++i) long_text += "Hội Liên hiệp Phụ nữ ";
  std::string key;
  EXPECT_NO_THROW(key = VietnameseSortKey(long_text));
  EXPECT_GT(key.size(), 512u);  // past the 256-byte stack buffer
  EXPECT_LT(VietnameseSortKey(long_text), VietnameseSortKey("Hội Liên hiệp Thanh niên"));

  for (const char* s : {"abc\xFF", "\xC3", "\xED\xA0\x80", "T\xE1\xBB dân"}) {
    EXPECT_NO_THROW(key = VietnameseSortKey(s)) << s;
    EXPECT_FALSE(key.empty());
  }
}

// ---- Threads ----------------------------------------------------------------------------------

TEST(VietnameseConcurrency, EightThreadsAgreeWithOne) {
  const std::vector<std::string> corpus = {
      "Phường Lý Thái Tổ", "Tổ dân vận số 3", "ĐẢNG ỦY", "Hội Liên hiệp Phụ nữ", "Đống Đa",
      "Dịch Vọng", "Ba Đình", "Âu Cơ", "Ánh Dương", "An Khánh", "Ăn uống", "Bạch Mai", "Ơn", "Ông",
      "Ô Chợ Dừa", "Ung", "  Tổ\t dân\n vận ", "Dân vận khéo 👍🇻🇳", "한국", "abc\xFF", "", "plain ascii",
  };
  std::vector<std::string> folds, keys;
  for (const auto& s : corpus) {
    folds.push_back(FoldForSearch(s));
    keys.push_back(VietnameseSortKey(s));
  }

  std::atomic<int> mismatches{0};
  std::atomic<int> failures{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      try {
        for (int round = 0; round < 300; ++round) {
          for (size_t i = 0; i < corpus.size(); ++i) {
            const size_t j = (i + static_cast<size_t>(t) * 3) % corpus.size();  // different order per thread
            if (FoldForSearch(corpus[j]) != folds[j]) ++mismatches;
            if (VietnameseSortKey(corpus[j]) != keys[j]) ++mismatches;
          }
        }
      } catch (...) {
        ++failures;
      }
    });
  }
  go = true;
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace danvan
