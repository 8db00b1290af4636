#include "services/movement.hpp"

#include "documents/media.hpp"
#include "services/community.hpp"
#include "services/territory.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace danvan {
namespace {

std::string ModelJson(const Model& m) {
  boost::json::object o{{"id", m.id}, {"campaign_id", m.campaign_id}, {"title", m.title},
                        {"status", ToString(m.status)}, {"field", m.field}, {"kind", ToString(m.kind)}};
  if (m.recognition_level) o["recognition_level"] = *m.recognition_level;
  if (!m.status_reason.empty()) o["reason"] = m.status_reason;
  if (m.source_model_id) o["source_model_id"] = *m.source_model_id;
  return boost::json::serialize(o);
}


Result<std::optional<Date>> OptionalDate(const std::string& text, std::string_view field) {
  if (text.empty()) return std::optional<Date>();
  return std::optional<Date>(DANVAN_TRY(Date::Parse(text, field)));
}

// Defaults a campaign gets when the officer gives none: settings, not constants (docs/decisions.md).
std::vector<Criterion> DefaultCriteria() {
  return {{0, "Cách làm sáng tạo, phù hợp thực tiễn", 2, 10},
          {0, "Hiệu quả thiết thực, đo đếm được", 3, 10},
          {0, "Huy động được nhiều lực lượng, Nhân dân đồng thuận", 3, 10},
          {0, "Bền vững, có khả năng nhân rộng", 2, 10}};
}

Error NotCouncilMember() {
  return MakeError(ErrorKind::kForbidden, "not_council_member", "Bạn không phải thành viên có mặt của phiên họp này.",
                   "You are not a member present at this session.");
}

}  // namespace

Error CampaignNotFound() {
  return MakeError(ErrorKind::kNotFound, "campaign_not_found", "Không tìm thấy đợt thi đua.", "No such campaign.");
}

Error ModelNotFound() {
  return MakeError(ErrorKind::kNotFound, "model_not_found", "Không tìm thấy mô hình.", "No such model.");
}

bool MovementService::Has(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id) {
  if (caller.principal.IsSystemAdmin()) return true;
  return Allows(caller.principal, permission, repos_.territory->Ancestry(tx, unit_id));
}

Result<std::vector<FieldInfo>> MovementService::Fields() {
  return db_.Run<std::vector<FieldInfo>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<FieldInfo>> {
    return repos_.movement->Fields(tx);
  });
}

Result<Campaign> MovementService::CreateCampaign(const Caller& caller, const CampaignInput& in) {
  Campaign c;
  c.unit_id = in.unit_id;
  c.title = in.title;
  c.starts_on = DANVAN_TRY(Date::Parse(in.starts_on, "starts_on"));
  c.ends_on = DANVAN_TRY(Date::Parse(in.ends_on, "ends_on"));
  c.launch_document = in.launch_document;
  c.launch_date = DANVAN_TRY(OptionalDate(in.launch_date, "launch_date"));
  c.registration_deadline = DANVAN_TRY(Date::Parse(in.registration_deadline, "registration_deadline"));
  c.interim_review_on = DANVAN_TRY(OptionalDate(in.interim_review_on, "interim_review_on"));
  c.final_review_on = DANVAN_TRY(OptionalDate(in.final_review_on, "final_review_on"));
  if (in.pass_score) c.pass_score = *in.pass_score;
  if (in.ballot_threshold) c.ballot_threshold = *in.ballot_threshold;
  if (in.quorum) c.quorum = *in.quorum;
  c.criteria = in.criteria.empty() ? DefaultCriteria() : in.criteria;
  c.levels = in.levels.empty() ? std::vector<RecognitionLevel>{{"co_so", "Mô hình \"Dân vận khéo\" cấp cơ sở"}} : in.levels;
  c.quotas = in.quotas;
  c.linked_movements = in.linked_movements;
  c.created_at = FormatUtc(clock_.Now());
  return db_.Run<Campaign>(TxMode::kWrite, [&](Tx& tx) -> Result<Campaign> {
    if (!repos_.territory->Find(tx, c.unit_id)) return UnitNotFound(c.unit_id).WithDetail("field", "unit_id");
    if (!Has(tx, caller, Permission::kManageMovement, c.unit_id)) return Forbidden();
    const auto known = repos_.movement->Fields(tx);
    if (in.fields.empty()) {
      for (const auto& f : known) c.fields.push_back(f.code);
    } else {
      for (const auto& f : in.fields) {
        if (std::none_of(known.begin(), known.end(), [&](const FieldInfo& k) { return k.code == f; }))
          return MakeError(ErrorKind::kInvalidInput, "invalid_field", "Lĩnh vực \"" + f + "\" không có trong danh mục.",
                           "Unknown field \"" + f + "\".")
              .WithDetail("field", "fields");
        c.fields.push_back(f);
      }
    }
    DANVAN_TRY(ValidateCampaign(c));
    repos_.movement->InsertCampaign(tx, c);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(c.unit_id), "campaign", std::to_string(c.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"title", c.title}, {"unit_id", c.unit_id},
                                                                        {"starts_on", c.starts_on.Iso()}})});
    return c;
  });
}

Result<Campaign> MovementService::SetCampaignStatus(const Caller& caller, int64_t id, const std::string& status) {
  auto to = ParseCampaignStatus(status);
  if (!to)
    return MakeError(ErrorKind::kInvalidInput, "invalid_status", "Trạng thái phải là draft, open hoặc closed.",
                     "status must be draft, open or closed.")
        .WithDetail("field", "status");
  return db_.Run<Campaign>(TxMode::kWrite, [&](Tx& tx) -> Result<Campaign> {
    auto c = repos_.movement->FindCampaign(tx, id);
    if (!c) return CampaignNotFound();
    if (!Has(tx, caller, Permission::kManageMovement, c->unit_id)) return Forbidden();
    if (c->status == CampaignStatus::kClosed || (c->status == CampaignStatus::kOpen && *to == CampaignStatus::kDraft))
      return MakeError(ErrorKind::kInvalidTransition, "invalid_transition", "Không thể chuyển đợt thi đua về trạng thái này.",
                       "The campaign cannot go back to that state.");
    const std::string before(ToString(c->status));
    c->status = *to;
    repos_.movement->SetCampaignStatus(tx, id, *to, FormatUtc(clock_.Now()));
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(c->unit_id), "campaign", std::to_string(id), "set_status",
                             boost::json::serialize(boost::json::object{{"status", before}}),
                             boost::json::serialize(boost::json::object{{"status", status}})});
    return *c;
  });
}

