#include "storage/report_repository.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/reports_sql.hpp"
#include "storage/tx.hpp"

namespace danvan {
namespace {

class SociReportRepository final : public ReportRepository {
 public:
  std::vector<UnitStatusCount> ModelCounts(Tx& tx, const ReportScope& s) override {
    std::optional<std::string> year;
    if (s.year) year = std::to_string(*s.year);
    const int64_t roll_up = s.roll_up ? 1 : 0;
    const std::string as_of = s.as_of.Iso();
    std::vector<UnitStatusCount> out;
    auto rows = tx.Query(sql::kReportModelCounts, s.unit_id, roll_up, as_of, year, year);
    while (const soci::row* r = rows.Next())
      out.push_back(UnitStatusCount{RowInt(*r, 0), r->get<std::string>(1), RowInt(*r, 2), RowInt(*r, 3), RowInt(*r, 4)});
    return out;
  }

  std::vector<FieldLevelCount> ModelFieldLevels(Tx& tx, const ReportScope& s) override {
    std::optional<std::string> year;
    if (s.year) year = std::to_string(*s.year);
    const int64_t roll_up = s.roll_up ? 1 : 0;
    const std::string as_of = s.as_of.Iso();
    std::vector<FieldLevelCount> out;
    auto rows = tx.Query(sql::kReportModelFieldLevels, s.unit_id, roll_up, as_of, year, year);
    while (const soci::row* r = rows.Next())
      out.push_back(FieldLevelCount{r->get<std::string>(0), r->get<std::string>(1), r->get<std::string>(2), RowInt(*r, 3)});
    return out;
  }

  std::map<int64_t, int64_t> CertificateCounts(Tx& tx, const ReportScope& s) override {
    std::optional<int64_t> year;
    if (s.year) year = *s.year;
    const int64_t roll_up = s.roll_up ? 1 : 0;
    const std::string as_of = s.as_of.Iso();
    std::map<int64_t, int64_t> out;
    auto rows = tx.Query(sql::kReportCertificateCounts, s.unit_id, roll_up, as_of, year, year);
    while (const soci::row* r = rows.Next()) out[RowInt(*r, 0)] = RowInt(*r, 1);
    return out;
  }

  std::vector<FieldSubjectCount> ModelSubjects(Tx& tx, const ReportScope& s) override {
    const std::string year = std::to_string(s.year.value_or(0));
    const int64_t roll_up = s.roll_up ? 1 : 0;
    const std::string as_of = s.as_of.Iso();
    std::vector<FieldSubjectCount> out;
    auto rows = tx.Query(sql::kReportModelSubjects, s.unit_id, roll_up, as_of, year);
    while (const soci::row* r = rows.Next())
      out.push_back(FieldSubjectCount{r->get<std::string>(0), r->get<std::string>(1), RowInt(*r, 2), RowInt(*r, 3),
                                      RowInt(*r, 4), RowInt(*r, 5)});
    return out;
  }

  std::vector<IssuerRewards> RewardsByIssuer(Tx& tx, const ReportScope& s) override {
    const int64_t year = s.year.value_or(0);
    const int64_t roll_up = s.roll_up ? 1 : 0;
    const std::string as_of = s.as_of.Iso();
    std::vector<IssuerRewards> out;
    auto rows = tx.Query(sql::kReportRewardsByIssuer, s.unit_id, roll_up, as_of, year);
    while (const soci::row* r = rows.Next())
      out.push_back(IssuerRewards{RowInt(*r, 0), r->get<std::string>(1), RowInt(*r, 2), RowInt(*r, 3), RowInt(*r, 4),
                                  RowInt(*r, 5)});
    return out;
  }

  std::optional<YearReportText> FindYearReport(Tx& tx, int64_t unit_id, int year) override {
    const int64_t y = year;
    auto rows = tx.Query(sql::kSelectYearReport, unit_id, y);
    const soci::row* r = rows.Next();
    if (!r) return std::nullopt;
    YearReportText t;
    t.id = RowInt(*r, 0);
    t.unit_id = RowInt(*r, 1);
    t.year = static_cast<int>(RowInt(*r, 2));
    t.issuer_id = RowOptInt(*r, 3);
    t.number = r->get<std::string>(4);
    t.reported_on = RowOptDate(*r, 5);
    t.situation = r->get<std::string>(6);
    t.highlights = r->get<std::string>(7);
    t.assessment = r->get<std::string>(8);
    t.directions = r->get<std::string>(9);
    t.recipients = r->get<std::string>(10);
    t.signer_capacity = r->get<std::string>(11);
    t.signer_title = r->get<std::string>(12);
    t.signer_name = r->get<std::string>(13);
    t.updated_by = r->get<std::string>(14);
    t.created_at = r->get<std::string>(15);
    t.updated_at = r->get<std::string>(16);
    return t;
  }

