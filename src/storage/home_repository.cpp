#include "storage/home_repository.hpp"

#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/home_sql.hpp"
#include "storage/tx.hpp"

namespace danvan {
namespace {

class SociHomeRepository final : public HomeRepository {
 public:
  std::vector<MemberSession> OpenSessionsOfMember(Tx& tx, int64_t user_id, int64_t limit) override {
    std::vector<MemberSession> out;
    auto rows = tx.Query(sql::kHomeOpenSessionsOfMember, user_id, limit);
    while (const soci::row* r = rows.Next()) {
      MemberSession s;
      s.session_id = RowInt(*r, 0);
      s.council_id = RowInt(*r, 1);
      s.council_name = r->get<std::string>(2);
      s.campaign_id = RowInt(*r, 3);
      s.held_on = RowDate(*r, 4);
      s.status = r->get<std::string>(5);
      s.unit_id = RowInt(*r, 6);
      out.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<HomeRepository> MakeHomeRepository() { return std::make_unique<SociHomeRepository>(); }

}  // namespace danvan