Result<Campaign> MovementService::GetCampaign(int64_t id) {
  return db_.Run<Campaign>(TxMode::kRead, [&](Tx& tx) -> Result<Campaign> {
    auto c = repos_.movement->FindCampaign(tx, id);
    if (!c) return CampaignNotFound();
    return *c;
  });
}

Result<std::vector<Campaign>> MovementService::ListCampaigns(std::optional<int64_t> unit_id) {
  return db_.Run<std::vector<Campaign>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<Campaign>> {
    return repos_.movement->ListCampaigns(tx, unit_id);
  });
}

Result<RegistrationStatus> MovementService::Registration(const Caller& caller, int64_t campaign_id) {
  const Date today = Date::TodayInVietnam(clock_.Now());
  return db_.Run<RegistrationStatus>(TxMode::kRead, [&](Tx& tx) -> Result<RegistrationStatus> {
    auto c = repos_.movement->FindCampaign(tx, campaign_id);
    if (!c) return CampaignNotFound();
    if (!Has(tx, caller, Permission::kViewUnitPrivate, c->unit_id)) return Forbidden();
    RegistrationStatus st{*c, today > c->registration_deadline, {}};
    OrganisationQuery q;
    q.unit_id = c->unit_id;
    q.as_of = std::min(c->registration_deadline, today);
    q.limit = 500;
    const auto orgs = repos_.organisations->List(tx, q).items;
    // Registered models per owner: one query over the campaign's models.
    ModelQuery mq;
    mq.campaign_id = campaign_id;
    mq.limit = 100000;
    std::map<int64_t, int> registered;
    for (const auto& m : repos_.movement->ListModels(tx, mq).items)
      if (m.owner_organisation_id && m.status != ModelStatus::kDraft && m.status != ModelStatus::kStopped)
        ++registered[*m.owner_organisation_id];
    const auto reopened = repos_.movement->ReopeningsOf(tx, campaign_id);
    for (const auto& o : orgs) {
      RegistrationRow row;
      row.organisation = o;
      row.registered = registered[o.id];
      if (auto it = reopened.find(o.id); it != reopened.end()) row.reopened_until = it->second;
      const Quota* quota = nullptr;
      for (const auto& qt : c->quotas)
        if (qt.organisation_kind == o.kind) quota = &qt;
      if (quota) {
        row.min_models = quota->min_models;
        row.max_models = quota->max_models;
      }
      row.state = !quota && row.registered == 0                        ? "not_required"
                  : quota && row.registered < quota->min_models        ? "missing"
                  : quota && quota->max_models && row.registered > *quota->max_models ? "over"
                                                                       : "ok";
      st.rows.push_back(std::move(row));
    }
    return st;
  });
}

Status MovementService::ReopenRegistration(const Caller& caller, int64_t campaign_id, int64_t organisation_id,
                                           const std::string& until) {
  const Date until_date = DANVAN_TRY(Date::Parse(until, "until"));
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto c = repos_.movement->FindCampaign(tx, campaign_id);
    if (!c) return CampaignNotFound();
    if (!Has(tx, caller, Permission::kManageMovement, c->unit_id)) return Forbidden();
    auto o = repos_.organisations->Find(tx, organisation_id);
    auto ancestry = o ? repos_.territory->Ancestry(tx, o->unit_id) : std::vector<int64_t>{};
    if (!o || std::find(ancestry.begin(), ancestry.end(), c->unit_id) == ancestry.end())
      return OrganisationNotFound(organisation_id).WithDetail("field", "organisation_id");
    repos_.movement->Reopen(tx, campaign_id, organisation_id, until_date, FormatUtc(clock_.Now()));
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(c->unit_id), "campaign", std::to_string(campaign_id), "reopen_registration",
                             std::nullopt,
                             boost::json::serialize(boost::json::object{{"organisation_id", organisation_id},
                                                                        {"until", until_date.Iso()}})});
    return OkStatus();
  });
}

namespace {

// A unit member speaks for one organisation: they may create and register models owned by it.
bool SpeaksFor(const Principal& p, const Model& m) {
  if (!m.owner_organisation_id) return false;
  return std::any_of(p.grants.begin(), p.grants.end(), [&](const RoleGrant& g) {
    return g.role == Role::kUnitMember && g.organisation_id == m.owner_organisation_id;
  });
}

// What a unit member hears when a write is not for the organisation it speaks for (another organisation's model,
// or one without an owner organisation): which rule refused it, not only that it is not allowed.
Error RefusedFor(const Principal& p) {
  if (std::none_of(p.grants.begin(), p.grants.end(), [](const RoleGrant& g) { return g.role == Role::kUnitMember; }))
    return Forbidden();
  return MakeError(ErrorKind::kForbidden, "not_own_organisation",
                   "Bạn chỉ được thay mặt tổ chức của mình; mô hình này không thuộc tổ chức đó.",
                   "You act only for your own organisation, and this model is not its.");
}

}  // namespace

