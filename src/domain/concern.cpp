#include "domain/concern.hpp"

#include "domain/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace danvan {
namespace {

constexpr ConcernStatus kStatuses[] = {
    ConcernStatus::kNew,      ConcernStatus::kReceived,   ConcernStatus::kAssigned, ConcernStatus::kInProgress,
    ConcernStatus::kWaiting,  ConcernStatus::kResolved,   ConcernStatus::kRejected, ConcernStatus::kOutOfScope,
    ConcernStatus::kReopened, ConcernStatus::kClosed,     ConcernStatus::kDuplicate};

constexpr ConcernAction kActions[] = {
    ConcernAction::kReceive, ConcernAction::kAssign,     ConcernAction::kHandOver, ConcernAction::kStart,
    ConcernAction::kWait,    ConcernAction::kResume,     ConcernAction::kResolve,  ConcernAction::kReject,
    ConcernAction::kOutOfScope, ConcernAction::kReopen,  ConcernAction::kClose,    ConcernAction::kMarkDuplicate};

std::string_view StatusVi(ConcernStatus s) {
  switch (s) {
    case ConcernStatus::kNew: return "mới gửi";
    case ConcernStatus::kReceived: return "đã tiếp nhận";
    case ConcernStatus::kAssigned: return "đã giao xử lý";
    case ConcernStatus::kInProgress: return "đang xử lý";
    case ConcernStatus::kWaiting: return "đang chờ người phản ánh";
    case ConcernStatus::kResolved: return "đã xử lý";
    case ConcernStatus::kRejected: return "đã từ chối";
    case ConcernStatus::kOutOfScope: return "không thuộc phạm vi";
    case ConcernStatus::kReopened: return "đã mở lại";
    case ConcernStatus::kClosed: return "đã đóng";
    case ConcernStatus::kDuplicate: return "trùng phản ánh khác";
  }
  return "";
}

std::string_view ActionVi(ConcernAction a) {
  switch (a) {
    case ConcernAction::kReceive: return "tiếp nhận";
    case ConcernAction::kAssign: return "giao xử lý";
    case ConcernAction::kHandOver: return "chuyển đơn vị";
    case ConcernAction::kStart: return "bắt đầu xử lý";
    case ConcernAction::kWait: return "đề nghị bổ sung thông tin";
    case ConcernAction::kResume: return "tiếp tục xử lý";
    case ConcernAction::kResolve: return "trả lời kết quả";
    case ConcernAction::kReject: return "từ chối";
    case ConcernAction::kOutOfScope: return "chuyển kênh khác";
    case ConcernAction::kReopen: return "mở lại";
    case ConcernAction::kClose: return "đóng";
    case ConcernAction::kMarkDuplicate: return "đánh dấu trùng";
  }
  return "";
}

bool OneOf(ConcernStatus s, std::initializer_list<ConcernStatus> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::set<std::string> Words(const std::string& folded) {
  std::set<std::string> words;
  std::istringstream in(folded);
  for (std::string w; in >> w;)
    if (w.size() >= 2) words.insert(w);
  return words;
}

}  // namespace

std::string_view ToString(Urgency u) {
  switch (u) {
    case Urgency::kUrgent: return "urgent";
    case Urgency::kComplex: return "complex";
    case Urgency::kNormal: return "normal";
  }
  return "normal";
}

std::optional<Urgency> ParseUrgency(std::string_view s) {
  static constexpr Urgency kAll[] = {Urgency::kUrgent, Urgency::kComplex, Urgency::kNormal};
  return ParseEnum(s, kAll);
}

std::string_view ToString(ConcernStatus s) {
  switch (s) {
    case ConcernStatus::kNew: return "new";
    case ConcernStatus::kReceived: return "received";
    case ConcernStatus::kAssigned: return "assigned";
    case ConcernStatus::kInProgress: return "in_progress";
    case ConcernStatus::kWaiting: return "waiting";
    case ConcernStatus::kResolved: return "resolved";
    case ConcernStatus::kRejected: return "rejected";
    case ConcernStatus::kOutOfScope: return "out_of_scope";
    case ConcernStatus::kReopened: return "reopened";
    case ConcernStatus::kClosed: return "closed";
    case ConcernStatus::kDuplicate: return "duplicate";
  }
  return "new";
}

std::optional<ConcernStatus> ParseConcernStatus(std::string_view s) { return ParseEnum(s, kStatuses); }

bool IsOpen(ConcernStatus s) {
  return OneOf(s, {ConcernStatus::kNew, ConcernStatus::kReceived, ConcernStatus::kAssigned, ConcernStatus::kInProgress,
                   ConcernStatus::kWaiting, ConcernStatus::kReopened});
}

std::string_view ToString(ConcernAction a) {
  switch (a) {
    case ConcernAction::kReceive: return "receive";
    case ConcernAction::kAssign: return "assign";
    case ConcernAction::kHandOver: return "hand_over";
    case ConcernAction::kStart: return "start";
    case ConcernAction::kWait: return "wait";
    case ConcernAction::kResume: return "resume";
    case ConcernAction::kResolve: return "resolve";
    case ConcernAction::kReject: return "reject";
    case ConcernAction::kOutOfScope: return "out_of_scope";
    case ConcernAction::kReopen: return "reopen";
    case ConcernAction::kClose: return "close";
    case ConcernAction::kMarkDuplicate: return "mark_duplicate";
  }
  return "receive";
}

std::optional<ConcernAction> ParseConcernAction(std::string_view s) { return ParseEnum(s, kActions); }

Result<ConcernStatus> NextStatus(ConcernStatus from, ConcernAction action) {
  using S = ConcernStatus;
  std::optional<S> to;
  switch (action) {
    case ConcernAction::kReceive:
      if (from == S::kNew) to = S::kReceived;
      break;
    case ConcernAction::kAssign:
      if (OneOf(from, {S::kNew, S::kReceived, S::kAssigned, S::kReopened})) to = S::kAssigned;
      if (from == S::kInProgress) to = S::kInProgress;  // another person of the same organisation takes it over
      break;
    case ConcernAction::kHandOver:
      if (OneOf(from, {S::kNew, S::kReceived, S::kAssigned, S::kInProgress, S::kReopened})) to = S::kAssigned;
      break;
    case ConcernAction::kStart:
      if (OneOf(from, {S::kNew, S::kReceived, S::kAssigned, S::kReopened})) to = S::kInProgress;
      break;
    case ConcernAction::kWait:
      if (OneOf(from, {S::kReceived, S::kAssigned, S::kInProgress, S::kReopened})) to = S::kWaiting;
      break;
    case ConcernAction::kResume:
      if (from == S::kWaiting) to = S::kInProgress;
      break;
    case ConcernAction::kResolve:
      if (OneOf(from, {S::kNew, S::kReceived, S::kAssigned, S::kInProgress, S::kReopened})) to = S::kResolved;
      break;
    case ConcernAction::kReject:
      if (IsOpen(from)) to = S::kRejected;
      break;
    case ConcernAction::kOutOfScope:
      if (IsOpen(from)) to = S::kOutOfScope;
      break;
    case ConcernAction::kReopen:
      if (from == S::kResolved) to = S::kReopened;
      break;
    case ConcernAction::kClose:
      if (from == S::kResolved) to = S::kClosed;
      break;
    case ConcernAction::kMarkDuplicate:
      if (IsOpen(from)) to = S::kDuplicate;
      break;
  }
  if (to) return *to;
  return MakeError(ErrorKind::kInvalidTransition, "invalid_transition",
                   fmt::format("Không thể {} một phản ánh {}.", ActionVi(action), StatusVi(from)),
                   fmt::format("Cannot {} a concern that is {}.", ToString(action), ToString(from)))
      .WithDetail("from", boost::json::string(ToString(from)))
      .WithDetail("action", boost::json::string(ToString(action)));
}

bool IsManagerOnly(ConcernAction action) {
  return action == ConcernAction::kAssign || action == ConcernAction::kReject || action == ConcernAction::kOutOfScope ||
         action == ConcernAction::kMarkDuplicate;
}

std::vector<ConcernAction> StaffActions(ConcernStatus from) {
  using A = ConcernAction;
  std::vector<ConcernAction> out;
  for (A a : {A::kReceive, A::kAssign, A::kHandOver, A::kStart, A::kWait, A::kResume, A::kResolve, A::kReject,
              A::kOutOfScope, A::kMarkDuplicate})
    if (NextStatus(from, a).ok()) out.push_back(a);
  return out;
}

PublicStatus PublicStatusOf(ConcernStatus s) {
  switch (s) {
    case ConcernStatus::kNew: return {true, "submitted", "Đã gửi, chờ tiếp nhận", "Sent, waiting to be received"};
    case ConcernStatus::kReceived: return {true, "received", "Đã tiếp nhận", "Received"};
    case ConcernStatus::kAssigned:
      return {true, "assigned", "Đã chuyển đơn vị xử lý", "Passed to the organisation that handles it"};
    case ConcernStatus::kInProgress: return {true, "in_progress", "Đang xử lý", "Being handled"};
    case ConcernStatus::kWaiting:
      return {true, "waiting_for_resident", "Chờ người phản ánh bổ sung thông tin", "Waiting for more information"};
    case ConcernStatus::kReopened: return {true, "reopened", "Đã mở lại, đang xử lý", "Reopened, being handled"};
    case ConcernStatus::kResolved: return {false, "resolved", "Đã xử lý, có kết quả trả lời", "Resolved, answered"};
    case ConcernStatus::kClosed: return {false, "closed", "Đã xử lý xong", "Resolved and closed"};
    case ConcernStatus::kRejected: return {false, "rejected", "Không được tiếp nhận xử lý", "Not taken up"};
    case ConcernStatus::kOutOfScope:
      return {false, "wrong_channel", "Không thuộc phạm vi: đã hướng dẫn kênh phù hợp",
              "Not for this channel: the right one was named"};
    case ConcernStatus::kDuplicate:
      return {false, "duplicate", "Trùng với phản ánh khác, được xử lý chung", "Same as another concern, handled there"};
  }
  return {true, "submitted", "", ""};
}

const std::vector<RejectionReason>& RejectionReasons() {
  static const std::vector<RejectionReason> kReasons = {
      {"insufficient_information", "Không đủ thông tin để xác minh", "Not enough information to verify"},
      {"not_found_on_site", "Kiểm tra thực tế không thấy sự việc như phản ánh", "Not found as described on site"},
      {"already_resolved", "Sự việc đã được giải quyết trước đó", "Already resolved before"},
      {"inappropriate_content", "Nội dung xúc phạm, quảng cáo hoặc không liên quan",
       "Offensive, advertising or unrelated content"},
      {"outside_territory", "Sự việc không thuộc địa bàn", "Not in this unit's territory"},
  };
  return kReasons;
}

bool IsRejectionReason(std::string_view code) {
  const auto& all = RejectionReasons();
  return std::any_of(all.begin(), all.end(), [&](const RejectionReason& r) { return r.code == code; });
}

const std::vector<ScopeExclusion>& ScopeExclusions() {
  static const std::vector<ScopeExclusion> kExclusions = {
      {"complaint", "Khiếu nại", "Complaint (khiếu nại)", "Luật Khiếu nại 2011",
       "Gửi đơn khiếu nại đến cơ quan có thẩm quyền giải quyết hoặc bộ phận tiếp công dân của UBND.",
       "File a complaint with the competent body or the People's Committee's citizen reception office."},
      {"denunciation", "Tố cáo", "Denunciation (tố cáo)", "Luật Tố cáo 2018",
       "Gửi đơn tố cáo đến cơ quan, người có thẩm quyền giải quyết tố cáo theo Luật Tố cáo.",
       "File a denunciation with the body or person competent to settle it under the Law on Denunciations."},
      {"state_secret", "Nội dung thuộc bí mật nhà nước", "A state secret",
       "Luật Bảo vệ bí mật nhà nước 2018",
       "Liên hệ trực tiếp cơ quan có thẩm quyền; không gửi nội dung này qua kênh công khai.",
       "Contact the competent body in person; never send such content through a public channel."},
  };
  return kExclusions;
}

const ScopeExclusion* FindScopeExclusion(std::string_view code) {
  for (const auto& e : ScopeExclusions())
    if (e.code == code) return &e;
  return nullptr;
}

Status ValidateCategory(const ConcernCategory& c) {
  if (c.code.empty() || c.code.size() > 40 ||
      !std::all_of(c.code.begin(), c.code.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
      }))
    return InvalidField("invalid_category_code", "Mã lĩnh vực chỉ gồm chữ thường không dấu, số, '_' và '-' (tối đa 40).",
                        "A category code is lower-case ASCII letters, digits, '_' and '-' (at most 40).", "code");
  std::set<std::string> codes;
  for (const auto& a : c.attributes) {
    static const std::set<std::string> kTypes = {"string", "number", "datetime", "text", "singlevaluelist",
                                                 "multivaluelist"};
    if (!kTypes.count(a.datatype))
      return InvalidField("invalid_attribute", "Kiểu câu hỏi phải là một kiểu của Open311.",
                          "An attribute's datatype must be one of Open311's.", "attributes")
          .WithDetail("code", boost::json::string(a.code));
    if (a.code.empty() || !codes.insert(a.code).second)
      return InvalidField("invalid_attribute", "Mỗi câu hỏi cần một mã riêng.", "Every attribute needs a code of its own.",
                          "attributes")
          .WithDetail("code", boost::json::string(a.code));
    const bool list = a.datatype == "singlevaluelist" || a.datatype == "multivaluelist";
    if (list != !a.values.empty())
      return InvalidField("invalid_attribute", "Chỉ câu hỏi dạng danh sách có các lựa chọn, và phải có ít nhất một.",
                          "Only list attributes have values, and they need at least one.", "attributes")
          .WithDetail("code", boost::json::string(a.code));
  }
  return OkStatus();
}

