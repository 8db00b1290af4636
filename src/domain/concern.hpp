#pragma once
//! Residents' concerns (phản ánh, kiến nghị): categories, routing, the lifecycle, its two clocks, duplicates and
//! what the public may see. Pure rules; services/concerns.cpp does the I/O.

#include "core/error.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! How soon a concern must be resolved (QĐ 1207/QĐ-UBND of Hà Nội: khẩn, phức tạp, bình thường).
enum class Urgency { kUrgent, kComplex, kNormal };
std::string_view ToString(Urgency u);
std::optional<Urgency> ParseUrgency(std::string_view s);

enum class ConcernStatus {
  kNew,         //!< sent, nobody has acknowledged it yet
  kReceived,    //!< acknowledged by the unit: the receiving clock stops
  kAssigned,    //!< an organisation (and maybe a person) owns it
  kInProgress,  //!< being handled
  kWaiting,     //!< waiting for the resident: the resolving clock pauses
  kResolved,    //!< answered with evidence
  kRejected,    //!< refused for a listed reason
  kOutOfScope,  //!< not a concern for this channel (complaints, denunciations, state secrets): the right channel named
  kReopened,    //!< the resident was not satisfied: back to its organisation
  kClosed,      //!< rated, or resolved long enough ago
  kDuplicate,   //!< the same as another concern, which carries on; kept and linked, never deleted
};
std::string_view ToString(ConcernStatus s);
std::optional<ConcernStatus> ParseConcernStatus(std::string_view s);
//! Statuses still in someone's hands (the clocks run or pause).
bool IsOpen(ConcernStatus s);

//! What staff, residents and the system do to a concern.
enum class ConcernAction {
  kReceive,     //!< staff: acknowledge
  kAssign,      //!< staff: give it to an organisation (and a person) of the unit
  kHandOver,    //!< staff: pass it to another organisation (the Front to the committee, or back)
  kStart,       //!< staff: begin the work
  kWait,        //!< staff: ask the resident for more (the clock pauses)
  kResume,      //!< the resident answered, or staff resume: the clock runs again
  kResolve,     //!< staff: answer with evidence
  kReject,      //!< staff: refuse with a listed reason
  kOutOfScope,  //!< staff: wrong channel, with the legal pointer and the right channel
  kReopen,      //!< the resident: not resolved after all
  kClose,       //!< the resident's rating, or the days after resolution have passed
  kMarkDuplicate,  //!< staff: the same as another concern
};
std::string_view ToString(ConcernAction a);
std::optional<ConcernAction> ParseConcernAction(std::string_view s);

//! The status a concern reaches by `action` from `from`, or kInvalidTransition naming both.
Result<ConcernStatus> NextStatus(ConcernStatus from, ConcernAction action);

//! Whether only those who manage the unit's concerns may take `action` (assign, reject, out of scope, duplicate);
//! the other staff actions are open to the members of the organisation that handles the concern too.
bool IsManagerOnly(ConcernAction action);

//! The staff actions NextStatus allows from `from`, in the enum's order: what a concern page offers. The resident's
//! own actions (reopen, close) are never among them.
std::vector<ConcernAction> StaffActions(ConcernStatus from);

//! The status the public sees (Open311: open | closed) with words that never call a forwarded or refused concern
//! fixed.
struct PublicStatus {
  bool open = true;
  std::string code;  //!< "received", "in_progress", "resolved", "wrong_channel", "rejected", "duplicate", …
  std::string label_vi;
  std::string label_en;
};
PublicStatus PublicStatusOf(ConcernStatus s);

//! Why a concern may be rejected: a listed reason only.
struct RejectionReason {
  std::string code;
  std::string label_vi;
  std::string label_en;
};
const std::vector<RejectionReason>& RejectionReasons();
bool IsRejectionReason(std::string_view code);