Result<Model> MovementService::CreateModel(const Caller& caller, const ModelInput& in) {
  Model m;
  m.campaign_id = in.campaign_id;
  auto kind = ParseModelKind(in.kind);
  auto subject = ParseSubject(in.subject);
  if (!kind || !subject)
    return MakeError(ErrorKind::kInvalidInput, "invalid_kind", "kind phải là model/exemplar; subject là collective/individual.",
                     "kind must be model or exemplar; subject collective or individual.")
        .WithDetail("field", kind ? "subject" : "kind");
  m.kind = *kind;
  m.subject = *subject;
  m.field = in.field;
  m.title = in.title;
  m.owner_organisation_id = in.owner_organisation_id;
  m.owner_person_id = in.owner_person_id;
  m.address = in.address;
  m.latitude = in.latitude;
  m.longitude = in.longitude;
  m.description = in.description;
  m.goals = in.goals;
  m.indicators = in.indicators;
  m.source_model_id = in.source_model_id;
  m.carried_from_id = in.carried_from_id;
  m.started_on = DANVAN_TRY(OptionalDate(in.started_on, "started_on"));
  m.created_at = m.updated_at = FormatUtc(clock_.Now());
  return db_.Run<Model>(TxMode::kWrite, [&](Tx& tx) -> Result<Model> {
    auto c = repos_.movement->FindCampaign(tx, m.campaign_id);
    if (!c) return CampaignNotFound().WithDetail("field", "campaign_id");
    m.unit_id = c->unit_id;
    if (!Has(tx, caller, Permission::kManageMovement, c->unit_id) && !SpeaksFor(caller.principal, m))
      return RefusedFor(caller.principal);
    DANVAN_TRY(ValidateModel(m, *c));
    const auto campaign_ancestry_has = [&](int64_t unit) {
      auto ancestry = repos_.territory->Ancestry(tx, unit);
      return std::find(ancestry.begin(), ancestry.end(), c->unit_id) != ancestry.end();
    };
    if (m.owner_organisation_id) {
      auto o = repos_.organisations->Find(tx, *m.owner_organisation_id);
      if (!o) return OrganisationNotFound(*m.owner_organisation_id).WithDetail("field", "owner_organisation_id");
      // The owner may be in a unit below the campaign's (a chi bộ of the ward, say).
      if (!campaign_ancestry_has(o->unit_id))
        return MakeError(ErrorKind::kInvalidInput, "owner_outside_campaign", "Tổ chức sở hữu không thuộc đơn vị của đợt thi đua.",
                         "The owner organisation is outside the campaign's unit.")
            .WithDetail("field", "owner_organisation_id");
    }
    if (m.owner_person_id) {
      auto p = repos_.people->Find(tx, *m.owner_person_id);
      if (!p || !campaign_ancestry_has(p->unit_id)) return PersonNotFound().WithDetail("field", "owner_person_id");
    }
    m.id = repos_.movement->InsertModel(tx, m);
    audit_.Record(tx, caller.actor(), AuditEvent{UnitChain(c->unit_id), "model", std::to_string(m.id), "create", std::nullopt, ModelJson(m)});
    return m;
  });
}

Result<Model> MovementService::Transition(const Caller& caller, int64_t model_id, const std::string& action_text,
                                          const std::string& reason) {
  auto action = ParseModelAction(action_text);
  if (!action)
    return MakeError(ErrorKind::kInvalidInput, "invalid_action", "Thao tác không hợp lệ: " + action_text,
                     "Unknown action: " + action_text)
        .WithDetail("field", "action");
  if (*action == ModelAction::kRecognise || *action == ModelAction::kRejectRecognition || *action == ModelAction::kCarryOver)
    return MakeError(ErrorKind::kInvalidTransition, "decided_elsewhere",
                     "Công nhận do hội đồng quyết định khi kết thúc phiên họp; chuyển năm sau làm ở đợt thi đua mới.",
                     "Recognition is decided by closing a council session; carrying over is done from the next campaign.");
  const TimePoint now = clock_.Now();
  return db_.Run<Model>(TxMode::kWrite, [&](Tx& tx) -> Result<Model> {
    auto m = repos_.movement->FindModel(tx, model_id);
    if (!m || !(Has(tx, caller, Permission::kViewUnitPrivate, m->unit_id) || SpeaksFor(caller.principal, *m)))
      return ModelNotFound();
    auto c = repos_.movement->FindCampaign(tx, m->campaign_id);
    const bool admin = Has(tx, caller, Permission::kManageMovement, m->unit_id);
    const bool owner = SpeaksFor(caller.principal, *m);
    // Owners register their own models; every other step is the officer's.
    if (!admin && !owner && *action == ModelAction::kRegister) return RefusedFor(caller.principal);
    if (!(admin || (owner && *action == ModelAction::kRegister))) return Forbidden();
    const Model before = *m;
    m->status = DANVAN_TRY(NextStatus(m->status, *action));
    if (*action == ModelAction::kRegister) {
      std::optional<Date> reopened;
      if (m->owner_organisation_id) reopened = repos_.movement->ReopenedUntil(tx, c->id, *m->owner_organisation_id);
      const Date today = Date::TodayInVietnam(now);
      DANVAN_TRY(CheckRegistrationOpen(*c, today, reopened && today <= *reopened));
      if (m->owner_organisation_id) {
        auto o = repos_.organisations->Find(tx, *m->owner_organisation_id);
        DANVAN_TRY(CheckQuota(*c, o->kind, repos_.movement->CountRegistered(tx, c->id, o->id)));
      }
      m->registered_at = FormatUtc(now);
    }
    if (*action == ModelAction::kStop) {
      if (reason.empty())
        return MakeError(ErrorKind::kInvalidInput, "reason_required", "Cần ghi lý do dừng.", "A reason is required to stop a model.")
            .WithDetail("field", "reason");
      m->status_reason = reason;
    }
    m->updated_at = FormatUtc(now);
    repos_.movement->UpdateModelStatus(tx, *m);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(m->unit_id), "model", std::to_string(m->id), std::string(ToString(*action)),
                             ModelJson(before), ModelJson(*m)});
    return *m;
  });
}

Result<Model> MovementService::GetModel(const std::optional<Caller>& caller, int64_t id) {
  return db_.Run<Model>(TxMode::kRead, [&](Tx& tx) -> Result<Model> {
    auto m = repos_.movement->FindModel(tx, id);
    if (!m) return ModelNotFound();
    const bool is_public = m->status == ModelStatus::kRecognised || m->status == ModelStatus::kCarriedOver;
    if (!is_public && !(caller && (Has(tx, *caller, Permission::kViewUnitPrivate, m->unit_id) || SpeaksFor(caller->principal, *m))))
      return ModelNotFound();
    return *m;
  });
}

Result<Page<Model>> MovementService::ListModels(const Caller& caller, ModelQuery query) {
  return db_.Run<Page<Model>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<Model>> {
    if (query.campaign_id) {
      auto c = repos_.movement->FindCampaign(tx, *query.campaign_id);
      if (!c) return CampaignNotFound();
      query.unit_id = c->unit_id;
    }
    if (!query.unit_id)
      return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", "Cần campaign_id hoặc unit_id.",
                       "campaign_id or unit_id is required.")
          .WithDetail("parameter", "unit_id");
    if (!Has(tx, caller, Permission::kViewUnitPrivate, *query.unit_id)) return Forbidden();
    return repos_.movement->ListModels(tx, query);
  });
}

Result<Page<Model>> MovementService::PublicModels(ModelQuery query) {
  query.recognised_only = true;
  query.status.reset();
  return db_.Run<Page<Model>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<Model>> { return repos_.movement->ListModels(tx, query); });
}

