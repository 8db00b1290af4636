#include "services/concerns.hpp"

#include "core/crypto.hpp"
#include "core/vietnamese.hpp"
#include "documents/media.hpp"
#include "domain/validation.hpp"
#include "services/community.hpp"
#include "services/territory.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace danvan {

struct ConcernService::Prepared {
  std::string file_name;
  std::string media_type;
  std::string bytes;
  std::optional<std::string> thumbnail;
  std::optional<int> width, height;
};

namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr char kCodeAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford's: no I, L, O, U

std::string RandomCode() {
  const std::string bytes = RandomBytes(8);
  std::string code = "PA-";
  for (size_t i = 0; i < 8; ++i) {
    if (i == 4) code.push_back('-');
    code.push_back(kCodeAlphabet[static_cast<unsigned char>(bytes[i]) % 32]);
  }
  return code;
}

std::string RandomPin() {
  const std::string bytes = RandomBytes(8);
  uint64_t v = 0;
  for (char b : bytes) v = (v << 8) | static_cast<unsigned char>(b);
  return fmt::format("{:06d}", v % 1'000'000);
}

//! Codes are read aloud and typed on phones: case, spaces and the letters people confuse with digits do not matter.
std::string NormaliseCode(const std::string& code) {
  std::string out;
  for (char ch : code) {
    if (ch == ' ' || ch == '-') continue;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    out.push_back(c);
  }
  if (out.size() == 10 && out.rfind("PA", 0) == 0) return "PA-" + out.substr(2, 4) + "-" + out.substr(6, 4);
  return code;
}

std::string Trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::optional<std::string> NonEmpty(const std::string& s) {
  auto t = Trim(s);
  if (t.empty()) return std::nullopt;
  return t;
}

TimePoint InstantOf(const std::string& s) {
  auto t = ParseInstant(s);
  if (!t) throw std::runtime_error("a stored instant is malformed: " + s);
  return *t;
}

// The audit log keeps what happened to a concern, not who sent it or how to reach them.
std::string AuditJson(const Concern& c) {
  boost::json::object j{{"id", c.id},
                        {"code", c.code},
                        {"unit_id", c.unit_id},
                        {"category_id", c.category_id},
                        {"status", ToString(c.status)},
                        {"urgency", ToString(c.urgency)},
                        {"channel", ToString(c.channel)},
                        {"supporters", c.supporters},
                        {"has_contact", c.reporter_name.has_value() || c.reporter_contact.has_value()},
                        {"calendar_version", c.calendar_version},
                        {"received_due_at", c.received_due_at}};
  j["organisation_id"] = c.organisation_id ? boost::json::value(*c.organisation_id) : nullptr;
  j["assignee_user_id"] = c.assignee_user_id ? boost::json::value(*c.assignee_user_id) : nullptr;
  j["resolve_due_at"] = c.resolve_due_at ? boost::json::value(*c.resolve_due_at) : nullptr;
  j["duplicate_of"] = c.duplicate_of ? boost::json::value(*c.duplicate_of) : nullptr;
  j["reason_code"] = c.reason_code ? boost::json::value(*c.reason_code) : nullptr;
  return boost::json::serialize(j);
}

std::string CategoryJson(const ConcernCategory& c) {
  boost::json::object j{{"id", c.id},         {"unit_id", c.unit_id},           {"code", c.code},
                        {"name", c.name},     {"urgency", ToString(c.urgency)}, {"sensitive", c.sensitive},
                        {"active", c.active}, {"attributes", c.attributes.size()}};
  j["default_organisation_id"] = c.default_organisation_id ? boost::json::value(*c.default_organisation_id) : nullptr;
  return boost::json::serialize(j);
}

Error NotOpen() {
  return MakeError(ErrorKind::kInvalidTransition, "concern_not_open", "Phản ánh này đã kết thúc xử lý.",
                   "This concern is no longer open.");
}

Error CategoryNotFound(const std::string& code) {
  return MakeError(ErrorKind::kInvalidInput, "category_not_found", "Không có lĩnh vực phản ánh này ở đơn vị đã chọn.",
                   "The unit has no such category of concern.")
      .WithDetail("field", "category_code")
      .WithDetail("category_code", boost::json::string(code));
}

Status RequireLocation(const NewConcern& in) {
  if (in.latitude.has_value() != in.longitude.has_value())
    return MakeError(ErrorKind::kInvalidInput, "location_incomplete", "Vị trí cần cả vĩ độ và kinh độ.",
                     "A location needs both latitude and longitude.")
        .WithDetail("field", in.latitude ? "longitude" : "latitude");
  if (!in.latitude && Trim(in.address).empty())
    return MakeError(ErrorKind::kInvalidInput, "location_required", "Cần chọn vị trí trên bản đồ hoặc ghi địa chỉ.",
                     "Pick a point on the map or write an address.")
        .WithDetail("field", "address");
  return OkStatus();
}

template <class T>
struct Outcome {
  std::optional<T> value;
  std::optional<Error> error;  //!< an error whose writes are kept (a wrong PIN counted)
};

}  // namespace

Error ConcernNotFound() {
  return MakeError(ErrorKind::kNotFound, "concern_not_found", "Không tìm thấy phản ánh với mã này.",
                   "No concern with this code.");
}

// ---------------------------------------------------------------------------------------------------------------
// Shared steps

int64_t ConcernService::BudgetMinutes(Urgency u) const {
  switch (u) {
    case Urgency::kUrgent: return settings_.urgent_hours * 60LL;
    case Urgency::kComplex: return settings_.complex_hours * 60LL;
    case Urgency::kNormal: return settings_.normal_hours * 60LL;
  }
  return settings_.normal_hours * 60LL;
}

WorkCalendar ConcernService::CalendarIn(Tx& tx) {
  if (auto c = concerns_.CurrentCalendar(tx)) return *c;
  return WorkCalendar::Default();
}

void ConcernService::CountDue(Concern& c, const WorkCalendar& cal) const {
  c.calendar_version = cal.version;
  if (!c.received_at) {
    const auto due = AddWorkingMinutes(cal, InstantOf(c.created_at), settings_.receive_hours * 60LL);
    c.received_due_at = FormatUtc(due.value_or(InstantOf(c.created_at)));
  }
  if (!IsOpen(c.status) || c.paused_since) {
    if (c.paused_since) c.resolve_due_at.reset();
    return;
  }
  const auto due = AddWorkingMinutes(cal, InstantOf(c.clock_started_at), BudgetMinutes(c.urgency) + c.paused_minutes);
  c.resolve_due_at = due ? std::optional<std::string>(FormatUtc(*due)) : std::nullopt;
}

std::optional<int64_t> ConcernService::RouteOf(Tx& tx, const Concern& c) {
  const auto ancestry = repos_.territory->Ancestry(tx, c.unit_id);
  RoutingInput in{c.category_id, ancestry, c.point};
  if (auto rule = Route(concerns_.RulesOf(tx, ancestry), in)) return rule->organisation_id;
  if (auto cat = concerns_.FindCategory(tx, c.category_id)) return cat->default_organisation_id;
  return std::nullopt;
}

std::string ConcernService::KeyOf(Tx& tx, const std::string& remote) {
  const std::string secret =
      concerns_.EnsureSecret(tx, "concern_origin_key", ToHex(RandomBytes(32)), FormatUtc(clock_.Now()));
  return Sha256Hex(secret + "|" + remote);
}

namespace {

bool ManagesIn(const Caller& caller, const std::vector<int64_t>& ancestry) {
  return caller.principal.IsSystemAdmin() || Allows(caller.principal, Permission::kManageConcerns, ancestry);
}

// A unit member who speaks for the organisation that owns the concern handles it without managing the unit.
bool SpeaksFor(const Caller& caller, std::optional<int64_t> organisation_id) {
  if (!organisation_id) return false;
  return std::any_of(caller.principal.grants.begin(), caller.principal.grants.end(), [&](const RoleGrant& g) {
    return g.role == Role::kUnitMember && g.organisation_id == organisation_id;
  });
}

}  // namespace

bool ConcernService::MayManage(Tx& tx, const Caller& caller, int64_t unit_id) {
  if (caller.principal.IsSystemAdmin()) return true;
  return ManagesIn(caller, repos_.territory->Ancestry(tx, unit_id));
}

bool ConcernService::MayHandle(Tx& tx, const Caller& caller, const Concern& c) {
  return MayManage(tx, caller, c.unit_id) || SpeaksFor(caller, c.organisation_id);
}

bool ConcernService::MaySee(Tx& tx, const Caller& caller, const Concern& c) {
  if (caller.principal.IsSystemAdmin()) return true;
  if (Allows(caller.principal, Permission::kViewUnitPrivate, repos_.territory->Ancestry(tx, c.unit_id))) return true;
  return MayHandle(tx, caller, c);
}

int64_t ConcernService::RecordEvent(Tx& tx, Concern& c, ConcernEvent e, const Actor& actor, const std::string& before) {
  e.concern_id = c.id;
  e.at = FormatUtc(clock_.Now());
  c.updated_at = e.at;
  const int64_t event_id = concerns_.InsertEvent(tx, e);
  concerns_.Update(tx, c);
  audit_.Record(tx, actor,
                AuditEvent{"unit:" + std::to_string(c.unit_id), "concern", std::to_string(c.id), e.kind, before,
                           AuditJson(c)});
  return event_id;
}

