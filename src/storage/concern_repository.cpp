#include "storage/concern_repository.hpp"

#include "core/crypto.hpp"
#include "core/vietnamese.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/concerns_sql.hpp"
#include "storage/tx.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace danvan {
namespace {

namespace json = boost::json;

// ---- reading rows ----


bool RowBool(const soci::row& r, std::size_t i) { return RowInt(r, i) != 0; }

std::optional<bool> RowOptBool(const soci::row& r, std::size_t i) {
  if (auto v = RowOptInt(r, i)) return *v != 0;
  return std::nullopt;
}

std::optional<int> OptInt(const std::optional<bool>& b) {
  if (!b) return std::nullopt;
  return *b ? 1 : 0;
}

// ---- JSON columns ----

// A stored JSON column that does not parse, or has the wrong shape, is a broken database, not bad input.
json::value ParseStored(const std::string& text, const char* what) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) throw std::runtime_error(std::string("a stored ") + what + " is not valid JSON: " + ec.message());
  return v;
}

std::string Text(const json::value& v) { return json::value_to<std::string>(v); }

std::string KeywordsJson(const std::vector<std::string>& keywords) {
  json::array a;
  for (const auto& k : keywords) a.emplace_back(json::string(k));
  return json::serialize(a);
}

std::vector<std::string> KeywordsFromJson(const std::string& text) {
  std::vector<std::string> out;
  const json::value stored = ParseStored(text, "category's keywords");
  for (const auto& v : stored.as_array()) out.push_back(Text(v));
  return out;
}

std::string CategoryAttributesJson(const std::vector<CategoryAttribute>& attributes) {
  json::array a;
  for (const auto& at : attributes) {
    json::array values;
    for (const auto& [key, name] : at.values) values.emplace_back(json::array{json::string(key), json::string(name)});
    a.emplace_back(json::object{{"code", at.code},
                                {"datatype", at.datatype},
                                {"required", at.required},
                                {"variable", at.variable},
                                {"description", at.description},
                                {"datatype_description", at.datatype_description},
                                {"order", at.order},
                                {"values", std::move(values)}});
  }
  return json::serialize(a);
}

std::vector<CategoryAttribute> CategoryAttributesFromJson(const std::string& text) {
  std::vector<CategoryAttribute> out;
  const json::value stored = ParseStored(text, "category's attributes");
  for (const auto& v : stored.as_array()) {
    const auto& o = v.as_object();
    CategoryAttribute at;
    at.code = Text(o.at("code"));
    at.datatype = Text(o.at("datatype"));
    at.required = o.at("required").as_bool();
    at.variable = o.at("variable").as_bool();
    at.description = Text(o.at("description"));
    at.datatype_description = Text(o.at("datatype_description"));
    at.order = o.at("order").to_number<int>();
    for (const auto& pair : o.at("values").as_array()) {
      const auto& kv = pair.as_array();
      at.values.emplace_back(Text(kv.at(0)), Text(kv.at(1)));
    }
    out.push_back(std::move(at));
  }
  return out;
}

// A concern's answers: [[code, [v1, v2]], …].
std::string AnswersJson(const AttributeAnswers& answers) {
  json::array a;
  for (const auto& [code, values] : answers) {
    json::array vs;
    for (const auto& v : values) vs.emplace_back(json::string(v));
    a.emplace_back(json::array{json::string(code), std::move(vs)});
  }
  return json::serialize(a);
}

AttributeAnswers AnswersFromJson(const std::string& text) {
  AttributeAnswers out;
  const json::value stored = ParseStored(text, "concern's answers");
  for (const auto& v : stored.as_array()) {
    const auto& pair = v.as_array();
    std::vector<std::string> values;
    for (const auto& x : pair.at(1).as_array()) values.push_back(Text(x));
    out.emplace_back(Text(pair.at(0)), std::move(values));
  }
  return out;
}

// A polygon: [[lat, lon], …].
std::string PolygonJson(const std::vector<GeoPoint>& ring) {
  json::array a;
  for (const auto& p : ring) a.emplace_back(json::array{p.lat, p.lon});
  return json::serialize(a);
}

