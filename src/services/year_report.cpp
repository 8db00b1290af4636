#include "services/year_report.hpp"

#include "documents/pdf/report.hpp"
#include "documents/xlsx/workbook.hpp"
#include "domain/validation.hpp"
#include "domain/territory.hpp"
#include "services/document_blocks.hpp"
#include "core/vietnamese.hpp"
#include "services/territory.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace danvan {
namespace {

namespace doc = documents;

//! The unit's People's Committee in the state format first, then any issuer of the unit.
std::optional<Issuer> DefaultIssuer(const std::vector<Issuer>& issuers) {
  for (const auto& i : issuers)
    if (i.kind == IssuerKind::kPeoplesCommitteeChair && i.format == DocumentFormat::kState) return i;
  if (!issuers.empty()) return issuers.front();
  return std::nullopt;
}

//! The issuer the text names, else the default.
std::optional<Issuer> IssuerFor(const std::vector<Issuer>& issuers, std::optional<int64_t> id) {
  for (const auto& i : issuers)
    if (id && i.id == *id) return i;
  return DefaultIssuer(issuers);
}

//! A unit without issuers still prints: its People's Committee, as the decree names it.
Issuer CommitteeOf(int64_t unit_id, const std::string& unit_name) {
  Issuer i;
  i.unit_id = unit_id;
  i.name = "Ủy ban nhân dân " + ReadUnitName(unit_name).InSentence();
  i.symbol = "UBND";
  i.place = std::string(ReadUnitName(unit_name).proper);
  return i;
}

//! "15/BC-UBND" (state) or "15-BC/ĐU" (Party); a blank number keeps its room.
std::string ReportNumber(const Issuer& issuer, const std::string& number) {
  const std::string n = number.empty() ? std::string(5, ' ') : number;
  return issuer.format == DocumentFormat::kParty ? n + "-BC/" + issuer.symbol : n + "/BC-" + issuer.symbol;
}

std::string Count(int64_t n) { return doc::FormatMoney(n); }  // 1.234: the thousands dot

std::string Figure(double v, Measure m) {
  if (m == Measure::kMean) return doc::FormatDecimal(v, 2);
  if (std::fabs(v - std::round(v)) < 1e-9) return Count(static_cast<int64_t>(std::llround(v)));
  return doc::FormatDecimal(v, 1);
}

std::string TextJson(const YearReportText& t) {
  boost::json::object o{{"unit_id", t.unit_id},       {"year", t.year},
                        {"number", t.number},         {"situation", t.situation},
                        {"highlights", t.highlights}, {"assessment", t.assessment},
                        {"directions", t.directions}, {"recipients", t.recipients},
                        {"signer_capacity", t.signer_capacity}, {"signer_title", t.signer_title},
                        {"signer_name", t.signer_name}};
  o["issuer_id"] = t.issuer_id ? boost::json::value(*t.issuer_id) : nullptr;
  o["reported_on"] = t.reported_on ? boost::json::value(t.reported_on->Iso()) : nullptr;
  return boost::json::serialize(o);
}

//! The draft an officer starts from: the usual sections, the results' first paragraph said from the figures.
YearReportText Draft(const YearReport& r) {
  const auto& f = r.figures;
  const std::string unit = ReadUnitName(r.unit_name).InSentence();
  YearReportText t;
  t.unit_id = r.unit_id;
  t.year = r.year;
  if (r.issuer) t.issuer_id = r.issuer->id;
  t.situation = fmt::format(
      "Năm {}, {} triển khai phong trào thi đua “Dân vận khéo” gắn với thực hiện nhiệm vụ chính trị của địa phương, "
      "theo kế hoạch của cấp ủy và hướng dẫn của Ban Dân vận cấp trên.\n"
      "Thuận lợi, khó khăn của đơn vị trong năm: …",
      r.year, unit);
  std::string results = fmt::format(
      "Trong năm, các tập thể, cá nhân đăng ký {} mô hình, điển hình “Dân vận khéo” ({} tập thể, {} cá nhân); {} mô "
      "hình, điển hình được công nhận; {} mô hình được nhân rộng.",
      Count(f.fields_total.registered), Count(f.fields_total.collective), Count(f.fields_total.individual),
      Count(f.fields_total.recognised), Count(f.fields_total.replicated));
  if (f.rewards_total.decisions > 0)
    results += fmt::format(" Ban hành {} quyết định khen thưởng {} tập thể, {} cá nhân, tổng số tiền thưởng {} đồng.",
                           Count(f.rewards_total.decisions), Count(f.rewards_total.collectives),
                           Count(f.rewards_total.individuals), doc::FormatMoney(f.rewards_total.amount));
  results += fmt::format(" Tiếp nhận {} phản ánh, kiến nghị của Nhân dân, đã giải quyết {}.",
                         Count(f.concerns.total.received), Count(f.concerns.total.resolved));
  t.highlights = results;
  t.assessment = "1. Ưu điểm: …\n2. Hạn chế, nguyên nhân: …\n3. Bài học kinh nghiệm: …";
  t.directions = fmt::format(
      "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo” năm {}, gắn với thực hiện năm nhiệm vụ của công tác dân vận; "
      "phát hiện, bồi dưỡng, nhân rộng các mô hình, điển hình; kịp thời khen thưởng tập thể, cá nhân có thành tích.",
      r.year + 1);
  t.recipients = "Ban Dân vận cấp trên (để báo cáo)\nThường trực cấp ủy (để báo cáo)\nLưu: VT";
  t.signer_capacity = "TM.";
  t.signer_title = "Chủ tịch";
  return t;
}

// A figure table said once, printed in the PDF and written to the workbook: each cell keeps its value (a number, for
// the sheet) and the text the PDF prints ("1.234", "–").
struct FigureCell {
  doc::XlsxCell value;
  std::string shown;
};
FigureCell Txt(const std::string& s) { return {doc::TextCell(s), s}; }
FigureCell Int(int64_t n) { return {doc::IntegerCell(n), Count(n)}; }
FigureCell Ordinal(size_t i) { return {doc::IntegerCell(static_cast<int64_t>(i)), std::to_string(i)}; }
FigureCell Money(int64_t amount) { return {doc::IntegerCell(amount), doc::FormatMoney(amount)}; }
FigureCell Num(double v, std::string shown) { return {doc::NumberCell(v), std::move(shown)}; }
FigureCell Blank() { return {doc::XlsxCell(), ""}; }
FigureCell Missing() { return {doc::XlsxCell(), "–"}; }  // no figure yet: "–" on paper, an empty cell

struct FigureTable {
  std::string caption;  //!< above the table in the PDF
  std::string sheet;    //!< its sheet in the workbook (31 characters at most)
  std::vector<doc::XlsxColumn> columns;
  std::vector<double> shares;  //!< each column's share of the PDF's width
  struct Row {
    std::vector<FigureCell> cells;
    bool bold = false;
  };
  std::vector<Row> rows;
  std::string empty;  //!< printed instead of an empty table
};

using K = doc::XlsxKind;

std::vector<FigureTable> FigureTables(const YearReport& r) {
  const auto& f = r.figures;
  std::vector<FigureTable> out;

  FigureTable fields;
  fields.caption = "1. Mô hình, điển hình theo lĩnh vực";
  fields.sheet = "1. Theo lĩnh vực";
  fields.columns = {{"STT", K::kInteger, 6},           {"Lĩnh vực", K::kText, 32},   {"Tập thể", K::kInteger, 10},
                    {"Cá nhân", K::kInteger, 10},      {"Đăng ký", K::kInteger, 10}, {"Được công nhận", K::kInteger, 15},
                    {"Nhân rộng", K::kInteger, 11}};
  fields.shares = {0.07, 0.33, 0.11, 0.11, 0.12, 0.14, 0.12};
  for (size_t i = 0; i < f.fields.size(); ++i) {
    const auto& x = f.fields[i];
    fields.rows.push_back({{Ordinal(i + 1), Txt(x.name), Int(x.collective), Int(x.individual), Int(x.registered),
                            Int(x.recognised), Int(x.replicated)}});
  }
  const auto& t = f.fields_total;
  fields.rows.push_back({{Blank(), Txt("Tổng cộng"), Int(t.collective), Int(t.individual), Int(t.registered),
                          Int(t.recognised), Int(t.replicated)},
                         true});
  out.push_back(std::move(fields));

  FigureTable levels;
  levels.caption = "2. Mô hình, điển hình được công nhận theo cấp";
  levels.sheet = "2. Công nhận theo cấp";
  levels.columns = {{"STT", K::kInteger, 6}, {"Cấp công nhận", K::kText, 32}, {"Số mô hình, điển hình", K::kInteger, 20}};
  levels.shares = {0.1, 0.6, 0.3};
  levels.empty = "Trong năm chưa có mô hình, điển hình được công nhận theo cấp.";
  for (size_t i = 0; i < f.levels.size(); ++i)
    levels.rows.push_back({{Ordinal(i + 1), Txt(f.levels[i].name), Int(f.levels[i].models)}});
  if (!levels.rows.empty()) levels.rows.push_back({{Blank(), Txt("Tổng cộng"), Int(f.recognised_at_levels)}, true});
  out.push_back(std::move(levels));

  FigureTable rewards;
  rewards.caption = "3. Khen thưởng";
  rewards.sheet = "3. Khen thưởng";
  rewards.columns = {{"STT", K::kInteger, 6},   {"Cơ quan khen thưởng", K::kText, 40}, {"Số quyết định", K::kInteger, 13},
                     {"Tập thể", K::kInteger, 10}, {"Cá nhân", K::kInteger, 10},      {"Tiền thưởng (đồng)", K::kMoney, 18}};
  rewards.shares = {0.07, 0.35, 0.13, 0.11, 0.11, 0.23};
  rewards.empty = "Trong năm chưa có quyết định khen thưởng.";
  auto reward_row = [](FigureCell n, const IssuerRewards& x, bool bold) {
    return FigureTable::Row{{std::move(n), Txt(bold ? "Tổng cộng" : x.issuer_name), Int(x.decisions),
                             Int(x.collectives), Int(x.individuals), Money(x.amount)},
                            bold};
  };
  for (size_t i = 0; i < f.rewards.size(); ++i) rewards.rows.push_back(reward_row(Ordinal(i + 1), f.rewards[i], false));
  if (!rewards.rows.empty()) rewards.rows.push_back(reward_row(Blank(), f.rewards_total, true));
  out.push_back(std::move(rewards));

  FigureTable concerns;
  concerns.caption = "4. Tiếp nhận, giải quyết phản ánh, kiến nghị của Nhân dân";
  concerns.sheet = "4. Phản ánh, kiến nghị";
  concerns.columns = {{"STT", K::kInteger, 6},
                      {"Nhóm phản ánh", K::kText, 30},
                      {"Tiếp nhận", K::kInteger, 11},
                      {"Tiếp nhận đúng hạn", K::kInteger, 13},
                      {"Đã giải quyết", K::kInteger, 13},
                      {"Giải quyết đúng hạn", K::kInteger, 13},
                      {"Mức hài lòng (1–5)", K::kNumber, 13}};
  concerns.shares = {0.07, 0.27, 0.12, 0.14, 0.13, 0.14, 0.13};
  concerns.empty = "Trong năm chưa tiếp nhận phản ánh, kiến nghị.";
  auto concern_row = [](FigureCell n, const ConcernFigureRow& x, bool bold) {
    return FigureTable::Row{{std::move(n), Txt(x.label), Int(x.received), Int(x.received_on_time), Int(x.resolved),
                             Int(x.resolved_on_time),
                             x.rating_mean ? Num(*x.rating_mean, doc::FormatDecimal(*x.rating_mean, 2)) : Missing()},
                            bold};
  };
  for (size_t i = 0; i < f.concerns.rows.size(); ++i)
    concerns.rows.push_back(concern_row(Ordinal(i + 1), f.concerns.rows[i], false));
  if (!concerns.rows.empty()) concerns.rows.push_back(concern_row(Blank(), f.concerns.total, true));
  out.push_back(std::move(concerns));

  FigureTable tasks;
  tasks.caption = "5. Kết quả thực hiện năm nhiệm vụ so với chỉ tiêu";
  tasks.sheet = "5. Nhiệm vụ, chỉ tiêu";
  tasks.columns = {{"STT", K::kInteger, 6},  {"Nhiệm vụ, chỉ tiêu", K::kText, 48}, {"Chỉ tiêu", K::kNumber, 12},
                   {"Kết quả", K::kNumber, 12}, {"Tỷ lệ (%)", K::kNumber, 11},      {"Đánh giá", K::kText, 12}};
  tasks.shares = {0.07, 0.43, 0.12, 0.12, 0.12, 0.14};
  tasks.empty = fmt::format("Chưa có kế hoạch năm {} của đơn vị.", r.year);
  if (f.plan) {
    size_t n = 0;
    for (const auto& section : f.plan->sections) {
      tasks.rows.push_back({{Blank(), Txt(section.task.name_vi), Blank(), Blank(), Blank(), Blank()}, true});
      for (const auto& p : section.targets) {
        const Measure m = p.kind.measure;
        const std::string unit = m == Measure::kPercent ? "%" : p.kind.unit_vi;
        tasks.rows.push_back({{Ordinal(++n), Txt(p.kind.name_vi + (unit.empty() ? "" : " (" + unit + ")")),
                               Num(p.target.target, Figure(p.target.target, m)),
                               p.value ? Num(*p.value, Figure(*p.value, m)) : Missing(),
                               p.value ? Num(p.percent, doc::FormatDecimal(p.percent, 1) + "%") : Missing(),
                               Txt(p.met ? "Đạt" : "Chưa đạt")}});
      }
    }
  }
  out.push_back(std::move(tasks));
  return out;
}

//! The tables as the PDF prints them.
std::vector<doc::ReportTable> PdfTables(const std::vector<FigureTable>& tables) {
  std::vector<doc::ReportTable> out;
  for (const auto& t : tables) {
    doc::ReportTable p;
    p.caption = t.caption;
    for (const auto& c : t.columns) p.header.push_back(c.header);
    p.shares = t.shares;
    p.empty = t.empty;
    for (const auto& row : t.rows) {
      doc::ReportTable::Row& printed = p.rows.emplace_back();
      printed.bold = row.bold;
      for (const auto& cell : row.cells) printed.cells.push_back(cell.shown);
    }
    out.push_back(std::move(p));
  }
  return out;
}

//! The tables as a workbook's sheets: a sheet per table, the values as numbers.
std::vector<doc::XlsxTable> Sheets(const std::vector<FigureTable>& tables) {
  std::vector<doc::XlsxTable> out;
  for (const auto& t : tables) {
    doc::XlsxTable& sheet = out.emplace_back();
    sheet.sheet_name = t.sheet;
    sheet.columns = t.columns;
    for (const auto& row : t.rows) {
      auto& cells = sheet.rows.emplace_back();
      for (const auto& cell : row.cells) cells.push_back(cell.value);
    }
  }
  return out;
}

}  // namespace