Result<std::vector<ConcernService::Prepared>> ConcernService::PrepareFiles(const std::vector<UploadedFile>& files,
                                                                          bool photos_only, size_t max_files) {
  if (files.size() > max_files)
    return MakeError(ErrorKind::kInvalidInput, "too_many_photos",
                     fmt::format("Chỉ gửi được tối đa {} ảnh.", max_files),
                     fmt::format("At most {} photos may be sent.", max_files))
        .WithDetail("field", "photos")
        .WithDetail("limit", static_cast<int64_t>(max_files));
  std::vector<std::pair<std::string, size_t>> sizes;
  for (const auto& f : files) sizes.emplace_back(f.file_name, f.bytes.size());
  DANVAN_TRY(CheckLimits(sizes, MediaLimits{}));
  std::vector<Prepared> out;
  for (const auto& f : files) {
    auto kind = DetectMediaKind(f.bytes);
    if (!kind) return std::move(kind).error().WithDetail("file", boost::json::string(f.file_name));
    if (photos_only && !IsPhoto(*kind))
      return MakeError(ErrorKind::kUnsupportedMediaType, "photo_required", "Chỉ gửi được ảnh JPEG, PNG hoặc WebP.",
                       "Only JPEG, PNG or WebP photos may be sent.")
          .WithDetail("file", boost::json::string(f.file_name));
    Prepared p;
    p.file_name = f.file_name.empty() ? "tep" + std::string(Extension(*kind)) : f.file_name;
    p.media_type = std::string(MimeType(*kind));
    if (IsPhoto(*kind)) {
      auto photo = ProcessPhoto(f.bytes, *kind);
      if (!photo) return std::move(photo).error().WithDetail("file", boost::json::string(f.file_name));
      p.bytes = std::move(photo->bytes);
      p.thumbnail = std::move(photo->thumbnail);
      p.width = photo->width;
      p.height = photo->height;
    } else {
      p.bytes = f.bytes;
    }
    out.push_back(std::move(p));
  }
  return out;
}