Status ValidateAnswers(const ConcernCategory& c,
                       const std::vector<std::pair<std::string, std::vector<std::string>>>& answers) {
  auto bad = [](const std::string& code, std::string vi, std::string en) {
    return InvalidField("invalid_attribute_value", std::move(vi), std::move(en), "attributes")
        .WithDetail("code", boost::json::string(code));
  };
  for (const auto& [code, values] : answers) {
    const auto it = std::find_if(c.attributes.begin(), c.attributes.end(),
                                 [&](const CategoryAttribute& a) { return a.code == code && a.variable; });
    if (it == c.attributes.end())
      return bad(code, fmt::format("Lĩnh vực này không có câu hỏi \"{}\".", code),
                 fmt::format("This category has no attribute \"{}\".", code));
    if (values.size() > 1 && it->datatype != "multivaluelist")
      return bad(code, "Câu hỏi này chỉ nhận một câu trả lời.", "This attribute takes one answer.");
    for (const auto& v : values) {
      if (it->datatype == "number") {
        char* end = nullptr;
        errno = 0;
        const double d = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0' || errno != 0 || !std::isfinite(d))
          return bad(code, "Câu trả lời phải là một số.", "The answer must be a number.");
      }
      if (it->datatype == "singlevaluelist" || it->datatype == "multivaluelist") {
        if (std::none_of(it->values.begin(), it->values.end(), [&](const auto& kv) { return kv.first == v; }))
          return bad(code, "Câu trả lời không có trong danh sách lựa chọn.", "The answer is not one of the values.");
      }
    }
  }
  for (const auto& a : c.attributes) {
    if (!a.required || !a.variable) continue;
    const auto it = std::find_if(answers.begin(), answers.end(), [&](const auto& kv) { return kv.first == a.code; });
    const bool empty = it == answers.end() || it->second.empty() ||
                       std::all_of(it->second.begin(), it->second.end(), [](const std::string& v) { return v.empty(); });
    if (empty)
      return bad(a.code, fmt::format("Cần trả lời câu hỏi \"{}\".", a.description),
                 fmt::format("The attribute \"{}\" is required.", a.code));
  }
  return OkStatus();
}