Result<YearReport> YearReportService::Read(const Caller& caller, const YearReportQuery& q, bool edit) {
  if (q.year < 1900 || q.year > 9999)
    return InvalidField("invalid_year", "Năm phải từ 1900 đến 9999.", "The year must be between 1900 and 9999.", "year");
  const Date today = Date::TodayInVietnam(clock_.Now());
  YearReport out;
  out.year = q.year;
  out.roll_up = q.roll_up;
  out.as_of = std::min(today, Date::FromYmd(q.year, 12, 31));
  std::vector<FieldInfo> field_list;
  std::vector<FieldSubjectCount> subjects;
  // The records roll up through the successions in force today: a ward made in 2025 reports on 2022 with the
  // records of the wards it was made from. The plan's progress is taken on 31/12 (or today within the year).
  const ReportScope scope{q.unit_id, q.roll_up, today, q.year};
  DANVAN_TRY(db_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    auto chain = repos_.territory->FindWithAncestors(tx, q.unit_id);
    if (chain.empty()) return UnitNotFound(q.unit_id);
    std::vector<int64_t> ancestry;
    for (const auto& u : chain) ancestry.push_back(u.id);
    const Principal& p = caller.principal;
    if (!p.IsSystemAdmin() && !Allows(p, Permission::kViewUnitPrivate, ancestry)) return Forbidden();
    out.can_edit = p.IsSystemAdmin() || Allows(p, Permission::kManageMovement, ancestry);
    if (edit && !out.can_edit) return Forbidden();
    out.unit_id = chain[0].id;
    out.unit_name = chain[0].name;
    if (chain.size() > 1) out.parent = chain[1];
    out.issuers = awards_.ListIssuers(tx, q.unit_id);
    if (auto saved = reports_.FindYearReport(tx, q.unit_id, q.year)) out.text = std::move(*saved);
    field_list = repos_.movement->Fields(tx);
    subjects = reports_.ModelSubjects(tx, scope);
    out.figures.rewards = reports_.RewardsByIssuer(tx, scope);
    return OkStatus();
  }));

  auto& f = out.figures;
  std::map<std::string, YearFieldRow> by_field;
  for (const auto& s : subjects) {
    auto& row = by_field[s.field];
    (s.subject == "individual" ? row.individual : row.collective) += s.models;
    row.registered += s.registered;
    row.recognised += s.recognised;
    row.replicated += s.replicated;
  }
  f.fields_total.code = "total";
  f.fields_total.name = "Tổng cộng";
  for (const auto& field : field_list) {
    YearFieldRow row = by_field[field.code];
    row.code = field.code;
    row.name = field.name_vi;
    f.fields_total.collective += row.collective;
    f.fields_total.individual += row.individual;
    f.fields_total.registered += row.registered;
    f.fields_total.recognised += row.recognised;
    f.fields_total.replicated += row.replicated;
    f.fields.push_back(std::move(row));
  }
  std::sort(f.rewards.begin(), f.rewards.end(), [](const IssuerRewards& a, const IssuerRewards& b) {
    return VietnameseSortKey(a.issuer_name) < VietnameseSortKey(b.issuer_name);
  });
  f.rewards_total.issuer_name = "Tổng cộng";
  for (const auto& r : f.rewards) {
    f.rewards_total.decisions += r.decisions;
    f.rewards_total.collectives += r.collectives;
    f.rewards_total.individuals += r.individuals;
    f.rewards_total.amount += r.amount;
  }

  // The levels, the concerns and the plan come from the services that own those figures.
  ModelsByUnitQuery mq;
  mq.unit_id = q.unit_id;
  mq.year = q.year;
  mq.as_of = today.Iso();
  mq.roll_up = q.roll_up;
  const auto levels = DANVAN_TRY(report_service_.ModelsByFieldLevel(caller, mq));
  for (const auto& level : levels.levels) {
    if (level.code.empty()) continue;
    YearLevelRow row{level.code, level.name, 0};
    for (const auto& c : levels.cells)
      if (c.level == level.code) row.models += c.models;
    f.recognised_at_levels += row.models;
    f.levels.push_back(std::move(row));
  }
  ConcernFiguresQuery cq;
  cq.unit_id = q.unit_id;
  cq.year = q.year;
  cq.group_by = "category";
  cq.as_of = today.Iso();
  cq.roll_up = q.roll_up;
  f.concerns = DANVAN_TRY(report_service_.ConcernFigures(caller, cq));
  const auto plans = DANVAN_TRY(plans_.ListPlans(caller, q.unit_id, q.year));
  for (const auto& plan : plans) {
    if (plan.organisation_id || plan.unit_id != q.unit_id) continue;
    f.plan = DANVAN_TRY(plans_.GetPlan(caller, plan.id, out.as_of.Iso()));
    break;
  }

  out.issuer = IssuerFor(out.issuers, out.text.issuer_id);
  if (out.text.id == 0) out.text = Draft(out);
  return out;
}

