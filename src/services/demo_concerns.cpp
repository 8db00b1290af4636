#include "services/demo_concerns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace danvan {
namespace {

// ---- photos ----

// The demo's photos are drawn here: the services do not link an image library (the documents module does, and
// re-encodes whatever is sent), so a small PNG is written by hand: stored (uncompressed) deflate blocks.
uint32_t Crc32(const std::string& bytes, uint32_t crc = 0xFFFFFFFFu) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc;
}

void PutBigEndian(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void PutChunk(std::string& png, const char* type, const std::string& data) {
  PutBigEndian(png, static_cast<uint32_t>(data.size()));
  std::string typed = std::string(type, 4) + data;
  png += typed;
  PutBigEndian(png, Crc32(typed) ^ 0xFFFFFFFFu);
}

//! A street scene of 160 × 120: sky, house fronts, the pavement, the road and something on it; `seed` changes
//! the colours and the place of the thing, `after` clears it (the evidence of a resolution).
std::string DemoPhoto(int seed, bool after = false) {
  constexpr int kWidth = 160, kHeight = 120;
  static constexpr std::array<std::array<unsigned char, 3>, 5> kFronts = {
      {{{214, 180, 106}}, {{196, 120, 92}}, {{230, 222, 200}}, {{160, 178, 150}}, {{200, 160, 170}}}};
  const int thing_x = 30 + (seed * 37) % 100;
  std::string raw;
  raw.reserve(kHeight * (1 + kWidth * 3));
  for (int y = 0; y < kHeight; ++y) {
    raw.push_back(0);  // filter: none
    for (int x = 0; x < kWidth; ++x) {
      std::array<int, 3> c{};
      if (y < 38) {
        c = {150 + y, 190 + y, 235};
      } else if (y < 84) {
        const auto& f = kFronts[static_cast<size_t>((x / 27 + seed) % 5)];
        c = {f[0], f[1], f[2]};
        if ((x % 27) > 6 && (x % 27) < 20 && ((y - 38) % 15) > 4 && ((y - 38) % 15) < 11) c = {70, 80, 95};  // windows
      } else if (y < 92) {
        c = {190, 182, 168};  // pavement
      } else {
        c = {96, 98, 102};  // road
        if (y == 105 && (x / 10) % 2 == 0) c = {235, 235, 235};
      }
      const int dx = x - thing_x, dy = y - 90;
      if (!after && dx * dx / 4 + dy * dy < 60) c = {110 + seed % 40, 84, 52};
      for (int v : c) raw.push_back(static_cast<char>(std::clamp(v, 0, 255)));
    }
  }
  // zlib: header, stored blocks of at most 65535 bytes, Adler-32 of the raw bytes.
  std::string z = {'\x78', '\x01'};
  for (size_t at = 0; at < raw.size(); at += 65535) {
    const size_t n = std::min<size_t>(65535, raw.size() - at);
    z.push_back(at + n == raw.size() ? 1 : 0);
    const auto len = static_cast<uint16_t>(n), nlen = static_cast<uint16_t>(~len);
    for (uint16_t v : {len, nlen}) {
      z.push_back(static_cast<char>(v & 0xFF));
      z.push_back(static_cast<char>(v >> 8));
    }
    z.append(raw, at, n);
  }
  uint32_t a = 1, b = 0;
  for (unsigned char ch : raw) {
    a = (a + ch) % 65521;
    b = (b + a) % 65521;
  }
  PutBigEndian(z, (b << 16) | a);

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  PutBigEndian(header, kWidth);
  PutBigEndian(header, kHeight);
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, no filter set, not interlaced
  PutChunk(png, "IHDR", header);
  PutChunk(png, "IDAT", z);
  PutChunk(png, "IEND", "");
  return png;
}

// ---- the story ----

struct Place {
  const char* address;
  double lat;
  double lon;
};

// Streets of the old phường Lý Thái Tổ, all in phường Hoàn Kiếm since 01/07/2025, and a few of the new ward.
constexpr Place kHangTre{"Đầu phố Hàng Tre (điểm tập kết rác)", 21.0298, 105.8556};
constexpr Place kLyThaiToGarden{"Vườn hoa Lý Thái Tổ, phố Lý Thái Tổ", 21.0268, 105.8538};
constexpr Place kHangKhay{"Phố Hàng Khay (đoạn từ Đinh Tiên Hoàng đến Bà Triệu)", 21.0250, 105.8518};
constexpr Place kLoSu{"Phố Lò Sũ", 21.0296, 105.8538};
constexpr Place kHangVoi{"Ngõ phố Hàng Vôi, gần số 20", 21.0295, 105.8565};
constexpr Place kDinhLe{"Ngã tư Đinh Tiên Hoàng – Đinh Lễ", 21.0262, 105.8528};
constexpr Place kLeLai{"Trước số 12 phố Lê Lai", 21.0272, 105.8547};
constexpr Place kNgoQuyen{"Phố Ngô Quyền, trước nhà văn hóa tổ dân phố số 2", 21.0262, 105.8558};
constexpr Place kTrangTien{"Phố Tràng Tiền, đoạn gần phố Hàng Bài", 21.0247, 105.8533};
constexpr Place kHangBai{"Phố Hàng Bài, đoạn giao với phố Hàng Khay", 21.0238, 105.8523};
constexpr Place kBaTrieu{"Ngõ phố Bà Triệu, gần phố Hàng Khay", 21.0236, 105.8502};
constexpr Place kHangKhayDrain{"Đầu phố Hàng Khay, gần phố Đinh Tiên Hoàng", 21.0252, 105.8526};
constexpr Place kDinhTienHoang{"Phố Đinh Tiên Hoàng, bờ đông hồ Hoàn Kiếm", 21.0290, 105.8528};
constexpr Place kLeThaiTo{"Phố Lê Thái Tổ, đoạn gần Nhà Thủy Tạ", 21.0296, 105.8508};
constexpr Place kHangKhay5{"Trước số 5 phố Hàng Khay", 21.0249, 105.8512};
constexpr Place kTrangTien8{"Trước số 8 phố Tràng Tiền", 21.0246, 105.8545};
constexpr Place kLyThaiToStreet{"Phố Lý Thái Tổ, trước Cung Văn hóa Hữu nghị Việt – Xô", 21.0255, 105.8552};
constexpr Place kHangTreAlley{"Ngõ phố Hàng Tre", 21.0301, 105.8551};

// The clock of the story, in Vietnam's time (+07:00).
class StoryClock final : public Clock {
 public:
  TimePoint Now() const override { return now_; }
  void At(int y, unsigned m, unsigned d, int hour, int minute = 0) {
    now_ = Date::FromYmd(y, m, d).days() + std::chrono::hours(hour - 7) + std::chrono::minutes(minute);
  }

 private:
  TimePoint now_;
};

class Story {
 public:
  explicit Story(Services& s)
      : service_(s.db, s.repos, *s.concern_repo, s.audit, clock_, s.concerns.settings()), staff_(CommandLineCaller()) {}

  ConcernService& service() { return service_; }
  const Caller& staff() const { return staff_; }
  void At(int y, unsigned m, unsigned d, int hour, int minute = 0) { clock_.At(y, m, d, hour, minute); }
  void StaffName(const char* name) { staff_.principal.display_name = name; }

  static NewConcern Item(int64_t unit, const std::string& category, const char* text, const Place& place) {
    NewConcern n;
    n.unit_id = unit;
    n.category_code = category;
    n.description = text;
    n.address = place.address;
    n.latitude = place.lat;
    n.longitude = place.lon;
    n.is_demo = true;
    return n;
  }

  //! Sent by a resident from the public form, from an address of its own (the rate limits count per address).
  Result<SentConcern> Send(NewConcern n, int photo = -1) {
    if (photo >= 0) n.photos.push_back(UploadedFile{"anh-hien-truong.png", DemoPhoto(photo), true});
    return service_.Send(n, Resident());
  }

  Result<SentConcern> Intake(NewConcern n, ConcernChannel channel, const char* name, const char* contact) {
    n.channel = channel;
    n.reporter_name = name;
    n.reporter_contact = contact;
    n.contact_visible = true;
    return service_.Intake(staff_, n);
  }

  Status Do(const SentConcern& s, ConcernAction action, const std::string& text = "",
            std::optional<int64_t> organisation = std::nullopt, const std::string& reason = "") {
    ConcernStep step;
    step.action = action;
    step.text = text;
    step.organisation_id = organisation;
    step.reason_code = reason;
    DANVAN_TRY(service_.Act(staff_, s.id, step));
    return OkStatus();
  }

  Status Resolve(const SentConcern& s, const std::string& answer, int photo) {
    ConcernStep step;
    step.action = ConcernAction::kResolve;
    step.text = answer;
    step.files.push_back(UploadedFile{"anh-sau-xu-ly.png", DemoPhoto(photo, true), true});
    DANVAN_TRY(service_.Act(staff_, s.id, step));
    return OkStatus();
  }

  Status Duplicate(const SentConcern& twin, const SentConcern& original) {
    ConcernStep step;
    step.action = ConcernAction::kMarkDuplicate;
    step.duplicate_of_code = original.code;
    DANVAN_TRY(service_.Act(staff_, twin.id, step));
    return OkStatus();
  }

  Status Note(const SentConcern& s, const std::string& text, bool is_public) {
    DANVAN_TRY(service_.Comment(staff_, s.id, text, is_public));
    return OkStatus();
  }

  Status Rate(const SentConcern& s, int stars, const std::string& comment) {
    DANVAN_TRY(service_.Rate(s.code, s.pin, stars, comment, Resident()));
    return OkStatus();
  }

  Status Reopen(const SentConcern& s, const std::string& reason) {
    DANVAN_TRY(service_.Reopen(s.code, s.pin, reason, Resident()));
    return OkStatus();
  }

  Status AddInformation(const SentConcern& s, const std::string& text, int photo) {
    std::vector<UploadedFile> photos = {UploadedFile{"anh-bo-sung.png", DemoPhoto(photo), true}};
    DANVAN_TRY(service_.AddInformation(s.code, s.pin, text, photos, Resident()));
    return OkStatus();
  }

  Status Support(const SentConcern& s) {
    DANVAN_TRY(service_.Support(s.code, Resident()));
    return OkStatus();
  }

 private:
  Origin Resident() { return Origin{fmt::format("demo-resident-{}", ++residents_), "demo"}; }

  StoryClock clock_;
  ConcernService service_;
  Caller staff_;
  int residents_ = 0;
};

struct WardSetup {
  int64_t unit = 0;
  int64_t committee = 0;
  int64_t front = 0;
  int64_t police = 0;
  std::string prefix;  // of the category codes: codes are unique across units
};

std::string Code(const WardSetup& w, const char* category) { return w.prefix + "-" + category; }

// The categories of a ward and the routing rules that send them to the committee, the Front or the police. In
// phường Hoàn Kiếm, order on the pavements around the lake (the walking-street area) goes to the ward police.
Status SetUpWard(Story& story, const WardSetup& w, bool lake_rule) {
  struct CategorySeed {
    const char* code;
    const char* name;
    const char* group;
    const char* description;
    std::vector<std::string> keywords;
    Urgency urgency;
    bool sensitive;
    int64_t organisation;
    std::vector<CategoryAttribute> attributes;
  };
  const std::vector<CategorySeed> seeds = {
      {"ve-sinh-moi-truong", "Vệ sinh môi trường", "Môi trường",
       "Rác thải, phế thải, điểm tập kết rác, mùi hôi, vệ sinh đường phố.", {"rác", "phế thải", "mùi hôi", "vệ sinh"},
       Urgency::kNormal, false, w.committee,
       {CategoryAttribute{"loai_rac", "singlevaluelist", false, true, "Loại rác, phế thải", "", 1,
                          {{"sinh_hoat", "Rác sinh hoạt"}, {"xay_dung", "Phế thải xây dựng"},
                           {"cong_kenh", "Đồ cồng kềnh"}, {"khac", "Khác"}}}}},
      {"trat-tu-do-thi", "Trật tự đô thị, lấn chiếm vỉa hè", "Đô thị",
       "Lấn chiếm vỉa hè, lòng đường; đỗ xe sai quy định; biển quảng cáo.", {"vỉa hè", "lấn chiếm", "đỗ xe"},
       Urgency::kNormal, false, w.committee,
       {CategoryAttribute{"hinh_thuc", "singlevaluelist", false, true, "Hình thức vi phạm", "", 1,
                          {{"buon_ban", "Bày bán hàng"}, {"do_xe", "Đỗ, để xe"}, {"quang_cao", "Biển quảng cáo"}}}}},
      {"chieu-sang", "Chiếu sáng công cộng", "Hạ tầng", "Đèn đường, đèn ngõ, đèn trang trí hỏng hoặc bật tắt sai giờ.",
       {"đèn", "chiếu sáng", "tối"}, Urgency::kNormal, false, w.committee, {}},
      {"ha-tang", "Hạ tầng – đường, cống", "Hạ tầng", "Vỉa hè, mặt đường hư hỏng; nắp hố ga; cống thoát nước, ngập úng.",
       {"cống", "ngập", "hố ga", "ổ gà"}, Urgency::kComplex, false, w.committee, {}},
      {"an-ninh-trat-tu", "An ninh trật tự", "An ninh",
       "Tụ tập gây rối, trộm cắp, nẹt pô. Nội dung không hiện công khai; trường hợp khẩn cấp gọi 113.",
       {"an ninh", "gây rối", "trộm"}, Urgency::kUrgent, true, w.police, {}},
      {"de-nghi-khac", "Đề nghị khác", "Khác", "Đề nghị, kiến nghị khác của người dân.", {}, Urgency::kNormal, false,
       w.front, {}},
  };
  std::map<std::string, int64_t> ids;
  for (const auto& s : seeds) {
    ConcernCategory c;
    c.unit_id = w.unit;
    c.code = Code(w, s.code);
    c.name = s.name;
    c.group = s.group;
    c.description = s.description;
    c.keywords = s.keywords;
    c.urgency = s.urgency;
    c.sensitive = s.sensitive;
    c.default_organisation_id = s.organisation;
    c.attributes = s.attributes;
    ids[s.code] = DANVAN_TRY(story.service().CreateCategory(story.staff(), c)).id;
  }
  std::vector<RoutingRule> rules;
  if (lake_rule) {
    RoutingRule lake;
    lake.category_id = ids.at("trat-tu-do-thi");
    lake.area_polygon = {{21.0255, 105.8505}, {21.0255, 105.8545}, {21.0322, 105.8545}, {21.0322, 105.8505}};
    lake.organisation_id = w.police;
    rules.push_back(lake);
  }
  for (const auto& s : seeds) {
    RoutingRule r;
    r.category_id = ids.at(s.code);
    r.organisation_id = s.organisation;
    rules.push_back(r);
  }
  DANVAN_TRY(story.service().ReplaceRules(story.staff(), w.unit, rules));
  return OkStatus();
}

WorkCalendar CalendarWithHolidays(WorkCalendar calendar, int year) {
  for (const auto& h : ProposeHolidays(year)) calendar.days.push_back(CalendarDay{h.date, h.kind, h.name_vi, {}});
  return calendar;
}

// Lý Thái Tổ, 2022: every concern reached its end; on the way they went through every status.
Status Story2022(Story& s, const WardSetup& w) {
  s.StaffName("Bộ phận tiếp nhận phường Lý Thái Tổ (dữ liệu mẫu)");
  const auto vs = Code(w, "ve-sinh-moi-truong"), tt = Code(w, "trat-tu-do-thi"), cs = Code(w, "chieu-sang"),
             ht = Code(w, "ha-tang"), an = Code(w, "an-ninh-trat-tu"), khac = Code(w, "de-nghi-khac");

  // Sent on the Friday before Tết: the receiving clock stops over the holidays, and still runs out.
  s.At(2022, 1, 28, 16, 30);
  auto tet = Story::Item(w.unit, vs, "Rác thải sinh hoạt dồn ứ cạnh điểm tập kết đầu phố Hàng Tre mấy ngày cận Tết, bốc "
                                     "mùi, tràn xuống lòng đường.", kHangTre);
  tet.attributes = {{"loai_rac", {"sinh_hoat"}}};
  const auto a = DANVAN_TRY(s.Send(tet, 1));
  s.At(2022, 2, 8, 9);
  DANVAN_TRY(s.Do(a, ConcernAction::kReceive));
  s.At(2022, 2, 8, 9, 10);
  DANVAN_TRY(s.Do(a, ConcernAction::kAssign, "Giao UBND phường (tổ vệ sinh môi trường).", w.committee));
  s.At(2022, 2, 8, 14);
  DANVAN_TRY(s.Do(a, ConcernAction::kStart));
  s.At(2022, 2, 9, 10);
  DANVAN_TRY(s.Resolve(a, "Ngày 09/02/2022, tổ vệ sinh môi trường phường phối hợp Xí nghiệp Môi trường đô thị Hoàn Kiếm "
                          "thu gom toàn bộ rác tồn đọng, phun chế phẩm khử mùi. Đề nghị các hộ dân đổ rác đúng giờ "
                          "(18h30–20h30).", 1));
  s.At(2022, 2, 10, 8);
  DANVAN_TRY(s.Rate(a, 5, "Phường xử lý nhanh, cảm ơn các anh chị."));

  // A suggestion to the Front, handed over to the committee that manages the garden.
  s.At(2022, 3, 14, 8, 45);
  const auto b = DANVAN_TRY(s.Send(Story::Item(w.unit, khac, "Đề nghị sửa lại ghế đá bị gãy và bố trí thêm thùng rác "
                                                            "trong vườn hoa Lý Thái Tổ; buổi sáng người cao tuổi tập "
                                                            "thể dục đông.", kLyThaiToGarden)));
  s.At(2022, 3, 14, 10);
  DANVAN_TRY(s.Do(b, ConcernAction::kReceive));
  s.At(2022, 3, 15, 9);
  DANVAN_TRY(s.Do(b, ConcernAction::kHandOver, "Vườn hoa do UBND phường quản lý: Ủy ban MTTQ phường chuyển UBND phường "
                                               "giải quyết và giám sát kết quả.", w.committee));
  s.At(2022, 3, 16, 9);
  DANVAN_TRY(s.Do(b, ConcernAction::kStart));
  s.At(2022, 3, 17, 15);
  DANVAN_TRY(s.Note(b, "UBND phường đã đề nghị Công ty TNHH MTV Công viên cây xanh Hà Nội thay ghế đá.", true));
  s.At(2022, 3, 22, 10);
  DANVAN_TRY(s.Resolve(b, "Đã thay 03 ghế đá và đặt thêm 04 thùng rác trong vườn hoa Lý Thái Tổ.", 2));
  s.At(2022, 3, 23, 9);
  DANVAN_TRY(s.Rate(b, 4, "Đã sửa, nhưng hơi chậm."));

  // The voters' meeting before the district council's mid-year session: three concerns taken down together.
  s.StaffName("Thư ký hội nghị tiếp xúc cử tri (dữ liệu mẫu)");
  s.At(2022, 6, 23, 9);
  ConcernBatch meeting;
  meeting.unit_id = w.unit;
  meeting.kind = "voters_meeting";
  meeting.title = "Hội nghị tiếp xúc cử tri của đại biểu HĐND quận Hoàn Kiếm với cử tri phường Lý Thái Tổ trước kỳ họp "
                  "giữa năm 2022";
  meeting.held_on = "22/06/2022";
  meeting.place = "Nhà văn hóa tổ dân phố số 3, phố Hàng Vôi";
  meeting.minutes = "Biên bản hội nghị tiếp xúc cử tri ngày 22/06/2022 (dữ liệu mẫu): 86 cử tri dự; 7 ý kiến phát "
                    "biểu. Các ý kiến thuộc thẩm quyền của phường được ghi nhận và chuyển xử lý; ý kiến thuộc thẩm quyền "
                    "của quận được tổng hợp gửi Thường trực HĐND quận.";
  auto on_pavement = Story::Item(w.unit, tt, "Cử tri tổ dân phố số 2 phản ánh các hộ kinh doanh trên phố Hàng Khay lấn "
                                             "chiếm vỉa hè bày bán hàng, người đi bộ phải xuống lòng đường.", kHangKhay);
  on_pavement.attributes = {{"hinh_thuc", {"buon_ban"}}};
  const auto batch = DANVAN_TRY(s.service().CreateBatch(
      s.staff(), meeting,
      {on_pavement,
       Story::Item(w.unit, ht, "Cử tri đề nghị nạo vét, cải tạo rãnh thoát nước phố Lò Sũ: nhiều năm ngập úng mỗi khi "
                               "mưa lớn.", kLoSu),
       Story::Item(w.unit, cs, "Cử tri đề nghị bổ sung đèn chiếu sáng trong ngõ phố Hàng Tre.", kHangTreAlley)}));
  const auto& c1 = batch.second[0];
  const auto& c2 = batch.second[1];
  const auto& c3 = batch.second[2];
  s.StaffName("Bộ phận tiếp nhận phường Lý Thái Tổ (dữ liệu mẫu)");
  s.At(2022, 6, 23, 10);
  for (const auto* c : {&c1, &c2, &c3}) DANVAN_TRY(s.Do(*c, ConcernAction::kStart));
  s.At(2022, 6, 28, 15);
  DANVAN_TRY(s.Resolve(c1, "Tổ công tác trật tự đô thị phường đã ra quân, nhắc nhở 12 hộ và lập biên bản 03 hộ tái "
                           "phạm; duy trì kiểm tra hằng tuần.", 3));
  s.At(2022, 6, 30, 16);
  DANVAN_TRY(s.Resolve(c3, "Đã lắp 04 đèn LED chiếu sáng ngõ phố Hàng Tre.", 4));
  s.At(2022, 7, 1, 9);
  DANVAN_TRY(s.Rate(c3, 5, "Ngõ sáng sủa, an toàn hơn."));
  s.At(2022, 7, 4, 9);
  DANVAN_TRY(s.Note(c2, "Đã đưa vào kế hoạch duy tu hệ thống thoát nước năm 2022 của quận; chờ đơn vị thi công.", true));
  s.At(2022, 8, 10, 10);
  DANVAN_TRY(s.Resolve(c2, "Công ty TNHH MTV Thoát nước Hà Nội đã nạo vét, thay 20 m rãnh và nắp ga phố Lò Sũ.", 5));
  s.At(2022, 8, 12, 9);
  DANVAN_TRY(s.Rate(c2, 3, "Đã đỡ ngập nhưng làm chậm."));

  // Fixed, not fixed after all (reopened by the resident), fixed again; a twin sent the next morning.
  s.At(2022, 9, 5, 19, 30);
  const auto d = DANVAN_TRY(s.Send(Story::Item(w.unit, cs, "Đèn chiếu sáng công cộng trong ngõ phố Hàng Vôi (gần số 20) "
                                                          "bị hỏng, buổi tối tối om, đi lại không an toàn.", kHangVoi), 6));
  s.At(2022, 9, 6, 7, 10);
  const auto e = DANVAN_TRY(s.Send(Story::Item(w.unit, cs, "Ngõ Hàng Vôi mấy hôm nay mất đèn đường, tối không nhìn thấy "
                                                          "đường.", kHangVoi)));
  s.At(2022, 9, 6, 8, 30);
  DANVAN_TRY(s.Do(d, ConcernAction::kReceive));
  s.At(2022, 9, 6, 8, 40);
  DANVAN_TRY(s.Duplicate(e, d));
  s.At(2022, 9, 6, 9);
  DANVAN_TRY(s.Do(d, ConcernAction::kAssign, "", w.committee));
  s.At(2022, 9, 6, 12);
  DANVAN_TRY(s.Support(d));
  s.At(2022, 9, 7, 10);
  DANVAN_TRY(s.Resolve(d, "Đã thay bóng đèn hỏng trong ngõ.", 6));
  s.At(2022, 9, 12, 20);
  DANVAN_TRY(s.Reopen(d, "Đèn lại tắt sau ba hôm, tối nay ngõ vẫn tối."));
  s.At(2022, 9, 13, 8, 30);
  DANVAN_TRY(s.Do(d, ConcernAction::kStart));
  s.At(2022, 9, 14, 15);
  DANVAN_TRY(s.Resolve(d, "Đã thay bộ đèn LED và dây nguồn mới; tổ dân phố đã kiểm tra buổi tối 14/09.", 7));
  s.At(2022, 9, 15, 8);
  DANVAN_TRY(s.Rate(d, 4, "Lần này đèn sáng ổn định."));

  // Too vague to verify: the resident is asked, never answers, and the concern is refused with the listed reason.
  s.At(2022, 10, 17, 9);
  const auto f = DANVAN_TRY(s.Send(Story::Item(w.unit, tt, "Nhà hàng xóm ồn ào quá.", kNgoQuyen)));
  s.At(2022, 10, 17, 9, 50);
  DANVAN_TRY(s.Do(f, ConcernAction::kReceive));
  s.At(2022, 10, 17, 10);
  DANVAN_TRY(s.Do(f, ConcernAction::kWait, "Đề nghị ông/bà cho biết số nhà và khung giờ xảy ra để phường xác minh."));
  s.At(2022, 10, 31, 9);
  DANVAN_TRY(s.Do(f, ConcernAction::kReject, "Sau 10 ngày chưa nhận được thông tin bổ sung; đề nghị gửi lại phản ánh "
                                             "kèm số nhà, khung giờ cụ thể.", std::nullopt, "insufficient_information"));

  // A complaint against a decision: not this channel.
  s.At(2022, 11, 8, 10);
  const auto g = DANVAN_TRY(s.Send(Story::Item(w.unit, tt, "Tôi không đồng ý với quyết định xử phạt vi phạm hành chính "
                                                            "của UBND phường về việc để vật liệu xây dựng trên vỉa hè "
                                                            "trước nhà, đề nghị xem xét lại.", kLeLai)));
  s.At(2022, 11, 8, 14);
  DANVAN_TRY(s.Do(g, ConcernAction::kOutOfScope, "", std::nullopt, "complaint"));

  // Security, sent at night: urgent, to the police; the public sees neither the text nor the exact place.
  s.At(2022, 11, 25, 22, 10);
  const auto h = DANVAN_TRY(s.Send(Story::Item(w.unit, an, "Nhóm thanh niên tụ tập, phóng xe máy nẹt pô gây mất trật tự "
                                                          "khu vực Đinh Tiên Hoàng – Đinh Lễ từ 23h đến 1h sáng.", kDinhLe)));
  s.At(2022, 11, 28, 8, 15);
  DANVAN_TRY(s.Do(h, ConcernAction::kReceive));
  s.At(2022, 11, 28, 8, 20);
  DANVAN_TRY(s.Do(h, ConcernAction::kStart));
  s.At(2022, 11, 28, 11);
  DANVAN_TRY(s.Resolve(h, "Công an phường tăng cường tuần tra, kiểm soát khu vực từ 22h đến 2h; đã lập biên bản 03 "
                          "trường hợp điều khiển xe gây tiếng ồn.", 8));
  s.At(2022, 11, 29, 9);
  DANVAN_TRY(s.Rate(h, 5, ""));

  // Walked in: taken down by staff with the resident's name and phone; the photo the unit asked for arrives
  // the next morning. Not rated: closed when its days have passed.
  s.At(2022, 12, 1, 9, 30);
  const auto i = DANVAN_TRY(s.Intake(Story::Item(w.unit, ht, "Ông Trần Văn Bình (tổ dân phố số 4) đến trụ sở phản ánh: "
                                                             "nắp hố ga trước số 12 phố Lê Lai bị vỡ, nguy hiểm cho "
                                                             "người đi xe máy.", kLeLai),
                                     ConcernChannel::kWalkIn, "Trần Văn Bình (dữ liệu mẫu)", "0900 000 101"));
  s.At(2022, 12, 1, 10);
  DANVAN_TRY(s.Do(i, ConcernAction::kAssign, "", w.committee));
  s.At(2022, 12, 1, 14);
  DANVAN_TRY(s.Do(i, ConcernAction::kWait, "Đề nghị ông gửi ảnh hiện trạng để phường chuyển Công ty Thoát nước."));
  s.At(2022, 12, 2, 8);
  DANVAN_TRY(s.AddInformation(i, "Ảnh nắp hố ga chụp sáng nay.", 9));
  s.At(2022, 12, 6, 10);
  DANVAN_TRY(s.Resolve(i, "Đã thay nắp hố ga mới bằng gang cầu, đặt biển cảnh báo trong thời gian thi công.", 9));

  // The end of the year: answers not rated within their days close themselves.
  s.At(2022, 12, 31, 10);
  DANVAN_TRY(s.service().Sweep());
  return OkStatus();
}

// Phường Hoàn Kiếm, the last weeks of 2026: a concern in every status, some late.
Status Story2026(Story& s, const WardSetup& w) {
  s.StaffName("Bộ phận tiếp nhận phường Hoàn Kiếm (dữ liệu mẫu)");
  const auto vs = Code(w, "ve-sinh-moi-truong"), tt = Code(w, "trat-tu-do-thi"), cs = Code(w, "chieu-sang"),
             ht = Code(w, "ha-tang"), an = Code(w, "an-ninh-trat-tu"), khac = Code(w, "de-nghi-khac");

  // Closed: answered the next day, rated.
  s.At(2026, 11, 2, 19);
  const auto lamps = DANVAN_TRY(s.Send(Story::Item(w.unit, cs, "Hai cột đèn trang trí trên phố Tràng Tiền, đoạn gần phố "
                                                              "Hàng Bài, không sáng từ tối qua.", kTrangTien), 11));
  s.At(2026, 11, 3, 8, 20);
  DANVAN_TRY(s.Do(lamps, ConcernAction::kAssign, "", w.committee));
  s.At(2026, 11, 4, 15);
  DANVAN_TRY(s.Resolve(lamps, "Đã thay bộ nguồn của hai cột đèn; đèn sáng bình thường từ tối 04/11.", 11));
  s.At(2026, 11, 5, 8);
  DANVAN_TRY(s.Rate(lamps, 5, "Xử lý nhanh."));

  // In progress and late: a drain that needs the city's drainage company; a twin, and residents behind it.
  s.At(2026, 11, 9, 8, 10);
  const auto drain = DANVAN_TRY(s.Send(Story::Item(w.unit, ht, "Cống thoát nước phố Hàng Bài (đoạn giao Hàng Khay) bị tắc, "
                                                              "mỗi khi mưa nước tràn lên mặt đường.", kHangBai), 12));
  s.At(2026, 11, 9, 9);
  DANVAN_TRY(s.Do(drain, ConcernAction::kAssign, "", w.committee));
  s.At(2026, 11, 10, 9);
  DANVAN_TRY(s.Do(drain, ConcernAction::kStart));
  s.At(2026, 11, 12, 18);
  const auto twin = DANVAN_TRY(s.Send(Story::Item(w.unit, ht, "Phố Hàng Bài ngập sau mưa vì cống tắc.", kHangBai)));
  s.At(2026, 11, 13, 8, 30);
  DANVAN_TRY(s.Duplicate(twin, drain));
  DANVAN_TRY(s.Support(drain));
  DANVAN_TRY(s.Support(drain));
  s.At(2026, 11, 13, 9);
  DANVAN_TRY(s.Note(drain, "Đã gọi điện cho Xí nghiệp Thoát nước số 1, hẹn khảo sát.", false));
  s.At(2026, 11, 20, 10);
  DANVAN_TRY(s.Note(drain, "Phường đã đề nghị Công ty TNHH MTV Thoát nước Hà Nội nạo vét; đang chờ lịch thi công.", true));

  // Handed over by the Front to the committee, being handled.
  s.At(2026, 11, 10, 8, 30);
  const auto bulky = DANVAN_TRY(s.Send(Story::Item(w.unit, khac, "Đề nghị có lịch thu gom đồ cồng kềnh định kỳ cho các hộ "
                                                                "dân khu phố Hàng Khay – Bà Triệu.", kHangKhay)));
  s.At(2026, 11, 10, 10);
  DANVAN_TRY(s.Do(bulky, ConcernAction::kReceive));
  s.At(2026, 11, 10, 14);
  DANVAN_TRY(s.Do(bulky, ConcernAction::kHandOver, "Việc thu gom thuộc UBND phường: Ủy ban MTTQ phường chuyển và giám "
                                                   "sát kết quả.", w.committee));
  s.At(2026, 11, 11, 9);
  DANVAN_TRY(s.Do(bulky, ConcernAction::kStart));

  // Refused with a listed reason; a denunciation sent to the wrong channel.
  s.At(2026, 11, 16, 9);
  const auto ad = DANVAN_TRY(s.Send(Story::Item(w.unit, khac, "Cho vay tiền nhanh, lãi thấp, liên hệ ngay.", kHangKhay)));
  s.At(2026, 11, 16, 9, 30);
  DANVAN_TRY(s.Do(ad, ConcernAction::kReject, "", std::nullopt, "inappropriate_content"));
  s.At(2026, 11, 18, 10);
  const auto denounce = DANVAN_TRY(s.Send(Story::Item(w.unit, khac, "Tố cáo một cán bộ nhận tiền của hộ kinh doanh để bỏ "
                                                                   "qua vi phạm lấn chiếm vỉa hè.", kHangKhay)));
  s.At(2026, 11, 20, 11);  // after its receiving clock: late
  DANVAN_TRY(s.Do(denounce, ConcernAction::kOutOfScope, "", std::nullopt, "denunciation"));

  // The voters' meeting before the city council's year-end session.
  s.StaffName("Thư ký hội nghị tiếp xúc cử tri (dữ liệu mẫu)");
  s.At(2026, 11, 23, 9);
  ConcernBatch meeting;
  meeting.unit_id = w.unit;
  meeting.kind = "voters_meeting";
  meeting.title = "Hội nghị tiếp xúc cử tri của đại biểu HĐND thành phố Hà Nội với cử tri phường Hoàn Kiếm trước kỳ họp "
                  "thường lệ cuối năm 2026";
  meeting.held_on = "20/11/2026";
  meeting.place = "Hội trường UBND phường Hoàn Kiếm";
  meeting.minutes = "Biên bản hội nghị tiếp xúc cử tri ngày 20/11/2026 (dữ liệu mẫu): 120 cử tri dự; 9 ý kiến phát "
                    "biểu. Ba ý kiến thuộc thẩm quyền của phường được ghi nhận, chuyển xử lý và trả lời cử tri.";
  auto pavements = Story::Item(w.unit, tt, "Cử tri đề nghị tăng cường xử lý lấn chiếm vỉa hè trên các phố Hàng Khay, "
                                           "Bà Triệu.", kHangKhay);
  pavements.attributes = {{"hinh_thuc", {"buon_ban"}}};
  const auto batch = DANVAN_TRY(s.service().CreateBatch(
      s.staff(), meeting,
      {pavements,
       Story::Item(w.unit, an, "Cử tri đề nghị lắp thêm camera an ninh tại các ngõ nhỏ khu dân cư phố Hàng Tre.",
                   kHangTreAlley),
       Story::Item(w.unit, cs, "Cử tri đề nghị bổ sung chiếu sáng trong vườn hoa Lý Thái Tổ.", kLyThaiToGarden)}));
  s.StaffName("Bộ phận tiếp nhận phường Hoàn Kiếm (dữ liệu mẫu)");
  s.At(2026, 11, 23, 14);
  DANVAN_TRY(s.Do(batch.second[0], ConcernAction::kStart));
  DANVAN_TRY(s.Do(batch.second[1], ConcernAction::kStart));
  s.At(2026, 11, 27, 10);
  DANVAN_TRY(s.Resolve(batch.second[1], "Công an phường đã phối hợp tổ dân phố lắp 06 camera tại các ngõ phố Hàng Tre, "
                                        "kết nối về trụ sở Công an phường.", 13));
  s.At(2026, 11, 30, 9);
  DANVAN_TRY(s.Rate(batch.second[1], 4, ""));

  // Reopened: the smell came back.
  s.At(2026, 11, 23, 16);
  const auto smell = DANVAN_TRY(s.Send(Story::Item(w.unit, vs, "Cống ở đầu phố Hàng Khay bốc mùi hôi, nhất là buổi chiều.",
                                                  kHangKhayDrain)));
  s.At(2026, 11, 24, 8, 30);
  DANVAN_TRY(s.Do(smell, ConcernAction::kStart));
  s.At(2026, 11, 25, 15);
  DANVAN_TRY(s.Resolve(smell, "Đã thông hút bùn, phun chế phẩm khử mùi cống đầu phố Hàng Khay.", 14));
  s.At(2026, 12, 2, 17, 30);
  DANVAN_TRY(s.Reopen(smell, "Vẫn còn mùi vào buổi chiều, nhất là sau mưa."));

  // Urgent and late: answered after its four working hours.
  s.At(2026, 11, 27, 21, 30);
  const auto theft = DANVAN_TRY(s.Send(Story::Item(w.unit, an, "Mấy đêm nay có trộm cắp xe máy trong ngõ phố Hàng Tre.",
                                                  kHangTreAlley)));
  s.At(2026, 11, 30, 8, 10);
  DANVAN_TRY(s.Do(theft, ConcernAction::kReceive));
  s.At(2026, 11, 30, 8, 20);
  DANVAN_TRY(s.Do(theft, ConcernAction::kStart));
  s.At(2026, 11, 30, 15, 30);
  DANVAN_TRY(s.Resolve(theft, "Công an phường tăng cường tuần tra ban đêm trong ngõ, hướng dẫn các hộ lắp khóa chống trộm.",
                       15));
  s.At(2026, 12, 1, 9);
  DANVAN_TRY(s.Rate(theft, 3, "Cần tuần tra thường xuyên hơn."));

  // Waiting for the resident: on the lake's pavement, so the ward police's.
  s.At(2026, 12, 1, 10);
  auto cafe = Story::Item(w.unit, tt, "Quán cà phê lấn chiếm vỉa hè, khách để xe tràn xuống lòng đường phố Đinh Tiên "
                                      "Hoàng.", kDinhTienHoang);
  cafe.attributes = {{"hinh_thuc", {"do_xe"}}};
  const auto waiting = DANVAN_TRY(s.Send(cafe, 16));
  s.At(2026, 12, 1, 11);
  DANVAN_TRY(s.Do(waiting, ConcernAction::kReceive));
  s.At(2026, 12, 1, 14);
  DANVAN_TRY(s.Do(waiting, ConcernAction::kWait, "Đề nghị ông/bà cho biết số nhà và khung giờ thường xảy ra."));

  // Resolved, not rated yet.
  s.At(2026, 12, 1, 8, 30);
  auto rubble = Story::Item(w.unit, vs, "Phế thải xây dựng bị đổ trộm trong ngõ phố Bà Triệu, chắn lối đi.", kBaTrieu);
  rubble.attributes = {{"loai_rac", {"xay_dung"}}};
  const auto resolved = DANVAN_TRY(s.Send(rubble, 17));
  s.At(2026, 12, 1, 9, 30);
  DANVAN_TRY(s.Do(resolved, ConcernAction::kAssign, "", w.committee));
  s.At(2026, 12, 3, 10);
  DANVAN_TRY(s.Resolve(resolved, "Đã thu dọn toàn bộ phế thải; tổ dân phố phối hợp theo dõi, xử lý nếu tái diễn.", 17));

  // New, not received in time.
  s.At(2026, 12, 1, 20);
  DANVAN_TRY(s.Send(Story::Item(w.unit, vs, "Thùng rác công cộng trên phố Lý Thái Tổ bị vỡ nắp, rác vương vãi.",
                                kLyThaiToStreet), 18));
  // Assigned.
  s.At(2026, 12, 3, 18, 45);
  const auto late_lamps = DANVAN_TRY(s.Send(Story::Item(w.unit, cs, "Đèn chiếu sáng phố Lê Thái Tổ đoạn gần Nhà Thủy Tạ "
                                                                   "bật muộn, tắt sớm.", kLeThaiTo)));
  s.At(2026, 12, 4, 8, 20);
  DANVAN_TRY(s.Do(late_lamps, ConcernAction::kAssign, "", w.committee));
  // Received: taken down on the phone.
  s.At(2026, 12, 4, 9);
  auto parked = Story::Item(w.unit, tt, "Người dân gọi điện: ô tô đỗ trên vỉa hè trước số 5 phố Hàng Khay suốt ngày.",
                            kHangKhay5);
  parked.attributes = {{"hinh_thuc", {"do_xe"}}};
  DANVAN_TRY(s.Intake(parked, ConcernChannel::kPhone, "Lê Thị Mai (dữ liệu mẫu)", "0900 000 202"));
  // New, just sent.
  s.At(2026, 12, 4, 16, 20);
  DANVAN_TRY(s.Send(Story::Item(w.unit, ht, "Vỉa hè trước số 8 phố Tràng Tiền bị bong gạch, người đi bộ dễ vấp ngã.",
                                kTrangTien8), 19));
  return OkStatus();
}

}  // namespace

