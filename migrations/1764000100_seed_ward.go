package migrations

import (
	"time"

	"sangkien/internal/clock"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration seeds a fresh ward once: the eight fields of the directive,
// the default units, the current year's round with its rubric, and the
// organization record. Being a migration, it runs once per database and so
// never overwrites what a person changed afterwards.

// seedField is one field (lĩnh vực) of the directive, with the directive's text.
type seedField struct{ code, name, description string }

// seedFields are the fields of section 2 of the ward's directive.
var seedFields = []seedField{
	{"a", "Công tác chỉ đạo điều hành", "Các sáng kiến, giải pháp nhằm nâng cao hiệu quả hoạt động chỉ đạo, điều hành thực hiện các nhiệm vụ của công tác cải cách hành chính và vai trò, trách nhiệm của đội ngũ cán bộ, công chức, viên chức, nhất là vai trò của Lãnh đạo cơ quan, đơn vị, địa phương trong thực hiện cải cách hành chính."},
	{"b", "Cải cách thể chế", "Đưa ra những giải pháp mới nhằm nâng cao hiệu quả công tác ban hành văn bản quy phạm pháp luật; tăng tính khả thi, hiệu quả trong triển khai văn bản pháp luật trên địa bàn thành phố; chỉ ra những bất cập, tồn tại trong văn bản quy phạm pháp luật của địa phương, từ đó đề xuất giải pháp sửa đổi, bổ sung, loại bỏ các quy định không cần thiết vào văn bản quy phạm pháp luật nhằm thu hút đầu tư, phát triển kinh tế - xã hội của địa phương."},
	{"c", "Cải cách thủ tục hành chính", "Các sáng kiến, giải pháp mới nhằm thực hiện có hiệu quả việc rà soát, đơn giản hóa thủ tục hành chính; cách thức thực hiện để tiết kiệm thời gian, chi phí, công sức của cá nhân và tổ chức trong quá trình giải quyết thủ tục hành chính nhằm góp phần đẩy nhanh tiến trình phát triển kinh tế - xã hội ở địa phương. Cải tiến quy trình làm việc, loại bỏ, cắt giảm hoặc sửa đổi, bổ sung các thủ tục hành chính còn chồng chéo, mâu thuẫn, không còn phù hợp với địa phương, gây phiền hà cho việc tiếp nhận và xử lý công việc của tổ chức, cá nhân."},
	{"d", "Cải cách tổ chức bộ máy hành chính", "Các sáng kiến, giải pháp nhằm sắp xếp, tổ chức lại bộ máy bảo đảm khoa học, giúp cơ quan, đơn vị, địa phương thực hiện tốt chức năng, nhiệm vụ, thẩm quyền được giao đúng quy định của Chính phủ theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả, giảm đầu mối và thực hiện chức năng quản lý đa ngành, đa lĩnh vực, không để trùng lắp nhiệm vụ, góp phần nâng cao hiệu quả hoạt động chính quyền địa phương 02 cấp, xác định vị trí việc làm khoa học, phù hợp."},
	{"đ", "Cải cách chế độ công vụ", "Các sáng kiến, giải pháp đẩy mạnh cải cách chế độ công vụ, công chức, xây dựng đội ngũ cán bộ, công chức, viên chức; trách nhiệm và đạo đức công vụ, trách nhiệm xã hội, siết chặt kỷ luật, kỷ cương trong chỉ đạo, điều hành và thực thi công vụ của cán bộ, công chức. Các giải pháp quy trình đánh giá phân loại cán bộ, công chức, viên chức theo hướng dân chủ, công khai, minh bạch, lượng hóa các tiêu chí đánh giá và đề cao trách nhiệm người đứng đầu. Giải pháp nâng cao mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn thành phố."},
	{"e", "Cải cách tài chính công", "Các sáng kiến, giải pháp nhằm phân phối, sử dụng các nguồn lực tài chính hiệu quả; phát huy việc quản lý, giám sát tài chính; nghiên cứu, hoàn thiện chính sách và hệ thống thuế, các chính sách về thu nhập tiền lương, tiền công."},
	{"g", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "Các sáng kiến nhằm nâng cao việc ứng dụng công nghệ thông tin, chuyển đổi số vào hoạt động của cơ quan, đơn vị; Sáng kiến xây dựng các kịch bản điều hành cho Trung tâm giám sát, điều hành thông minh IOC đảm bảo kết nối liên thông, khai thác hiệu quả thông tin, dữ liệu phục vụ chỉ đạo, điều hành, phát triển kinh tế - xã hội của thành phố; các giải pháp tuyên truyền, phổ biến kiến thức về kỹ năng khai thác, sử dụng các nền tảng chuyển đổi số của chính quyền cho người dân, doanh nghiệp trên địa bàn thành phố; các sáng kiến, giải pháp thúc đẩy việc cung cấp, nghiên cứu phần mềm, dịch vụ công dễ sử dụng, tham mưu ứng dụng các quy trình ISO mới vào trong hoạt động quản lý của cơ quan, đơn vị."},
	{"h", "Nâng cao các chỉ số DTI, PCI, PAR Index, PGI", "Các sáng kiến, giải pháp nâng cao Chỉ số Chuyển đổi số cấp tỉnh (DTI), Chỉ số Năng lực cạnh tranh cấp tỉnh (PCI), Chỉ số Cải cách hành chính (PAR Index), Chỉ số Xanh cấp tỉnh (PGI) phù hợp phạm vi quản lý của ngành, cơ quan, đơn vị, địa phương."},
}

// seedUnit is one default unit of a ward under two-level local government.
type seedUnit struct{ code, name, kind string }

// seedUnits are the ward's units of docs/domain.md (Units, fields, the law).
var seedUnits = []seedUnit{
	{"VP", "Văn phòng HĐND và UBND", "department"},
	{"KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị", "department"},
	{"VHXH", "Phòng Văn hóa – Xã hội", "department"},
	{"TTPVHCC", "Trung tâm Phục vụ hành chính công", "service_center"},
	{"TTCUDVC", "Trung tâm Cung ứng dịch vụ công", "public_service"},
	{"TYT", "Trạm Y tế", "public_service"},
}

// seedCriterion is one criterion of the default rubric.
type seedCriterion struct {
	code, name, guidance string
	max                  float64
}

// seedCriteria is the default rubric of docs/domain.md (Scoring).
var seedCriteria = []seedCriterion{
	{"novelty", "Tính mới, tính sáng tạo", "Giải pháp chưa được áp dụng tại cơ quan, đơn vị; có cách làm mới, sáng tạo.", 30},
	{"applicability", "Khả năng áp dụng", "Đã được áp dụng hoặc áp dụng thử; điều kiện cần thiết để áp dụng rõ ràng, khả thi.", 20},
	{"effectiveness", "Hiệu quả, lợi ích mang lại", "Lợi ích thực tế: tiết kiệm thời gian, chi phí, công sức; nâng cao chất lượng phục vụ.", 30},
	{"replicability", "Khả năng nhân rộng", "Có thể nhân rộng tại các đơn vị, địa phương khác.", 20},
}

func init() {
	m.Register(seedWard, unseedWard)
}

// seedWard is the up migration.
func seedWard(app core.App) error {
	fieldsCol, err := app.FindCollectionByNameOrId("fields")
	if err != nil {
		return err
	}
	for i, f := range seedFields {
		r := core.NewRecord(fieldsCol)
		r.Set("code", f.code)
		r.Set("name", f.name)
		r.Set("description", f.description)
		r.Set("sort", i+1)
		if err := app.Save(r); err != nil {
			return err
		}
	}

	unitsCol, err := app.FindCollectionByNameOrId("units")
	if err != nil {
		return err
	}
	for _, u := range seedUnits {
		r := core.NewRecord(unitsCol)
		r.Set("code", u.code)
		r.Set("name", u.name)
		r.Set("kind", u.kind)
		r.Set("quota", 1)
		r.Set("active", true)
		if err := app.Save(r); err != nil {
			return err
		}
	}

	roundsCol, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	year := clock.Of(app).Now().Year()
	round := core.NewRecord(roundsCol)
	round.Set("year", year)
	// "trước ngày 25/9": the last day is 24/9, so the deadline is 25/9 00:00.
	round.Set("submission_deadline", clock.Date(year, time.September, 25).UTC())
	round.Set("decision_deadline", clock.Date(year, time.September, 30).UTC())
	round.Set("status", "open")
	round.Set("threshold", 50)
	round.Set("approval_ratio", 2.0/3.0)
	round.Set("aggregation", "mean")
	if err := app.Save(round); err != nil {
		return err
	}

	criteriaCol, err := app.FindCollectionByNameOrId("criteria")
	if err != nil {
		return err
	}
	for i, c := range seedCriteria {
		r := core.NewRecord(criteriaCol)
		r.Set("round", round.Id)
		r.Set("code", c.code)
		r.Set("name", c.name)
		r.Set("guidance", c.guidance)
		r.Set("max_points", c.max)
		r.Set("sort", i+1)
		if err := app.Save(r); err != nil {
			return err
		}
	}

	orgCol, err := app.FindCollectionByNameOrId("organization")
	if err != nil {
		return err
	}
	org := core.NewRecord(orgCol)
	org.Set("ward_name", "Phường (tên phường)")
	org.Set("city_name", "Thành phố (tên thành phố)")
	org.Set("address", "(địa chỉ trụ sở UBND phường)")
	org.Set("chairman_name", "(họ và tên Chủ tịch UBND phường)")
	return app.Save(org)
}

// unseedWard is the down migration: it removes the seeded records. It fails,
// and so changes nothing, once initiatives refer to them.
func unseedWard(app core.App) error {
	for _, name := range []string{"organization", "criteria", "rounds"} {
		records, err := app.FindAllRecords(name)
		if err != nil {
			return err
		}
		for _, r := range records {
			if err := app.Delete(r); err != nil {
				return err
			}
		}
	}
	for _, u := range seedUnits {
		if r, err := app.FindFirstRecordByData("units", "code", u.code); err == nil {
			if err := app.Delete(r); err != nil {
				return err
			}
		}
	}
	for _, f := range seedFields {
		if r, err := app.FindFirstRecordByData("fields", "code", f.code); err == nil {
			if err := app.Delete(r); err != nil {
				return err
			}
		}
	}
	return nil
}