Result<YearReport> YearReportService::Get(const Caller& caller, const YearReportQuery& query) {
  return Read(caller, query, false);
}

Result<YearReportText> YearReportService::Checked(const YearReport& report, const YearReportInput& in) {
  YearReportText t = report.text;
  t.unit_id = report.unit_id;
  t.year = report.year;
  t.issuer_id = in.issuer_id;
  if (in.issuer_id &&
      std::none_of(report.issuers.begin(), report.issuers.end(), [&](const Issuer& i) { return i.id == *in.issuer_id; }))
    return InvalidField("issuer_not_in_unit", "Cơ quan ban hành không thuộc đơn vị này.",
                        "The issuer does not belong to this unit.", "issuer_id");
  t.reported_on.reset();
  if (!in.reported_on.empty()) {
    const Date on = DANVAN_TRY(Date::Parse(in.reported_on, "reported_on"));
    if (on.year() < report.year || on.year() > report.year + 1)
      return InvalidField("report_date_out_of_range",
                          fmt::format("Ngày báo cáo phải trong năm {} hoặc năm {}.", report.year, report.year + 1),
                          fmt::format("The report is dated in {} or {}.", report.year, report.year + 1), "reported_on");
    t.reported_on = on;
  }
  t.number = in.number;
  t.situation = in.situation;
  t.highlights = in.highlights;
  t.assessment = in.assessment;
  t.directions = in.directions;
  t.recipients = in.recipients;
  t.signer_capacity = in.signer_capacity;
  t.signer_title = in.signer_title;
  t.signer_name = in.signer_name;
  return t;
}