std::vector<GeoPoint> PolygonFromJson(const std::string& text) {
  std::vector<GeoPoint> out;
  const json::value stored = ParseStored(text, "routing rule's polygon");
  for (const auto& v : stored.as_array()) {
    const auto& pair = v.as_array();
    out.push_back(GeoPoint{pair.at(0).to_number<double>(), pair.at(1).to_number<double>()});
  }
  return out;
}

// Office windows: [[start_minute, end_minute], …].
json::array WindowsArray(const std::vector<OfficeWindow>& windows) {
  json::array a;
  for (const auto& w : windows) a.emplace_back(json::array{w.start_minute, w.end_minute});
  return a;
}

std::string WindowsJson(const std::vector<OfficeWindow>& windows) { return json::serialize(WindowsArray(windows)); }

std::vector<OfficeWindow> WindowsFromArray(const json::array& a) {
  std::vector<OfficeWindow> out;
  for (const auto& v : a) {
    const auto& pair = v.as_array();
    out.push_back(OfficeWindow{pair.at(0).to_number<int>(), pair.at(1).to_number<int>()});
  }
  return out;
}

// The week: seven lists of windows, Monday first.
std::string WeekJson(const WorkCalendar& calendar) {
  json::array a;
  for (const auto& day : calendar.week) a.emplace_back(WindowsArray(day));
  return json::serialize(a);
}

// The calendar's own columns of kSelectCurrentWorkCalendar (id, version, utc_offset_minutes, week); days apart.
WorkCalendar CalendarFromRow(const soci::row& r) {
  WorkCalendar cal;
  cal.version = RowInt(r, 1);
  cal.utc_offset_minutes = static_cast<int>(RowInt(r, 2));
  const auto week = ParseStored(r.get<std::string>(3), "calendar's week");
  const auto& days = week.as_array();
  if (days.size() != cal.week.size()) throw std::runtime_error("a stored calendar's week does not have seven days");
  for (std::size_t i = 0; i < cal.week.size(); ++i) cal.week[i] = WindowsFromArray(days[i].as_array());
  return cal;
}

CalendarDay DayFromRow(const soci::row& r) {
  CalendarDay d;
  d.date = RowDate(r, 0);
  const auto kind = ParseDayKind(r.get<std::string>(1));
  if (!kind) throw std::runtime_error("a stored calendar day has an unknown kind: " + r.get<std::string>(1));
  d.kind = *kind;
  d.name = r.get<std::string>(2);
  d.windows = WindowsFromArray(ParseStored(r.get<std::string>(3), "calendar day's windows").as_array());
  return d;
}

// ---- records from rows ----

ConcernCategory CategoryFromRow(const soci::row& r) {
  ConcernCategory c;
  c.id = RowInt(r, 0);
  c.unit_id = RowInt(r, 1);
  c.code = r.get<std::string>(2);
  c.name = r.get<std::string>(3);
  c.description = r.get<std::string>(4);
  c.group = r.get<std::string>(5);
  c.keywords = KeywordsFromJson(r.get<std::string>(6));
  c.default_organisation_id = RowOptInt(r, 7);
  c.urgency = ParseUrgency(r.get<std::string>(8)).value_or(Urgency::kNormal);
  c.sensitive = RowBool(r, 9);
  c.active = RowBool(r, 10);
  c.attributes = CategoryAttributesFromJson(r.get<std::string>(11));
  c.created_at = r.get<std::string>(12);
  c.updated_at = r.get<std::string>(13);
  return c;
}

RoutingRule RuleFromRow(const soci::row& r) {
  RoutingRule rule;
  rule.id = RowInt(r, 0);
  rule.unit_id = RowInt(r, 1);
  rule.position = static_cast<int>(RowInt(r, 2));
  rule.category_id = RowOptInt(r, 3);
  rule.area_unit_id = RowOptInt(r, 4);
  rule.area_polygon = PolygonFromJson(r.get<std::string>(5));
  rule.organisation_id = RowInt(r, 6);
  rule.active = RowBool(r, 7);
  return rule;
}

ConcernBatch BatchFromRow(const soci::row& r) {
  ConcernBatch b;
  b.id = RowInt(r, 0);
  b.unit_id = RowInt(r, 1);
  b.kind = r.get<std::string>(2);
  b.title = r.get<std::string>(3);
  b.held_on = r.get<std::string>(4);
  b.place = r.get<std::string>(5);
  b.minutes = r.get<std::string>(6);
  b.created_by = r.get<std::string>(7);
  b.created_at = r.get<std::string>(8);
  return b;
}