Result<Model> MovementService::Adopt(const Caller& caller, int64_t source_model_id, ModelInput input) {
  auto source = GetModel(caller, source_model_id);
  if (!source) return std::move(source).error();
  if (source->status != ModelStatus::kRecognised && source->status != ModelStatus::kCarriedOver)
    return MakeError(ErrorKind::kInvalidTransition, "model_not_recognised", "Chỉ nhân rộng mô hình đã được công nhận.",
                     "Only a recognised model can be adopted.");
  if (input.title.empty()) input.title = source->title;
  if (input.field.empty()) input.field = source->field;
  if (input.description.empty()) input.description = source->description;
  if (input.goals.empty()) input.goals = source->goals;
  input.kind = std::string(ToString(source->kind));
  input.subject = "collective";
  input.source_model_id = source_model_id;
  return CreateModel(caller, input);
}

Result<Lineage> MovementService::LineageOf(int64_t model_id) {
  return db_.Run<Lineage>(TxMode::kRead, [&](Tx& tx) -> Result<Lineage> {
    auto m = repos_.movement->FindModel(tx, model_id);
    if (!m) return ModelNotFound();
    Lineage l;
    l.model = *m;
    // Only adoptions that others may see: a draft adopter is nobody's business yet.
    for (auto& d : repos_.movement->Descendants(tx, model_id))
      if (d.status != ModelStatus::kDraft && d.status != ModelStatus::kStopped) l.adopters.push_back(std::move(d));
    std::set<int64_t> units;
    for (const auto& a : l.adopters) units.insert(a.unit_id);
    units.insert(m->unit_id);
    for (const auto& u : repos_.territory->FindMany(tx, std::vector<int64_t>(units.begin(), units.end())))
      l.unit_names[u.id] = u.name;
    units.erase(m->unit_id);
    l.units = static_cast<int>(units.size());
    return l;
  });
}

Result<std::vector<ModelEvent>> MovementService::History(const Caller& caller, int64_t model_id) {
  return db_.Run<std::vector<ModelEvent>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<ModelEvent>> {
    auto m = repos_.movement->FindModel(tx, model_id);
    if (!m || !(Has(tx, caller, Permission::kViewUnitPrivate, m->unit_id) || SpeaksFor(caller.principal, *m)))
      return ModelNotFound();
    std::vector<ModelEvent> out;
    std::map<std::string, std::string> names;  // actor → display name, one lookup per distinct actor
    for (const auto& e : repos_.audit->OfEntity(tx, "model", std::to_string(model_id))) {
      ModelEvent ev{e.at, e.action, "", "", ""};
      if (auto it = names.find(e.actor); it != names.end()) {
        ev.actor = it->second;
      } else {
        std::string name;  // empty: the command line (the demo seed, an import)
        if (e.actor.rfind("user:", 0) == 0)
          if (auto u = repos_.accounts->FindUser(tx, std::stoll(e.actor.substr(5)))) name = u->display_name;
        ev.actor = names[e.actor] = name;
      }
      if (e.after_json) {
        boost::system::error_code ec;
        auto v = boost::json::parse(*e.after_json, ec);
        if (!ec && v.is_object()) {
          if (const auto* st = v.as_object().if_contains("status"); st && st->is_string()) ev.status = st->as_string();
          if (const auto* r = v.as_object().if_contains("reason"); r && r->is_string()) ev.reason = r->as_string();
        }
      }
      out.push_back(std::move(ev));
    }
    return out;
  });
}

Result<ProgressReport> MovementService::AddReport(const Caller& caller, int64_t model_id, const ReportInput& in) {
  auto kind = ParseReportKind(in.kind);
  if (!kind)
    return MakeError(ErrorKind::kInvalidInput, "invalid_report_kind", "Loại báo cáo phải là progress, interim hoặc final.",
                     "kind must be progress, interim or final.")
        .WithDetail("field", "kind");
  if (in.body.empty() && in.files.empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Báo cáo cần nội dung hoặc tệp minh chứng.",
                     "A report needs text or evidence files.")
        .WithDetail("field", "body");
  std::vector<std::pair<std::string, size_t>> sizes;
  for (const auto& f : in.files) sizes.emplace_back(f.file_name, f.bytes.size());
  DANVAN_TRY(CheckLimits(sizes, MediaLimits{}));
  // Detect and clean every file before the transaction: decoding photos is CPU work, not database work.
  struct Prepared {
    AttachmentMeta meta;
    std::string bytes;
    std::optional<std::string> thumbnail;
  };
  std::vector<Prepared> prepared;
  for (size_t i = 0; i < in.files.size(); ++i) {
    const auto& f = in.files[i];
    auto detected = DetectMediaKind(f.bytes);
    if (!detected) return std::move(detected).error().WithDetail("file", boost::json::string(f.file_name));
    Prepared p;
    p.meta.file_name = f.file_name.empty() ? "tep" + std::string(Extension(*detected)) : f.file_name;
    p.meta.media_type = std::string(MimeType(*detected));
    p.meta.is_public = f.is_public;
    if (IsPhoto(*detected)) {
      auto photo = ProcessPhoto(f.bytes, *detected);
      if (!photo) return std::move(photo).error().WithDetail("file", boost::json::string(f.file_name));
      p.bytes = std::move(photo->bytes);
      p.thumbnail = std::move(photo->thumbnail);
      p.meta.width = photo->width;
      p.meta.height = photo->height;
      p.meta.has_thumbnail = true;
    } else {
      p.bytes = f.bytes;
    }
    p.meta.size_bytes = static_cast<int64_t>(p.bytes.size());
    prepared.push_back(std::move(p));
  }
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<ProgressReport>(TxMode::kWrite, [&](Tx& tx) -> Result<ProgressReport> {
    auto m = repos_.movement->FindModel(tx, model_id);
    if (!m || !(Has(tx, caller, Permission::kViewUnitPrivate, m->unit_id) || SpeaksFor(caller.principal, *m)))
      return ModelNotFound();
    if (!Has(tx, caller, Permission::kManageMovement, m->unit_id) && !SpeaksFor(caller.principal, *m))
      return RefusedFor(caller.principal);
    if (m->status == ModelStatus::kDraft || m->status == ModelStatus::kStopped || m->status == ModelStatus::kCarriedOver ||
        m->status == ModelStatus::kNotRecognised)
      return MakeError(ErrorKind::kInvalidTransition, "model_not_reporting",
                       "Chỉ báo cáo tiến độ cho mô hình đã đăng ký và đang thực hiện.",
                       "Progress is reported only for registered models that are under way.");
    ProgressReport r{0, model_id, *kind, in.body, caller.principal.display_name.empty() ? caller.principal.username
                                                                                        : caller.principal.display_name,
                     now, {}};
    r.id = repos_.movement->InsertReport(tx, r);
    for (auto& p : prepared) {
      p.meta.report_id = r.id;
      p.meta.created_at = now;
      p.meta.id = repos_.movement->InsertAttachment(tx, p.meta, p.bytes, p.thumbnail);
      r.attachments.push_back(p.meta);
    }
    boost::json::array files;
    for (const auto& a : r.attachments)
      files.push_back({{"id", a.id}, {"file_name", a.file_name}, {"media_type", a.media_type}, {"size", a.size_bytes}});
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(m->unit_id), "progress_report", std::to_string(r.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"model_id", model_id},
                                                                        {"kind", ToString(*kind)},
                                                                        {"attachments", files}})});
    return r;
  });
}