  int64_t SaveYearReport(Tx& tx, const YearReportText& t) override {
    std::optional<std::string> on;
    if (t.reported_on) on = t.reported_on->Iso();
    if (t.id == 0) {
      const int64_t year = t.year;
      return ReturnedId(tx.Query(sql::kInsertYearReport, t.unit_id, year, t.issuer_id, t.number, on, t.situation,
                                 t.highlights, t.assessment, t.directions, t.recipients, t.signer_capacity,
                                 t.signer_title, t.signer_name, t.updated_by, t.created_at, t.updated_at));
    }
    tx.Exec(sql::kUpdateYearReport, t.issuer_id, t.number, on, t.situation, t.highlights, t.assessment, t.directions,
            t.recipients, t.signer_capacity, t.signer_title, t.signer_name, t.updated_by, t.updated_at, t.id);
    return t.id;
  }

  std::vector<Succession> SuccessionsAhead(Tx& tx, const ReportScope& s) override {
    const int64_t roll_up = s.roll_up ? 1 : 0;
    const std::string as_of = s.as_of.Iso();
    std::vector<Succession> out;
    auto rows = tx.Query(sql::kReportSuccessions, s.unit_id, roll_up, as_of, as_of, as_of);
    while (const soci::row* r = rows.Next()) {
      Succession x;
      x.id = RowInt(*r, 0);
      x.from_unit_id = RowInt(*r, 1);
      x.to_unit_id = RowInt(*r, 2);
      x.share = ParseShare(r->get<std::string>(3)).value_or(Share::kPart);
      x.legal_basis = r->get<std::string>(4);
      x.effective_date = RowDate(*r, 5);
      x.note = RowOptString(*r, 6);
      x.created_at = r->get<std::string>(7);
      out.push_back(std::move(x));
    }
    return out;
  }

  std::vector<ConcernCount> ConcernCounts(Tx& tx, const ReportScope& s, ConcernGrouping grouping,
                                          const std::optional<std::string>& from,
                                          const std::optional<std::string>& to) override {
    const int64_t roll_up = s.roll_up ? 1 : 0;
    const std::string as_of = s.as_of.Iso();
    std::string_view sql = sql::kReportConcernsByUnit;
    size_t keys = 1;  // the columns before the figures
    switch (grouping) {
      case ConcernGrouping::kUnit: break;
      case ConcernGrouping::kOrganisation:
        sql = sql::kReportConcernsByOrganisation;
        keys = 2;
        break;
      case ConcernGrouping::kCategory:
        sql = sql::kReportConcernsByCategory;
        keys = 3;
        break;
      case ConcernGrouping::kDay:
        sql = sql::kReportConcernsByDay;
        keys = 2;
        break;
    }
    std::vector<ConcernCount> out;
    auto rows = tx.Query(sql, s.unit_id, roll_up, as_of, from, from, to, to);
    while (const soci::row* r = rows.Next()) {
      ConcernCount c;
      switch (grouping) {
        case ConcernGrouping::kUnit: c.id = RowInt(*r, 0); break;
        case ConcernGrouping::kOrganisation:
          c.id = RowOptInt(*r, 0);
          c.name = RowOptString(*r, 1).value_or("");
          break;
        case ConcernGrouping::kCategory:
          c.id = RowInt(*r, 0);
          c.code = r->get<std::string>(1);
          c.name = r->get<std::string>(2);
          break;
        case ConcernGrouping::kDay:
          c.day = r->get<std::string>(0);
          c.evening = RowInt(*r, 1) != 0;
          break;
      }
      int64_t* figures[] = {&c.received,     &c.resolved,  &c.received_on_time, &c.resolved_on_time, &c.rejected,
                            &c.out_of_scope, &c.duplicate, &c.open,             &c.ratings,          &c.stars};
      for (size_t i = 0; i < std::size(figures); ++i) *figures[i] = RowInt(*r, keys + i);
      out.push_back(std::move(c));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<ReportRepository> MakeReportRepository() { return std::make_unique<SociReportRepository>(); }

}  // namespace danvan