void ConcernService::StoreFiles(Tx& tx, int64_t concern_id, int64_t event_id, const std::vector<Prepared>& files,
                                const std::string& at) {
  for (const auto& p : files) {
    ConcernFile f;
    f.concern_id = concern_id;
    if (event_id) f.event_id = event_id;
    f.file_name = p.file_name;
    f.media_type = p.media_type;
    f.size_bytes = static_cast<int64_t>(p.bytes.size());
    f.content = p.bytes;
    f.thumbnail = p.thumbnail;
    f.width = p.width;
    f.height = p.height;
    f.is_public = true;
    f.created_at = at;
    concerns_.InsertFile(tx, f);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Views

class ConcernService::Lookups {
 public:
  explicit Lookups(ConcernService& s) : s_(s) {}
  const std::string& UnitName(Tx& tx, int64_t id) {
    auto [it, fresh] = units_.try_emplace(id);
    if (fresh)
      if (auto u = s_.repos_.territory->Find(tx, id)) it->second = u->name;
    return it->second;
  }
  std::optional<std::string> OrganisationName(Tx& tx, std::optional<int64_t> id) {
    if (!id) return std::nullopt;
    auto [it, fresh] = organisations_.try_emplace(*id);
    if (fresh)
      if (auto o = s_.repos_.organisations->Find(tx, *id)) it->second = o->name;
    return it->second;
  }
  const std::optional<ConcernCategory>& Category(Tx& tx, int64_t id) {
    auto [it, fresh] = categories_.try_emplace(id);
    if (fresh) it->second = s_.concerns_.FindCategory(tx, id);
    return it->second;
  }
  //! The unit and its parents, read once per unit for a whole page of concerns.
  const std::vector<int64_t>& Ancestry(Tx& tx, int64_t id) {
    auto [it, fresh] = ancestries_.try_emplace(id);
    if (fresh) it->second = s_.repos_.territory->Ancestry(tx, id);
    return it->second;
  }
  std::optional<std::string> Code(Tx& tx, std::optional<int64_t> id) {
    if (!id) return std::nullopt;
    auto [it, fresh] = codes_.try_emplace(*id);
    if (fresh)
      if (auto c = s_.concerns_.Find(tx, *id)) it->second = c->code;
    return it->second;
  }

 private:
  ConcernService& s_;
  std::map<int64_t, std::string> units_;
  std::map<int64_t, std::optional<std::string>> organisations_, codes_;
  std::map<int64_t, std::optional<ConcernCategory>> categories_;
  std::map<int64_t, std::vector<int64_t>> ancestries_;
};

PublicConcern ConcernService::PublicOf(Tx& tx, const Concern& c, Lookups* lookups) {
  Lookups own(*this);
  Lookups& l = lookups ? *lookups : own;
  PublicConcern p;
  p.code = c.code;
  p.unit_id = c.unit_id;
  p.unit_name = l.UnitName(tx, c.unit_id);
  const auto& cat = l.Category(tx, c.category_id);
  if (cat) {
    p.category_code = cat->code;
    p.category_name = cat->name;
    p.sensitive = cat->sensitive;
  }
  p.status = PublicStatusOf(c.status);
  if (!p.sensitive) {
    p.description = c.description;
    p.address = c.address;
  }
  if (c.point) p.point = PublicLocation(*c.point, p.sensitive);
  p.organisation_name = l.OrganisationName(tx, c.organisation_id);
  if (c.status == ConcernStatus::kResolved || c.status == ConcernStatus::kClosed) p.answer = c.answer;
  if (c.reason_code) {
    for (const auto& r : RejectionReasons())
      if (r.code == *c.reason_code) {
        p.reason = r.label_vi;
        p.reason_en = r.label_en;
      }
    if (const auto* e = FindScopeExclusion(*c.reason_code)) {
      p.reason = fmt::format("{} ({}). {}", e->label_vi, e->legal_basis, e->channel_vi);
      p.reason_en = fmt::format("{} ({}). {}", e->label_en, e->legal_basis, e->channel_en);
    }
  }
  p.duplicate_of_code = l.Code(tx, c.duplicate_of);
  p.supporters = c.supporters;
  p.created_at = c.created_at;
  p.updated_at = c.updated_at;
  if (IsOpen(c.status)) p.expected_at = c.resolve_due_at;
  return p;
}

ResidentView ConcernService::ResidentOf(Tx& tx, const Concern& c, bool with_pin) {
  ResidentView v;
  v.concern = PublicOf(tx, c);
  // A sensitive concern shows strangers its status only: no words of the timeline, no files. The resident who holds
  // the PIN sees their own concern whole.
  const bool hidden = v.concern.sensitive && !with_pin;
  Lookups names(*this);
  for (auto e : concerns_.EventsOf(tx, c.id, true)) {
    e.actor.clear();
    e.actor_name.clear();
    if (hidden) e.body.clear();
    for (auto id : {e.organisation_id, e.to_organisation_id})
      if (auto name = names.OrganisationName(tx, id)) v.concern.organisation_names[*id] = *name;
    v.concern.timeline.push_back(std::move(e));
  }
  for (const auto& f : concerns_.FilesOf(tx, c.id))
    if (f.is_public && !hidden) {
      if (!v.concern.first_photo_id && f.media_type.rfind("image/", 0) == 0) v.concern.first_photo_id = f.id;
      v.concern.files.push_back(f);
    }
  v.can_add_information = IsOpen(c.status);
  if (c.status == ConcernStatus::kResolved || c.status == ConcernStatus::kClosed) {
    const auto ratings = concerns_.RatingsOf(tx, c.id);
    v.can_rate = std::none_of(ratings.begin(), ratings.end(),
                              [&](const ConcernRepository::Rating& r) { return r.resolution == c.resolutions; });
  }
  if (c.status == ConcernStatus::kResolved && c.resolved_at) {
    const auto until = InstantOf(*c.resolved_at) + hours(24LL * settings_.reopen_days);
    v.reopen_until = FormatUtc(until);
    v.can_reopen = clock_.Now() <= until;
  }
  return v;
}

StaffConcern ConcernService::StaffOf(Tx& tx, const Caller& caller, const Concern& c, bool with_history,
                                     Lookups* lookups) {
  Lookups own(*this);
  Lookups& l = lookups ? *lookups : own;
  StaffConcern s;
  s.concern = c;
  s.category = l.Category(tx, c.category_id).value_or(ConcernCategory{});
  s.unit_name = l.UnitName(tx, c.unit_id);
  s.organisation_name = l.OrganisationName(tx, c.organisation_id);
  s.may_manage = ManagesIn(caller, l.Ancestry(tx, c.unit_id));
  s.may_handle = s.may_manage || SpeaksFor(caller, c.organisation_id);
  for (ConcernAction a : StaffActions(c.status))
    if (IsManagerOnly(a) ? s.may_manage : s.may_handle) s.actions.push_back(a);
  // Name and contact only to those who handle it, and only when the resident allowed it (Nghị định 13/2023).
  s.contact_shown = c.contact_visible && s.may_handle;
  if (!s.contact_shown) {
    s.concern.reporter_name.reset();
    s.concern.reporter_contact.reset();
  }
  s.concern.pin_hash.clear();
  s.concern.submitter_key.clear();
  s.duplicate_of_code = l.Code(tx, c.duplicate_of);
  if (with_history) {
    s.events = concerns_.EventsOf(tx, c.id, false);
    for (const auto& e : s.events) {
      for (auto id : {e.organisation_id, e.to_organisation_id})
        if (auto name = l.OrganisationName(tx, id)) s.organisation_names[*id] = *name;
      // The draft answer is the last one saved since the concern was last resolved.
      if (e.kind == "draft") s.draft_answer = e.body;
      if (e.kind == ToString(ConcernAction::kResolve)) s.draft_answer.reset();
    }
    s.files = concerns_.FilesOf(tx, c.id);
    s.ratings = concerns_.RatingsOf(tx, c.id);
    for (const auto& d : concerns_.DuplicatesOf(tx, c.id)) s.duplicate_codes.push_back(d.code);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Creating

Result<SentConcern> ConcernService::Create(Tx& tx, const NewConcern& in, const std::vector<Prepared>& photos,
                                           const std::string& submitter_key, const Actor& actor,
                                           const std::string& actor_name, const std::optional<Caller>& staff) {
  const auto ancestry = repos_.territory->FindWithAncestors(tx, in.unit_id);
  if (ancestry.empty()) return UnitNotFound(in.unit_id).WithDetail("field", "unit_id");
  const TimePoint now = clock_.Now();
  if (!ancestry.front().ValidOn(Date::TodayInVietnam(now)))
    return MakeError(ErrorKind::kInvalidInput, "unit_not_current", "Đơn vị này không còn tồn tại (đã sáp nhập).",
                     "This unit no longer exists (it was merged).")
        .WithDetail("field", "unit_id");
  std::vector<int64_t> unit_ids;
  for (const auto& u : ancestry) unit_ids.push_back(u.id);
  auto cat = concerns_.FindCategoryByCode(tx, in.category_code);
  if (!cat || !cat->active || std::find(unit_ids.begin(), unit_ids.end(), cat->unit_id) == unit_ids.end())
    return CategoryNotFound(in.category_code);
  DANVAN_TRY(ValidateAnswers(*cat, in.attributes));
  if (staff && !MayManage(tx, *staff, in.unit_id)) return Forbidden();

  Concern c;
  c.pin_hash.clear();
  c.unit_id = in.unit_id;
  c.category_id = cat->id;
  c.urgency = cat->urgency;
  c.description = Trim(in.description);
  c.attributes = in.attributes;
  c.point = in.Point();
  c.address = Trim(in.address);
  c.reporter_name = NonEmpty(in.reporter_name);
  c.reporter_contact = NonEmpty(in.reporter_contact);
  c.contact_visible = in.contact_visible && (c.reporter_name || c.reporter_contact);
  c.channel = in.channel;
  c.batch_id = in.batch_id;
  c.submitter_key = submitter_key;
  c.is_demo = in.is_demo;
  c.created_at = c.updated_at = c.clock_started_at = FormatUtc(now);
  c.status = ConcernStatus::kNew;
  if (staff) {  // taken down by staff: received as it is written
    c.status = ConcernStatus::kReceived;
    c.received_at = c.created_at;
    c.received_on_time = true;
  }
  c.organisation_id = RouteOf(tx, c);
  CountDue(c, CalendarIn(tx));
  for (int attempt = 0; attempt < 8; ++attempt) {
    c.code = RandomCode();
    if (!concerns_.FindByCode(tx, c.code)) break;
  }
  const std::string pin = RandomPin();
  const std::string secret = concerns_.EnsureSecret(tx, "concern_origin_key", ToHex(RandomBytes(32)), c.created_at);
  c.pin_hash = Sha256Hex(secret + "|pin|" + c.code + "|" + pin);
  c.id = concerns_.Insert(tx, c);

  ConcernEvent sent;
  sent.concern_id = c.id;
  sent.kind = "sent";
  sent.is_public = true;
  sent.actor = actor.id;
  sent.actor_name = actor_name;
  sent.to_status = c.status;
  sent.to_organisation_id = c.organisation_id;
  sent.body = staff ? fmt::format("Cán bộ tiếp nhận ({}) / Taken down by staff ({})", ToString(c.channel),
                                  ToString(c.channel))
                    : "";
  sent.due_at = c.resolve_due_at;
  sent.at = c.created_at;
  const int64_t event_id = concerns_.InsertEvent(tx, sent);
  StoreFiles(tx, c.id, event_id, photos, c.created_at);
  audit_.Record(tx, actor,
                AuditEvent{"unit:" + std::to_string(c.unit_id), "concern", std::to_string(c.id), "create", std::nullopt,
                           AuditJson(c)});
  return SentConcern{c.code, pin, c.id};
}

Result<SentConcern> ConcernService::Send(const NewConcern& in, const Origin& origin) {
  if (!in.honeypot.empty())
    return MakeError(ErrorKind::kInvalidInput, "honeypot_filled",
                     "Chưa gửi được: ô \"Để trống ô này\" phải để trống. Nội dung bạn viết vẫn còn nguyên, hãy xoá ô đó "
                     "rồi gửi lại.",
                     "Not sent: the field \"Leave this empty\" must stay empty. What you wrote is kept; clear that "
                     "field and send again.")
        .WithDetail("field", "website");
  DANVAN_TRY(RequireLocation(in));
  const auto photos = DANVAN_TRY(PrepareFiles(in.photos, true, static_cast<size_t>(settings_.max_photos)));
  NewConcern input = in;
  input.channel = in.channel == ConcernChannel::kOpen311 ? ConcernChannel::kOpen311 : ConcernChannel::kWeb;
  input.batch_id.reset();
  return db_.Run<SentConcern>(TxMode::kWrite, [&](Tx& tx) -> Result<SentConcern> {
    const std::string key = KeyOf(tx, origin.remote);
    const TimePoint now = clock_.Now();
    const auto last_hour = concerns_.CountSentSince(tx, key, FormatUtc(now - hours(1)));
    const auto last_day = concerns_.CountSentSince(tx, key, FormatUtc(now - hours(24)));
    if (last_hour >= settings_.sent_per_hour || last_day >= settings_.sent_per_day) {
      const int64_t wait = last_hour >= settings_.sent_per_hour ? 3600 : 86400;
      return MakeError(ErrorKind::kTooManyRequests, "rate_limited",
                       "Bạn đã gửi nhiều phản ánh trong thời gian ngắn. Nội dung vẫn còn trên máy, hãy gửi lại sau "
                       "hoặc gọi đường dây nóng của phường.",
                       "You have sent many concerns in a short time. What you wrote is kept; send it later or call "
                       "the ward's hotline.")
          .WithDetail("retry_after_seconds", wait);
    }
    return Create(tx, input, photos, key, Actor{"resident", origin.request_id}, "Người dân / resident", std::nullopt);
  });
}

Result<SentConcern> ConcernService::Intake(const Caller& caller, const NewConcern& in) {
  if (in.channel != ConcernChannel::kPhone && in.channel != ConcernChannel::kWalkIn)
    return MakeError(ErrorKind::kInvalidInput, "invalid_channel", "Cán bộ tiếp nhận qua điện thoại hoặc trực tiếp.",
                     "Staff take concerns down by phone or in person.")
        .WithDetail("field", "channel");
  DANVAN_TRY(RequireLocation(in));
  const auto photos = DANVAN_TRY(PrepareFiles(in.photos, true, static_cast<size_t>(settings_.max_photos)));
  return db_.Run<SentConcern>(TxMode::kWrite, [&](Tx& tx) -> Result<SentConcern> {
    return Create(tx, in, photos, "", caller.actor(), caller.principal.display_name, caller);
  });
}

Result<std::pair<ConcernBatch, std::vector<SentConcern>>> ConcernService::CreateBatch(
    const Caller& caller, const ConcernBatch& batch_in, const std::vector<NewConcern>& items) {
  using R = std::pair<ConcernBatch, std::vector<SentConcern>>;
  ConcernBatch batch = batch_in;
  const Date held_on = DANVAN_TRY(Date::Parse(batch.held_on, "held_on"));
  batch.held_on = held_on.Iso();
  if (items.empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần ít nhất một ý kiến, kiến nghị.",
                     "A batch needs at least one concern.")
        .WithDetail("field", "concerns");
  // Each concern's photos are checked and re-encoded before anything is written, as Intake does.
  std::vector<std::vector<Prepared>> photos;
  for (size_t i = 0; i < items.size(); ++i) {
    if (auto st = RequireLocation(items[i]); !st) return std::move(st).error().WithDetail("index", static_cast<int64_t>(i));
    auto prepared = PrepareFiles(items[i].photos, true, static_cast<size_t>(settings_.max_photos));
    if (!prepared) return std::move(prepared).error().WithDetail("index", static_cast<int64_t>(i));
    photos.push_back(std::move(*prepared));
  }
  return db_.Run<R>(TxMode::kWrite, [&](Tx& tx) -> Result<R> {
    if (!repos_.territory->Find(tx, batch.unit_id)) return UnitNotFound(batch.unit_id).WithDetail("field", "unit_id");
    if (!MayManage(tx, caller, batch.unit_id)) return Forbidden();
    batch.created_by = caller.principal.ActorId();
    batch.created_at = FormatUtc(clock_.Now());
    batch.id = concerns_.InsertBatch(tx, batch);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(batch.unit_id), "concern_batch", std::to_string(batch.id),
                             "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"id", batch.id},
                                                                        {"kind", batch.kind},
                                                                        {"title", batch.title},
                                                                        {"held_on", batch.held_on},
                                                                        {"concerns", items.size()}})});
    std::vector<SentConcern> sent;
    for (size_t i = 0; i < items.size(); ++i) {
      NewConcern in = items[i];
      in.unit_id = in.unit_id ? in.unit_id : batch.unit_id;
      in.channel = ConcernChannel::kVotersMeeting;
      in.batch_id = batch.id;
      auto s = Create(tx, in, photos[i], "", caller.actor(), caller.principal.display_name, caller);
      if (!s) return std::move(s).error().WithDetail("index", static_cast<int64_t>(i));
      sent.push_back(*s);
    }
    return R{batch, sent};
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The public

Result<std::vector<ConcernCategory>> ConcernService::PublicCategories(int64_t unit_id) {
  return db_.Run<std::vector<ConcernCategory>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<ConcernCategory>> {
    const auto ancestry = repos_.territory->Ancestry(tx, unit_id);
    if (ancestry.empty()) return UnitNotFound(unit_id);
    return concerns_.CategoriesOf(tx, ancestry, true);
  });
}

Result<std::vector<PublicConcern>> ConcernService::Similar(const SimilarQuery& q) {
  return db_.Run<std::vector<PublicConcern>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<PublicConcern>> {
    const auto ancestry = repos_.territory->Ancestry(tx, q.unit_id);
    if (ancestry.empty()) return UnitNotFound(q.unit_id);
    auto cat = concerns_.FindCategoryByCode(tx, q.category_code);
    if (!cat || std::find(ancestry.begin(), ancestry.end(), cat->unit_id) == ancestry.end())
      return CategoryNotFound(q.category_code);
    const TimePoint now = clock_.Now();
    const SimilarityInput mine{cat->id, q.point, FoldForSearch(q.text), now};
    std::vector<std::pair<double, Concern>> scored;
    for (auto& c : concerns_.RecentOpen(tx, cat->id, FormatUtc(now - hours(24LL * settings_.similar_days)), 200)) {
      if (c.unit_id != q.unit_id || c.duplicate_of) continue;
      const SimilarityInput other{c.category_id, c.point, FoldForSearch(c.description + " " + c.address),
                                  InstantOf(c.created_at)};
      const double s = Similarity(mine, other, settings_.similar_radius_m);
      if (s >= 0.45) scored.emplace_back(s, std::move(c));
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<PublicConcern> out;
    Lookups lookups(*this);
    for (size_t i = 0; i < scored.size() && i < 5; ++i) out.push_back(PublicOf(tx, scored[i].second, &lookups));
    return out;
  });
}

Result<PublicConcern> ConcernService::PublicGet(const std::string& code) {
  return db_.Run<PublicConcern>(TxMode::kRead, [&](Tx& tx) -> Result<PublicConcern> {
    auto c = concerns_.FindByCode(tx, NormaliseCode(code));
    if (!c) return ConcernNotFound();
    auto v = ResidentOf(tx, *c, false);
    return v.concern;
  });
}

Result<Page<PublicConcern>> ConcernService::PublicList(const PublicListQuery& q) {
  return db_.Run<Page<PublicConcern>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<PublicConcern>> {
    ConcernQuery cq;
    if (q.unit_id) {
      if (!repos_.territory->Find(tx, *q.unit_id)) return UnitNotFound(*q.unit_id);
      cq.unit_id = q.unit_id;
    }
    if (!q.category_code.empty()) {
      auto cat = concerns_.FindCategoryByCode(tx, q.category_code);
      if (!cat) return CategoryNotFound(q.category_code);
      cq.category_id = cat->id;
    }
    for (const auto& code : q.category_codes) {
      auto cat = concerns_.FindCategoryByCode(tx, code);
      if (!cat) return CategoryNotFound(code);
      cq.category_ids.push_back(cat->id);
    }
    for (const auto& code : q.codes) {
      const std::string normal = NormaliseCode(code);
      // Only a well-formed code can match; the SQL takes the list as text, so nothing else goes in.
      if (normal.size() == 12 && std::all_of(normal.begin(), normal.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
          }))
        cq.codes.push_back(normal);
    }
    if (!q.codes.empty() && cq.codes.empty()) return Page<PublicConcern>{};
    cq.created_from = q.created_from;
    cq.created_to = q.created_to;
    if (q.open) {
      for (auto s : {ConcernStatus::kNew, ConcernStatus::kReceived, ConcernStatus::kAssigned, ConcernStatus::kInProgress,
                     ConcernStatus::kWaiting, ConcernStatus::kReopened, ConcernStatus::kResolved, ConcernStatus::kClosed,
                     ConcernStatus::kRejected, ConcernStatus::kOutOfScope, ConcernStatus::kDuplicate})
        if (PublicStatusOf(s).open == *q.open) cq.statuses.push_back(s);
    }
    cq.limit = q.limit;
    cq.offset = q.offset;
    auto page = concerns_.List(tx, cq);
    Page<PublicConcern> out;
    out.total = page.total;
    Lookups lookups(*this);
    std::vector<int64_t> shown;  // whose photos the public may see
    for (const auto& c : page.items) {
      out.items.push_back(PublicOf(tx, c, &lookups));
      if (!out.items.back().sensitive) shown.push_back(c.id);
    }
    const auto photos = concerns_.FirstPublicPhotos(tx, shown);
    for (size_t i = 0; i < page.items.size(); ++i)
      if (auto it = photos.find(page.items[i].id); it != photos.end()) out.items[i].first_photo_id = it->second;
    return out;
  });
}