Result<std::vector<ProgressReport>> MovementService::Reports(const Caller& caller, int64_t model_id) {
  return db_.Run<std::vector<ProgressReport>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<ProgressReport>> {
    auto m = repos_.movement->FindModel(tx, model_id);
    if (!m || !(Has(tx, caller, Permission::kViewUnitPrivate, m->unit_id) || SpeaksFor(caller.principal, *m)))
      return ModelNotFound();
    return repos_.movement->ReportsOf(tx, model_id);
  });
}

Result<std::vector<AttachmentMeta>> MovementService::PublicPhotos(int64_t model_id) {
  return db_.Run<std::vector<AttachmentMeta>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<AttachmentMeta>> {
    auto m = repos_.movement->FindModel(tx, model_id);
    if (!m || (m->status != ModelStatus::kRecognised && m->status != ModelStatus::kCarriedOver)) return ModelNotFound();
    std::vector<AttachmentMeta> out;
    for (const auto& r : repos_.movement->ReportsOf(tx, model_id))
      for (const auto& a : r.attachments)
        if (a.is_public && a.has_thumbnail) out.push_back(a);
    return out;
  });
}

Result<AttachmentDownload> MovementService::Attachment(const std::optional<Caller>& caller, int64_t id, bool thumbnail) {
  return db_.Run<AttachmentDownload>(TxMode::kRead, [&](Tx& tx) -> Result<AttachmentDownload> {
    const auto not_found = MakeError(ErrorKind::kNotFound, "attachment_not_found", "Không tìm thấy tệp.", "No such file.");
    auto found = repos_.movement->FindAttachment(tx, id);
    if (!found) return not_found;
    auto m = repos_.movement->FindModel(tx, found->second);
    if (!m) return not_found;
    const bool staff = caller && (Has(tx, *caller, Permission::kViewUnitPrivate, m->unit_id) || SpeaksFor(caller->principal, *m));
    const bool is_public = found->first.is_public &&
                           (m->status == ModelStatus::kRecognised || m->status == ModelStatus::kCarriedOver);
    if (!staff && !is_public) return not_found;
    auto bytes = repos_.movement->AttachmentBytes(tx, id, thumbnail);
    if (!bytes) return not_found;
    AttachmentDownload d{found->first, std::move(*bytes)};
    if (thumbnail) d.meta.media_type = "image/jpeg";
    return d;
  });
}

Result<std::vector<Model>> MovementService::CarryOver(const Caller& caller, int64_t from_campaign, int64_t to_campaign,
                                                      const std::vector<int64_t>& keep, const std::vector<int64_t>& close,
                                                      const std::string& reason) {
  if (!close.empty() && reason.empty())
    return MakeError(ErrorKind::kInvalidInput, "reason_required", "Cần ghi lý do dừng các mô hình không còn hiệu quả.",
                     "A reason is required for the models that stop.")
        .WithDetail("field", "reason");
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<std::vector<Model>>(TxMode::kWrite, [&](Tx& tx) -> Result<std::vector<Model>> {
    auto from = repos_.movement->FindCampaign(tx, from_campaign);
    auto to = repos_.movement->FindCampaign(tx, to_campaign);
    if (!from || !to) return CampaignNotFound();
    if (!Has(tx, caller, Permission::kManageMovement, from->unit_id) || !Has(tx, caller, Permission::kManageMovement, to->unit_id))
      return Forbidden();
    if (to->starts_on <= from->starts_on)
      return MakeError(ErrorKind::kInvalidInput, "invalid_campaign", "Chỉ chuyển sang đợt thi đua sau.",
                       "Models carry over into a later campaign only.")
          .WithDetail("field", "to_campaign_id");
    ModelQuery q;
    q.campaign_id = from_campaign;
    q.status = ModelStatus::kRecognised;
    q.limit = 100000;
    std::vector<Model> carried;
    auto recognised = repos_.movement->ListModels(tx, q).items;
    for (auto id : keep)
      if (std::find(close.begin(), close.end(), id) != close.end() ||
          std::none_of(recognised.begin(), recognised.end(), [&](const Model& m) { return m.id == id; }))
        return MakeError(ErrorKind::kInvalidInput, "invalid_model_list",
                         "Mỗi mô hình phải là mô hình đã được công nhận của đợt trước và chỉ ở một danh sách.",
                         "Each model must be a recognised model of the earlier campaign, in one list only.")
            .WithDetail("model_id", id);
    for (auto id : close)
      if (std::none_of(recognised.begin(), recognised.end(), [&](const Model& m) { return m.id == id; }))
        return MakeError(ErrorKind::kInvalidInput, "invalid_model_list",
                         "Mỗi mô hình phải là mô hình đã được công nhận của đợt trước.",
                         "Each model must be a recognised model of the earlier campaign.")
            .WithDetail("model_id", id);
    for (auto m : recognised) {
      const Model before = m;
      const bool closing = std::find(close.begin(), close.end(), m.id) != close.end();
      if (!closing && std::find(keep.begin(), keep.end(), m.id) == keep.end()) continue;
      if (!closing) {
        m.status = DANVAN_TRY(NextStatus(m.status, ModelAction::kCarryOver));
        Model next = before;
        next.id = 0;
        next.campaign_id = to_campaign;
        next.unit_id = to->unit_id;
        next.status = ModelStatus::kActive;  // still effective: no new registration needed
        next.recognition_level.reset();
        next.status_reason.clear();
        next.carried_from_id = before.id;
        next.registered_at = now;
        next.created_at = next.updated_at = now;
        if (std::find(to->fields.begin(), to->fields.end(), next.field) == to->fields.end())
          return MakeError(ErrorKind::kInvalidInput, "invalid_field", "Lĩnh vực của mô hình không có trong đợt mới.",
                           "The model's field is not one of the new campaign's.")
              .WithDetail("model_id", before.id);
        next.id = repos_.movement->InsertModel(tx, next);
        audit_.Record(tx, caller.actor(), AuditEvent{UnitChain(to->unit_id), "model", std::to_string(next.id), "carry_over_in",
                                                     std::nullopt, ModelJson(next)});
        carried.push_back(next);
      } else {
        m.status = DANVAN_TRY(NextStatus(m.status, ModelAction::kStop));
        m.status_reason = reason;
      }
      m.updated_at = now;
      repos_.movement->UpdateModelStatus(tx, m);
      audit_.Record(tx, caller.actor(), AuditEvent{UnitChain(m.unit_id), "model", std::to_string(m.id),
                                                   m.status == ModelStatus::kStopped ? "stop" : "carry_over",
                                                   ModelJson(before), ModelJson(m)});
    }
    return carried;
  });
}