// In the order of DANVAN_CONCERN_COLUMNS.
Concern ConcernFromRow(const soci::row& r) {
  Concern c;
  c.id = RowInt(r, 0);
  c.code = r.get<std::string>(1);
  c.pin_hash = r.get<std::string>(2);
  c.unit_id = RowInt(r, 3);
  c.category_id = RowInt(r, 4);
  c.organisation_id = RowOptInt(r, 5);
  c.assignee_user_id = RowOptInt(r, 6);
  c.status = ParseConcernStatus(r.get<std::string>(7)).value_or(ConcernStatus::kNew);
  c.urgency = ParseUrgency(r.get<std::string>(8)).value_or(Urgency::kNormal);
  c.description = r.get<std::string>(9);
  c.attributes = AnswersFromJson(r.get<std::string>(10));
  const auto lat = RowOptDouble(r, 11), lon = RowOptDouble(r, 12);
  if (lat && lon) c.point = GeoPoint{*lat, *lon};
  c.address = r.get<std::string>(13);
  c.reporter_name = RowOptString(r, 14);
  c.reporter_contact = RowOptString(r, 15);
  c.contact_visible = RowBool(r, 16);
  c.channel = ParseConcernChannel(r.get<std::string>(17)).value_or(ConcernChannel::kWeb);
  c.batch_id = RowOptInt(r, 18);
  c.duplicate_of = RowOptInt(r, 19);
  c.supporters = RowInt(r, 20);
  c.submitter_key = r.get<std::string>(21);
  c.calendar_version = RowInt(r, 22);
  c.clock_started_at = r.get<std::string>(23);
  c.received_due_at = r.get<std::string>(24);
  c.received_at = RowOptString(r, 25);
  c.received_on_time = RowOptBool(r, 26);
  c.resolve_due_at = RowOptString(r, 27);
  c.paused_since = RowOptString(r, 28);
  c.paused_minutes = RowInt(r, 29);
  c.resolved_at = RowOptString(r, 30);
  c.resolved_on_time = RowOptBool(r, 31);
  c.resolutions = static_cast<int>(RowInt(r, 32));
  c.answer = RowOptString(r, 33);
  c.reason_code = RowOptString(r, 34);
  c.closed_at = RowOptString(r, 35);
  c.reopened_count = static_cast<int>(RowInt(r, 36));
  c.is_demo = RowBool(r, 37);
  c.created_at = r.get<std::string>(38);
  c.updated_at = r.get<std::string>(39);
  return c;
}

ConcernEvent EventFromRow(const soci::row& r) {
  ConcernEvent e;
  e.id = RowInt(r, 0);
  e.concern_id = RowInt(r, 1);
  e.kind = r.get<std::string>(2);
  e.is_public = RowBool(r, 3);
  e.actor = r.get<std::string>(4);
  e.actor_name = r.get<std::string>(5);
  if (auto s = RowOptString(r, 6)) e.from_status = ParseConcernStatus(*s);
  if (auto s = RowOptString(r, 7)) e.to_status = ParseConcernStatus(*s);
  e.organisation_id = RowOptInt(r, 8);
  e.to_organisation_id = RowOptInt(r, 9);
  e.body = r.get<std::string>(10);
  e.due_at = RowOptString(r, 11);
  e.on_time = RowOptBool(r, 12);
  e.at = r.get<std::string>(13);
  return e;
}

// The metadata columns of kSelectConcernFiles (and the first ten of kSelectConcernFile).
ConcernFile FileFromRow(const soci::row& r) {
  ConcernFile f;
  f.id = RowInt(r, 0);
  f.concern_id = RowInt(r, 1);
  f.event_id = RowOptInt(r, 2);
  f.file_name = r.get<std::string>(3);
  f.media_type = r.get<std::string>(4);
  f.size_bytes = RowInt(r, 5);
  if (auto w = RowOptInt(r, 6)) f.width = static_cast<int>(*w);
  if (auto h = RowOptInt(r, 7)) f.height = static_cast<int>(*h);
  f.is_public = RowBool(r, 8);
  f.created_at = r.get<std::string>(9);
  return f;
}