Result<AdminUnit> ConcernService::Jurisdiction(const std::string& jurisdiction_id) {
  return db_.Run<AdminUnit>(TxMode::kRead, [&](Tx& tx) -> Result<AdminUnit> {
    const std::string wanted = Trim(jurisdiction_id);
    auto not_found = [&] {
      return MakeError(ErrorKind::kNotFound, "jurisdiction_not_found", "Không có đơn vị với mã jurisdiction_id này.",
                       "No unit has this jurisdiction_id.")
          .WithDetail("field", "jurisdiction_id");
    };
    if (wanted.empty()) {
      const auto units = concerns_.UnitsWithCategories(tx);
      if (units.size() != 1)
        return MakeError(ErrorKind::kInvalidInput, "jurisdiction_required",
                         "Cần jurisdiction_id: mã hoặc số hiệu của phường, xã tiếp nhận phản ánh.",
                         "jurisdiction_id is required: the code or id of the ward that takes the concerns.")
            .WithDetail("field", "jurisdiction_id");
      if (auto u = repos_.territory->Find(tx, units.front())) return *u;
      return not_found();
    }
    const Date today = Date::TodayInVietnam(clock_.Now());
    std::optional<AdminUnit> found;
    for (const auto id : concerns_.UnitIdsByCode(tx, wanted)) {
      auto u = repos_.territory->Find(tx, id);
      if (!u) continue;
      if (u->ValidOn(today)) return *u;
      if (!found) found = u;  // the latest to come into force, when none is in force today
    }
    if (found) return *found;
    if (!wanted.empty() && wanted.size() <= 18 && std::all_of(wanted.begin(), wanted.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        wanted.front() != '0')
      if (auto u = repos_.territory->Find(tx, std::stoll(wanted))) return *u;
    return not_found();
  });
}

Result<Concern> ConcernService::Unlock(Tx& tx, const std::string& code_in, const std::string& pin, bool for_update) {
  const std::string code = NormaliseCode(code_in);
  auto c = concerns_.FindByCode(tx, code);
  if (!c) return ConcernNotFound();
  const TimePoint now = clock_.Now();
  const std::string key = "concern_pin:" + code;
  auto t = repos_.accounts->FindThrottle(tx, key);
  if (t && t->locked_until && *t->locked_until > FormatUtc(now)) {
    const auto wait = std::chrono::duration_cast<std::chrono::seconds>(InstantOf(*t->locked_until) - now).count();
    return MakeError(ErrorKind::kTooManyRequests, "pin_locked",
                     "Nhập sai mã PIN nhiều lần. Hãy thử lại sau ít phút.",
                     "Too many wrong PINs. Try again in a few minutes.")
        .WithDetail("retry_after_seconds", std::max<int64_t>(1, wait));
  }
  const std::string secret = concerns_.EnsureSecret(tx, "concern_origin_key", ToHex(RandomBytes(32)), FormatUtc(now));
  if (Sha256Hex(secret + "|pin|" + c->code + "|" + Trim(pin)) != c->pin_hash) {
    ThrottleRecord r = t.value_or(ThrottleRecord{key, 0, FormatUtc(now), std::nullopt});
    r.failures += 1;
    r.last_failure = FormatUtc(now);
    if (r.failures >= settings_.pin_failures) {
      r.locked_until = FormatUtc(now + minutes(15));
      r.failures = 0;
    }
    repos_.accounts->SaveThrottle(tx, r);
    return MakeError(ErrorKind::kForbidden, "wrong_pin", "Mã PIN không đúng.", "Wrong PIN.").WithDetail("field", "pin");
  }
  if (t) repos_.accounts->ClearThrottle(tx, key);
  if (for_update) c = concerns_.FindForUpdate(tx, c->id);
  return *c;
}

namespace {

//! Runs a resident's step: a wrong PIN is counted (its transaction commits) and still answered as an error.
template <class Fn>
Result<ResidentView> ResidentStep(Database& db, Fn&& fn) {
  auto r = db.Run<Outcome<ResidentView>>(TxMode::kWrite, [&](Tx& tx) -> Result<Outcome<ResidentView>> {
    bool pin_failed = false;
    auto v = fn(tx, pin_failed);
    if (!v) {
      if (pin_failed) return Outcome<ResidentView>{std::nullopt, std::move(v).error()};
      return std::move(v).error();
    }
    return Outcome<ResidentView>{std::move(v).value(), std::nullopt};
  });
  if (!r) return std::move(r).error();
  if (r->error) return *r->error;
  return *r->value;
}

}  // namespace

Result<ResidentView> ConcernService::Follow(const std::string& code, const std::string& pin) {
  // Read only, but a wrong PIN is counted: a write transaction.
  return ResidentStep(db_, [&](Tx& tx, bool& pin_failed) -> Result<ResidentView> {
    auto c = Unlock(tx, code, pin, false);
    if (!c) {
      pin_failed = c.error().code == "wrong_pin";
      return std::move(c).error();
    }
    return ResidentOf(tx, *c, true);
  });
}


Result<ResidentView> ConcernService::AddInformation(const std::string& code, const std::string& pin,
                                                    const std::string& text, const std::vector<UploadedFile>& photos,
                                                    const Origin& origin) {
  const auto prepared = DANVAN_TRY(PrepareFiles(photos, true, static_cast<size_t>(settings_.max_photos)));
  return ResidentStep(db_, [&](Tx& tx, bool& pin_failed) -> Result<ResidentView> {
    auto unlocked = Unlock(tx, code, pin, true);
    if (!unlocked) {
      pin_failed = unlocked.error().code == "wrong_pin";
      return std::move(unlocked).error();
    }
    Concern c = *unlocked;
    if (!IsOpen(c.status)) return NotOpen();
    const std::string before = AuditJson(c);
    ConcernEvent e;
    e.kind = "info_added";
    e.is_public = true;
    e.actor = "resident";
    e.actor_name = "Người dân / resident";
    e.from_status = c.status;
    e.body = Trim(text);
    if (c.status == ConcernStatus::kWaiting) {  // the answer the unit waited for: the clock runs again
      const TimePoint now = clock_.Now();
      c.paused_minutes += WorkingMinutesBetween(CalendarIn(tx), InstantOf(*c.paused_since), now);
      c.paused_since.reset();
      c.status = ConcernStatus::kInProgress;
      CountDue(c, CalendarIn(tx));
    }
    e.to_status = c.status;
    e.due_at = c.resolve_due_at;
    const int64_t event_id = RecordEvent(tx, c, e, Actor{"resident", origin.request_id}, before);
    StoreFiles(tx, c.id, event_id, prepared, c.updated_at);
    return ResidentOf(tx, c, true);
  });
}

Result<ResidentView> ConcernService::Rate(const std::string& code, const std::string& pin, int stars,
                                          const std::string& comment, const Origin& origin) {
  return ResidentStep(db_, [&](Tx& tx, bool& pin_failed) -> Result<ResidentView> {
    auto unlocked = Unlock(tx, code, pin, true);
    if (!unlocked) {
      pin_failed = unlocked.error().code == "wrong_pin";
      return std::move(unlocked).error();
    }
    Concern c = *unlocked;
    if (c.status != ConcernStatus::kResolved && c.status != ConcernStatus::kClosed)
      return MakeError(ErrorKind::kInvalidTransition, "not_resolved", "Chỉ đánh giá được khi đã có kết quả trả lời.",
                       "Only an answered concern can be rated.");
    const std::string now = FormatUtc(clock_.Now());
    if (!concerns_.InsertRating(tx, c.id, c.resolutions, stars, Trim(comment), now))
      return MakeError(ErrorKind::kConflict, "already_rated", "Kết quả trả lời này đã được đánh giá.",
                       "This answer has already been rated.");
    const std::string before = AuditJson(c);
    ConcernEvent e;
    e.kind = "rated";
    e.is_public = true;
    e.actor = "resident";
    e.actor_name = "Người dân / resident";
    e.from_status = c.status;
    e.body = fmt::format("{}/5", stars);
    if (c.status == ConcernStatus::kResolved) {
      c.status = DANVAN_TRY(NextStatus(c.status, ConcernAction::kClose));
      c.closed_at = now;
    }
    e.to_status = c.status;
    RecordEvent(tx, c, e, Actor{"resident", origin.request_id}, before);
    return ResidentOf(tx, c, true);
  });
}

Result<ResidentView> ConcernService::Reopen(const std::string& code, const std::string& pin, const std::string& reason,
                                            const Origin& origin) {
  return ResidentStep(db_, [&](Tx& tx, bool& pin_failed) -> Result<ResidentView> {
    auto unlocked = Unlock(tx, code, pin, true);
    if (!unlocked) {
      pin_failed = unlocked.error().code == "wrong_pin";
      return std::move(unlocked).error();
    }
    Concern c = *unlocked;
    const auto next = DANVAN_TRY(NextStatus(c.status, ConcernAction::kReopen));
    const TimePoint now = clock_.Now();
    if (!c.resolved_at || now > InstantOf(*c.resolved_at) + hours(24LL * settings_.reopen_days))
      return MakeError(ErrorKind::kInvalidTransition, "reopen_window_passed",
                       fmt::format("Chỉ mở lại được trong {} ngày sau khi có kết quả trả lời; hãy gửi phản ánh mới.",
                                   settings_.reopen_days),
                       fmt::format("A concern can be reopened within {} days of its answer; send a new one.",
                                   settings_.reopen_days));
    const std::string before = AuditJson(c);
    ConcernEvent e;
    e.kind = "reopen";
    e.is_public = true;
    e.actor = "resident";
    e.actor_name = "Người dân / resident";
    e.from_status = c.status;
    e.organisation_id = c.organisation_id;
    e.body = Trim(reason);
    c.status = next;
    c.reopened_count += 1;
    c.clock_started_at = FormatUtc(now);
    c.paused_minutes = 0;
    c.paused_since.reset();
    c.resolved_at.reset();
    c.resolved_on_time.reset();
    c.answer.reset();
    c.assignee_user_id.reset();
    // A reopened concern must reach the unit: routed again, with a new resolving clock.
    c.organisation_id = RouteOf(tx, c).value_or(c.organisation_id.value_or(0));
    if (c.organisation_id == 0) c.organisation_id.reset();
    CountDue(c, CalendarIn(tx));
    e.to_status = c.status;
    e.to_organisation_id = c.organisation_id;
    e.due_at = c.resolve_due_at;
    RecordEvent(tx, c, e, Actor{"resident", origin.request_id}, before);
    return ResidentOf(tx, c, true);
  });
}

Result<PublicConcern> ConcernService::Support(const std::string& code, const Origin& origin) {
  return db_.Run<PublicConcern>(TxMode::kWrite, [&](Tx& tx) -> Result<PublicConcern> {
    auto found = concerns_.FindByCode(tx, NormaliseCode(code));
    if (!found) return ConcernNotFound();
    auto c = *concerns_.FindForUpdate(tx, found->id);
    if (!IsOpen(c.status)) return NotOpen();
    const std::string now = FormatUtc(clock_.Now());
    if (!concerns_.InsertSupporter(tx, c.id, KeyOf(tx, origin.remote), now))
      return MakeError(ErrorKind::kConflict, "already_supported", "Bạn đã ủng hộ phản ánh này.",
                       "You already support this concern.");
    const std::string before = AuditJson(c);
    c.supporters += 1;
    c.updated_at = now;
    concerns_.Update(tx, c);
    audit_.Record(tx, Actor{"resident", origin.request_id},
                  AuditEvent{"unit:" + std::to_string(c.unit_id), "concern", std::to_string(c.id), "support", before,
                             AuditJson(c)});
    return PublicOf(tx, c);
  });
}

Result<ConcernFile> ConcernService::PublicFile(const std::string& code, int64_t file_id, bool thumbnail) {
  return db_.Run<ConcernFile>(TxMode::kRead, [&](Tx& tx) -> Result<ConcernFile> {
    auto c = concerns_.FindByCode(tx, NormaliseCode(code));
    auto f = concerns_.FindFile(tx, file_id);
    const auto cat = c ? concerns_.FindCategory(tx, c->category_id) : std::nullopt;
    if (!c || !f || f->concern_id != c->id || !f->is_public || !cat || cat->sensitive)
      return MakeError(ErrorKind::kNotFound, "file_not_found", "Không tìm thấy tệp.", "No such file.");
    if (thumbnail) {
      if (!f->thumbnail) return MakeError(ErrorKind::kNotFound, "file_not_found", "Không tìm thấy tệp.", "No such file.");
      f->content = *f->thumbnail;
      f->media_type = "image/jpeg";
    }
    return *f;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Staff

Result<StaffConcern> ConcernService::Get(const Caller& caller, int64_t id) {
  return db_.Run<StaffConcern>(TxMode::kRead, [&](Tx& tx) -> Result<StaffConcern> {
    auto c = concerns_.Find(tx, id);
    if (!c || !MaySee(tx, caller, *c)) return ConcernNotFound();
    return StaffOf(tx, caller, *c, true);
  });
}

Result<Page<StaffConcern>> ConcernService::List(const Caller& caller, const StaffConcernQuery& q) {
  return db_.Run<Page<StaffConcern>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<StaffConcern>> {
    ConcernQuery cq;
    const bool admin = caller.principal.IsSystemAdmin();
    if (!admin) {
      cq.unit_roots = ScopeRoots(caller.principal, Permission::kViewUnitPrivate);
      std::optional<int64_t> member_org;
      for (const auto& g : caller.principal.grants)
        if (g.role == Role::kUnitMember && g.organisation_id) member_org = g.organisation_id;
      if (cq.unit_roots.empty()) return Forbidden();
      // A member who speaks for one organisation sees that organisation's queue unless it asks for another.
      if (member_org && !q.organisation_id &&
          ScopeRoots(caller.principal, Permission::kManageConcerns).empty())
        cq.organisation_id = member_org;
    }
    if (q.unit_id) {
      if (!admin && !Allows(caller.principal, Permission::kViewUnitPrivate, repos_.territory->Ancestry(tx, *q.unit_id)))
        return Forbidden();
      cq.unit_id = q.unit_id;
    }
    if (q.organisation_id) cq.organisation_id = q.organisation_id;
    cq.category_id = q.category_id;
    if (q.mine) cq.assignee_user_id = caller.principal.user_id;
    const TimePoint now = clock_.Now();
    const std::vector<ConcernStatus> open = {ConcernStatus::kNew,        ConcernStatus::kReceived,
                                             ConcernStatus::kAssigned,   ConcernStatus::kInProgress,
                                             ConcernStatus::kWaiting,    ConcernStatus::kReopened};
    if (q.queue == "open") {
      cq.statuses = open;
      cq.order = ConcernQuery::Order::kDueFirst;
    } else if (q.queue == "overdue") {
      cq.statuses = open;
      cq.due_before = FormatUtc(now);
      cq.order = ConcernQuery::Order::kDueFirst;
    } else if (q.queue == "due_soon") {  // within a working day's wall time: the next 24 hours
      cq.statuses = open;
      cq.due_before = FormatUtc(now + hours(24));
      cq.order = ConcernQuery::Order::kDueFirst;
    } else if (q.queue == "waiting") {
      cq.statuses = {ConcernStatus::kWaiting};
    } else if (q.queue == "closed") {
      cq.statuses = {ConcernStatus::kResolved, ConcernStatus::kClosed, ConcernStatus::kRejected,
                     ConcernStatus::kOutOfScope, ConcernStatus::kDuplicate};
    }
    cq.folded_text = FoldForSearch(q.text);
    cq.limit = q.limit;
    cq.offset = q.offset;
    auto page = concerns_.List(tx, cq);
    Page<StaffConcern> out;
    out.total = page.total;
    Lookups lookups(*this);
    for (const auto& c : page.items) out.items.push_back(StaffOf(tx, caller, c, false, &lookups));
    return out;
  });
}

Result<StaffConcern> ConcernService::Act(const Caller& caller, int64_t id, const ConcernStep& step) {
  std::vector<Prepared> evidence;
  if (step.action == ConcernAction::kResolve) {
    if (step.files.empty())
      return MakeError(ErrorKind::kInvalidInput, "evidence_required",
                       "Trả lời kết quả cần kèm minh chứng: ảnh hoặc văn bản.",
                       "An answer needs evidence: a photo or a document.")
          .WithDetail("field", "files");
    evidence = DANVAN_TRY(PrepareFiles(step.files, false, 10));
  }
  if (step.action == ConcernAction::kReopen || step.action == ConcernAction::kClose)
    return MakeError(ErrorKind::kInvalidInput, "resident_action", "Chỉ người phản ánh mới mở lại hoặc đánh giá.",
                     "Only the resident reopens or rates a concern.")
        .WithDetail("field", "action");
  return db_.Run<StaffConcern>(TxMode::kWrite, [&](Tx& tx) -> Result<StaffConcern> {
    auto found = concerns_.FindForUpdate(tx, id);
    if (!found || !MaySee(tx, caller, *found)) return ConcernNotFound();
    Concern c = *found;
    const bool manage = MayManage(tx, caller, c.unit_id);
    const bool handle = MayHandle(tx, caller, c);
    if (IsManagerOnly(step.action) ? !manage : !handle) return Forbidden();
    const auto next = DANVAN_TRY(NextStatus(c.status, step.action));
    const TimePoint now_t = clock_.Now();
    const std::string now = FormatUtc(now_t);
    const std::string before = AuditJson(c);
    const WorkCalendar cal = CalendarIn(tx);

    ConcernEvent e;
    e.kind = std::string(ToString(step.action));
    e.actor = caller.principal.ActorId();
    e.actor_name = caller.principal.display_name.empty() ? caller.principal.username : caller.principal.display_name;
    e.from_status = c.status;
    e.organisation_id = c.organisation_id;
    e.body = Trim(step.text);
    // On time or late, frozen at this step against the clock as it stood.
    e.due_at = c.resolve_due_at;
    if (c.resolve_due_at) e.on_time = now <= *c.resolve_due_at;

    if (!c.received_at) {  // any step of the unit acknowledges the concern
      c.received_at = now;
      c.received_on_time = now <= c.received_due_at;
    }
    if (c.status == ConcernStatus::kWaiting && c.paused_since) {
      c.paused_minutes += WorkingMinutesBetween(cal, InstantOf(*c.paused_since), now_t);
      c.paused_since.reset();
    }

    auto organisation_in_reach = [&](int64_t org_id) -> Result<Organisation> {
      auto o = repos_.organisations->Find(tx, org_id);
      const auto ancestry = repos_.territory->Ancestry(tx, c.unit_id);
      if (!o || std::find(ancestry.begin(), ancestry.end(), o->unit_id) == ancestry.end() ||
          !o->ValidOn(Date::TodayInVietnam(now_t)))
        return MakeError(ErrorKind::kInvalidInput, "organisation_not_available",
                         "Tổ chức này không thuộc đơn vị của phản ánh hoặc không còn hoạt động.",
                         "This organisation is not of the concern's unit, or no longer active.")
            .WithDetail("field", "organisation_id");
      return *o;
    };

    switch (step.action) {
      case ConcernAction::kReceive:
      case ConcernAction::kStart:
      case ConcernAction::kResume:
        e.is_public = true;
        break;
      case ConcernAction::kAssign: {
        const int64_t org = step.organisation_id.value_or(c.organisation_id.value_or(0));
        if (!org)
          return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần chọn tổ chức xử lý.",
                           "Choose the organisation that handles it.")
              .WithDetail("field", "organisation_id");
        DANVAN_TRY(organisation_in_reach(org));
        if (step.assignee_user_id) {
          auto u = repos_.accounts->FindUser(tx, *step.assignee_user_id);
          if (!u || !u->active)
            return MakeError(ErrorKind::kInvalidInput, "user_not_found", "Không tìm thấy cán bộ này.", "No such user.")
                .WithDetail("field", "assignee_user_id");
        }
        c.organisation_id = org;
        c.assignee_user_id = step.assignee_user_id;
        e.to_organisation_id = org;
        e.is_public = true;
        break;
      }
      case ConcernAction::kHandOver: {
        if (!step.organisation_id)
          return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần chọn tổ chức nhận chuyển.",
                           "Choose the organisation it is handed to.")
              .WithDetail("field", "organisation_id");
        if (step.organisation_id == c.organisation_id)
          return MakeError(ErrorKind::kInvalidInput, "hand_over_same_organisation",
                           "Phản ánh đang thuộc tổ chức này.", "The concern is already with this organisation.")
              .WithDetail("field", "organisation_id");
        DANVAN_TRY(organisation_in_reach(*step.organisation_id));
        // The resolving clock does not restart: the resident has waited since the concern was sent. The
        // organisation it passes to owns the clock from now on.
        c.organisation_id = step.organisation_id;
        c.assignee_user_id.reset();
        e.to_organisation_id = step.organisation_id;
        e.is_public = true;
        break;
      }
      case ConcernAction::kWait:
        c.paused_since = now;
        e.is_public = true;
        break;
      case ConcernAction::kResolve:
        c.resolutions += 1;
        c.resolved_at = now;
        c.resolved_on_time = c.resolve_due_at ? std::optional<bool>(now <= *c.resolve_due_at) : std::nullopt;
        c.answer = e.body;
        e.is_public = true;
        break;
      case ConcernAction::kReject: {
        if (!IsRejectionReason(step.reason_code)) {
          boost::json::array allowed;
          for (const auto& r : RejectionReasons()) allowed.push_back(boost::json::string(r.code));
          return MakeError(ErrorKind::kInvalidInput, "rejection_reason_required",
                           "Từ chối cần một lý do trong danh mục.", "A rejection needs one of the listed reasons.")
              .WithDetail("field", "reason_code")
              .WithDetail("allowed", std::move(allowed));
        }
        c.reason_code = step.reason_code;
        c.closed_at = now;
        e.is_public = true;
        break;
      }
      case ConcernAction::kOutOfScope: {
        const auto* ex = FindScopeExclusion(step.reason_code);
        if (!ex) {
          boost::json::array allowed;
          for (const auto& x : ScopeExclusions()) allowed.push_back(boost::json::string(x.code));
          return MakeError(ErrorKind::kInvalidInput, "scope_exclusion_required",
                           "Cần chọn loại nội dung không thuộc phạm vi (khiếu nại, tố cáo, bí mật nhà nước).",
                           "Choose what kind of matter it is (complaint, denunciation, state secret).")
              .WithDetail("field", "reason_code")
              .WithDetail("allowed", std::move(allowed));
        }
        c.reason_code = step.reason_code;
        c.closed_at = now;
        if (e.body.empty())
          e.body = fmt::format("{} ({}). {} / {}. {}", ex->label_vi, ex->legal_basis, ex->channel_vi, ex->label_en,
                               ex->channel_en);
        e.is_public = true;
        break;
      }
      case ConcernAction::kMarkDuplicate: {
        auto original = concerns_.FindByCode(tx, NormaliseCode(step.duplicate_of_code));
        // The one that carries on is the first of its chain.
        for (int guard = 0; original && original->duplicate_of && guard < 16; ++guard)
          original = concerns_.Find(tx, *original->duplicate_of);
        if (!original || original->id == c.id || original->unit_id != c.unit_id)
          return MakeError(ErrorKind::kInvalidInput, "duplicate_target_invalid",
                           "Phản ánh gốc phải là một phản ánh khác của cùng đơn vị.",
                           "The original must be another concern of the same unit.")
              .WithDetail("field", "duplicate_of_code");
        Concern o = *concerns_.FindForUpdate(tx, original->id);
        const std::string o_before = AuditJson(o);
        o.supporters += 1 + c.supporters;
        ConcernEvent link;
        link.kind = "duplicate_linked";
        link.is_public = true;
        link.actor = e.actor;
        link.actor_name = e.actor_name;
        link.body = fmt::format("Phản ánh {0} trùng nội dung, được xử lý chung tại đây. / Concern {0} is the same and is "
                                "handled here.",
                                c.code);
        RecordEvent(tx, o, link, caller.actor(), o_before);
        c.duplicate_of = o.id;
        c.closed_at = now;
        if (e.body.empty()) e.body = fmt::format("Trùng với phản ánh {0}. / Same as concern {0}.", o.code);
        e.is_public = true;
        break;
      }
      case ConcernAction::kReopen:
      case ConcernAction::kClose:
        return Forbidden();
    }
    c.status = next;
    CountDue(c, cal);
    e.to_status = c.status;
    const int64_t event_id = RecordEvent(tx, c, e, caller.actor(), before);
    StoreFiles(tx, c.id, event_id, evidence, now);
    return StaffOf(tx, caller, c, true);
  });
}

Result<StaffConcern> ConcernService::Comment(const Caller& caller, int64_t id, const std::string& text, bool is_public) {
  return Note(caller, id, is_public ? "update" : "note", text, is_public);
}

Result<StaffConcern> ConcernService::SaveDraft(const Caller& caller, int64_t id, const std::string& text) {
  return Note(caller, id, "draft", text, false);
}

Result<StaffConcern> ConcernService::Note(const Caller& caller, int64_t id, std::string_view kind, const std::string& text,
                                          bool is_public) {
  return db_.Run<StaffConcern>(TxMode::kWrite, [&](Tx& tx) -> Result<StaffConcern> {
    auto found = concerns_.FindForUpdate(tx, id);
    if (!found || !MaySee(tx, caller, *found)) return ConcernNotFound();
    if (!MayHandle(tx, caller, *found)) return Forbidden();
    // A draft answers an open concern; it is published by resolving.
    if (kind == "draft" && !IsOpen(found->status)) return NotOpen();
    Concern c = *found;
    const std::string before = AuditJson(c);
    ConcernEvent e;
    e.kind = std::string(kind);
    e.is_public = is_public;
    e.actor = caller.principal.ActorId();
    e.actor_name = caller.principal.display_name.empty() ? caller.principal.username : caller.principal.display_name;
    e.body = Trim(text);
    RecordEvent(tx, c, e, caller.actor(), before);
    return StaffOf(tx, caller, c, true);
  });
}

Result<StaffConcern> ConcernService::Recategorise(const Caller& caller, int64_t id, const std::string& code) {
  return db_.Run<StaffConcern>(TxMode::kWrite, [&](Tx& tx) -> Result<StaffConcern> {
    auto found = concerns_.FindForUpdate(tx, id);
    if (!found || !MaySee(tx, caller, *found)) return ConcernNotFound();
    if (!MayManage(tx, caller, found->unit_id)) return Forbidden();
    Concern c = *found;
    if (!IsOpen(c.status)) return NotOpen();
    const auto ancestry = repos_.territory->Ancestry(tx, c.unit_id);
    auto cat = concerns_.FindCategoryByCode(tx, code);
    if (!cat || !cat->active || std::find(ancestry.begin(), ancestry.end(), cat->unit_id) == ancestry.end())
      return CategoryNotFound(code);
    const std::string before = AuditJson(c);
    ConcernEvent e;
    e.kind = "recategorised";
    e.is_public = true;
    e.actor = caller.principal.ActorId();
    e.actor_name = caller.principal.display_name;
    e.from_status = e.to_status = c.status;
    e.organisation_id = c.organisation_id;
    e.body = fmt::format("Lĩnh vực / category: {}", cat->name);
    c.category_id = cat->id;
    c.urgency = cat->urgency;
    if (auto routed = RouteOf(tx, c); routed && routed != c.organisation_id) {
      c.organisation_id = routed;
      c.assignee_user_id.reset();
    }
    e.to_organisation_id = c.organisation_id;
    CountDue(c, CalendarIn(tx));
    e.due_at = c.resolve_due_at;
    RecordEvent(tx, c, e, caller.actor(), before);
    return StaffOf(tx, caller, c, true);
  });
}

Result<ConcernFile> ConcernService::StaffFile(const Caller& caller, int64_t id, int64_t file_id, bool thumbnail) {
  return db_.Run<ConcernFile>(TxMode::kRead, [&](Tx& tx) -> Result<ConcernFile> {
    auto c = concerns_.Find(tx, id);
    if (!c || !MaySee(tx, caller, *c)) return ConcernNotFound();
    auto f = concerns_.FindFile(tx, file_id);
    if (!f || f->concern_id != id || (thumbnail && !f->thumbnail))
      return MakeError(ErrorKind::kNotFound, "file_not_found", "Không tìm thấy tệp.", "No such file.");
    if (thumbnail) {
      f->content = *f->thumbnail;
      f->media_type = "image/jpeg";
    }
    return *f;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Categories, routing, templates

Result<std::vector<ConcernCategory>> ConcernService::Categories(const Caller& caller, int64_t unit_id) {
  return db_.Run<std::vector<ConcernCategory>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<ConcernCategory>> {
    const auto ancestry = repos_.territory->Ancestry(tx, unit_id);
    if (ancestry.empty()) return UnitNotFound(unit_id);
    if (!caller.principal.IsSystemAdmin() && !Allows(caller.principal, Permission::kViewUnitPrivate, ancestry))
      return Forbidden();
    return concerns_.CategoriesOf(tx, ancestry, false);
  });
}

Result<ConcernCategory> ConcernService::CreateCategory(const Caller& caller, ConcernCategory c) {
  c.name = Trim(c.name);
  DANVAN_TRY(ValidateCategory(c));
  return db_.Run<ConcernCategory>(TxMode::kWrite, [&](Tx& tx) -> Result<ConcernCategory> {
    if (!repos_.territory->Find(tx, c.unit_id)) return UnitNotFound(c.unit_id).WithDetail("field", "unit_id");
    if (!MayManage(tx, caller, c.unit_id)) return Forbidden();
    if (concerns_.FindCategoryByCode(tx, c.code))
      return MakeError(ErrorKind::kConflict, "category_code_taken", "Mã lĩnh vực này đã có.",
                       "This category code is taken.")
          .WithDetail("field", "code");
    if (c.default_organisation_id) {
      auto o = repos_.organisations->Find(tx, *c.default_organisation_id);
      const auto ancestry = repos_.territory->Ancestry(tx, c.unit_id);
      if (!o || std::find(ancestry.begin(), ancestry.end(), o->unit_id) == ancestry.end())
        return OrganisationNotFound(*c.default_organisation_id).WithDetail("field", "default_organisation_id");
    }
    c.created_at = c.updated_at = FormatUtc(clock_.Now());
    c.id = concerns_.InsertCategory(tx, c);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(c.unit_id), "concern_category", std::to_string(c.id), "create",
                             std::nullopt, CategoryJson(c)});
    return c;
  });
}

Result<ConcernCategory> ConcernService::UpdateCategory(const Caller& caller, int64_t id, ConcernCategory c) {
  c.name = Trim(c.name);
  return db_.Run<ConcernCategory>(TxMode::kWrite, [&](Tx& tx) -> Result<ConcernCategory> {
    auto old = concerns_.FindCategory(tx, id);
    if (!old)
      return MakeError(ErrorKind::kNotFound, "category_not_found", "Không tìm thấy lĩnh vực.", "No such category.");
    if (!MayManage(tx, caller, old->unit_id)) return Forbidden();
    // The code is what Open311 clients hold on to, and the unit whose residents choose it: neither changes. A
    // request may leave them out, or repeat them; a different value is refused rather than silently dropped.
    if (!c.code.empty() && c.code != old->code)
      return MakeError(ErrorKind::kInvalidInput, "category_code_fixed",
                       "Không đổi được mã lĩnh vực: ứng dụng Open311 dùng mã này. Hãy tạo lĩnh vực mới.",
                       "A category's code cannot change: Open311 clients use it. Create a new category instead.")
          .WithDetail("field", "code");
    if (c.unit_id != 0 && c.unit_id != old->unit_id)
      return MakeError(ErrorKind::kInvalidInput, "category_unit_fixed",
                       "Không chuyển được lĩnh vực sang đơn vị khác. Hãy tạo lĩnh vực ở đơn vị đó.",
                       "A category cannot move to another unit. Create it in that unit instead.")
          .WithDetail("field", "unit_id");
    c.id = id;
    c.unit_id = old->unit_id;
    c.code = old->code;
    c.created_at = old->created_at;
    c.updated_at = FormatUtc(clock_.Now());
    DANVAN_TRY(ValidateCategory(c));
    if (c.default_organisation_id) {
      auto o = repos_.organisations->Find(tx, *c.default_organisation_id);
      const auto ancestry = repos_.territory->Ancestry(tx, c.unit_id);
      if (!o || std::find(ancestry.begin(), ancestry.end(), o->unit_id) == ancestry.end())
        return OrganisationNotFound(*c.default_organisation_id).WithDetail("field", "default_organisation_id");
    }
    concerns_.UpdateCategory(tx, c);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(c.unit_id), "concern_category", std::to_string(c.id), "update",
                             CategoryJson(*old), CategoryJson(c)});
    return c;
  });
}

