package nd30

import (
	"reflect"
	"testing"
	"time"
)

// TestPlaceDate checks the place-and-date line: the place without its
// level, leading zeros on days 1–9 and months 1–2 only.
func TestPlaceDate(t *testing.T) {
	zone := time.FixedZone("ICT", 7*3600)
	cases := []struct {
		place string
		at    time.Time
		want  string
	}{
		{"Phường Hoàn Kiếm", time.Date(2026, 12, 2, 9, 0, 0, 0, zone), "Hoàn Kiếm, ngày 02 tháng 12 năm 2026"},
		{"phường  Ba Đình ", time.Date(2026, 2, 14, 9, 0, 0, 0, zone), "Ba Đình, ngày 14 tháng 02 năm 2026"},
		{"Xã Sóc Sơn", time.Date(2026, 1, 9, 9, 0, 0, 0, zone), "Sóc Sơn, ngày 09 tháng 01 năm 2026"},
		{"Đặc khu Phú Quốc", time.Date(2026, 3, 10, 9, 0, 0, 0, zone), "Phú Quốc, ngày 10 tháng 3 năm 2026"},
		{"Thị trấn Đông Anh", time.Date(2026, 9, 30, 9, 0, 0, 0, zone), "Đông Anh, ngày 30 tháng 9 năm 2026"},
		{"Hoàn Kiếm", time.Date(2026, 11, 1, 9, 0, 0, 0, zone), "Hoàn Kiếm, ngày 01 tháng 11 năm 2026"},
		// a name that is only a level stays as it is.
		{"Phường", time.Date(2026, 11, 21, 9, 0, 0, 0, zone), "Phường, ngày 21 tháng 11 năm 2026"},
	}
	for _, c := range cases {
		if got := PlaceDate(c.place, c.at); got != c.want {
			t.Errorf("PlaceDate(%q, %v) = %q, want %q", c.place, c.at, got, c.want)
		}
	}
}

// TestIssuer checks the issuing body blocks of the ward and of a unit.
func TestIssuer(t *testing.T) {
	w := Ward("Phường Hoàn Kiếm")
	if got := w.Lines(); !reflect.DeepEqual(got, []string{"ỦY BAN NHÂN DÂN", "PHƯỜNG HOÀN KIẾM"}) {
		t.Errorf("Ward lines %q", got)
	}
	if !w.Bold(0) || !w.Bold(1) {
		t.Error("the ward's own lines are bold")
	}
	u := WardUnit("Phường Hoàn Kiếm", "Trung tâm Phục vụ hành chính công")
	if got := u.Lines(); !reflect.DeepEqual(got, []string{"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"}) {
		t.Errorf("WardUnit lines %q", got)
	}
	if u.Bold(0) || !u.Bold(1) {
		t.Error("the managing body's line is upright, the unit's bold")
	}
	if r := []rune(w.Rule()); len(r) < 4 || len(r) > len([]rune("PHƯỜNG HOÀN KIẾM"))/2 {
		t.Errorf("rule %q: a short rule, a third to a half of the name", w.Rule())
	}
	long := WardUnit("Phường Hoàn Kiếm", "Hội đồng đánh giá hiệu quả áp dụng và khả năng nhân rộng sáng kiến cải cách hành chính phường Hoàn Kiếm năm 2026")
	if r := []rune(long.Rule()); len(r) != 8 {
		t.Errorf("rule under a long name %q: at most 8 dashes", long.Rule())
	}
}