std::string FileBytes(const std::string& stored) {
  auto bytes = FromBase64Url(stored);
  if (!bytes) throw std::runtime_error("a stored concern file is not valid base64");
  return std::move(*bytes);
}

// ---- binding ----

//! The columns of a concern that are not stored as they are held.
struct ConcernBinds {
  explicit ConcernBinds(const Concern& c)
      : status(ToString(c.status)),
        urgency(ToString(c.urgency)),
        channel(ToString(c.channel)),
        attributes(AnswersJson(c.attributes)),
        search_folded(FoldForSearch(c.description + " " + c.address)),
        received_on_time(OptInt(c.received_on_time)),
        resolved_on_time(OptInt(c.resolved_on_time)),
        contact_visible(c.contact_visible ? 1 : 0),
        is_demo(c.is_demo ? 1 : 0) {
    if (c.point) {
      lat = c.point->lat;
      lon = c.point->lon;
    }
  }
  std::string status, urgency, channel, attributes, search_folded;
  std::optional<double> lat, lon;
  std::optional<int> received_on_time, resolved_on_time;
  int contact_visible, is_demo;
};

//! The parameters of DANVAN_CONCERN_FILTER, each bound twice where the SQL names it twice.
struct ConcernFilterBinds {
  explicit ConcernFilterBinds(const ConcernQuery& q)
      : roots(IdList(q.unit_roots)), ids(IdList(q.ids)), categories(IdList(q.category_ids)),
        pattern(ContainsPattern(q.folded_text)) {
    for (const auto s : q.statuses) {
      if (!statuses.empty()) statuses.push_back(',');
      statuses.append(ToString(s));
    }
    for (const auto& c : q.codes) {
      if (!codes.empty()) codes.push_back(',');
      codes.append(c);
    }
  }
  std::string roots, ids, categories, codes, statuses, pattern;
};

template <class Statement>
Statement& BindConcernFilter(Statement&& st, const ConcernQuery& q, const ConcernFilterBinds& b) {
  st, soci::use(b.roots), soci::use(b.roots), soci::use(q.unit_id), soci::use(q.unit_id),
      soci::use(q.organisation_id), soci::use(q.organisation_id), soci::use(q.assignee_user_id),
      soci::use(q.assignee_user_id), soci::use(q.category_id), soci::use(q.category_id), soci::use(b.statuses),
      soci::use(b.statuses), soci::use(q.due_before), soci::use(q.due_before), soci::use(q.created_from),
      soci::use(q.created_from), soci::use(q.created_to), soci::use(q.created_to), soci::use(q.folded_text),
      soci::use(b.pattern), soci::use(b.ids), soci::use(b.ids), soci::use(b.categories), soci::use(b.categories),
      soci::use(b.codes), soci::use(b.codes);
  return st;
}

class SociConcernRepository final : public ConcernRepository {
 public:
  // ---- working calendar ----