Status SeedConcerns(Services& services, int64_t ly_thai_to, int64_t hoan_kiem,
                    const std::map<std::string, int64_t>& orgs) {
  const Caller cli = CommandLineCaller();
  Story story(services);

  // The working calendar: the 2022 holidays as proposed from the Labour Code, confirmed at the end of 2021.
  story.At(2021, 12, 20, 9);
  const auto current = DANVAN_TRY(story.service().Calendar());
  DANVAN_TRY(story.service().SaveCalendar(
      cli, CalendarWithHolidays(current.calendar, 2022),
      "Ngày nghỉ lễ, Tết năm 2022 theo Bộ luật Lao động 2019, Điều 112 (dữ liệu mẫu)"));

  // The ward police of 2022, merged into phường Hoàn Kiếm's in 2025 like the ward itself; the new ward's
  // committee, Front and police.
  const auto ltt_police = DANVAN_TRY(services.community.CreateOrganisation(
      cli, {ly_thai_to, std::nullopt, "khac", "Công an phường Lý Thái Tổ", "01/01/2015"}));
  const auto hk_committee = DANVAN_TRY(services.community.CreateOrganisation(
      cli, {hoan_kiem, std::nullopt, "ubnd", "Ủy ban nhân dân phường Hoàn Kiếm", "01/07/2025"}));
  const auto hk_front = DANVAN_TRY(services.community.CreateOrganisation(
      cli, {hoan_kiem, std::nullopt, "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hoàn Kiếm", "01/07/2025"}));
  const auto hk_police = DANVAN_TRY(services.community.CreateOrganisation(
      cli, {hoan_kiem, std::nullopt, "khac", "Công an phường Hoàn Kiếm", "01/07/2025"}));

  const WardSetup old_ward{ly_thai_to, orgs.at("ubnd"), orgs.at("mttq"), ltt_police.id, "ltt"};
  story.At(2022, 1, 4, 9);
  DANVAN_TRY(SetUpWard(story, old_ward, false));
  DANVAN_TRY(Story2022(story, old_ward));

  DANVAN_TRY(services.community.EndOrganisation(cli, ltt_police.id, {"merged", "01/07/2025", std::nullopt, hk_police.id}));
  const WardSetup new_ward{hoan_kiem, hk_committee.id, hk_front.id, hk_police.id, "hk"};
  story.At(2025, 7, 1, 9);
  DANVAN_TRY(SetUpWard(story, new_ward, true));

  // A new version of the calendar with the 2026 holidays: open concerns would be counted again.
  story.At(2025, 12, 15, 9);
  const auto v1 = DANVAN_TRY(story.service().Calendar());
  DANVAN_TRY(story.service().SaveCalendar(
      cli, CalendarWithHolidays(v1.calendar, 2026),
      "Ngày nghỉ lễ, Tết năm 2026 theo Bộ luật Lao động 2019, Điều 112 (dữ liệu mẫu)"));
  DANVAN_TRY(Story2026(story, new_ward));
  return OkStatus();
}

}  // namespace danvan
