#include "core/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace danvan {
namespace {

std::optional<std::string> NoEnv(const std::string&) { return std::nullopt; }

TEST(Config, DefaultsServeOnLocalhost8080WithSqlite) {
  auto c = LoadConfig("", NoEnv, {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->server.host, "127.0.0.1");
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->database.url, "sqlite:data/danvan.db");
  EXPECT_EQ(c->server.header_limit, 16u * 1024);
  EXPECT_EQ(c->server.body_limit, 1024u * 1024);
}

TEST(Config, ThePublicUrlIsAnHttpAddressWithoutTrailingSlash) {
  EXPECT_EQ(LoadConfig("", NoEnv, {})->server.public_url, "http://127.0.0.1:8080");
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "DANVAN_SERVER_PUBLIC_URL") return "https://danvan.example.vn/";
    return std::nullopt;
  };
  auto c = LoadConfig("", env, {});
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->server.public_url, "https://danvan.example.vn") << "certificates append /verify/{id}";
  for (const char* bad : {"danvan.example.vn", "ftp://danvan.example.vn", "https://danvan example.vn"}) {
    auto refused = LoadConfig("", NoEnv, {{"server.public_url", bad}});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, "invalid_setting");
  }
}

TEST(Config, TrustedProxiesAreAddressesSeparatedByCommas) {
  EXPECT_TRUE(LoadConfig("", NoEnv, {})->server.trusted_proxies.empty());
  auto c = LoadConfig("", NoEnv, {{"server.trusted_proxies", " 10.0.0.2, ::1 ,"}});
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->server.trusted_proxies, (std::vector<std::string>{"10.0.0.2", "::1"}));
  for (const char* bad : {"10.0.0.0/8", "proxy.local", "10.0.0.256"}) {
    auto refused = LoadConfig("", NoEnv, {{"server.trusted_proxies", bad}});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, "invalid_setting");
  }
}

TEST(Config, FlagsBeatEnvironmentWhichBeatsTheFile) {
  const auto path = std::filesystem::temp_directory_path() / "danvan-config-test.toml";
  {
    std::ofstream f(path);
    f << "[server]\nlisten = \"0.0.0.0:9000\"\nthreads = 3\n[database]\nurl = \"sqlite:from-file.db\"\n"
         "pool_size = 7\n";
  }
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "DANVAN_DATABASE_URL") return "sqlite:from-env.db";
    if (name == "DANVAN_SERVER_THREADS") return "5";
    return std::nullopt;
  };
  auto c = LoadConfig(path.string(), env, {{"server.threads", "6"}});
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->server.host, "0.0.0.0");           // file
  EXPECT_EQ(c->server.port, 9000);                // file
  EXPECT_EQ(c->database.pool_size, 7);            // file
  EXPECT_EQ(c->database.url, "sqlite:from-env.db");  // env over file
  EXPECT_EQ(c->server.io_threads, 6);             // flag over env
  std::filesystem::remove(path);
}

TEST(Config, BadValuesAreRefusedWithTheirKey) {
  auto c = LoadConfig("", NoEnv, {{"server.threads", "many"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "invalid_setting");
  EXPECT_NE(c.error().message_en.find("server.threads"), std::string::npos);
  EXPECT_NE(c.error().message_vi.find("không hợp lệ"), std::string::npos);

  auto unknown = LoadConfig("", NoEnv, {{"server.colour", "blue"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_setting");

  auto listen = LoadConfig("", NoEnv, {{"server.listen", "localhost"}});
  ASSERT_FALSE(listen.ok());
}

TEST(Config, BrokenTomlSaysWhere) {
  const auto path = std::filesystem::temp_directory_path() / "danvan-config-broken.toml";
  {
    std::ofstream f(path);
    f << "[server]\nlisten = \n";
  }
  auto c = LoadConfig(path.string(), NoEnv, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "invalid_config_file");
  EXPECT_NE(c.error().message_en.find(":2:"), std::string::npos) << c.error().message_en;
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace danvan