Result<Council> MovementService::CreateCouncil(const Caller& caller, Council council) {
  if (council.name.empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần tên hội đồng.", "The council needs a name.")
        .WithDetail("field", "name");
  if (council.kind != "hoi_dong_thi_dua_khen_thuong" && council.kind != "ban_chi_dao")
    return MakeError(ErrorKind::kInvalidInput, "invalid_council_kind", "Loại hội đồng phải là hoi_dong_thi_dua_khen_thuong hoặc ban_chi_dao.",
                     "kind must be hoi_dong_thi_dua_khen_thuong or ban_chi_dao.")
        .WithDetail("field", "kind");
  if (council.members.empty())
    return MakeError(ErrorKind::kInvalidInput, "members_required", "Hội đồng cần có thành viên.", "A council needs members.")
        .WithDetail("field", "members");
  council.created_at = FormatUtc(clock_.Now());
  return db_.Run<Council>(TxMode::kWrite, [&](Tx& tx) -> Result<Council> {
    auto c = repos_.movement->FindCampaign(tx, council.campaign_id);
    if (!c) return CampaignNotFound().WithDetail("field", "campaign_id");
    if (!Has(tx, caller, Permission::kManageMovement, c->unit_id)) return Forbidden();
    std::set<int64_t> seen;
    const auto ancestry = repos_.territory->Ancestry(tx, c->unit_id);
    for (auto& m : council.members) {
      auto u = repos_.accounts->FindUser(tx, m.user_id);
      // A member must hold a grant on the campaign's unit: the officer cannot seat (or discover) anyone else.
      Principal member;
      for (auto& [_, g] : repos_.accounts->GrantsOf(tx, {m.user_id})) member.grants.push_back(g);
      const bool in_unit = u && Allows(member, Permission::kViewUnitPrivate, ancestry);
      if (!u || !in_unit || !seen.insert(m.user_id).second)
        return MakeError(ErrorKind::kInvalidInput, "invalid_member",
                         "Thành viên không có quyền trong đơn vị của đợt thi đua, không tồn tại hoặc bị trùng.",
                         "A member has no grant on the campaign's unit, does not exist, or appears twice.")
            .WithDetail("user_id", m.user_id);
      if (m.display_name.empty()) m.display_name = u->display_name;
      if (m.role.empty()) m.role = "member";
      if (m.role != "chair" && m.role != "member" && m.role != "secretary")
        return MakeError(ErrorKind::kInvalidInput, "invalid_member_role", "Vai trò thành viên phải là chair, member hoặc secretary.",
                         "A member's role must be chair, member or secretary.");
    }
    repos_.movement->InsertCouncil(tx, council);
    boost::json::array members;
    for (const auto& m : council.members) members.push_back({{"user_id", m.user_id}, {"role", m.role}});
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(c->unit_id), "council", std::to_string(council.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"name", council.name}, {"members", members}})});
    return council;
  });
}

Result<Council> MovementService::GetCouncil(const Caller& caller, int64_t id) {
  return db_.Run<Council>(TxMode::kRead, [&](Tx& tx) -> Result<Council> {
    auto council = repos_.movement->FindCouncil(tx, id);
    auto c = council ? repos_.movement->FindCampaign(tx, council->campaign_id) : std::nullopt;
    if (!council || !c || !Has(tx, caller, Permission::kViewUnitPrivate, c->unit_id))
      return MakeError(ErrorKind::kNotFound, "council_not_found", "Không tìm thấy hội đồng.", "No such council.");
    return *council;
  });
}

Result<CampaignCouncils> MovementService::CouncilsOf(const Caller& caller, int64_t campaign_id) {
  return db_.Run<CampaignCouncils>(TxMode::kRead, [&](Tx& tx) -> Result<CampaignCouncils> {
    auto c = repos_.movement->FindCampaign(tx, campaign_id);
    if (!c) return CampaignNotFound();
    if (!Has(tx, caller, Permission::kViewUnitPrivate, c->unit_id)) return Forbidden();
    return CampaignCouncils{repos_.movement->CouncilsOf(tx, campaign_id), repos_.movement->SessionsOfCampaign(tx, campaign_id)};
  });
}