Result<std::vector<RoutingRule>> ConcernService::Rules(const Caller& caller, int64_t unit_id) {
  return db_.Run<std::vector<RoutingRule>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<RoutingRule>> {
    const auto ancestry = repos_.territory->Ancestry(tx, unit_id);
    if (ancestry.empty()) return UnitNotFound(unit_id);
    if (!caller.principal.IsSystemAdmin() && !Allows(caller.principal, Permission::kViewUnitPrivate, ancestry))
      return Forbidden();
    return concerns_.RulesOf(tx, {unit_id});
  });
}

Result<std::vector<RoutingRule>> ConcernService::ReplaceRules(const Caller& caller, int64_t unit_id,
                                                              std::vector<RoutingRule> rules) {
  for (size_t i = 0; i < rules.size(); ++i) {
    rules[i].unit_id = unit_id;
    rules[i].position = static_cast<int>(i + 1);
    if (!rules[i].area_polygon.empty() && rules[i].area_polygon.size() < 3)
      return MakeError(ErrorKind::kInvalidInput, "invalid_polygon", "Vùng cần ít nhất 3 điểm.",
                       "An area needs at least 3 points.")
          .WithDetail("field", "rules")
          .WithDetail("index", static_cast<int64_t>(i));
  }
  return db_.Run<std::vector<RoutingRule>>(TxMode::kWrite, [&](Tx& tx) -> Result<std::vector<RoutingRule>> {
    const auto ancestry = repos_.territory->Ancestry(tx, unit_id);
    if (ancestry.empty()) return UnitNotFound(unit_id);
    if (!MayManage(tx, caller, unit_id)) return Forbidden();
    for (size_t i = 0; i < rules.size(); ++i) {
      const auto& r = rules[i];
      auto o = repos_.organisations->Find(tx, r.organisation_id);
      if (!o) return OrganisationNotFound(r.organisation_id).WithDetail("index", static_cast<int64_t>(i));
      if (r.category_id && !concerns_.FindCategory(tx, *r.category_id))
        return MakeError(ErrorKind::kInvalidInput, "category_not_found", "Không tìm thấy lĩnh vực.", "No such category.")
            .WithDetail("field", "category_id")
            .WithDetail("index", static_cast<int64_t>(i));
      if (r.area_unit_id && !repos_.territory->Find(tx, *r.area_unit_id))
        return UnitNotFound(*r.area_unit_id).WithDetail("field", "area_unit_id").WithDetail("index", static_cast<int64_t>(i));
    }
    const auto old = concerns_.RulesOf(tx, {unit_id});
    concerns_.ReplaceRules(tx, unit_id, rules, FormatUtc(clock_.Now()));
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(unit_id), "concern_routing", std::to_string(unit_id), "replace",
                             boost::json::serialize(boost::json::object{{"rules", old.size()}}),
                             boost::json::serialize(boost::json::object{{"rules", rules.size()}})});
    return concerns_.RulesOf(tx, {unit_id});
  });
}

