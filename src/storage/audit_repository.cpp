#include "storage/repositories.hpp"
#include "storage/row.hpp"
#include "storage/sql/audit_sql.hpp"
#include "storage/tx.hpp"

namespace danvan {
namespace {

AuditEntry FromRow(const soci::row& r) {
  AuditEntry e;
  e.id = RowInt(r, 0);
  e.chain = r.get<std::string>(1);
  e.seq = RowInt(r, 2);
  e.at = r.get<std::string>(3);
  e.actor = r.get<std::string>(4);
  e.entity = r.get<std::string>(5);
  e.entity_id = r.get<std::string>(6);
  e.action = r.get<std::string>(7);
  e.before_json = RowOptString(r, 8);
  e.after_json = RowOptString(r, 9);
  e.request_id = RowOptString(r, 10).value_or("");
  e.prev_hash = r.get<std::string>(11);
  e.hash = r.get<std::string>(12);
  return e;
}

class SociAuditRepository final : public AuditRepository {
 public:
  std::optional<AuditEntry> LockHead(Tx& tx, const std::string& chain) override {
    if (tx.dialect() == Dialect::kPostgres) tx.session() << sql::kLockAuditChainPostgres, soci::use(chain);
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectAuditHead, soci::use(chain));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
  }

  void Insert(Tx& tx, const AuditEntry& e) override {
    const long long seq = e.seq;
    soci::indicator before_ind = e.before_json ? soci::i_ok : soci::i_null;
    soci::indicator after_ind = e.after_json ? soci::i_ok : soci::i_null;
    const std::string before = e.before_json.value_or("");
    const std::string after = e.after_json.value_or("");
    tx.session() << sql::kInsertAudit, soci::use(e.chain), soci::use(seq), soci::use(e.at), soci::use(e.actor),
        soci::use(e.entity), soci::use(e.entity_id), soci::use(e.action), soci::use(before, before_ind),
        soci::use(after, after_ind), soci::use(e.request_id), soci::use(e.prev_hash), soci::use(e.hash);
  }

  void ForEach(Tx& tx, const std::function<bool(const AuditEntry&)>& fn) override {
    std::string chain;
    long long seq = 0;
    for (;;) {
      int n = 0;
      // The page's bound values must not change while its rows are read: the statement may still be using them
      // (SQLite binds the string's buffer, and steps row by row). The next page starts after the last row read.
      std::string last_chain;
      long long last_seq = 0;
      {
        soci::rowset<soci::row> rows =
            (tx.session().prepare << sql::kSelectAuditPage, soci::use(chain), soci::use(chain), soci::use(seq));
        for (const auto& r : rows) {
          AuditEntry e = FromRow(r);
          last_chain = e.chain;
          last_seq = e.seq;
          ++n;
          if (!fn(e)) return;
        }
      }
      if (n < 1000) return;
      chain = std::move(last_chain);
      seq = last_seq;
    }
  }

  std::vector<AuditEntry> OfEntity(Tx& tx, const std::string& entity, const std::string& entity_id) override {
    std::vector<AuditEntry> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectAuditOfEntity, soci::use(entity), soci::use(entity_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
  }
};

}  // namespace

std::unique_ptr<AuditRepository> MakeAuditRepository() { return std::make_unique<SociAuditRepository>(); }

}  // namespace danvan