Result<CouncilSession> MovementService::OpenSession(const Caller& caller, int64_t council_id, const std::string& held_on,
                                                    const std::vector<int64_t>& present, const std::vector<int64_t>& model_ids) {
  CouncilSession s;
  s.council_id = council_id;
  s.held_on = DANVAN_TRY(Date::Parse(held_on, "held_on"));
  s.status = "open";
  s.present_member_ids = present;
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<CouncilSession>(TxMode::kWrite, [&](Tx& tx) -> Result<CouncilSession> {
    auto council = repos_.movement->FindCouncil(tx, council_id);
    auto c = council ? repos_.movement->FindCampaign(tx, council->campaign_id) : std::nullopt;
    if (!council || !c || !Has(tx, caller, Permission::kViewUnitPrivate, c->unit_id))
      return MakeError(ErrorKind::kNotFound, "council_not_found", "Không tìm thấy hội đồng.", "No such council.");
    if (!Has(tx, caller, Permission::kManageMovement, c->unit_id)) return Forbidden();
    for (auto id : present)
      if (std::none_of(council->members.begin(), council->members.end(), [&](const CouncilMember& m) { return m.id == id; }))
        return MakeError(ErrorKind::kInvalidInput, "invalid_member", "Người có mặt không phải thành viên hội đồng.",
                         "Someone present is not a member of the council.")
            .WithDetail("member_id", id);
    if (model_ids.empty())
      return MakeError(ErrorKind::kInvalidInput, "models_required", "Phiên họp cần ít nhất một mô hình.", "A session needs models.")
          .WithDetail("field", "model_ids");
    for (const auto& m : repos_.movement->FindModels(tx, model_ids)) {
      if (m.campaign_id != c->id || m.status != ModelStatus::kProposed)
        return MakeError(ErrorKind::kInvalidTransition, "model_not_proposed",
                         "Chỉ xét các mô hình của đợt này đã được đề nghị công nhận: \"" + m.title + "\".",
                         "Only proposed models of this campaign can be decided: \"" + m.title + "\".")
            .WithDetail("model_id", m.id);
      s.models.push_back(SessionModel{m.id, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    }
    if (s.models.size() != std::set<int64_t>(model_ids.begin(), model_ids.end()).size()) return ModelNotFound();
    s.id = repos_.movement->InsertSession(tx, s, now);
    boost::json::array models;
    for (const auto& m : s.models) models.push_back(m.model_id);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(c->unit_id), "council_session", std::to_string(s.id), "open", std::nullopt,
                             boost::json::serialize(boost::json::object{{"held_on", s.held_on.Iso()},
                                                                        {"present", present.size()},
                                                                        {"models", models}})});
    return s;
  });
}

Result<SessionView> MovementService::View(Tx& tx, const Caller& caller, int64_t session_id) {
  auto s = repos_.movement->FindSession(tx, session_id);
  auto council = s ? repos_.movement->FindCouncil(tx, s->council_id) : std::nullopt;
  auto c = council ? repos_.movement->FindCampaign(tx, council->campaign_id) : std::nullopt;
  if (!s || !council || !c || !Has(tx, caller, Permission::kViewUnitPrivate, c->unit_id))
    return MakeError(ErrorKind::kNotFound, "session_not_found", "Không tìm thấy phiên họp.", "No such session.");
  SessionView v{*s, *council, *c, {}, false, {}, {}, std::nullopt, {}};
  for (const auto& m : council->members)
    if (m.user_id == caller.principal.user_id && caller.principal.method != AuthMethod::kCommandLine) v.caller_member_id = m.id;
  std::vector<int64_t> ids;
  for (const auto& m : s->models) ids.push_back(m.model_id);
  v.models = repos_.movement->FindModels(tx, ids);
  // Members cannot see each other's scores until scoring closes: then everyone granted on the unit can.
  v.scores_visible = s->status != "open";
  for (auto& row : repos_.movement->Scores(tx, session_id))
    if (v.scores_visible || (v.caller_member_id && row.member_id == *v.caller_member_id)) v.scores.push_back(row);
  if (v.scores_visible) {
    for (const auto& sm : s->models) {
      std::map<int64_t, std::map<int64_t, double>> by_member;
      for (const auto& row : v.scores)
        if (row.model_id == sm.model_id) by_member[row.member_id][row.criterion_id] = row.score;
      ScoreSheet sheet;
      sheet.model_id = sm.model_id;
      sheet.result = ComputeScore(c->criteria, by_member);
      sheet.tally = repos_.movement->TallyOf(tx, session_id, sm.model_id);
      sheet.outcome = DecideBallot(sheet.tally, static_cast<int>(council->members.size()),
                                   static_cast<int>(s->present_member_ids.size()), c->quorum, c->ballot_threshold);
      v.sheets.push_back(sheet);
    }
  }
  if (v.caller_member_id)
    for (const auto& sm : s->models) {
      auto voters = repos_.movement->VotersOf(tx, session_id, sm.model_id);
      v.caller_voted[sm.model_id] = std::find(voters.begin(), voters.end(), *v.caller_member_id) != voters.end();
    }
  return v;
}

Result<SessionView> MovementService::GetSession(const Caller& caller, int64_t session_id) {
  return db_.Run<SessionView>(TxMode::kRead, [&](Tx& tx) { return View(tx, caller, session_id); });
}

Status MovementService::SubmitScores(const Caller& caller, int64_t session_id, int64_t model_id,
                                     const std::map<int64_t, double>& scores) {
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto v = DANVAN_TRY(View(tx, caller, session_id));
    if (!v.caller_member_id ||
        std::find(v.session.present_member_ids.begin(), v.session.present_member_ids.end(), *v.caller_member_id) ==
            v.session.present_member_ids.end())
      return NotCouncilMember();
    if (v.session.status != "open")
      return MakeError(ErrorKind::kInvalidTransition, "scoring_closed", "Đã hết thời gian chấm điểm.", "Scoring is closed.");
    if (std::none_of(v.session.models.begin(), v.session.models.end(), [&](const SessionModel& m) { return m.model_id == model_id; }))
      return ModelNotFound();
    for (const auto& entry : scores) {
      const int64_t criterion_id = entry.first;  // not a structured binding: clang 14 cannot capture one
      const double score = entry.second;
      auto it = std::find_if(v.campaign.criteria.begin(), v.campaign.criteria.end(),
                             [&](const Criterion& c) { return c.id == criterion_id; });
      if (it == v.campaign.criteria.end())
        return MakeError(ErrorKind::kInvalidInput, "invalid_criterion", "Tiêu chí không thuộc đợt thi đua này.",
                         "The criterion is not one of this campaign's.")
            .WithDetail("criterion_id", criterion_id);
      DANVAN_TRY(ValidateScore(*it, score));
      repos_.movement->UpsertScore(tx, session_id, ScoreRow{model_id, *v.caller_member_id, criterion_id, score});
    }
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(v.campaign.unit_id), "council_session", std::to_string(session_id), "score", std::nullopt,
                             boost::json::serialize(boost::json::object{{"model_id", model_id}, {"criteria", scores.size()}})});
    return OkStatus();
  });
}