Result<YearReport> YearReportService::Save(const Caller& caller, const YearReportInput& in) {
  const YearReportQuery q{in.unit_id, in.year, true};
  const auto current = DANVAN_TRY(Read(caller, q, true));
  YearReportText text = DANVAN_TRY(Checked(current, in));
  const std::string now = FormatUtc(clock_.Now());
  const bool created = text.id == 0;
  std::optional<std::string> before;
  if (!created) before = TextJson(current.text);
  text.updated_by = ActorName(caller);
  text.updated_at = now;
  if (created) text.created_at = now;
  DANVAN_TRY(db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    text.id = reports_.SaveYearReport(tx, text);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(text.unit_id), "year_report", std::to_string(text.id),
                             created ? "create" : "update", before, TextJson(text)});
    return OkStatus();
  }));
  return Read(caller, q, false);
}

Result<YearReportFile> YearReportService::Pdf(const Caller& caller, const YearReportQuery& query) {
  return Render(DANVAN_TRY(Read(caller, query, false)));
}

Result<YearReportFile> YearReportService::Preview(const Caller& caller, const YearReportInput& in, bool roll_up) {
  auto report = DANVAN_TRY(Read(caller, YearReportQuery{in.unit_id, in.year, roll_up}, true));
  report.text = DANVAN_TRY(Checked(report, in));
  report.issuer = IssuerFor(report.issuers, report.text.issuer_id);
  return Render(report);
}

