#include "core/crypto.hpp"
#include "core/vietnamese.hpp"
#include "storage/repositories.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/movement_sql.hpp"
#include "storage/tx.hpp"

#include <map>


namespace danvan {
namespace {


std::optional<std::string> OptIso(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->Iso();
}

Campaign CampaignFromRow(const soci::row& r) {
  Campaign c;
  c.id = RowInt(r, 0);
  c.unit_id = RowInt(r, 1);
  c.movement = r.get<std::string>(2);
  c.title = r.get<std::string>(3);
  c.starts_on = RowDate(r, 4);
  c.ends_on = RowDate(r, 5);
  c.launch_document = r.get<std::string>(6);
  c.launch_date = RowOptDate(r, 7);
  c.registration_deadline = RowDate(r, 8);
  c.interim_review_on = RowOptDate(r, 9);
  c.final_review_on = RowOptDate(r, 10);
  c.pass_score = RowDouble(r, 11);
  c.ballot_threshold = RowDouble(r, 12);
  c.quorum = RowDouble(r, 13);
  c.status = ParseCampaignStatus(r.get<std::string>(14)).value_or(CampaignStatus::kDraft);
  c.created_at = r.get<std::string>(15);
  return c;
}

Model ModelFromRow(const soci::row& r) {
  Model m;
  m.id = RowInt(r, 0);
  m.campaign_id = RowInt(r, 1);
  m.unit_id = RowInt(r, 2);
  m.kind = ParseModelKind(r.get<std::string>(3)).value_or(ModelKind::kModel);
  m.subject = ParseSubject(r.get<std::string>(4)).value_or(Subject::kCollective);
  m.field = r.get<std::string>(5);
  m.title = r.get<std::string>(6);
  m.owner_organisation_id = RowOptInt(r, 7);
  m.owner_person_id = RowOptInt(r, 8);
  m.address = r.get<std::string>(9);
  m.latitude = RowOptDouble(r, 10);
  m.longitude = RowOptDouble(r, 11);
  m.description = r.get<std::string>(12);
  m.goals = r.get<std::string>(13);
  m.started_on = RowOptDate(r, 14);
  m.status = ParseModelStatus(r.get<std::string>(15)).value_or(ModelStatus::kDraft);
  m.recognition_level = RowOptString(r, 16);
  m.status_reason = r.get<std::string>(17);
  m.source_model_id = RowOptInt(r, 18);
  m.carried_from_id = RowOptInt(r, 19);
  m.registered_at = RowOptString(r, 20);
  m.created_at = r.get<std::string>(21);
  m.updated_at = r.get<std::string>(22);
  return m;
}

std::string FromStoredBase64(const std::string& text) {
  auto bytes = FromBase64(text);
  if (!bytes) throw std::runtime_error("a stored attachment is not valid base64");
  return std::move(*bytes);
}

class SociMovementRepository final : public MovementRepository {
 public:
  std::vector<FieldInfo> Fields(Tx& tx) override {
    std::vector<FieldInfo> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectFields);
    for (const auto& r : rows) out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)});
    return out;
  }

  int64_t InsertCampaign(Tx& tx, Campaign& c) override {
    const std::string starts = c.starts_on.Iso(), ends = c.ends_on.Iso(), deadline = c.registration_deadline.Iso();
    const auto launch = OptIso(c.launch_date), interim = OptIso(c.interim_review_on), final = OptIso(c.final_review_on);
    const std::string status(ToString(c.status));
    tx.session() << sql::kInsertCampaign, soci::use(c.unit_id), soci::use(c.movement), soci::use(c.title),
        soci::use(starts), soci::use(ends), soci::use(c.launch_document), soci::use(launch), soci::use(deadline),
        soci::use(interim), soci::use(final), soci::use(c.pass_score), soci::use(c.ballot_threshold),
        soci::use(c.quorum), soci::use(status), soci::use(c.created_at), soci::use(c.created_at), soci::into(c.id);
    for (const auto& f : c.fields) tx.session() << sql::kInsertCampaignField, soci::use(c.id), soci::use(f);
    int position = 0;
    for (auto& cr : c.criteria) {
      ++position;
      tx.session() << sql::kInsertCriterion, soci::use(c.id), soci::use(cr.name), soci::use(cr.weight),
          soci::use(cr.max_score), soci::use(position), soci::into(cr.id);
    }
    position = 0;
    for (const auto& l : c.levels) {
      ++position;
      tx.session() << sql::kInsertLevel, soci::use(c.id), soci::use(l.code), soci::use(l.name), soci::use(position);
    }
    for (const auto& q : c.quotas)
      tx.session() << sql::kInsertQuota, soci::use(c.id), soci::use(q.organisation_kind), soci::use(q.min_models),
          soci::use(q.max_models);
    for (const auto& l : c.linked_movements) tx.session() << sql::kInsertLink, soci::use(c.id), soci::use(l);
    return c.id;
  }

  void LoadSettings(Tx& tx, Campaign& c) {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCampaignSettings, soci::use(c.id),
                                    soci::use(c.id), soci::use(c.id), soci::use(c.id), soci::use(c.id));
    for (const auto& r : rows) {
      const std::string kind = r.get<std::string>(0);
      const std::string a = r.get<std::string>(1);
      if (kind == "field") {
        c.fields.push_back(a);
      } else if (kind == "criterion") {
        c.criteria.push_back(Criterion{RowInt(r, 6), a, RowDouble(r, 3), RowDouble(r, 4)});
      } else if (kind == "level") {
        c.levels.push_back(RecognitionLevel{a, r.get<std::string>(2)});
      } else if (kind == "quota") {
        Quota q{a, static_cast<int>(RowDouble(r, 3)), std::nullopt};
        if (auto mx = RowOptDouble(r, 4)) q.max_models = static_cast<int>(*mx);
        c.quotas.push_back(q);
      } else if (kind == "link") {
        c.linked_movements.push_back(a);
      }
    }
  }

  std::optional<Campaign> FindCampaign(Tx& tx, int64_t id) override {
    std::optional<Campaign> c;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCampaign, soci::use(id));
      for (const auto& r : rows) c = CampaignFromRow(r);
    }
    if (c) LoadSettings(tx, *c);
    return c;
  }

  std::vector<Campaign> ListCampaigns(Tx& tx, std::optional<int64_t> unit_id) override {
    std::vector<Campaign> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCampaigns, soci::use(unit_id), soci::use(unit_id));
    for (const auto& r : rows) out.push_back(CampaignFromRow(r));
    return out;
  }

  void SetCampaignStatus(Tx& tx, int64_t id, CampaignStatus status, const std::string& at) override {
    const std::string s(ToString(status));
    tx.session() << sql::kUpdateCampaignStatus, soci::use(s), soci::use(at), soci::use(id);
  }

  void Reopen(Tx& tx, int64_t campaign_id, int64_t organisation_id, const Date& until, const std::string& at) override {
    const std::string u = until.Iso();
    tx.session() << sql::kUpsertReopening, soci::use(campaign_id), soci::use(organisation_id), soci::use(u), soci::use(at);
  }

  std::optional<Date> ReopenedUntil(Tx& tx, int64_t campaign_id, int64_t organisation_id) override {
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectReopening, soci::use(campaign_id), soci::use(organisation_id));
    for (const auto& r : rows) return RowDate(r, 0);
    return std::nullopt;
  }

  std::map<int64_t, Date> ReopeningsOf(Tx& tx, int64_t campaign_id) override {
    std::map<int64_t, Date> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectReopenings, soci::use(campaign_id));
    for (const auto& r : rows) out[RowInt(r, 0)] = RowDate(r, 1);
    return out;
  }

  int64_t InsertModel(Tx& tx, const Model& m) override {
    int64_t id = 0;
    const std::string kind(ToString(m.kind)), subject(ToString(m.subject)), status(ToString(m.status));
    const std::string folded = FoldForSearch(m.title), sort = VietnameseSortKey(m.title);
    const auto started = OptIso(m.started_on);
    tx.session() << sql::kInsertModel, soci::use(m.campaign_id), soci::use(m.unit_id), soci::use(kind),
        soci::use(subject), soci::use(m.field), soci::use(m.title), soci::use(folded), soci::use(sort),
        soci::use(m.owner_organisation_id), soci::use(m.owner_person_id), soci::use(m.address), soci::use(m.latitude),
        soci::use(m.longitude), soci::use(m.description), soci::use(m.goals), soci::use(started), soci::use(status),
        soci::use(m.recognition_level), soci::use(m.status_reason), soci::use(m.source_model_id),
        soci::use(m.carried_from_id), soci::use(m.registered_at), soci::use(m.created_at), soci::use(m.updated_at),
        soci::into(id);
    int position = 0;
    for (const auto& i : m.indicators) {
      ++position;
      tx.session() << sql::kInsertIndicator, soci::use(id), soci::use(i.name), soci::use(i.unit), soci::use(i.target),
          soci::use(i.actual), soci::use(position);
    }
    return id;
  }

  void UpdateModelStatus(Tx& tx, const Model& m) override {
    const std::string status(ToString(m.status));
    tx.session() << sql::kUpdateModelStatus, soci::use(status), soci::use(m.recognition_level),
        soci::use(m.status_reason), soci::use(m.registered_at), soci::use(m.updated_at), soci::use(m.id);
  }

  void AttachIndicators(Tx& tx, std::vector<Model>& models) {
    if (models.empty()) return;
    std::vector<int64_t> ids;
    for (const auto& m : models) ids.push_back(m.id);
    const std::string csv = IdList(ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectIndicatorsSqlite : sql::kSelectIndicatorsPostgres;
    std::map<int64_t, std::vector<Indicator>> by_model;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
    for (const auto& r : rows)
      by_model[RowInt(r, 0)].push_back(Indicator{r.get<std::string>(1), r.get<std::string>(2), RowDouble(r, 3), RowOptDouble(r, 4)});
    for (auto& m : models) m.indicators = by_model[m.id];
  }

  std::optional<Model> FindModel(Tx& tx, int64_t id) override {
    std::vector<Model> found = FindModels(tx, {id});
    if (found.empty()) return std::nullopt;
    return found.front();
  }

  std::vector<Model> FindModels(Tx& tx, const std::vector<int64_t>& ids) override {
    std::vector<Model> out;
    if (ids.empty()) return out;
    const std::string csv = IdList(ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectModelsByIdsSqlite : sql::kSelectModelsByIdsPostgres;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
      for (const auto& r : rows) out.push_back(ModelFromRow(r));
    }
    AttachIndicators(tx, out);
    return out;
  }

  Page<Model> ListModels(Tx& tx, const ModelQuery& q) override {
    Page<Model> page;
    std::optional<std::string> status, kind, year;
    if (q.status) status = std::string(ToString(*q.status));
    if (q.kind) kind = std::string(ToString(*q.kind));
    if (q.year) year = std::to_string(*q.year);
    const int recognised = q.recognised_only ? 1 : 0;
    const std::string pattern = ContainsPattern(q.folded_text);
    tx.session() << sql::kCountModels, soci::use(q.campaign_id), soci::use(q.campaign_id), soci::use(q.unit_id),
        soci::use(q.unit_id), soci::use(status), soci::use(status), soci::use(recognised), soci::use(q.field),
        soci::use(q.field), soci::use(kind), soci::use(kind), soci::use(year), soci::use(year),
        soci::use(q.owner_organisation_id), soci::use(q.owner_organisation_id), soci::use(q.folded_text),
        soci::use(pattern), soci::into(page.total);
    {
      soci::rowset<soci::row> rows =
          (tx.session().prepare << sql::kSelectModelsPage, soci::use(q.campaign_id), soci::use(q.campaign_id),
           soci::use(q.unit_id), soci::use(q.unit_id), soci::use(status), soci::use(status), soci::use(recognised),
           soci::use(q.field), soci::use(q.field), soci::use(kind), soci::use(kind), soci::use(year), soci::use(year),
           soci::use(q.owner_organisation_id), soci::use(q.owner_organisation_id), soci::use(q.folded_text),
           soci::use(pattern), soci::use(q.limit), soci::use(q.offset));
      for (const auto& r : rows) page.items.push_back(ModelFromRow(r));
    }
    AttachIndicators(tx, page.items);
    return page;
  }

  int CountRegistered(Tx& tx, int64_t campaign_id, int64_t organisation_id) override {
    int64_t n = 0;
    tx.session() << sql::kCountRegistered, soci::use(campaign_id), soci::use(organisation_id), soci::into(n);
    return static_cast<int>(n);
  }

  std::vector<Model> Descendants(Tx& tx, int64_t model_id) override {
    std::vector<Model> out;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectDescendants, soci::use(model_id));
      for (const auto& r : rows) out.push_back(ModelFromRow(r));
    }
    AttachIndicators(tx, out);
    return out;
  }

  int64_t InsertReport(Tx& tx, const ProgressReport& r) override {
    int64_t id = 0;
    const std::string kind(ToString(r.kind));
    tx.session() << sql::kInsertReport, soci::use(r.model_id), soci::use(kind), soci::use(r.body), soci::use(r.author),
        soci::use(r.created_at), soci::into(id);
    return id;
  }

  int64_t InsertAttachment(Tx& tx, const AttachmentMeta& a, const std::string& content,
                           const std::optional<std::string>& thumbnail) override {
    int64_t id = 0;
    const std::string content64 = Base64(content);
    std::optional<std::string> thumb64;
    if (thumbnail) thumb64 = Base64(*thumbnail);
    const int is_public = a.is_public ? 1 : 0;
    tx.session() << sql::kInsertAttachment, soci::use(a.report_id), soci::use(a.file_name), soci::use(a.media_type),
        soci::use(a.size_bytes), soci::use(content64), soci::use(thumb64), soci::use(a.width), soci::use(a.height),
        soci::use(is_public), soci::use(a.created_at), soci::into(id);
    return id;
  }

  static AttachmentMeta AttachmentFromRow(const soci::row& r) {
    AttachmentMeta a;
    a.id = RowInt(r, 0);
    a.report_id = RowInt(r, 1);
    a.file_name = r.get<std::string>(2);
    a.media_type = r.get<std::string>(3);
    a.size_bytes = RowInt(r, 4);
    if (auto w = RowOptInt(r, 5)) a.width = static_cast<int>(*w);
    if (auto h = RowOptInt(r, 6)) a.height = static_cast<int>(*h);
    a.is_public = RowInt(r, 7) != 0;
    a.has_thumbnail = RowInt(r, 8) != 0;
    a.created_at = r.get<std::string>(9);
    return a;
  }

  std::vector<ProgressReport> ReportsOf(Tx& tx, int64_t model_id) override {
    std::vector<ProgressReport> out;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectReports, soci::use(model_id));
      for (const auto& r : rows)
        out.push_back(ProgressReport{RowInt(r, 0), RowInt(r, 1), ParseReportKind(r.get<std::string>(2)).value_or(ReportKind::kProgress),
                                     r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5), {}});
    }
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectReportAttachments, soci::use(model_id));
    for (const auto& r : rows) {
      auto a = AttachmentFromRow(r);
      for (auto& report : out)
        if (report.id == a.report_id) report.attachments.push_back(a);
    }
    return out;
  }

  std::optional<std::pair<AttachmentMeta, int64_t>> FindAttachment(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectAttachment, soci::use(id));
    for (const auto& r : rows) return std::make_pair(AttachmentFromRow(r), static_cast<int64_t>(RowInt(r, 10)));
    return std::nullopt;
  }

  std::optional<std::string> AttachmentBytes(Tx& tx, int64_t id, bool thumbnail) override {
    soci::rowset<soci::row> rows =
        (tx.session().prepare << (thumbnail ? sql::kSelectAttachmentThumbnail : sql::kSelectAttachmentContent), soci::use(id));
    for (const auto& r : rows) {
      auto text = RowOptString(r, 0);
      if (!text) return std::nullopt;
      return FromStoredBase64(*text);
    }
    return std::nullopt;
  }

  int64_t InsertCouncil(Tx& tx, Council& c) override {
    tx.session() << sql::kInsertCouncil, soci::use(c.campaign_id), soci::use(c.name), soci::use(c.kind),
        soci::use(c.created_at), soci::into(c.id);
    for (auto& m : c.members) {
      m.council_id = c.id;
      tx.session() << sql::kInsertCouncilMember, soci::use(c.id), soci::use(m.user_id), soci::use(m.display_name),
          soci::use(m.role), soci::into(m.id);
    }
    return c.id;
  }

  std::optional<Council> FindCouncil(Tx& tx, int64_t id) override {
    std::optional<Council> c;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCouncil, soci::use(id));
      for (const auto& r : rows) c = Council{RowInt(r, 0), RowInt(r, 1), r.get<std::string>(2), r.get<std::string>(3), {}, ""};
    }
    if (!c) return c;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCouncilMembers, soci::use(id));
    for (const auto& r : rows)
      c->members.push_back({RowInt(r, 0), RowInt(r, 1), RowInt(r, 2), r.get<std::string>(3), r.get<std::string>(4)});
    return c;
  }

  std::vector<Council> CouncilsOf(Tx& tx, int64_t campaign_id) override {
    std::vector<Council> out;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCampaignCouncils, soci::use(campaign_id));
      for (const auto& r : rows) out.push_back(Council{RowInt(r, 0), RowInt(r, 1), r.get<std::string>(2), r.get<std::string>(3), {}, ""});
    }
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCampaignCouncilMembers, soci::use(campaign_id));
    for (const auto& r : rows) {
      CouncilMember m{RowInt(r, 0), RowInt(r, 1), RowInt(r, 2), r.get<std::string>(3), r.get<std::string>(4)};
      for (auto& c : out)
        if (c.id == m.council_id) c.members.push_back(m);
    }
    return out;
  }

  std::vector<CouncilSession> SessionsOfCampaign(Tx& tx, int64_t campaign_id) override {
    std::vector<CouncilSession> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCampaignSessions, soci::use(campaign_id));
    for (const auto& r : rows) {
      CouncilSession s;
      s.id = RowInt(r, 0);
      s.council_id = RowInt(r, 1);
      s.held_on = RowDate(r, 2);
      s.status = r.get<std::string>(3);
      s.closed_at = RowOptString(r, 4);
      out.push_back(std::move(s));
    }
    return out;
  }

  int64_t InsertSession(Tx& tx, const CouncilSession& s, const std::string& at) override {
    int64_t id = 0;
    const std::string held = s.held_on.Iso();
    tx.session() << sql::kInsertCouncilSession, soci::use(s.council_id), soci::use(held), soci::use(at), soci::into(id);
    for (auto member : s.present_member_ids) tx.session() << sql::kInsertAttendance, soci::use(id), soci::use(member);
    for (const auto& m : s.models) {
      tx.session() << sql::kInsertSessionModel, soci::use(id), soci::use(m.model_id);
      tx.session() << sql::kInsertTally, soci::use(id), soci::use(m.model_id);
    }
    return id;
  }

  std::optional<CouncilSession> FindSession(Tx& tx, int64_t id) override {
    std::optional<CouncilSession> s;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCouncilSession, soci::use(id));
      for (const auto& r : rows) {
        s = CouncilSession{};
        s->id = RowInt(r, 0);
        s->council_id = RowInt(r, 1);
        s->held_on = RowDate(r, 2);
        s->status = r.get<std::string>(3);
        s->closed_at = RowOptString(r, 4);
      }
    }
    if (!s) return s;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectAttendance, soci::use(id));
      for (const auto& r : rows) s->present_member_ids.push_back(RowInt(r, 0));
    }
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectSessionModels, soci::use(id));
    for (const auto& r : rows)
      s->models.push_back({RowInt(r, 0), RowOptDouble(r, 1), RowOptString(r, 2), RowOptString(r, 3), RowOptString(r, 4)});
    return s;
  }

  void SetSessionStatus(Tx& tx, int64_t id, const std::string& status, const std::optional<std::string>& closed_at) override {
    tx.session() << sql::kUpdateSessionStatus, soci::use(status), soci::use(closed_at), soci::use(id);
  }

  void SaveOutcome(Tx& tx, int64_t session_id, const SessionModel& o) override {
    tx.session() << sql::kUpdateSessionModel, soci::use(o.total), soci::use(o.outcome), soci::use(o.level),
        soci::use(o.reason), soci::use(session_id), soci::use(o.model_id);
  }

  void UpsertScore(Tx& tx, int64_t session_id, const ScoreRow& s) override {
    tx.session() << sql::kUpsertScore, soci::use(session_id), soci::use(s.model_id), soci::use(s.member_id),
        soci::use(s.criterion_id), soci::use(s.score);
  }

  std::vector<ScoreRow> Scores(Tx& tx, int64_t session_id) override {
    std::vector<ScoreRow> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectScores, soci::use(session_id));
    for (const auto& r : rows) out.push_back({RowInt(r, 0), RowInt(r, 1), RowInt(r, 2), RowDouble(r, 3)});
    return out;
  }

  bool CastBallot(Tx& tx, int64_t session_id, int64_t model_id, int64_t member_id, Vote vote) override {
    int64_t inserted = 0;
    soci::statement st = (tx.session().prepare << sql::kInsertVoter, soci::use(session_id), soci::use(model_id),
                          soci::use(member_id), soci::into(inserted));
    st.execute(true);
    if (!st.got_data()) return false;
    const auto query = vote == Vote::kAgree ? sql::kAddAgree : vote == Vote::kDisagree ? sql::kAddDisagree : sql::kAddAbstain;
    tx.session() << query, soci::use(session_id), soci::use(model_id);
    return true;
  }

  Tally TallyOf(Tx& tx, int64_t session_id, int64_t model_id) override {
    Tally t;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectTally, soci::use(session_id), soci::use(model_id));
    for (const auto& r : rows) t = Tally{static_cast<int>(RowInt(r, 0)), static_cast<int>(RowInt(r, 1)), static_cast<int>(RowInt(r, 2))};
    return t;
  }

  std::vector<int64_t> VotersOf(Tx& tx, int64_t session_id, int64_t model_id) override {
    std::vector<int64_t> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectVoters, soci::use(session_id), soci::use(model_id));
    for (const auto& r : rows) out.push_back(RowInt(r, 0));
    return out;
  }
};

}  // namespace

std::unique_ptr<MovementRepository> MakeMovementRepository() { return std::make_unique<SociMovementRepository>(); }

}  // namespace danvan