// TestDecisionSigner checks who signs a decision: the chairman named in
// the ward's record signs CHỦ TỊCH, anyone else for the chairman.
func TestDecisionSigner(t *testing.T) {
	cases := []struct {
		signer, chairman string
		want             Signature
	}{
		{"Chu Thanh Lương", "Chu Thanh Lương", Signature{Title: "CHỦ TỊCH", Name: "Chu Thanh Lương"}},
		{" chu  thanh lương", "Chu Thanh Lương", Signature{Title: "CHỦ TỊCH", Name: "chu thanh lương"}},
		{"Nguyễn Thị Thu Hà", "Chu Thanh Lương", Signature{Authority: "KT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Nguyễn Thị Thu Hà"}},
		{"Nguyễn Thị Thu Hà", "", Signature{Authority: "KT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Nguyễn Thị Thu Hà"}},
		{"", "Chu Thanh Lương", Signature{Title: "CHỦ TỊCH"}},
	}
	for _, c := range cases {
		if got := DecisionSigner(c.signer, c.chairman); got != c.want {
			t.Errorf("DecisionSigner(%q, %q) = %+v, want %+v", c.signer, c.chairman, got, c.want)
		}
	}
	if got := DecisionSigner("Nguyễn Thị Thu Hà", "Chu Thanh Lương").Head(); !reflect.DeepEqual(got, []string{"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}) {
		t.Errorf("head %q", got)
	}
}

// TestBlocks checks the other signature blocks.
func TestBlocks(t *testing.T) {
	cases := []struct {
		got  Signature
		head []string
		name string
	}{
		{CommitteeChairman("Chu Thanh Lương"), []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}, "Chu Thanh Lương"},
		{Maker("Lương Hoàng Long"), []string{"NGƯỜI LẬP BIỂU"}, "Lương Hoàng Long"},
		{CouncilChairOf("Nguyễn Thị Thu Hà"), []string{"CHỦ TỊCH HỘI ĐỒNG"}, "Nguyễn Thị Thu Hà"},
		{CouncilSecretaryOf("Nguyễn Thị Mai Loan"), []string{"THƯ KÝ HỘI ĐỒNG"}, "Nguyễn Thị Mai Loan"},
		{UnitHead("Trưởng phòng", "Phòng Văn hóa – Xã hội", "Đinh Thị Hương Giang", false), []string{"TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI"}, "Đinh Thị Hương Giang"},
		{UnitHead("Trưởng phòng", "Phòng Văn hóa – Xã hội", "Đinh Thị Hương Giang", true), []string{"TRƯỞNG PHÒNG"}, "Đinh Thị Hương Giang"},
		{UnitHead("Giám đốc", "Trung tâm Phục vụ hành chính công", "Trương Thị Hải Yến", false), []string{"GIÁM ĐỐC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"}, "Trương Thị Hải Yến"},
		{UnitHead("Trạm trưởng", "Trạm Y tế", "Đoàn Thị Hạnh", true), []string{"TRẠM TRƯỞNG"}, "Đoàn Thị Hạnh"},
		{UnitHead("", "Trạm Y tế", "", true), []string{"THỦ TRƯỞNG ĐƠN VỊ"}, ""},
		{UnitHead("", "Phòng Văn hóa – Xã hội", "", false), []string{"THỦ TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI"}, ""},
	}
	for _, c := range cases {
		if !reflect.DeepEqual(c.got.Head(), c.head) || c.got.Name != c.name {
			t.Errorf("block %+v: want head %q, name %q", c.got, c.head, c.name)
		}
	}
	if Maker("").Note != "(Ký, ghi rõ họ tên)" {
		t.Error("the maker's block asks for a name written by hand")
	}
	if CommitteeChairman("x").Note != "" {
		t.Error("an official's block has no note")
	}
}

// TestDecimal checks the Vietnamese number format.
func TestDecimal(t *testing.T) {
	cases := map[float64]string{93.5: "93,5", 90: "90", 70.25: "70,25", 66.666: "66,67", 1234567.5: "1.234.567,5",
		0: "0", -10: "-10", 1000: "1.000", -0.001: "0", 999.999: "1.000"}
	for v, want := range cases {
		if got := Decimal(v); got != want {
			t.Errorf("Decimal(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestUpper checks capitals of Vietnamese letters.
func TestUpper(t *testing.T) {
	if got := Upper(" Phường  Hoàn Kiếm đẹp ưu ơ "); got != "PHƯỜNG HOÀN KIẾM ĐẸP ƯU Ơ" {
		t.Errorf("Upper = %q", got)
	}
}

// TestInText checks names in running text and the blank date.
func TestInText(t *testing.T) {
	if got := CommitteeOf("Phường Hoàn Kiếm"); got != "Ủy ban nhân dân phường Hoàn Kiếm" {
		t.Errorf("CommitteeOf = %q", got)
	}
	if got := ChairmanOf("XÃ Sóc Sơn"); got != "Chủ tịch Ủy ban nhân dân xã Sóc Sơn" {
		t.Errorf("ChairmanOf = %q", got)
	}
	if got := InText("Hoàn Kiếm"); got != "Hoàn Kiếm" {
		t.Errorf("InText = %q", got)
	}
	if got := BlankPlaceDate("Phường Hoàn Kiếm", 2026); got != "Hoàn Kiếm, ngày      tháng      năm 2026" {
		t.Errorf("BlankPlaceDate = %q", got)
	}
}