Result<YearReportFile> YearReportService::Render(const YearReport& r) {
  const Issuer issuer = r.issuer ? *r.issuer : CommitteeOf(r.unit_id, r.unit_name);
  const auto& t = r.text;
  doc::ReportDocument d;
  d.system = issuer.format == DocumentFormat::kParty ? doc::DocumentSystem::kParty : doc::DocumentSystem::kState;
  d.issuer = HeaderOf(issuer, r.parent);
  d.number = ReportNumber(issuer, t.number);
  d.place = issuer.place;
  d.date = t.reported_on.value_or(Date::TodayInVietnam(clock_.Now()));
  d.summary = fmt::format("Tổng kết phong trào thi đua “Dân vận khéo” năm {}", r.year);
  d.sections.push_back({"I. ĐẶC ĐIỂM TÌNH HÌNH", {{t.situation, {}}}});
  d.sections.push_back({"II. KẾT QUẢ THỰC HIỆN", {{t.highlights, PdfTables(FigureTables(r))}}});
  d.sections.push_back({"III. ĐÁNH GIÁ CHUNG", {{t.assessment, {}}}});
  d.sections.push_back({fmt::format("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {}", r.year + 1), {{t.directions, {}}}});
  d.recipients = SplitList(t.recipients);
  d.signer = SignerBlock(issuer, t.signer_capacity, t.signer_title, t.signer_name);
  auto pdf = DANVAN_TRY(doc::RenderReportPdf(d));
  return YearReportFile{fmt::format("bao-cao-tong-ket-{}.pdf", r.year), std::move(pdf)};
}

Result<YearReportFile> YearReportService::Xlsx(const Caller& caller, const YearReportQuery& query) {
  const auto report = DANVAN_TRY(Read(caller, query, false));
  auto bytes = DANVAN_TRY(doc::WriteXlsx(Sheets(FigureTables(report))));
  return YearReportFile{fmt::format("bao-cao-tong-ket-{}.xlsx", report.year), std::move(bytes)};
}

}  // namespace danvan