bool InsidePolygon(const GeoPoint& p, const std::vector<GeoPoint>& ring) {
  bool inside = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const auto& a = ring[i];
    const auto& b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
      inside = !inside;
  }
  return inside;
}

double DistanceMetres(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kEarth = 6371000.0;
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarth * std::asin(std::min(1.0, std::sqrt(h)));
}

std::optional<RoutingRule> Route(const std::vector<RoutingRule>& rules, const RoutingInput& input) {
  std::vector<const RoutingRule*> ordered;
  for (const auto& r : rules)
    if (r.active) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const RoutingRule* a, const RoutingRule* b) { return a->position < b->position; });
  for (const RoutingRule* r : ordered) {
    if (r->category_id && *r->category_id != input.category_id) continue;
    if (r->area_unit_id && std::find(input.unit_ancestry.begin(), input.unit_ancestry.end(), *r->area_unit_id) ==
                               input.unit_ancestry.end())
      continue;
    if (!r->area_polygon.empty() && (!input.point || !InsidePolygon(*input.point, r->area_polygon))) continue;
    return *r;
  }
  return std::nullopt;
}

double Similarity(const SimilarityInput& a, const SimilarityInput& b, double radius_m) {
  if (a.category_id != b.category_id) return 0;
  double place = 0;
  if (a.point && b.point) place = std::max(0.0, 1.0 - DistanceMetres(*a.point, *b.point) / radius_m);
  const double days = std::abs(std::chrono::duration<double>(a.at - b.at).count()) / 86400.0;
  const double recency = std::max(0.0, 1.0 - days / 30.0);
  const auto wa = Words(a.folded_text), wb = Words(b.folded_text);
  double text = 0;
  if (!wa.empty() && !wb.empty()) {
    size_t common = 0;
    for (const auto& w : wa) common += wb.count(w);
    text = static_cast<double>(common) / static_cast<double>(wa.size() + wb.size() - common);
  }
  return 0.45 * place + 0.2 * recency + 0.35 * text;
}

GeoPoint PublicLocation(const GeoPoint& p, bool sensitive) {
  const double scale = sensitive ? 100.0 : 10000.0;
  return {std::round(p.lat * scale) / scale, std::round(p.lon * scale) / scale};
}

}  // namespace danvan

namespace danvan {

std::string_view ToString(ConcernChannel c) {
  switch (c) {
    case ConcernChannel::kWeb: return "web";
    case ConcernChannel::kOpen311: return "open311";
    case ConcernChannel::kPhone: return "phone";
    case ConcernChannel::kWalkIn: return "walk_in";
    case ConcernChannel::kVotersMeeting: return "voters_meeting";
  }
  return "web";
}

std::optional<ConcernChannel> ParseConcernChannel(std::string_view s) {
  static constexpr ConcernChannel kAll[] = {ConcernChannel::kWeb, ConcernChannel::kOpen311, ConcernChannel::kPhone,
                                            ConcernChannel::kWalkIn, ConcernChannel::kVotersMeeting};
  return ParseEnum(s, kAll);
}

}  // namespace danvan