Status MovementService::CloseScoring(const Caller& caller, int64_t session_id) {
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto v = DANVAN_TRY(View(tx, caller, session_id));
    if (!Has(tx, caller, Permission::kManageMovement, v.campaign.unit_id)) return Forbidden();
    if (v.session.status != "open")
      return MakeError(ErrorKind::kInvalidTransition, "scoring_closed", "Đã kết thúc chấm điểm.", "Scoring is already closed.");
    repos_.movement->SetSessionStatus(tx, session_id, "scoring_closed", std::nullopt);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(v.campaign.unit_id), "council_session", std::to_string(session_id), "close_scoring"});
    return OkStatus();
  });
}

Status MovementService::Vote(const Caller& caller, int64_t session_id, int64_t model_id, const std::string& vote_text) {
  auto vote = ParseVote(vote_text);
  if (!vote)
    return MakeError(ErrorKind::kInvalidInput, "invalid_vote", "Phiếu phải là agree, disagree hoặc abstain.",
                     "A vote is agree, disagree or abstain.")
        .WithDetail("field", "vote");
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto v = DANVAN_TRY(View(tx, caller, session_id));
    if (!v.caller_member_id ||
        std::find(v.session.present_member_ids.begin(), v.session.present_member_ids.end(), *v.caller_member_id) ==
            v.session.present_member_ids.end())
      return NotCouncilMember();
    if (v.session.status == "closed")
      return MakeError(ErrorKind::kInvalidTransition, "session_closed", "Phiên họp đã kết thúc.", "The session is closed.");
    if (std::none_of(v.session.models.begin(), v.session.models.end(), [&](const SessionModel& m) { return m.model_id == model_id; }))
      return ModelNotFound();
    if (!repos_.movement->CastBallot(tx, session_id, model_id, *v.caller_member_id, *vote))
      return MakeError(ErrorKind::kConflict, "already_voted", "Bạn đã bỏ phiếu cho mô hình này.", "You have already voted on this model.");
    // The audit log records that the member voted, never how.
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(v.campaign.unit_id), "council_session", std::to_string(session_id), "vote", std::nullopt,
                             boost::json::serialize(boost::json::object{{"model_id", model_id}})});
    return OkStatus();
  });
}

Result<SessionView> MovementService::CloseSession(const Caller& caller, int64_t session_id,
                                                  const std::map<int64_t, std::string>& levels) {
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<SessionView>(TxMode::kWrite, [&](Tx& tx) -> Result<SessionView> {
    auto v = DANVAN_TRY(View(tx, caller, session_id));
    if (!Has(tx, caller, Permission::kManageMovement, v.campaign.unit_id)) return Forbidden();
    if (v.session.status == "closed")
      return MakeError(ErrorKind::kInvalidTransition, "session_closed", "Phiên họp đã kết thúc.", "The session is closed.");
    if (v.session.status == "open") {
      repos_.movement->SetSessionStatus(tx, session_id, "scoring_closed", std::nullopt);
      v = DANVAN_TRY(View(tx, caller, session_id));
    }
    const int members = static_cast<int>(v.council.members.size());
    const BallotOutcome quorum = DecideBallot({}, members, static_cast<int>(v.session.present_member_ids.size()),
                                              v.campaign.quorum, v.campaign.ballot_threshold);
    if (!quorum.quorum_met)
      return MakeError(ErrorKind::kInvalidTransition, "quorum_not_met",
                       fmt::format("Phiên họp không đủ số thành viên có mặt ({}/{}).", v.session.present_member_ids.size(), members),
                       fmt::format("The session lacks a quorum ({}/{} present).", v.session.present_member_ids.size(), members));
    for (const auto& sheet : v.sheets) {
      auto model = std::find_if(v.models.begin(), v.models.end(), [&](const Model& m) { return m.id == sheet.model_id; });
      if (model == v.models.end()) continue;
      const Model before = *model;
      SessionModel outcome{sheet.model_id, sheet.result.total, std::nullopt, std::nullopt, std::nullopt};
      const bool score_ok = sheet.result.total >= v.campaign.pass_score;
      if (sheet.outcome.passed && score_ok) {
        std::string level = v.campaign.levels.front().code;
        if (auto it = levels.find(sheet.model_id); it != levels.end()) {
          if (std::none_of(v.campaign.levels.begin(), v.campaign.levels.end(), [&](const RecognitionLevel& l) { return l.code == it->second; }))
            return MakeError(ErrorKind::kInvalidInput, "invalid_level", "Cấp công nhận không thuộc đợt thi đua.",
                             "The recognition level is not one of the campaign's.")
                .WithDetail("model_id", sheet.model_id);
          level = it->second;
        }
        model->status = DANVAN_TRY(NextStatus(model->status, ModelAction::kRecognise));
        model->recognition_level = level;
        outcome.outcome = "recognised";
        outcome.level = level;
      } else {
        model->status = DANVAN_TRY(NextStatus(model->status, ModelAction::kRejectRecognition));
        std::string vi, en;
        if (!sheet.outcome.passed) {
          vi = fmt::format("Biểu quyết chưa đạt: {} đồng ý, cần {}.", sheet.tally.agree, sheet.outcome.needed);
          en = fmt::format("The ballot did not pass: {} agreed, {} needed.", sheet.tally.agree, sheet.outcome.needed);
        }
        if (!score_ok) {
          vi += fmt::format("{}Điểm {:.2f} thấp hơn mức {:.0f}.", vi.empty() ? "" : " ", sheet.result.total, v.campaign.pass_score);
          en += fmt::format("{}Score {:.2f} is below {:.0f}.", en.empty() ? "" : " ", sheet.result.total, v.campaign.pass_score);
        }
        model->status_reason = vi + " / " + en;
        outcome.outcome = "not_recognised";
        outcome.reason = model->status_reason;
      }
      model->updated_at = now;
      repos_.movement->UpdateModelStatus(tx, *model);
      repos_.movement->SaveOutcome(tx, session_id, outcome);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{UnitChain(model->unit_id), "model", std::to_string(model->id),
                               model->status == ModelStatus::kRecognised ? "recognise" : "reject_recognition",
                               ModelJson(before), ModelJson(*model)});
    }
    repos_.movement->SetSessionStatus(tx, session_id, "closed", now);
    audit_.Record(tx, caller.actor(), AuditEvent{UnitChain(v.campaign.unit_id), "council_session", std::to_string(session_id), "close"});
    return View(tx, caller, session_id);
  });
}

}  // namespace danvan
