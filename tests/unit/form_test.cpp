// The form decoder (http/form.hpp): what clients send as application/x-www-form-urlencoded or multipart/form-data,
// read into the object the operation's schema then checks.

#include "http/form.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace danvan::http {
namespace {

namespace json = boost::json;

json::object Decoded(std::string_view body) {
  auto r = DecodeUrlEncodedForm(body);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
  return r.ok() ? *r : json::object();
}

TEST(Form, ReadsValuesPlusAsSpaceAndPercentEscapes) {
  const auto f = Decoded("service_code=rac&description=R%C3%A1c+%C4%91%E1%BB%95&lat=21.03&empty=");
  EXPECT_EQ(f.at("service_code"), "rac");
  EXPECT_EQ(f.at("description"), "Rác đổ");
  EXPECT_EQ(f.at("lat"), "21.03");
  EXPECT_EQ(f.at("empty"), "");
}

TEST(Form, BracketsMakeGroupsAndListsEncodedOrNot) {
  const auto plain = Decoded("attribute[kind]=household&attribute[when][]=morning&attribute[when][]=evening");
  const auto encoded = Decoded("attribute%5Bkind%5D=household&attribute%5Bwhen%5D%5B%5D=morning&"
                               "attribute%5bwhen%5d%5b%5d=evening");
  for (const auto& f : {plain, encoded}) {
    const auto& a = f.at("attribute").as_object();
    EXPECT_EQ(a.at("kind"), "household");
    EXPECT_EQ(a.at("when"), (json::array{"morning", "evening"}));
  }
  // A lone "[]" value is still a list; a repeated plain name becomes one.
  EXPECT_EQ(Decoded("tag[]=a").at("tag"), (json::array{"a"}));
  EXPECT_EQ(Decoded("x=1&x=2").at("x"), (json::array{"1", "2"}));
  EXPECT_EQ(Decoded("attribute[k]=1&attribute[k]=2").at("attribute").at("k"), (json::array{"1", "2"}));
  // Deeper brackets are a plain (unknown) name for the schema to refuse.
  EXPECT_TRUE(Decoded("a[b][c]=1").contains("a[b][c]"));
}

TEST(Form, DropsAByteOrderMarkAndKeepsAStrayPercent) {
  const auto f = Decoded("\xEF\xBB\xBFservice_code=rac&note=100%&x=%zz");
  EXPECT_EQ(f.at("service_code"), "rac");
  EXPECT_EQ(f.at("note"), "100%");
  EXPECT_EQ(f.at("x"), "%zz");
}

TEST(Form, RefusesInvalidUtf8AndANameUsedTwoWays) {
  auto bad = DecodeUrlEncodedForm("description=%FF%FE");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_utf8");
  auto both = DecodeUrlEncodedForm("attribute=x&attribute[k]=y");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, "malformed_form");
  auto nameless = DecodeUrlEncodedForm("=x");
  ASSERT_FALSE(nameless.ok());
}

TEST(Form, ReadsMultipartFieldsAndFiles) {
  const std::string body =
      "\xEF\xBB\xBF--XyZ\r\n"
      "Content-Disposition: form-data; name=\"service_code\"\r\n\r\n"
      "rac\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"attribute[when][]\"\r\n\r\n"
      "morning\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"description\"\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "Dòng 1\r\nDòng 2\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"media\"; filename=\"a.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n"
      "\xFF\xD8\xFF\r\n"
      "--XyZ--\r\n";
  auto r = DecodeMultipartForm(body, "XyZ");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->at("service_code"), "rac");
  EXPECT_EQ(r->at("attribute").at("when"), (json::array{"morning"}));
  EXPECT_EQ(r->at("description"), "Dòng 1\r\nDòng 2");
  const auto& media = r->at("media").as_object();
  EXPECT_EQ(media.at("file_name"), "a.jpg");
  EXPECT_EQ(media.at("media_type"), "image/jpeg");
  EXPECT_EQ(media.at("content_base64"), "/9j/");

  EXPECT_FALSE(DecodeMultipartForm("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "XyZ").ok());
  EXPECT_FALSE(DecodeMultipartForm("no boundary here", "XyZ").ok());
}

TEST(Form, ReadFormPicksTheDecoderByContentType) {
  Request r;
  r.headers = {{"content-type", "multipart/form-data; boundary=\"b1\""}};
  r.body = "--b1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b1--\r\n";
  auto f = ReadForm(r);
  ASSERT_TRUE(f.ok()) << f.error().message_en;
  EXPECT_EQ(f->at("a"), "1");
  r.headers = {{"content-type", "application/x-www-form-urlencoded; charset=UTF-8"}};
  r.body = "a=2";
  EXPECT_EQ(ReadForm(r)->at("a"), "2");
  r.headers = {{"content-type", "text/plain"}};
  EXPECT_EQ(ReadForm(r).error().code, "unsupported_media_type");
}

}  // namespace
}  // namespace danvan::http