Result<std::vector<AnswerTemplate>> ConcernService::Templates(const Caller& caller, int64_t unit_id) {
  return db_.Run<std::vector<AnswerTemplate>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<AnswerTemplate>> {
    const auto ancestry = repos_.territory->Ancestry(tx, unit_id);
    if (ancestry.empty()) return UnitNotFound(unit_id);
    if (!caller.principal.IsSystemAdmin() && !Allows(caller.principal, Permission::kViewUnitPrivate, ancestry))
      return Forbidden();
    return concerns_.TemplatesOf(tx, ancestry);
  });
}

Result<AnswerTemplate> ConcernService::CreateTemplate(const Caller& caller, AnswerTemplate t) {
  t.title = Trim(t.title);
  t.body = Trim(t.body);
  return db_.Run<AnswerTemplate>(TxMode::kWrite, [&](Tx& tx) -> Result<AnswerTemplate> {
    if (!repos_.territory->Find(tx, t.unit_id)) return UnitNotFound(t.unit_id).WithDetail("field", "unit_id");
    if (!MayManage(tx, caller, t.unit_id)) return Forbidden();
    t.created_at = FormatUtc(clock_.Now());
    t.id = concerns_.InsertTemplate(tx, t);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"unit:" + std::to_string(t.unit_id), "answer_template", std::to_string(t.id), "create",
                             std::nullopt, boost::json::serialize(boost::json::object{{"id", t.id}, {"title", t.title}})});
    return t;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The working calendar

Result<CalendarView> ConcernService::Calendar() {
  return db_.Run<CalendarView>(TxMode::kRead, [&](Tx& tx) -> Result<CalendarView> {
    auto c = concerns_.CurrentCalendar(tx);
    if (c) return CalendarView{*c, true};
    return CalendarView{WorkCalendar::Default(), false};
  });
}

Result<CalendarView> ConcernService::SaveCalendar(const Caller& caller, WorkCalendar calendar, const std::string& note) {
  if (!caller.principal.IsSystemAdmin()) return Forbidden();
  std::sort(calendar.days.begin(), calendar.days.end(),
            [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
  DANVAN_TRY(ValidateCalendar(calendar));
  if (std::all_of(calendar.week.begin(), calendar.week.end(), [](const auto& w) { return w.empty(); }))
    return MakeError(ErrorKind::kInvalidInput, "calendar_without_hours", "Lịch làm việc cần ít nhất một buổi trong tuần.",
                     "A working calendar needs office hours on at least one weekday.")
        .WithDetail("field", "week");
  return db_.Run<CalendarView>(TxMode::kWrite, [&](Tx& tx) -> Result<CalendarView> {
    const auto old = concerns_.CurrentCalendar(tx);
    const std::string now = FormatUtc(clock_.Now());
    calendar.version = concerns_.InsertCalendar(tx, calendar, Trim(note), caller.principal.ActorId(), now);
    // Every open concern's due times are counted again with the new version (its record of lateness so far stays).
    int64_t recounted = 0;
    for (int64_t id : concerns_.OpenIds(tx)) {
      auto c = concerns_.FindForUpdate(tx, id);
      if (!c) continue;
      const std::string before = AuditJson(*c);
      CountDue(*c, calendar);
      c->updated_at = now;
      concerns_.Update(tx, *c);
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"unit:" + std::to_string(c->unit_id), "concern", std::to_string(c->id), "recount_due",
                               before, AuditJson(*c)});
      ++recounted;
    }
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "work_calendar", std::to_string(calendar.version), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{
                                 {"version", calendar.version},
                                 {"previous", old ? boost::json::value(old->version) : nullptr},
                                 {"days", calendar.days.size()},
                                 {"recounted", recounted}})});
    return CalendarView{calendar, true};
  });
}

