#pragma once
//! The minutes (biên bản) of a council session as an A4 portrait PDF: time and place, attendance and quorum,
//! the scores per model (weighted total, each criterion's mean and spread), the secret ballot's tallies, and
//! the results. A pure function of the struct; services/movement_minutes.cpp fills it from a session.

#include "core/date.hpp"
#include "core/error.hpp"
#include "documents/pdf/format.hpp"

#include <string>
#include <vector>

namespace danvan::documents {

struct MinutesMember {
  std::string name;
  std::string role;  //!< as printed: "Chủ tịch Hội đồng", "Thư ký", "Ủy viên"
  bool present = false;
};

struct MinutesCriterion {
  std::string name;
  double weight = 1;
  double max_score = 10;
  double mean = 0;
  double stddev = 0;  //!< the spread between members
  double min = 0;
  double max = 0;
  int scored_by = 0;
};

struct MinutesModel {
  std::string title;
  std::string owner;  //!< organisation or person
  std::string field;  //!< "Văn hóa – xã hội"
  double total = 0;   //!< weighted, 0–100
  bool complete = false;  //!< every member present scored every criterion
  std::vector<MinutesCriterion> criteria;
  int agree = 0, disagree = 0, abstain = 0;
  int needed = 0;  //!< agree votes needed to pass
  bool passed = false;
  std::string result;  //!< "Công nhận: Mô hình "Dân vận khéo" cấp cơ sở", "Không công nhận: …", "Chưa kết luận"
};

struct MinutesDocument {
  DocumentSystem system = DocumentSystem::kState;
  Issuer issuer;          //!< superior: the unit's People's Committee or Party committee; name: the council
  std::string number;     //!< may be empty: minutes are often unnumbered
  std::string place;      //!< in the date line and "Địa điểm"
  Date held_on;
  std::string summary;    //!< "Họp xét công nhận mô hình, điển hình "Dân vận khéo" năm 2022"
  std::string council_name;
  std::string campaign_title;
  std::vector<MinutesMember> members;
  int quorum_needed = 0;  //!< members who must attend
  bool quorum_met = false;
  double pass_score = 70;
  std::string threshold;  //!< how a ballot passes, in words: "hơn 50% tổng số thành viên Hội đồng"
  std::vector<MinutesModel> models;
  bool final = true;      //!< false while the session is not closed: the title says "DỰ THẢO" (draft)
  std::string chair;      //!< signs on the right
  std::string secretary;  //!< signs on the left; may be empty
};

//! Errors: "font_unavailable", "pdf_render_failed".
Result<std::string> RenderMinutesPdf(const MinutesDocument& minutes, const DocumentFormat& format);
Result<std::string> RenderMinutesPdf(const MinutesDocument& minutes);

}  // namespace danvan::documents