//! What kind of matter this channel does not take, and where it goes instead.
struct ScopeExclusion {
  std::string code;  //!< complaint | denunciation | state_secret | court
  std::string label_vi;
  std::string label_en;
  std::string legal_basis;    //!< the pointer shown with it
  std::string channel_vi;     //!< the right channel, in words
  std::string channel_en;
};
const std::vector<ScopeExclusion>& ScopeExclusions();
const ScopeExclusion* FindScopeExclusion(std::string_view code);

// ---- Categories and routing ----

//! An extra question of a category, as Open311 describes service attributes.
struct CategoryAttribute {
  std::string code;
  std::string datatype;  //!< string | number | datetime | text | singlevaluelist | multivaluelist
  bool required = false;
  bool variable = true;  //!< false: an information line only, nothing to answer
  std::string description;  //!< the question
  std::string datatype_description;
  int order = 0;
  std::vector<std::pair<std::string, std::string>> values;  //!< key, name (the two list types)
};

struct ConcernCategory {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string code;  //!< Open311 service_code; unique
  std::string name;
  std::string description;
  std::string group;  //!< Open311 group, e.g. "Môi trường"
  std::vector<std::string> keywords;
  std::optional<int64_t> default_organisation_id;
  Urgency urgency = Urgency::kNormal;
  bool sensitive = false;  //!< public map: location coarse, text hidden
  bool active = true;
  std::vector<CategoryAttribute> attributes;
  std::string created_at;
  std::string updated_at;
};

//! Checks a category's fields and its attributes (codes unique, list types have values, …).
Status ValidateCategory(const ConcernCategory& c);

//! Checks a resident's answers against a category's attributes: required ones present, numbers numeric, list
//! values among the keys, multi-values only for multivaluelist. Answers are code → values (one value, or several
//! for multivaluelist).
Status ValidateAnswers(const ConcernCategory& c, const std::vector<std::pair<std::string, std::vector<std::string>>>& answers);

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

//! Whether the point lies inside the polygon (a ring of points, closed or not; even-odd rule).
bool InsidePolygon(const GeoPoint& p, const std::vector<GeoPoint>& ring);
//! Great-circle distance in metres.
double DistanceMetres(const GeoPoint& a, const GeoPoint& b);

//! A routing rule: category × area → organisation. Rules are tried in `position` order; the first that matches wins.
struct RoutingRule {
  int64_t id = 0;
  int64_t unit_id = 0;                   //!< the unit whose rules these are
  int position = 0;
  std::optional<int64_t> category_id;    //!< absent: every category
  std::optional<int64_t> area_unit_id;   //!< the concern's unit must lie in this unit's subtree
  std::vector<GeoPoint> area_polygon;    //!< or the concern's point inside this polygon; empty: anywhere
  int64_t organisation_id = 0;
  bool active = true;
};

//! What routing needs to know about a concern.
struct RoutingInput {
  int64_t category_id = 0;
  std::vector<int64_t> unit_ancestry;  //!< the concern's unit, then its parents
  std::optional<GeoPoint> point;
};

//! The first active rule (in position order) that matches; nullopt when none does (then the category's default).
std::optional<RoutingRule> Route(const std::vector<RoutingRule>& rules, const RoutingInput& input);

// ---- Duplicates ----

struct SimilarityInput {
  int64_t category_id = 0;
  std::optional<GeoPoint> point;
  std::string folded_text;  //!< FoldForSearch of the description and address
  TimePoint at;
};

//! 0 … 1: how likely two concerns are the same (same category, near, recent, similar words); 0 when the categories
//! differ. `radius_m` is where nearness ends.
double Similarity(const SimilarityInput& a, const SimilarityInput& b, double radius_m = 300);

//! Rounds a location for the public: ~11 m (4 decimals) normally, ~1.1 km (2 decimals) for sensitive categories.
GeoPoint PublicLocation(const GeoPoint& p, bool sensitive);

}  // namespace danvan