Result<SweepReport> ConcernService::Sweep() {
  return db_.Run<SweepReport>(TxMode::kWrite, [&](Tx& tx) -> Result<SweepReport> {
    SweepReport report;
    const TimePoint now = clock_.Now();
    const std::string limit = FormatUtc(now - hours(24LL * settings_.close_after_days));
    ConcernQuery q;
    q.statuses = {ConcernStatus::kResolved};
    q.limit = 500;
    std::vector<Concern> due;  // read first: closing takes them out of the list being paged
    for (int64_t offset = 0;; offset += q.limit) {
      q.offset = offset;
      auto page = concerns_.List(tx, q);
      for (auto& c : page.items)
        if (c.resolved_at && *c.resolved_at <= limit) due.push_back(std::move(c));
      if (static_cast<int64_t>(page.items.size()) < q.limit) break;
    }
    {
      for (auto c : due) {
        const std::string before = AuditJson(c);
        c.status = DANVAN_TRY(NextStatus(c.status, ConcernAction::kClose));
        c.closed_at = FormatUtc(now);
        ConcernEvent e;
        e.kind = "close";
        e.is_public = true;
        e.actor = "system";
        e.actor_name = "danvan";
        e.from_status = ConcernStatus::kResolved;
        e.to_status = c.status;
        e.body = fmt::format("Đóng sau {0} ngày không có đánh giá. / Closed after {0} days without a rating.",
                             settings_.close_after_days);
        RecordEvent(tx, c, e, Actor{"system", ""}, before);
        ++report.closed;
      }
    }
    return report;
  });
}

}  // namespace danvan