  std::optional<WorkCalendar> CurrentCalendar(Tx& tx) override {
    std::optional<WorkCalendar> cal;
    int64_t id = 0;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCurrentWorkCalendar);
      for (const auto& r : rows) {
        id = RowInt(r, 0);
        cal = CalendarFromRow(r);
      }
    }
    if (!cal) return cal;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCalendarDays, soci::use(id));
    for (const auto& r : rows) cal->days.push_back(DayFromRow(r));
    return cal;
  }

  int64_t InsertCalendar(Tx& tx, const WorkCalendar& calendar, const std::string& note, const std::string& actor,
                         const std::string& at) override {
    int64_t version = 0, id = 0;
    tx.session() << sql::kSelectNextCalendarVersion, soci::into(version);
    const int64_t offset = calendar.utc_offset_minutes;
    const std::string week = WeekJson(calendar);
    tx.session() << sql::kInsertWorkCalendar, soci::use(version), soci::use(offset), soci::use(week), soci::use(note),
        soci::use(actor), soci::use(at), soci::into(id);
    for (const auto& d : calendar.days) {
      const std::string day = d.date.Iso(), kind(ToString(d.kind)), windows = WindowsJson(d.windows);
      tx.session() << sql::kInsertCalendarDay, soci::use(id), soci::use(day), soci::use(kind), soci::use(d.name),
          soci::use(windows);
    }
    return version;
  }

  // ---- categories ----

  int64_t InsertCategory(Tx& tx, const ConcernCategory& c) override {
    int64_t id = 0;
    const std::string keywords = KeywordsJson(c.keywords), urgency(ToString(c.urgency)),
                      attributes = CategoryAttributesJson(c.attributes);
    const int sensitive = c.sensitive ? 1 : 0, active = c.active ? 1 : 0;
    tx.session() << sql::kInsertConcernCategory, soci::use(c.unit_id), soci::use(c.code), soci::use(c.name),
        soci::use(c.description), soci::use(c.group), soci::use(keywords), soci::use(c.default_organisation_id),
        soci::use(urgency), soci::use(sensitive), soci::use(active), soci::use(attributes), soci::use(c.created_at),
        soci::use(c.updated_at), soci::into(id);
    return id;
  }

  void UpdateCategory(Tx& tx, const ConcernCategory& c) override {
    const std::string keywords = KeywordsJson(c.keywords), urgency(ToString(c.urgency)),
                      attributes = CategoryAttributesJson(c.attributes);
    const int sensitive = c.sensitive ? 1 : 0, active = c.active ? 1 : 0;
    tx.session() << sql::kUpdateConcernCategory, soci::use(c.unit_id), soci::use(c.code), soci::use(c.name),
        soci::use(c.description), soci::use(c.group), soci::use(keywords), soci::use(c.default_organisation_id),
        soci::use(urgency), soci::use(sensitive), soci::use(active), soci::use(attributes), soci::use(c.updated_at),
        soci::use(c.id);
  }

  std::optional<ConcernCategory> FindCategory(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcernCategory, soci::use(id));
    for (const auto& r : rows) return CategoryFromRow(r);
    return std::nullopt;
  }

  std::optional<ConcernCategory> FindCategoryByCode(Tx& tx, const std::string& code) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcernCategoryByCode, soci::use(code));
    for (const auto& r : rows) return CategoryFromRow(r);
    return std::nullopt;
  }

  std::vector<ConcernCategory> CategoriesOf(Tx& tx, const std::vector<int64_t>& unit_ids, bool active_only) override {
    std::vector<ConcernCategory> out;
    if (unit_ids.empty()) return out;
    const std::string csv = IdList(unit_ids);
    const int only = active_only ? 1 : 0;
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectConcernCategoriesOfUnitsSqlite
                                                        : sql::kSelectConcernCategoriesOfUnitsPostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv), soci::use(only));
    for (const auto& r : rows) out.push_back(CategoryFromRow(r));
    return out;
  }

  std::vector<int64_t> UnitsWithCategories(Tx& tx) override {
    std::vector<int64_t> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectUnitsWithCategories);
    for (const auto& r : rows) out.push_back(RowInt(r, 0));
    return out;
  }

  std::vector<int64_t> UnitIdsByCode(Tx& tx, const std::string& code) override {
    std::vector<int64_t> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectUnitIdsByCode, soci::use(code));
    for (const auto& r : rows) out.push_back(RowInt(r, 0));
    return out;
  }

  // ---- routing ----

  std::vector<RoutingRule> RulesOf(Tx& tx, const std::vector<int64_t>& unit_ids) override {
    std::vector<RoutingRule> out;
    if (unit_ids.empty()) return out;
    const std::string csv = IdList(unit_ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectRoutingRulesOfUnitsSqlite
                                                        : sql::kSelectRoutingRulesOfUnitsPostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
    for (const auto& r : rows) out.push_back(RuleFromRow(r));
    return out;
  }

  void ReplaceRules(Tx& tx, int64_t unit_id, const std::vector<RoutingRule>& rules, const std::string& at) override {
    tx.session() << sql::kDeleteRoutingRulesOfUnit, soci::use(unit_id);
    for (const auto& rule : rules) {
      const std::string polygon = PolygonJson(rule.area_polygon);
      const int active = rule.active ? 1 : 0;
      tx.session() << sql::kInsertRoutingRule, soci::use(unit_id), soci::use(rule.position),
          soci::use(rule.category_id), soci::use(rule.area_unit_id), soci::use(polygon),
          soci::use(rule.organisation_id), soci::use(active), soci::use(at);
    }
  }

  // ---- batches ----

  int64_t InsertBatch(Tx& tx, const ConcernBatch& b) override {
    int64_t id = 0;
    tx.session() << sql::kInsertConcernBatch, soci::use(b.unit_id), soci::use(b.kind), soci::use(b.title),
        soci::use(b.held_on), soci::use(b.place), soci::use(b.minutes), soci::use(b.created_by),
        soci::use(b.created_at), soci::into(id);
    return id;
  }

  std::optional<ConcernBatch> FindBatch(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcernBatch, soci::use(id));
    for (const auto& r : rows) return BatchFromRow(r);
    return std::nullopt;
  }

  // ---- concerns ----

  int64_t Insert(Tx& tx, const Concern& c) override {
    int64_t id = 0;
    const ConcernBinds b(c);
    tx.session() << sql::kInsertConcern, soci::use(c.code), soci::use(c.pin_hash), soci::use(c.unit_id),
        soci::use(c.category_id), soci::use(c.organisation_id), soci::use(c.assignee_user_id), soci::use(b.status),
        soci::use(b.urgency), soci::use(c.description), soci::use(b.attributes), soci::use(b.lat), soci::use(b.lon),
        soci::use(c.address), soci::use(b.search_folded), soci::use(c.reporter_name), soci::use(c.reporter_contact),
        soci::use(b.contact_visible), soci::use(b.channel), soci::use(c.batch_id), soci::use(c.duplicate_of),
        soci::use(c.supporters), soci::use(c.submitter_key), soci::use(c.calendar_version),
        soci::use(c.clock_started_at), soci::use(c.received_due_at), soci::use(c.received_at),
        soci::use(b.received_on_time), soci::use(c.resolve_due_at), soci::use(c.paused_since),
        soci::use(c.paused_minutes), soci::use(c.resolved_at), soci::use(b.resolved_on_time),
        soci::use(c.resolutions), soci::use(c.answer), soci::use(c.reason_code), soci::use(c.closed_at),
        soci::use(c.reopened_count), soci::use(b.is_demo), soci::use(c.created_at), soci::use(c.updated_at),
        soci::into(id);
    return id;
  }

  void Update(Tx& tx, const Concern& c) override {
    const ConcernBinds b(c);
    tx.session() << sql::kUpdateConcern, soci::use(c.unit_id), soci::use(c.category_id), soci::use(c.organisation_id),
        soci::use(c.assignee_user_id), soci::use(b.status), soci::use(b.urgency), soci::use(c.description),
        soci::use(b.attributes), soci::use(b.lat), soci::use(b.lon), soci::use(c.address), soci::use(b.search_folded),
        soci::use(c.reporter_name), soci::use(c.reporter_contact), soci::use(b.contact_visible), soci::use(b.channel),
        soci::use(c.batch_id), soci::use(c.duplicate_of), soci::use(c.supporters), soci::use(c.calendar_version),
        soci::use(c.clock_started_at), soci::use(c.received_due_at), soci::use(c.received_at),
        soci::use(b.received_on_time), soci::use(c.resolve_due_at), soci::use(c.paused_since),
        soci::use(c.paused_minutes), soci::use(c.resolved_at), soci::use(b.resolved_on_time),
        soci::use(c.resolutions), soci::use(c.answer), soci::use(c.reason_code), soci::use(c.closed_at),
        soci::use(c.reopened_count), soci::use(b.is_demo), soci::use(c.updated_at), soci::use(c.id);
  }

  std::optional<Concern> Find(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcern, soci::use(id));
    for (const auto& r : rows) return ConcernFromRow(r);
    return std::nullopt;
  }

  std::optional<Concern> FindForUpdate(Tx& tx, int64_t id) override {
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectConcern : sql::kSelectConcernForUpdatePostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(id));
    for (const auto& r : rows) return ConcernFromRow(r);
    return std::nullopt;
  }

  std::optional<Concern> FindByCode(Tx& tx, const std::string& code) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcernByCode, soci::use(code));
    for (const auto& r : rows) return ConcernFromRow(r);
    return std::nullopt;
  }

  Page<Concern> List(Tx& tx, const ConcernQuery& q) override {
    Page<Concern> page;
    const ConcernFilterBinds b(q);
    const bool sqlite = tx.dialect() == Dialect::kSqlite;
    const bool due_first = q.order == ConcernQuery::Order::kDueFirst;
    const auto count = sqlite ? sql::kCountConcernsSqlite : sql::kCountConcernsPostgres;
    const auto select = sqlite ? (due_first ? sql::kSelectConcernsDueFirstSqlite : sql::kSelectConcernsNewestFirstSqlite)
                               : (due_first ? sql::kSelectConcernsDueFirstPostgres
                                            : sql::kSelectConcernsNewestFirstPostgres);
    BindConcernFilter(tx.session() << count, q, b), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (BindConcernFilter(tx.session().prepare << select, q, b), soci::use(q.limit), soci::use(q.offset));
    for (const auto& r : rows) page.items.push_back(ConcernFromRow(r));
    return page;
  }

  std::vector<Concern> RecentOpen(Tx& tx, int64_t category_id, const std::string& since, int64_t limit) override {
    std::vector<Concern> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectRecentOpenConcerns, soci::use(category_id),
                                    soci::use(since), soci::use(limit));
    for (const auto& r : rows) out.push_back(ConcernFromRow(r));
    return out;
  }

  std::vector<int64_t> OpenIds(Tx& tx) override {
    std::vector<int64_t> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectOpenConcernIds);
    for (const auto& r : rows) out.push_back(RowInt(r, 0));
    return out;
  }

  int64_t CountSentSince(Tx& tx, const std::string& submitter_key, const std::string& since) override {
    int64_t n = 0;
    tx.session() << sql::kCountConcernsSentSince, soci::use(submitter_key), soci::use(since), soci::into(n);
    return n;
  }

  std::vector<Concern> DuplicatesOf(Tx& tx, int64_t id) override {
    std::vector<Concern> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectDuplicateConcerns, soci::use(id));
    for (const auto& r : rows) out.push_back(ConcernFromRow(r));
    return out;
  }

  // ---- events ----

  int64_t InsertEvent(Tx& tx, const ConcernEvent& e) override {
    int64_t id = 0;
    const int is_public = e.is_public ? 1 : 0;
    std::optional<std::string> from, to;
    if (e.from_status) from = std::string(ToString(*e.from_status));
    if (e.to_status) to = std::string(ToString(*e.to_status));
    const auto on_time = OptInt(e.on_time);
    tx.session() << sql::kInsertConcernEvent, soci::use(e.concern_id), soci::use(e.kind), soci::use(is_public),
        soci::use(e.actor), soci::use(e.actor_name), soci::use(from), soci::use(to), soci::use(e.organisation_id),
        soci::use(e.to_organisation_id), soci::use(e.body), soci::use(e.due_at), soci::use(on_time), soci::use(e.at),
        soci::into(id);
    return id;
  }

  std::vector<ConcernEvent> EventsOf(Tx& tx, int64_t concern_id, bool public_only) override {
    std::vector<ConcernEvent> out;
    const int only = public_only ? 1 : 0;
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectConcernEvents, soci::use(concern_id), soci::use(only));
    for (const auto& r : rows) out.push_back(EventFromRow(r));
    return out;
  }

  // ---- files ----

  int64_t InsertFile(Tx& tx, const ConcernFile& f) override {
    int64_t id = 0;
    const std::string content = Base64Url(f.content);
    std::optional<std::string> thumbnail;
    if (f.thumbnail) thumbnail = Base64Url(*f.thumbnail);
    const int is_public = f.is_public ? 1 : 0;
    tx.session() << sql::kInsertConcernFile, soci::use(f.concern_id), soci::use(f.event_id), soci::use(f.file_name),
        soci::use(f.media_type), soci::use(f.size_bytes), soci::use(content), soci::use(thumbnail),
        soci::use(f.width), soci::use(f.height), soci::use(is_public), soci::use(f.created_at), soci::into(id);
    return id;
  }

  std::vector<ConcernFile> FilesOf(Tx& tx, int64_t concern_id) override {
    std::vector<ConcernFile> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcernFiles, soci::use(concern_id));
    for (const auto& r : rows) out.push_back(FileFromRow(r));
    return out;
  }

  std::map<int64_t, int64_t> FirstPublicPhotos(Tx& tx, const std::vector<int64_t>& concern_ids) override {
    std::map<int64_t, int64_t> out;
    if (concern_ids.empty()) return out;
    const std::string csv = IdList(concern_ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectFirstPublicPhotosSqlite
                                                        : sql::kSelectFirstPublicPhotosPostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
    for (const auto& r : rows) out[RowInt(r, 0)] = RowInt(r, 1);
    return out;
  }

  std::optional<ConcernFile> FindFile(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcernFile, soci::use(id));
    for (const auto& r : rows) {
      ConcernFile f = FileFromRow(r);
      f.content = FileBytes(r.get<std::string>(10));
      if (auto t = RowOptString(r, 11)) f.thumbnail = FileBytes(*t);
      return f;
    }
    return std::nullopt;
  }

  // ---- supporters and ratings ----

  // ON CONFLICT DO NOTHING, as ClaimModel: a second insert neither fails (which would abort a PostgreSQL
  // transaction) nor races a check made before it.
  bool InsertSupporter(Tx& tx, int64_t concern_id, const std::string& supporter_key, const std::string& at) override {
    int64_t inserted = 0;
    soci::statement st = (tx.session().prepare << sql::kInsertConcernSupporter, soci::use(concern_id),
                          soci::use(supporter_key), soci::use(at), soci::into(inserted));
    st.execute(true);
    return st.got_data();
  }

  bool InsertRating(Tx& tx, int64_t concern_id, int resolution, int stars, const std::string& comment,
                    const std::string& at) override {
    int64_t inserted = 0;
    soci::statement st = (tx.session().prepare << sql::kInsertConcernRating, soci::use(concern_id),
                          soci::use(resolution), soci::use(stars), soci::use(comment), soci::use(at),
                          soci::into(inserted));
    st.execute(true);
    return st.got_data();
  }

  std::vector<Rating> RatingsOf(Tx& tx, int64_t concern_id) override {
    std::vector<Rating> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectConcernRatings, soci::use(concern_id));
    for (const auto& r : rows)
      out.push_back(Rating{static_cast<int>(RowInt(r, 0)), static_cast<int>(RowInt(r, 1)), r.get<std::string>(2),
                           r.get<std::string>(3)});
    return out;
  }

  // ---- secrets ----

  std::optional<std::string> FindSecret(Tx& tx, const std::string& name) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectServiceSecret, soci::use(name));
    for (const auto& r : rows) return r.get<std::string>(0);
    return std::nullopt;
  }

  std::string EnsureSecret(Tx& tx, const std::string& name, const std::string& value, const std::string& at) override {
    if (auto stored = FindSecret(tx, name)) return *stored;
    tx.session() << sql::kInsertServiceSecretIfAbsent, soci::use(name), soci::use(value), soci::use(at);
    // Another node may have inserted first: its value is the one stored (READ COMMITTED sees it once committed).
    if (auto stored = FindSecret(tx, name)) return *stored;
    throw std::runtime_error("the service secret " + name + " was neither found nor stored");
  }

  // ---- answer templates ----

  int64_t InsertTemplate(Tx& tx, const AnswerTemplate& t) override {
    int64_t id = 0;
    tx.session() << sql::kInsertAnswerTemplate, soci::use(t.unit_id), soci::use(t.title), soci::use(t.body),
        soci::use(t.created_at), soci::into(id);
    return id;
  }

  std::vector<AnswerTemplate> TemplatesOf(Tx& tx, const std::vector<int64_t>& unit_ids) override {
    std::vector<AnswerTemplate> out;
    if (unit_ids.empty()) return out;
    const std::string csv = IdList(unit_ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectAnswerTemplatesOfUnitsSqlite
                                                        : sql::kSelectAnswerTemplatesOfUnitsPostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
    for (const auto& r : rows)
      out.push_back(AnswerTemplate{RowInt(r, 0), RowInt(r, 1), r.get<std::string>(2), r.get<std::string>(3),
                                   r.get<std::string>(4)});
    return out;
  }
};

}  // namespace

std::unique_ptr<ConcernRepository> MakeConcernRepository() { return std::make_unique<SociConcernRepository>(); }

}  // namespace danvan