namespace danvan {

//! A resident's answer to a category's extra question: its code and value(s).
using AttributeAnswers = std::vector<std::pair<std::string, std::vector<std::string>>>;

//! How a concern came in.
enum class ConcernChannel { kWeb, kOpen311, kPhone, kWalkIn, kVotersMeeting };
std::string_view ToString(ConcernChannel c);
std::optional<ConcernChannel> ParseConcernChannel(std::string_view s);

//! A concern as stored. Instants are UTC text (FormatUtc), compared as text.
struct Concern {
  int64_t id = 0;
  std::string code;      //!< the tracking code the resident holds, e.g. "PA-7K3M-9QXD"
  std::string pin_hash;  //!< of the PIN given with it
  int64_t unit_id = 0;   //!< the unit whose territory it concerns
  int64_t category_id = 0;
  std::optional<int64_t> organisation_id;   //!< who owns it (and its clock) now
  std::optional<int64_t> assignee_user_id;  //!< the person of that organisation, if named
  ConcernStatus status = ConcernStatus::kNew;
  Urgency urgency = Urgency::kNormal;
  std::string description;
  AttributeAnswers attributes;
  std::optional<GeoPoint> point;
  std::string address;
  std::optional<std::string> reporter_name;
  std::optional<std::string> reporter_contact;
  bool contact_visible = false;  //!< the resident lets the staff who handle it see name and contact
  ConcernChannel channel = ConcernChannel::kWeb;
  std::optional<int64_t> batch_id;
  std::optional<int64_t> duplicate_of;
  int64_t supporters = 0;
  std::string submitter_key;  //!< keyed hash of where it was sent from (rate limits); never shown
  int64_t calendar_version = 0;
  std::string clock_started_at;  //!< when the clocks started: sent, or reopened
  std::string received_due_at;
  std::optional<std::string> received_at;
  std::optional<bool> received_on_time;
  std::optional<std::string> resolve_due_at;  //!< absent while paused
  std::optional<std::string> paused_since;
  int64_t paused_minutes = 0;  //!< working minutes spent waiting for the resident since the clock started
  std::optional<std::string> resolved_at;
  std::optional<bool> resolved_on_time;
  int resolutions = 0;  //!< times resolved: one rating each
  std::optional<std::string> answer;       //!< the published answer of the last resolution
  std::optional<std::string> reason_code;  //!< rejection reason or scope exclusion
  std::optional<std::string> closed_at;
  int reopened_count = 0;
  bool is_demo = false;
  std::string created_at;
  std::string updated_at;
};

//! One step in a concern's history. Public ones make the resident's timeline.
struct ConcernEvent {
  int64_t id = 0;
  int64_t concern_id = 0;
  std::string kind;  //!< an action's name, or "sent", "note", "update", "info_added", "supported", "rated", "recategorised", "duplicate_linked"
  bool is_public = false;
  std::string actor;       //!< "user:42", "resident", "system"
  std::string actor_name;  //!< shown to staff; the public sees the organisation only
  std::optional<ConcernStatus> from_status;
  std::optional<ConcernStatus> to_status;
  std::optional<int64_t> organisation_id;     //!< the owner before
  std::optional<int64_t> to_organisation_id;  //!< the owner after (hand-over, assignment): who owns the clock
  std::string body;
  std::optional<std::string> due_at;  //!< the resolving clock's due time at this step
  std::optional<bool> on_time;        //!< frozen at this step: was the clock met
  std::string at;
};

struct ConcernFile {
  int64_t id = 0;
  int64_t concern_id = 0;
  std::optional<int64_t> event_id;
  std::string file_name;
  std::string media_type;
  int64_t size_bytes = 0;
  std::string content;  //!< the bytes (stored base64, as movement_repository.cpp does); empty when listed
  std::optional<std::string> thumbnail;  //!< the bytes of a photo's JPEG thumbnail
  std::optional<int> width, height;
  bool is_public = true;
  std::string created_at;
};

struct ConcernBatch {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string kind = "voters_meeting";  //!< voters_meeting | dialogue | other
  std::string title;
  std::string held_on;  //!< ISO date
  std::string place;
  std::string minutes;
  std::string created_by;
  std::string created_at;
};

struct AnswerTemplate {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string title;
  std::string body;
  std::string created_at;
};

}  // namespace danvan
