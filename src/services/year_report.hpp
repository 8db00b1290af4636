#pragma once
//! The year report of the movement (báo cáo tổng kết phong trào thi đua "Dân vận khéo", docs/year-report.md): the
//! figures provincial reports carry, counted from the records when the report is read or printed, and the text the
//! officer writes around them, stored per unit and year. Printed as an A4 PDF in the issuer's format (Nghị định
//! 30/2020 for a People's Committee), with the same parts and fonts as the decisions.

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/awards.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/plans.hpp"
#include "services/reports.hpp"
#include "storage/award_repository.hpp"
#include "storage/database.hpp"
#include "storage/report_repository.hpp"
#include "storage/repositories.hpp"

#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! Models of one field (or the total): by subject, and how far they went.
struct YearFieldRow {
  std::string code;  //!< the field's code; "total" for the total
  std::string name;
  int64_t collective = 0;
  int64_t individual = 0;
  int64_t registered = 0;
  int64_t recognised = 0;  //!< recognised or carried over: the models that proved effective
  int64_t replicated = 0;
  int64_t models() const { return collective + individual; }
};

//! Models recognised at one level ("Cấp phường", "Cấp quận").
struct YearLevelRow {
  std::string code;
  std::string name;
  int64_t models = 0;
};

struct YearReportFigures {
  std::vector<YearFieldRow> fields;  //!< every field, in their order, zero rows included
  YearFieldRow fields_total;
  std::vector<YearLevelRow> levels;  //!< the levels models were recognised at, by name
  int64_t recognised_at_levels = 0;
  std::vector<IssuerRewards> rewards;  //!< per issuer, by name
  IssuerRewards rewards_total;         //!< issuer_id 0
  ConcernFiguresReport concerns;       //!< the year's concerns per category, with the total
  std::optional<PlanView> plan;        //!< the unit's own plan of the year, as of the report's day
};

struct YearReportQuery {
  int64_t unit_id = 0;
  int year = 0;
  bool roll_up = true;  //!< also the records of the units merged into this one
};

//! What the officer may change: the text, the number and date, the issuer and who signs.
struct YearReportInput {
  int64_t unit_id = 0;
  int year = 0;
  std::optional<int64_t> issuer_id;
  std::string number;
  std::string reported_on;  //!< dd/mm/yyyy or ISO; empty: the day it is printed
  std::string situation, highlights, assessment, directions, recipients;
  std::string signer_capacity, signer_title, signer_name;
};

struct YearReport {
  int64_t unit_id = 0;
  std::string unit_name;
  std::optional<AdminUnit> parent;  //!< the unit above, which the header of a Party document names
  int year = 0;
  Date as_of;  //!< the plan's progress is taken on this day: 31/12 of the year, or today within it; the records
               //!< roll up through the successions in force today
  bool roll_up = true;
  YearReportText text;  //!< id 0: nothing saved yet, the text is the proposed draft
  std::vector<Issuer> issuers;    //!< the unit's issuers to choose from
  std::optional<Issuer> issuer;   //!< the one chosen, or the unit's People's Committee
  YearReportFigures figures;
  bool can_edit = false;
};

//! A report as a file: the PDF or the workbook, and its ASCII file name ("bao-cao-tong-ket-2022.pdf").
using YearReportFile = ExportFile;

class YearReportService {
 public:
  YearReportService(Database& db, Repositories& repos, ReportRepository& reports, AwardRepository& awards,
                    ReportService& report_service, PlanService& plans, AuditLog& audit, const Clock& clock)
      : db_(db), repos_(repos), reports_(reports), awards_(awards), report_service_(report_service), plans_(plans),
        audit_(audit), clock_(clock) {}

  //! The figures and the text (saved, or a draft proposed from the figures). For any grant on the unit; a fixed
  //! number of statements whatever the data.
  Result<YearReport> Get(const Caller& caller, const YearReportQuery& query);
  //! Keeps the text, number, date, issuer and signer; for who manages the unit's movement; audited.
  Result<YearReport> Save(const Caller& caller, const YearReportInput& input);
  //! The report as saved (or its draft) as a PDF.
  Result<YearReportFile> Pdf(const Caller& caller, const YearReportQuery& query);
  //! The report's figure tables as a workbook, a sheet per table, the figures as numbers; who may read it.
  Result<YearReportFile> Xlsx(const Caller& caller, const YearReportQuery& query);
  //! The report with unsaved text as a PDF, nothing kept; for who may save it.
  Result<YearReportFile> Preview(const Caller& caller, const YearReportInput& input, bool roll_up);

 private:
  Result<YearReport> Read(const Caller& caller, const YearReportQuery& query, bool edit);
  Result<YearReportText> Checked(const YearReport& report, const YearReportInput& input);
  Result<YearReportFile> Render(const YearReport& report);

  Database& db_;
  Repositories& repos_;
  ReportRepository& reports_;
  AwardRepository& awards_;
  ReportService& report_service_;
  PlanService& plans_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace danvan
